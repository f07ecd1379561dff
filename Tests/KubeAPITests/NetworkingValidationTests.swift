import Foundation
import Testing

@testable import KubeAPI

private let group = "networking.k8s.io"

private func messages(_ kind: String, _ text: String, old: String? = nil) throws -> [String] {
    try validationMessages(kind, group: group, text, old: old)
}

@Suite struct NetworkingValidationTests {
    @Test func ingressNeedsRulesOrADefaultBackend() throws {
        #expect(try messages("Ingress", #"{"metadata":{"name":"i","namespace":"d"},"spec":{}}"#) == [
            "spec: Invalid value: []: either `defaultBackend` or `rules` must be specified"
        ])
        let ok = #"{"metadata":{"name":"i","namespace":"d"},"spec":{"defaultBackend":{"service":{"name":"web","port":{"number":80}}}}}"#
        #expect(try messages("Ingress", ok).isEmpty)
    }

    @Test func ingressHostsPathsAndBackends() throws {
        let bad = """
            {"metadata":{"name":"i","namespace":"d"},"spec":{"ingressClassName":"Bad_Class","rules":[
              {"host":"10.0.0.1","http":{"paths":[
                {"path":"rel","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}},
                {"path":"/a//b","pathType":"Exact","backend":{"service":{"name":"web","port":{"name":"http","number":80}}}},
                {"path":"/x","backend":{"resource":{"kind":"Bucket","name":"b"},"service":{"name":"web"}}},
                {"path":"/y","pathType":"Regex","backend":{}}]}},
              {"host":"*.example.com","http":{"paths":[]}},
              {"host":"a.*.com"}]}}
            """
        #expect(try messages("Ingress", bad) == [
            "spec.ingressClassName: Invalid value: \"Bad_Class\": " + NameValidation.isDNS1123Subdomain("Bad_Class")[0],
            "spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address",
            "spec.rules[0].http.paths[0].path: Invalid value: \"rel\": must be an absolute path",
            "spec.rules[0].http.paths[1].path: Invalid value: \"/a//b\": must not contain '//'",
            "spec.rules[0].http.paths[1].backend: Invalid value: \"\": cannot set both port name & port number",
            "spec.rules[0].http.paths[2].pathType: Required value: pathType must be specified",
            "spec.rules[0].http.paths[2].backend: Invalid value: \"\": cannot set both resource and service backends",
            "spec.rules[0].http.paths[3].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"",
            "spec.rules[0].http.paths[3].backend: Invalid value: \"\": resource or service backend is required",
            "spec.rules[1].http.paths: Required value",
            "spec.rules[2].host: Invalid value: \"a.*.com\": " + NetworkingValidation.wildcardError,
        ])
    }

    @Test func ingressClassControllerIsADomainPrefixedPathAndImmutable() throws {
        let ok = #"{"metadata":{"name":"nginx"},"spec":{"controller":"k8s.io/ingress-nginx","parameters":{"kind":"P","name":"p","scope":"Namespace","namespace":"n"}}}"#
        #expect(try messages("IngressClass", ok).isEmpty)
        #expect(try messages("IngressClass", #"{"metadata":{"name":"c"},"spec":{"controller":"nginx","parameters":{"scope":"Cluster","namespace":"n"}}}"#) == [
            "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")",
            "spec.parameters.kind: Required value",
            "spec.parameters.name: Required value",
            "spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'",
        ])
        let moved = #"{"metadata":{"name":"nginx"},"spec":{"controller":"example.com/other"}}"#
        #expect(try messages("IngressClass", moved, old: ok) == [
            "spec.controller: Invalid value: \"example.com/other\": field is immutable"
        ])
    }

    @Test func networkPolicyDefaultsItsTypesAndProtocols() throws {
        var policy = try JSONValue.parse(#"{"spec":{"egress":[{"ports":[{"port":53},{"port":53,"protocol":"UDP"}]}]}}"#)
        Defaulting.apply(kind: "NetworkPolicy", group: group, to: &policy)
        #expect(policy["spec"]?["policyTypes"] == ["Ingress", "Egress"])
        #expect(policy["spec"]?["podSelector"] == [:])
        #expect(policy["spec"]?["egress"]?[0]?["ports"] == [["port": 53, "protocol": "TCP"], ["port": 53, "protocol": "UDP"]])
        var empty = try JSONValue.parse("{}")
        Defaulting.apply(kind: "NetworkPolicy", group: group, to: &empty)
        #expect(empty["spec"] == ["podSelector": [:], "policyTypes": ["Ingress"]])
    }

    @Test func networkPolicyPortsPeersAndTypes() throws {
        let bad = """
            {"metadata":{"name":"p","namespace":"d"},"spec":{"policyTypes":["Ingress","Ingress","Up"],
              "ingress":[{"ports":[{"protocol":"ICMP"},{"port":0},{"port":"http","endPort":90},{"port":80,"endPort":79}],
                "from":[{},{"ipBlock":{"cidr":"10.0.0.0/33"},"namespaceSelector":{}}]}],
              "egress":[{"to":[{"ipBlock":{"except":["10.1.0.0/16"]}}]}]}}
            """
        #expect(try messages("NetworkPolicy", bad) == [
            "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "spec.ingress[0].ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ingress[0].ports[2].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
            "spec.ingress[0].ports[3].endPort: Invalid value: 79: must be greater than or equal to `port`",
            "spec.ingress[0].from[0]: Required value: must specify a peer",
            "spec.ingress[0].from[1].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": " + IPValidation.invalidCIDR,
            "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
            "spec.egress[0].to[0].ipBlock.cidr: Required value",
            "spec.policyTypes[1]: Duplicate value: \"Ingress\"",
            "spec.policyTypes[2]: Unsupported value: \"Up\": supported values: \"Ingress\", \"Egress\"",
            "spec.policyTypes: Invalid value: [\"Ingress\",\"Ingress\",\"Up\"]: may not specify more than two policyTypes",
        ])
    }
}
