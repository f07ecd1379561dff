import Foundation
import Testing

@testable import KubeAPI

@Suite struct MetadataValidationTests {
    @Test func namespaceRules() throws {
        #expect(
            try validationCauses("Pod", #"{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x"}]}}"#)
                .hasCause("metadata.namespace", "Required value"))
        #expect(
            try validationCauses("Namespace", #"{"metadata":{"name":"n","namespace":"x"}}"#)
                .hasCause("metadata.namespace", "Forbidden: not allowed on this type"))
        #expect(
            try validationCauses("ConfigMap", #"{"metadata":{"name":"c","namespace":"Bad_NS"}}"#)
                .cause(at: "metadata.namespace")?.reason == "FieldValueInvalid")
    }

    @Test func nameOrGenerateName() throws {
        #expect(
            try validationCauses("ConfigMap", #"{"metadata":{"namespace":"d"}}"#)
                .hasCause("metadata.name", "Required value: name or generateName is required"))
        #expect(
            try validationCauses(
                "ConfigMap", #"{"metadata":{"name":"web-x7k2p","generateName":"web-","namespace":"d"}}"#
            ).isEmpty)
        #expect(
            try validationCauses("ConfigMap", #"{"metadata":{"name":"x","generateName":"Web-","namespace":"d"}}"#)
                .cause(at: "metadata.generateName") != nil)
    }

    @Test func labelsAnnotationsFinalizersOwners() throws {
        let causes = try validationCauses(
            "ConfigMap",
            """
            {"metadata":{"name":"c","namespace":"d",
              "labels":{"bad key":"v","ok":"bad value"},
              "annotations":{"Example.com/Key":"fine","a/b/c":"x"},
              "finalizers":["foo","example.com/ok","kubernetes"],
              "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","controller":true},
                                 {"apiVersion":"v1","kind":"Event","name":"e","uid":"u","controller":true}]}}
            """)
        #expect(causes.filter { $0.field == "metadata.labels" }.count == 2)
        #expect(causes.filter { $0.field == "metadata.annotations" }.count == 1)
        #expect(
            causes.hasCause(
                "metadata.finalizers[0]",
                "Invalid value: \"foo\": name is neither a standard finalizer name nor is it fully qualified"))
        #expect(causes.hasCause("metadata.ownerReferences.uid", "Invalid value: \"\": must not be empty"))
        #expect(
            causes.contains {
                $0.field == "metadata.ownerReferences"
                    && $0.message.hasSuffix("/v1, Kind=Event is disallowed from being an owner")
            })
        #expect(
            causes.contains {
                $0.field == "metadata.ownerReferences"
                    && $0.message.hasSuffix(
                        "Only one reference can have Controller set to true. Found \"true\" in references for ReplicaSet/rs and Event/e"
                    )
            })
    }

    @Test func annotationSizeLimit() throws {
        let big = String(repeating: "x", count: 256 * 1024)
        #expect(
            try validationCauses(
                "ConfigMap", #"{"metadata":{"name":"c","namespace":"d","annotations":{"a":"\#(big)"}}}"#
            )
            .hasCause("metadata.annotations", "Too long: may not be more than 262144 bytes"))
    }

    @Test func updateRules() throws {
        let old = #"{"metadata":{"name":"c","namespace":"d","uid":"u1","resourceVersion":"3","generation":4}}"#
        #expect(try validationCauses("ConfigMap", old, old: old).isEmpty)
        #expect(
            try validationCauses("ConfigMap", #"{"metadata":{"name":"c","namespace":"d","uid":"u1"}}"#, old: old)
                .hasCause("metadata.resourceVersion", "Invalid value: \"\": must be specified for an update"))
        let renamed = try validationCauses(
            "ConfigMap", #"{"metadata":{"name":"c2","namespace":"d","uid":"u2","resourceVersion":"3","generation":2}}"#,
            old: old)
        #expect(renamed.hasCause("metadata.name", "Invalid value: \"c2\": field is immutable"))
        #expect(renamed.hasCause("metadata.uid", "Invalid value: \"u2\": field is immutable"))
        #expect(renamed.hasCause("metadata.generation", "Invalid value: 2: must not be decremented"))
        let deleting =
            #"{"metadata":{"name":"c","namespace":"d","resourceVersion":"3","deletionTimestamp":"2024-01-01T00:00:00Z","finalizers":["a.io/x"]}}"#
        let added =
            #"{"metadata":{"name":"c","namespace":"d","resourceVersion":"3","deletionTimestamp":"2024-01-01T00:00:00Z","finalizers":["a.io/x","b.io/y"]}}"#
        #expect(
            try validationCauses("ConfigMap", added, old: deleting).hasCause(
                "metadata.finalizers",
                "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"b.io/y\"}"
            ))
    }

    @Test(arguments: [
        #"[1,2]"#,
        #"{"metadata":"oops"}"#,
        #"{"metadata":{"name":7,"namespace":"d","labels":{"a":1},"finalizers":"x","ownerReferences":{}}}"#,
        #"{"metadata":{"name":"c","namespace":"d","labels":[],"annotations":"a","generation":"1"}}"#,
    ])
    func wrongTypesInMetadataBecomeCauses(_ text: String) throws {
        let causes = try validationCauses("ConfigMap", text)
        #expect(!causes.isEmpty)
        #expect(causes.contains { $0.reason == "FieldValueTypeInvalid" || $0.reason == "FieldValueRequired" })
    }
}

@Suite struct CoreKindsValidationTests {
    @Test func namespaces() throws {
        #expect(try validationCauses("Namespace", #"{"metadata":{"name":"team-a"}}"#).isEmpty)
        #expect(
            try validationCauses("Namespace", #"{"metadata":{"name":"team.a"}}"#)
                .hasCause("metadata.name", "Invalid value: \"team.a\": must not contain dots"))
        #expect(
            try validationCauses("Namespace", #"{"metadata":{"name":"n"},"spec":{"finalizers":["foo"]}}"#)
                .hasCause(
                    "spec.finalizers",
                    "Invalid value: \"foo\": name is neither a standard finalizer name nor is it fully qualified"))
    }

    @Test func serviceAccountsAndLeases() throws {
        #expect(try validationCauses("ServiceAccount", #"{"metadata":{"name":"builder","namespace":"d"}}"#).isEmpty)
        let lease = try validationCauses(
            "Lease", group: "coordination.k8s.io",
            #"{"metadata":{"name":"node-1","namespace":"kube-node-lease","finalizers":["plain"]},"spec":{"leaseDurationSeconds":0,"leaseTransitions":-1}}"#
        )
        #expect(lease.hasCause("spec.leaseDurationSeconds", "Invalid value: 0: must be greater than 0"))
        #expect(lease.hasCause("spec.leaseTransitions", "Invalid value: -1: must be greater than or equal to 0"))
        #expect(lease.cause(at: "metadata.finalizers[0]") == nil)
    }

    @Test func configMapsAndSecrets() throws {
        let cm = try validationCauses(
            "ConfigMap",
            #"{"metadata":{"name":"c","namespace":"d"},"data":{"a/b":"x","ok.key":"y","dup":"1"},"binaryData":{"dup":"AA=="}}"#
        )
        #expect(
            cm.cause(at: "data[a/b]")?.message.hasPrefix(
                "Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters") == true)
        #expect(cm.hasCause("data[dup]", "Invalid value: \"dup\": duplicate of key present in binaryData"))
        #expect(cm.cause(at: "data[ok.key]") == nil)
        let tls = try validationCauses(
            "Secret", #"{"metadata":{"name":"s","namespace":"d"},"type":"kubernetes.io/tls","data":{"tls.crt":"AA=="}}"#
        )
        #expect(tls.hasCause("data[tls.key]", "Required value"))
        let old =
            #"{"metadata":{"name":"s","namespace":"d","resourceVersion":"1"},"type":"Opaque","immutable":true,"data":{"a":"AA=="}}"#
        let changed =
            #"{"metadata":{"name":"s","namespace":"d","resourceVersion":"1"},"type":"kubernetes.io/basic-auth","data":{"a":"AQ=="}}"#
        let update = try validationCauses("Secret", changed, old: old)
        #expect(update.hasCause("type", "Invalid value: \"kubernetes.io/basic-auth\": field is immutable"))
        #expect(update.hasCause("immutable", "Forbidden: field is immutable when `immutable` is set"))
        #expect(update.hasCause("data", "Forbidden: field is immutable when `immutable` is set"))
    }

    @Test func services() throws {
        #expect(
            try validationCauses(
                "Service",
                #"{"metadata":{"name":"web","namespace":"d"},"spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}"#
            ).isEmpty)
        #expect(
            try validationCauses("Service", #"{"metadata":{"name":"web","namespace":"d"},"spec":{}}"#).hasCause(
                "spec.ports", "Required value"))
        #expect(
            try validationCauses(
                "Service",
                #"{"metadata":{"name":"db","namespace":"d"},"spec":{"type":"ExternalName","externalName":"db.example.com."}}"#
            ).isEmpty)
        #expect(
            try validationCauses(
                "Service",
                #"{"metadata":{"name":"h","namespace":"d"},"spec":{"clusterIP":"None","selector":{"a":"b"}}}"#
            ).isEmpty)
        let bad = try validationCauses(
            "Service",
            """
            {"metadata":{"name":"1web","namespace":"d"},"spec":{"type":"Fancy","ports":[{"port":0,"name":"a"},{"port":81},{"port":82,"name":"a","nodePort":30001}]}}
            """)
        #expect(bad.cause(at: "metadata.name")?.message.contains("a DNS-1035 label") == true)
        #expect(
            bad.hasCause(
                "spec.type",
                "Unsupported value: \"Fancy\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""
            ))
        #expect(bad.hasCause("spec.ports[0].port", "Invalid value: 0: must be between 1 and 65535, inclusive"))
        #expect(bad.hasCause("spec.ports[1].name", "Required value"))
        #expect(bad.hasCause("spec.ports[2].name", "Duplicate value: \"a\""))
        let dupPorts = try validationCauses(
            "Service",
            #"{"metadata":{"name":"w","namespace":"d"},"spec":{"ports":[{"name":"a","port":80},{"name":"b","port":80,"nodePort":30000}]}}"#
        )
        #expect(
            dupPorts.hasCause(
                "spec.ports[1]",
                #"Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}"#
            ))
        #expect(dupPorts.hasCause("spec.ports[1].nodePort", "Forbidden: may not be used when `type` is 'ClusterIP'"))
    }

    @Test func serviceClusterIPIsImmutable() throws {
        let old =
            #"{"metadata":{"name":"w","namespace":"d","resourceVersion":"1"},"spec":{"clusterIP":"10.43.0.10","ports":[{"port":80}]}}"#
        let changed =
            #"{"metadata":{"name":"w","namespace":"d","resourceVersion":"1"},"spec":{"clusterIP":"10.43.0.11","ports":[{"port":80}]}}"#
        let omitted =
            #"{"metadata":{"name":"w","namespace":"d","resourceVersion":"1"},"spec":{"ports":[{"port":8080}]}}"#
        #expect(
            try validationCauses("Service", changed, old: old).hasCause(
                "spec.clusterIPs[0]", #"Invalid value: ["10.43.0.11"]: may not change once set"#))
        #expect(try validationCauses("Service", omitted, old: old).isEmpty)
        let badIP =
            #"{"metadata":{"name":"w","namespace":"d"},"spec":{"clusterIP":"10.43.0.300","ports":[{"port":80}]}}"#
        #expect(
            try validationCauses("Service", badIP).hasCause(
                "spec.clusterIPs[0]",
                "Invalid value: \"10.43.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"))
    }

    @Test func nodesEndpointsAndSlices() throws {
        let node = try validationCauses(
            "Node",
            """
            {"metadata":{"name":"n1"},"spec":{"taints":[{"key":"a","effect":"Sometimes"},{"key":"b","effect":"NoSchedule"},{"key":"b","effect":"NoSchedule"}],
             "podCIDRs":["10.42.0.0/33"]},"status":{"capacity":{"cpu":"-1"}}}
            """)
        #expect(
            node.hasCause(
                "metadata.taints[0].effect",
                "Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""
            ))
        #expect(
            node.cause(at: "metadata.taints[2]")?.message.hasSuffix("taints must be unique by key and effect pair")
                == true)
        #expect(
            node.hasCause(
                "spec.podCIDRs[0]",
                "Invalid value: \"10.42.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"))
        #expect(node.hasCause("status.capacity.cpu", "Invalid value: \"-1\": must be greater than or equal to 0"))
        let ep = try validationCauses(
            "Endpoints",
            """
            {"metadata":{"name":"web","namespace":"d"},"subsets":[{"addresses":[{"ip":"127.0.0.1"},{"ip":"nope"}],"ports":[{"port":80},{"port":81}]},{}]}
            """)
        #expect(
            ep.hasCause(
                "subsets[0].addresses[0].ip",
                "Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)"))
        #expect(
            ep.hasCause(
                "subsets[0].addresses[1].ip",
                "Invalid value: \"nope\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"))
        #expect(ep.hasCause("subsets[0].ports[0].name", "Required value"))
        #expect(ep.hasCause("subsets[1]", "Required value: must specify `addresses` or `notReadyAddresses`"))
        let slice = try validationCauses(
            "EndpointSlice", group: "discovery.k8s.io",
            """
            {"metadata":{"name":"web-abc","namespace":"d"},"addressType":"IPv5","endpoints":[{"addresses":[]}],"ports":[{"port":80},{"port":81}]}
            """)
        #expect(
            slice.hasCause("addressType", "Unsupported value: \"IPv5\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"")
        )
        #expect(slice.hasCause("endpoints[0].addresses", "Required value: must contain at least 1 address"))
        #expect(slice.hasCause("ports[1].name", "Duplicate value: \"\""))
    }

    @Test func events() throws {
        #expect(
            try validationCauses("Event", #"{"metadata":{"name":"e.1","namespace":"d"}}"#).hasCause(
                "involvedObject", "Required value"))
        #expect(
            try validationCauses(
                "Event",
                #"{"metadata":{"name":"e.1","namespace":"d"},"involvedObject":{"kind":"Pod","name":"p","namespace":"d"}}"#
            ).isEmpty)
        #expect(
            try validationCauses(
                "Event",
                #"{"metadata":{"name":"e.1","namespace":"d"},"involvedObject":{"kind":"Pod","name":"p","namespace":"other"}}"#
            )
            .hasCause("involvedObject.namespace", "Invalid value: \"other\": does not match event.namespace"))
    }

    /// Every kind survives values of the wrong JSON type anywhere it reads, reporting a cause.
    @Test(arguments: [
        (
            "Pod", "",
            #"{"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":5,"ports":[{"containerPort":"80"}]}]}}"#
        ),
        ("Pod", "", #"{"metadata":{"name":"p","namespace":"d"},"spec":{"containers":{"name":"a"}}}"#),
        ("Pod", "", #"{"metadata":{"name":"p","namespace":"d"},"spec":"nope"}"#),
        (
            "Pod", "",
            #"{"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[7,null,"x"],"volumes":[1],"tolerations":{}}}"#
        ),
        (
            "Pod", "",
            #"{"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":"x","resources":{"limits":{"cpu":[]}},"env":[{"name":1}]}]}}"#
        ),
        (
            "Service", "",
            #"{"metadata":{"name":"s","namespace":"d"},"spec":{"ports":[{"port":"80","targetPort":true}],"clusterIPs":"x"}}"#
        ),
        (
            "Deployment", "apps",
            #"{"metadata":{"name":"d","namespace":"d"},"spec":{"replicas":"3","selector":[],"template":5}}"#
        ),
        (
            "DaemonSet", "apps",
            #"{"metadata":{"name":"d","namespace":"d"},"spec":{"selector":{"matchLabels":"x"},"updateStrategy":"x"}}"#
        ),
        (
            "Job", "batch",
            #"{"metadata":{"name":"j","namespace":"d"},"spec":{"completions":1.5,"template":{"spec":{"restartPolicy":3}}}}"#
        ),
        ("ConfigMap", "", #"{"metadata":{"name":"c","namespace":"d"},"data":{"a":1},"binaryData":[]}"#),
        ("Secret", "", #"{"metadata":{"name":"s","namespace":"d"},"data":"x","type":4}"#),
        (
            "Node", "",
            #"{"metadata":{"name":"n"},"spec":{"taints":"x","podCIDRs":[1]},"status":{"capacity":{"cpu":{}}}}"#
        ),
        (
            "Endpoints", "",
            #"{"metadata":{"name":"e","namespace":"d"},"subsets":[{"addresses":[{"ip":1}],"ports":"x"}]}"#
        ),
        (
            "EndpointSlice", "discovery.k8s.io",
            #"{"metadata":{"name":"e","namespace":"d"},"addressType":1,"endpoints":[{"addresses":"x"}]}"#
        ),
        ("Event", "", #"{"metadata":{"name":"e","namespace":"d"},"involvedObject":"x"}"#),
        (
            "Lease", "coordination.k8s.io",
            #"{"metadata":{"name":"l","namespace":"d"},"spec":{"leaseDurationSeconds":"15"}}"#
        ),
        (
            "ReplicationController", "",
            #"{"metadata":{"name":"r","namespace":"d"},"spec":{"selector":"x","template":[]}}"#
        ),
        ("PriorityClass", "scheduling.k8s.io", #"{"metadata":{"name":"p"},"value":"1","preemptionPolicy":2}"#),
    ])
    func wrongTypesNeverCrash(_ kind: String, _ group: String, _ text: String) throws {
        let causes = try validationCauses(kind, group: group, text)
        #expect(!causes.isEmpty)
        let undefaulted = try validationCauses(kind, group: group, text, defaulted: false)
        #expect(undefaulted.contains { $0.reason == "FieldValueTypeInvalid" })
    }
}
