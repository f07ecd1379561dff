import Foundation
import KubeAPI
import KubeAPIServer
import Testing

@Suite struct AuditPolicyTests {
    static let policy = """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
        - level: None
          users: ["system:kube-scheduler"]
        - level: None
          nonResourceURLs: ["/healthz*", "/version"]
        - level: Metadata
          resources:
          - group: ""
            resources: ["secrets", "pods/log"]
        - level: Request
          verbs: ["create", "update"]
          namespaces: ["prod"]
        - level: Metadata
        """

    static let alice = UserInfo(username: "alice", groups: ["dev", "system:authenticated"])

    static func resource(_ verb: String, _ resource: String, sub: String = "", ns: String = "default", user: UserInfo = alice) -> AuthorizationAttributes {
        AuthorizationAttributes(user: user, verb: verb, resource: resource, subresource: sub, namespace: ns)
    }

    @Test func theFirstMatchingRuleSetsTheLevel() throws {
        let policy = try AuditPolicy(parsing: Self.policy)
        #expect(policy.level(for: Self.resource("list", "pods", user: UserInfo(username: "system:kube-scheduler"))) == .none)
        #expect(policy.level(for: AuthorizationAttributes(user: Self.alice, verb: "get", isResourceRequest: false, path: "/healthz/ping")) == .none)
        #expect(policy.level(for: AuthorizationAttributes(user: Self.alice, verb: "get", isResourceRequest: false, path: "/api")) == .metadata)
        #expect(policy.level(for: Self.resource("create", "secrets", ns: "prod")) == .metadata)
        #expect(policy.level(for: Self.resource("get", "pods", sub: "log")) == .metadata)
        #expect(policy.level(for: Self.resource("create", "configmaps", ns: "prod")) == .request)
        #expect(policy.level(for: Self.resource("create", "configmaps")) == .metadata)
        #expect(policy.level(for: Self.resource("get", "pods", sub: "exec")) == .metadata)
    }

    @Test func emptyPolicyRecordsNothingAndDefaultRecordsMetadata() {
        #expect(AuditPolicy(rules: []).level(for: Self.resource("get", "pods")) == .none)
        #expect(AuditPolicy.metadataForAll.level(for: Self.resource("get", "pods")) == .metadata)
    }

    @Test(arguments: [
        ("kind: Other\nrules: []", "kind: must be Policy"),
        ("kind: Policy\nrules: []", "rules: Required value"),
        ("kind: Policy\nrules:\n- level: Loud",
         "rules[0].level: Unsupported value: \"Loud\": supported values: \"None\", \"Metadata\", \"Request\", \"RequestResponse\""),
        ("kind: Policy\nrules:\n- level: None\n  nonResourceURLs: [/x]\n  namespaces: [a]",
         "rules[0]: rules cannot apply to both regular resources and non-resource URLs"),
    ])
    func badPoliciesAreRefused(_ text: String, _ message: String) {
        #expect(throws: AuditPolicy.Invalid(description: message)) { try AuditPolicy(parsing: text) }
    }

    @Test func eventsAreJSONLinesWithoutBodiesAtMetadata() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try AuditLog(path: path, policy: try AuditPolicy(parsing: Self.policy))
        let now = Date()
        let body = try JSONValue.parse(Array(#"{"kind":"Secret","data":{"p":"czNjcjN0"}}"#.utf8))
        log.record(.init(
            attributes: Self.resource("create", "secrets", ns: "prod"), requestURI: "/api/v1/namespaces/prod/secrets",
            userAgent: "kubectl", code: 201, received: now, finished: now, requestObject: body, streaming: false))
        log.record(.init(
            attributes: Self.resource("create", "configmaps", ns: "prod"), requestURI: "/api/v1/namespaces/prod/configmaps",
            userAgent: "kubectl", code: 201, received: now, finished: now, requestObject: try JSONValue.parse(Array(#"{"kind":"ConfigMap"}"#.utf8)), streaming: false))
        log.record(.init(
            attributes: Self.resource("list", "pods", user: UserInfo(username: "system:kube-scheduler")), requestURI: "/api/v1/pods",
            userAgent: "s", code: 200, received: now, finished: now, requestObject: nil, streaming: false))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let secret = try JSONValue.parse(Array(lines[0].utf8))
        #expect(secret["level"]?.stringValue == "Metadata")
        #expect(secret["user"]?["username"]?.stringValue == "alice")
        #expect(secret["objectRef"]?["resource"]?.stringValue == "secrets")
        #expect(secret["responseStatus"]?["code"]?.intValue == 201)
        #expect(secret["requestObject"] == nil)
        #expect(!lines[0].contains("czNjcjN0"))
        let configMap = try JSONValue.parse(Array(lines[1].utf8))
        #expect(configMap["level"]?.stringValue == "Request")
        #expect(configMap["requestObject"]?["kind"]?.stringValue == "ConfigMap")
    }

    @Test func requestResponseRecordsBothBodiesAndRequestOnlyTheRequest() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let policy = try AuditPolicy(parsing: "kind: Policy\nrules:\n- level: RequestResponse\n  verbs: [create]\n- level: Request")
        let log = try AuditLog(path: path, policy: policy)
        let now = Date()
        let sent = try JSONValue.parse(Array(#"{"kind":"ConfigMap","metadata":{"name":"c"}}"#.utf8))
        let answered = try JSONValue.parse(Array(#"{"kind":"ConfigMap","metadata":{"name":"c","uid":"u-1"}}"#.utf8))
        for verb in ["create", "update"] {
            log.record(.init(
                attributes: Self.resource(verb, "configmaps"), requestURI: "/api/v1/namespaces/default/configmaps",
                userAgent: "kubectl", code: 201, received: now, finished: now, requestObject: sent, streaming: false,
                responseObject: answered))
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSONValue.parse(Array($0.utf8)) }
        #expect(lines.count == 2)
        #expect(lines[0]["level"]?.stringValue == "RequestResponse")
        #expect(lines[0]["requestObject"]?["metadata"]?["uid"] == nil)
        #expect(lines[0]["responseObject"]?["metadata"]?["uid"]?.stringValue == "u-1")
        #expect(lines[1]["level"]?.stringValue == "Request")
        #expect(lines[1]["requestObject"]?["kind"]?.stringValue == "ConfigMap")
        #expect(lines[1]["responseObject"] == nil)
    }
}
