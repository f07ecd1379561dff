import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Table JSON shape")
struct TableJSONTests {
    typealias F = TableFixtures

    static let pod: JSONValue = [
        "metadata": [
            "name": "web-1", "namespace": "default", "uid": "u-1", "resourceVersion": "17",
            "creationTimestamp": F.ago(60), "labels": ["app": "web"],
        ],
        "spec": ["containers": [["name": "app", "image": "nginx"]]],
        "status": ["phase": "Succeeded"],
    ]

    func table(
        _ objects: [JSONValue], listMeta: JSONValue? = nil, include: IncludeObjectPolicy = .metadata,
        headers: Bool = true
    ) -> JSONValue {
        TableConvertor.table(
            group: "", resource: "pods", objects: objects, listMeta: listMeta, includeObject: include,
            includeColumnDefinitions: headers, now: F.now)
    }

    @Test func listTableShape() throws {
        let t = table(
            [Self.pod, Self.pod], listMeta: ["resourceVersion": "42", "continue": "", "remainingItemCount": 3])
        let top = try #require(t.objectValue)
        #expect(top.keys == ["kind", "apiVersion", "metadata", "columnDefinitions", "rows"])
        #expect(t["kind"] == "Table")
        #expect(t["apiVersion"] == "meta.k8s.io/v1")
        #expect(t["metadata"] == ["resourceVersion": "42", "remainingItemCount": 3])
        let columns = try #require(t["columnDefinitions"]?.arrayValue)
        #expect(columns.count == 9)
        #expect(columns[0].objectValue?.keys == ["name", "type", "format", "description", "priority"])
        #expect(columns[0]["name"] == "Name")
        #expect(columns[0]["format"] == "name")
        #expect(columns[0]["priority"] == 0)
        #expect(columns[5]["name"] == "IP")
        #expect(columns[5]["priority"] == 1)
        #expect(columns[5]["format"] == "")
        #expect(t["rows"]?.arrayValue?.count == 2)
    }

    @Test func rowsCarryCellsConditionsAndPartialMetadata() throws {
        let row = try #require(table([Self.pod])["rows"]?.arrayValue?.first)
        #expect(row.objectValue?.keys == ["cells", "conditions", "object"])
        #expect(row["cells"] == ["web-1", "0/1", "Succeeded", "0", "60s", "<none>", "<none>", "<none>", "<none>"])
        #expect(row["conditions"]?.arrayValue?.first?["type"] == "Completed")
        let object = try #require(row["object"])
        #expect(object.objectValue?.keys == ["kind", "apiVersion", "metadata"])
        #expect(object["kind"] == "PartialObjectMetadata")
        #expect(object["apiVersion"] == "meta.k8s.io/v1")
        #expect(object["metadata"] == Self.pod["metadata"])
    }

    @Test func runningPodRowHasNoConditions() throws {
        var pod = Self.pod
        pod.set("Running", at: ["status", "phase"])
        let row = try #require(table([pod])["rows"]?.arrayValue?.first)
        #expect(row.objectValue?.keys == ["cells", "object"])
    }

    @Test func serializedPrefixMatchesKubernetes() {
        let text = table([Self.pod], listMeta: ["resourceVersion": "42"]).jsonString
        #expect(
            text.hasPrefix(
                #"{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"42"},"columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"Name must be unique"#
            ))
        #expect(
            text.contains(
                #""object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web-1""#))
    }

    @Test func includeObjectPolicies() throws {
        let none = try #require(table([Self.pod], include: .none)["rows"]?.arrayValue?.first)
        #expect(none["object"] == .null)
        let full = try #require(table([Self.pod], include: .object)["rows"]?.arrayValue?.first?["object"])
        #expect(full.objectValue?.keys == ["kind", "apiVersion", "metadata", "spec", "status"])
        #expect(full["kind"] == "Pod")
        #expect(full["apiVersion"] == "v1")
        #expect(full["spec"] == Self.pod["spec"])
        #expect(IncludeObjectPolicy(rawValue: "Object") == .object)
        #expect(IncludeObjectPolicy(rawValue: "Metadata") == .metadata)
        #expect(IncludeObjectPolicy(rawValue: "None") == IncludeObjectPolicy.none)
    }

    @Test func fullObjectKeepsItsOwnTypeMeta() throws {
        var pod = Self.pod
        pod["apiVersion"] = "v1"
        pod["kind"] = "Pod"
        let full = try #require(table([pod], include: .object)["rows"]?.arrayValue?.first?["object"])
        #expect(full == pod)
        let deployment = TableConvertor.table(
            group: "apps", resource: "deployments", objects: [["metadata": ["name": "d"]]], includeObject: .object,
            now: F.now)
        #expect(deployment["rows"]?.arrayValue?.first?["object"]?["apiVersion"] == "apps/v1")
    }

    @Test func watchStyleRowsOmitColumnDefinitions() {
        let t = table([Self.pod], headers: false)
        #expect(t["columnDefinitions"] == .null)
        #expect(t.jsonString.contains(#""columnDefinitions":null"#))
    }

    @Test func singleObjectTakesItsResourceVersion() {
        #expect(table([Self.pod])["metadata"] == ["resourceVersion": "17"])
        #expect(table([Self.pod, Self.pod])["metadata"] == [:])
    }

    @Test func emptyListAndOddItems() throws {
        let empty = table([], listMeta: ["resourceVersion": "9"])
        #expect(empty["rows"] == [])
        #expect(empty.jsonString.hasSuffix(#""rows":[]}"#))
        let odd = table([.null, "x", ["metadata": "bad"]])
        let rows = try #require(odd["rows"]?.arrayValue)
        #expect(rows.count == 3)
        for row in rows { #expect(row["object"]?["metadata"] == .object(JSONObject())) }
        #expect(rows.allSatisfy { $0["cells"]?.arrayValue?.count == 9 })
    }

    @Test func defaultTable() throws {
        let t = TableConvertor.table(
            group: "stable.example.com", resource: "crontabs",
            objects: [["metadata": ["name": "c1", "creationTimestamp": F.ago(30)]]], listMeta: ["resourceVersion": "5"],
            now: F.now)
        #expect(t["columnDefinitions"]?.arrayValue?.map { $0["name"] ?? .null } == ["Name", "Age"])
        #expect(t["rows"]?.arrayValue?.first?["cells"] == ["c1", "30s"])
    }
}
