import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("OpenAPI v3 documents")
struct OpenAPITests {
    let schema = SchemaRegistry.standard
    let resources = ResourceCatalog.all

    func document(_ group: String, _ version: String = "v1") throws -> JSONValue {
        try #require(OpenAPIV3.document(group: group, version: version, schema: schema, resources: resources))
    }

    /// The PATCH operations whose `x-kubernetes-group-version-kind` is `gvk`.
    func patchOperations(_ doc: JSONValue, gvk: GroupVersionKind) -> [JSONValue] {
        guard let paths = doc["paths"]?.objectValue else { return [] }
        return paths.compactMap { member -> JSONValue? in
            guard let op = member.value["patch"], let ext = op["x-kubernetes-group-version-kind"] else { return nil }
            let matches =
                ext["group"]?.stringValue == gvk.group && ext["version"]?.stringValue == gvk.version
                && ext["kind"]?.stringValue == gvk.kind
            // `nil` alone would become JSONValue.null here: JSONValue is ExpressibleByNilLiteral.
            return matches ? Optional(op) : Optional.none
        }
    }

    @Test func indexListsEveryGroupVersion() throws {
        let index = OpenAPIV3.index(schema: schema, resources: resources)
        let paths = try #require(index["paths"]?.objectValue)
        let expected = [
            "api/v1", "apis/apps/v1", "apis/batch/v1", "apis/scheduling.k8s.io/v1", "apis/rbac.authorization.k8s.io/v1",
            "apis/authentication.k8s.io/v1", "apis/authorization.k8s.io/v1", "apis/certificates.k8s.io/v1", "apis/coordination.k8s.io/v1",
            "apis/discovery.k8s.io/v1", "apis/networking.k8s.io/v1",
        ]
        #expect(paths.keys == expected)
        for (path, entry) in paths.map({ ($0.key, $0.value) }) {
            let url = try #require(entry["serverRelativeURL"]?.stringValue)
            #expect(url.hasPrefix("/openapi/v3/\(path)?hash="))
            let hash = url.split(separator: "=").last.map(String.init) ?? ""
            #expect(hash.count == 32 && hash.allSatisfy { $0.isHexDigit && !$0.isLowercase })
        }
        #expect(OpenAPIV3.document(group: "policy", version: "v1", schema: schema, resources: resources) == nil)
    }

    @Test func hashIsStableAndContentSensitive() throws {
        let a = try document("")
        let b = try document("")
        #expect(OpenAPIV3.hash(a) == OpenAPIV3.hash(b))
        #expect(OpenAPIV3.hash(a) != OpenAPIV3.hash(try document("apps")))
        #expect(OpenAPIV3.hash([]) != OpenAPIV3.hash([0]))
        let index = OpenAPIV3.index(schema: schema, resources: resources)
        #expect(index["paths"]?["api/v1"]?["serverRelativeURL"]?.stringValue == "/openapi/v3/api/v1?hash=\(OpenAPIV3.hash(a))")
    }

    @Test func podPatchAdvertisesFieldValidationAndPatchTypes() throws {
        let doc = try document("")
        #expect(doc["openapi"]?.stringValue == "3.0.0")
        let patch = try #require(doc["paths"]?["/api/v1/namespaces/{namespace}/pods/{name}"]?["patch"])
        let params = try #require(patch["parameters"]?.arrayValue)
        for name in ["fieldValidation", "fieldManager", "dryRun", "force"] {
            #expect(params.contains { $0["name"]?.stringValue == name && $0["in"]?.stringValue == "query" }, "\(name)")
        }
        let content = try #require(patch["requestBody"]?["content"]?.objectValue)
        for type in [
            "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
            "application/apply-patch+yaml",
        ] {
            #expect(content[type] != nil, "\(type)")
        }
        #expect(patch["x-kubernetes-action"]?.stringValue == "patch")
        let gvk = patch["x-kubernetes-group-version-kind"]
        #expect(gvk == ["group": "", "kind": "Pod", "version": "v1"])
    }

    /// kubectl's query-param verifier takes the first PATCH operation it meets for a kind, in map
    /// order, so every one of them must carry `fieldValidation`.
    @Test func everyPatchOperationOfEveryKindHasFieldValidation() throws {
        for (group, version) in OpenAPIV3.groupVersions(resources) {
            let doc = try document(group, version)
            // Reviews are only created: they have no PATCH.
            for resource in resources where resource.group == group && resource.version == version && resource.isStored {
                let ops = patchOperations(doc, gvk: resource.gvk)
                #expect(!ops.isEmpty, "no PATCH for \(resource.gvk)")
                for op in ops {
                    let params = op["parameters"]?.arrayValue ?? []
                    #expect(params.contains { $0["name"]?.stringValue == "fieldValidation" }, "\(resource.gvk)")
                    #expect(op["requestBody"]?["content"]?["application/strategic-merge-patch+json"] != nil)
                }
            }
        }
    }

    @Test func topLevelSchemasCarryTheirGroupVersionKind() throws {
        let doc = try document("apps")
        let schemas = try #require(doc["components"]?["schemas"]?.objectValue)
        let deployment = try #require(schemas["io.k8s.api.apps.v1.Deployment"])
        #expect(deployment["x-kubernetes-group-version-kind"] == [["group": "apps", "kind": "Deployment", "version": "v1"]])
        #expect(deployment["type"] == "object")
        #expect(deployment["properties"]?["spec"]?["allOf"] == [["$ref": "#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec"]])
        #expect(schemas["io.k8s.api.apps.v1.DeploymentList"]?["required"] == ["items"])
        // The scale subresource brings autoscaling/v1 Scale into the apps document.
        #expect(schemas["io.k8s.api.autoscaling.v1.Scale"] != nil)
        let scalePatch = doc["paths"]?["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]?["patch"]
        #expect(scalePatch?["x-kubernetes-group-version-kind"] == ["group": "autoscaling", "kind": "Scale", "version": "v1"])
        #expect(schemas["io.k8s.api.core.v1.Service"] == nil)
    }

    @Test func patchAndApplyExtensions() throws {
        let schemas = try #require(try document("")["components"]?["schemas"])
        let containers = try #require(schemas["io.k8s.api.core.v1.PodSpec"]?["properties"]?["containers"])
        #expect(containers["x-kubernetes-patch-merge-key"] == "name")
        #expect(containers["x-kubernetes-patch-strategy"] == "merge")
        #expect(containers["x-kubernetes-list-type"] == "map")
        #expect(containers["x-kubernetes-list-map-keys"] == ["name"])
        #expect(containers["items"] == ["$ref": "#/components/schemas/io.k8s.api.core.v1.Container"])
        let volumes = schemas["io.k8s.api.core.v1.PodSpec"]?["properties"]?["volumes"]
        #expect(volumes?["x-kubernetes-patch-strategy"] == "merge,retainKeys")
        let ports = schemas["io.k8s.api.core.v1.Container"]?["properties"]?["ports"]
        #expect(ports?["x-kubernetes-list-map-keys"] == ["containerPort", "protocol"])
        #expect(ports?["x-kubernetes-patch-merge-key"] == "containerPort")
        let finalizers = schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]?["properties"]?["finalizers"]
        #expect(finalizers?["x-kubernetes-list-type"] == "set")
        #expect(finalizers?["x-kubernetes-patch-strategy"] == "merge")
        let created = schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]?["properties"]?["creationTimestamp"]
        #expect(created?["type"] == "string")
        #expect(created?["format"] == "date-time")
        let limits = schemas["io.k8s.api.core.v1.ResourceRequirements"]?["properties"]?["limits"]
        #expect(limits?["additionalProperties"] == ["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity"])
        #expect(schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"]?["x-kubernetes-int-or-string"] == true)
        #expect(schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]?["x-kubernetes-int-or-string"] == true)
        #expect(schemas["io.k8s.api.core.v1.Volume"]?["x-kubernetes-preserve-unknown-fields"] == true)
        #expect(schemas["io.k8s.api.core.v1.Container"]?["required"] == ["name"])
        #expect(schemas["io.k8s.api.core.v1.Container"]?["description"]?.stringValue?.isEmpty == false)
        let jobConditions = try document("batch")["components"]?["schemas"]?["io.k8s.api.batch.v1.JobStatus"]?["properties"]?["conditions"]
        #expect(jobConditions?["x-kubernetes-list-type"] == "atomic")
        #expect(jobConditions?["x-kubernetes-patch-merge-key"] == "type")
    }

    @Test func everyRefResolvesWithinItsDocument() throws {
        for (group, version) in OpenAPIV3.groupVersions(resources) {
            let doc = try document(group, version)
            let schemas = try #require(doc["components"]?["schemas"]?.objectValue)
            let all = schemaRefs(in: doc)
            #expect(!all.isEmpty)
            for ref in all {
                #expect(ref.hasPrefix("#/components/schemas/"), "\(ref)")
                #expect(schemas[String(ref.dropFirst("#/components/schemas/".count))] != nil, "\(group)/\(version): \(ref)")
            }
        }
    }

    /// Mirrors `kubectl explain`: a collection or object path of the resource has an operation with
    /// the kind's GVK, and some schema lists that GVK.
    @Test func explainCanFindEveryResource() throws {
        // Reviews have no GET to carry their kind; kubectl explain finds them by their schema alone.
        for resource in resources where resource.isStored {
            let doc = try document(resource.group, resource.version)
            let prefix = resource.groupVersionPath
            let candidates = [
                "\(prefix)/\(resource.resource)", "\(prefix)/\(resource.resource)/{name}",
                "\(prefix)/namespaces/{namespace}/\(resource.resource)",
                "\(prefix)/namespaces/{namespace}/\(resource.resource)/{name}",
            ]
            let gvk = candidates.lazy.compactMap { doc["paths"]?[$0]?["get"]?["x-kubernetes-group-version-kind"] }.first
            #expect(gvk == OpenAPISchemas.gvkValue(resource.gvk), "\(resource.resource)")
            let schemas = doc["components"]?["schemas"]?.objectValue ?? JSONObject()
            let owner = schemas.first { $0.value["x-kubernetes-group-version-kind"]?.arrayValue?.contains(gvk ?? .null) == true }
            #expect(owner?.key == resource.definition)
        }
    }

    @Test func pathsCoverCollectionsObjectsAndSubresources() throws {
        let paths = try #require(try document("")["paths"]?.objectValue)
        #expect(paths["/api/v1/"]?["get"] != nil)
        #expect(paths["/api/v1/pods"]?["get"]?["operationId"] == "listCoreV1PodForAllNamespaces")
        let collection = paths["/api/v1/namespaces/{namespace}/pods"]
        #expect(collection?["get"]?["x-kubernetes-action"] == "list")
        #expect(collection?["post"]?["operationId"] == "createCoreV1NamespacedPod")
        #expect(collection?["delete"]?["x-kubernetes-action"] == "deletecollection")
        #expect(paths["/api/v1/namespaces/{namespace}/pods/{name}/status"]?["put"] != nil)
        let binding = paths["/api/v1/namespaces/{namespace}/pods/{name}/binding"]?["post"]
        #expect(binding?["x-kubernetes-group-version-kind"] == ["group": "", "kind": "Binding", "version": "v1"])
        #expect(paths["/api/v1/nodes/{name}"]?["patch"] != nil)
        #expect(paths["/api/v1/namespaces/{namespace}/nodes"] == nil)
        let leases = try #require(try document("coordination.k8s.io")["paths"]?.objectValue)
        #expect(leases["/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases"]?["get"]?["tags"] == ["coordination_v1"])
    }

    @Test func servedDocumentsMatchTheIndex() throws {
        let docs = OpenAPIV3Documents(schema: schema, resources: resources)
        let index = try JSONValue.parse(docs.index)
        for (path, entry) in (index["paths"]?.objectValue ?? JSONObject()).map({ ($0.key, $0.value) }) {
            let served = try #require(docs.document(path: "/openapi/v3/\(path)"))
            #expect(entry["serverRelativeURL"]?.stringValue == "/openapi/v3/\(path)?hash=\(served.hash)")
            #expect(OpenAPIV3.hash(served.bytes) == served.hash)
        }
        #expect(docs.document(path: "apis/apps/v1/") != nil)
        #expect(docs.document(path: "apis/policy/v1") == nil)
    }
}
