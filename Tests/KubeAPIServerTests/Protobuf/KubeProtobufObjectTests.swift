import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Kubernetes protobuf bodies: core objects")
struct KubeProtobufObjectTests {
    @Test("a Namespace: apiVersion and kind first, empty Go strings dropped, empty messages kept")
    func namespace() throws {
        let body = ProtoWriter.body("v1", "Namespace") { o in
            o.goObjectMeta(1, name: "demo", labels: [("team", "a"), ("empty", "")])
            o.message(2) { s in s.string(1, "kubernetes") }
            o.message(3) { s in s.string(1, "") }
        }
        let decoded = try KubeProtobuf.decode(body)
        #expect(decoded.objectValue?.keys == ["apiVersion", "kind", "metadata", "spec", "status"])
        #expect(
            decoded
                == (try jsonValue(
                    """
                    {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"demo","labels":{"team":"a","empty":""}},
                     "spec":{"finalizers":["kubernetes"]},"status":{}}
                    """)))
        #expect(decoded["metadata"]?.objectValue?.keys == ["name", "labels"])
    }

    @Test("a ConfigMap: data, binaryData as base64, immutable false kept because it is a pointer")
    func configMap() throws {
        let body = ProtoWriter.body("v1", "ConfigMap") { o in
            o.goObjectMeta(1, name: "cfg", namespace: "prod")
            o.entry(2, "b", "2")
            o.entry(2, "a", "1")
            o.message(3) { e in
                e.string(1, "blob")
                e.bytes(2, [0, 1, 0xFE, 0xFF])
            }
            o.bool(4, false)
        }
        let decoded = try KubeProtobuf.decode(body)
        #expect(
            decoded
                == (try jsonValue(
                    """
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"prod"},
                     "data":{"b":"2","a":"1"},"binaryData":{"blob":"AAH+/w=="},"immutable":false}
                    """)))
        #expect(decoded["data"]?.objectValue?.keys == ["b", "a"])
    }

    @Test("a Secret: bytes values become base64, a missing map value is empty")
    func secret() throws {
        let body = ProtoWriter.body("v1", "Secret") { o in
            o.goObjectMeta(1, name: "creds")
            o.message(2) { e in
                e.string(1, "password")
                e.bytes(2, Array("s3cr=t".utf8))
            }
            o.message(2) { e in e.string(1, "none") }
            o.string(3, "Opaque")
            o.entry(4, "plain", "text")
        }
        let decoded = try KubeProtobuf.decode(body)
        #expect(
            decoded
                == (try jsonValue(
                    """
                    {"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds"},
                     "data":{"password":"czNjcj10","none":""},"type":"Opaque","stringData":{"plain":"text"}}
                    """)))
    }

    @Test("a Service: targetPort as number and as name, port 0 kept because JSON always writes it")
    func service() throws {
        let body = ProtoWriter.body("v1", "Service") { o in
            o.goObjectMeta(1, name: "web")
            o.message(2) { s in
                s.message(1) { p in
                    p.string(1, "http")
                    p.string(2, "TCP")
                    p.int(3, 80)
                    p.intOrString(4, 8080)
                    p.int(5, 0)
                }
                s.message(1) { p in
                    p.string(1, "https")
                    p.string(2, "TCP")
                    p.int(3, 443)
                    p.intOrString(4, "https")
                    p.int(5, 30443)
                }
                s.entry(2, "app", "web")
                s.string(3, "")
                s.string(4, "NodePort")
                s.string(17, "SingleStack")
                s.string(10, "")
                s.bool(13, false)
            }
            o.message(3) { s in s.message(1) { _ in } }
        }
        let decoded = try KubeProtobuf.decode(body)
        #expect(
            decoded
                == (try jsonValue(
                    """
                    {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
                     "spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080},
                                      {"name":"https","protocol":"TCP","port":443,"targetPort":"https","nodePort":30443}],
                             "selector":{"app":"web"},"type":"NodePort","ipFamilyPolicy":"SingleStack"},
                     "status":{"loadBalancer":{}}}
                    """)))
    }

    @Test("a Binding and a ServiceAccount, kinds outside the resource list or without fields")
    func bindingAndServiceAccount() throws {
        let binding = ProtoWriter.body("v1", "Binding") { o in
            o.goObjectMeta(1, name: "pod-a", namespace: "default")
            o.message(2) { t in
                t.string(1, "Node")
                t.string(3, "node-1")
            }
        }
        #expect(
            try KubeProtobuf.decode(binding)
                == (try jsonValue(
                    """
                    {"apiVersion":"v1","kind":"Binding","metadata":{"name":"pod-a","namespace":"default"},
                     "target":{"kind":"Node","name":"node-1"}}
                    """)))
        let sa = ProtoWriter.body("v1", "ServiceAccount") { o in
            o.goObjectMeta(1, name: "robot")
            o.message(3) { r in r.string(1, "pull-secret") }
            o.bool(4, false)
        }
        #expect(
            try KubeProtobuf.decode(sa)
                == (try jsonValue(
                    """
                    {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"robot"},
                     "imagePullSecrets":[{"name":"pull-secret"}],"automountServiceAccountToken":false}
                    """)))
    }

    @Test("DeleteOptions under any group version: gracePeriodSeconds 0 and orphanDependents false kept")
    func deleteOptions() throws {
        let body = ProtoWriter.body("apps/v1", "DeleteOptions") { o in
            o.int(1, 0)
            o.message(2) { p in p.string(1, "uid-1") }
            o.bool(3, false)
            o.string(4, "Foreground")
            o.string(5, "All")
        }
        #expect(
            try KubeProtobuf.decode(body)
                == (try jsonValue(
                    """
                    {"apiVersion":"apps/v1","kind":"DeleteOptions","gracePeriodSeconds":0,"preconditions":{"uid":"uid-1"},
                     "orphanDependents":false,"propagationPolicy":"Foreground","dryRun":["All"]}
                    """)))
    }

    @Test("times: an empty Time is left out, seconds become RFC 3339, nanos are dropped")
    func times() throws {
        let body = ProtoWriter.body("v1", "ConfigMap") { o in
            o.message(1) { m in
                m.string(1, "t")
                m.bytes(8, [])
                m.time(9, seconds: 1_700_000_000, nanos: 5)
                m.int(10, 30)
                m.message(17) { f in
                    f.string(1, "kubectl")
                    f.string(2, "Update")
                    f.string(3, "v1")
                    f.time(4, seconds: 0)
                    f.string(6, "FieldsV1")
                    f.message(7) { r in r.string(1, #"{"f:data":{".":{},"f:a":{}}}"#) }
                }
            }
        }
        #expect(
            try KubeProtobuf.decode(body)
                == (try jsonValue(
                    """
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"t",
                     "deletionTimestamp":"2023-11-14T22:13:20Z","deletionGracePeriodSeconds":30,
                     "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1",
                       "time":"1970-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:a":{}}}}]}}
                    """)))
    }

    @Test("a Lease: MicroTime keeps microseconds, negative nanos borrow from the seconds")
    func leaseMicroTime() throws {
        let body = ProtoWriter.body("coordination.k8s.io/v1", "Lease") { o in
            o.goObjectMeta(1, name: "node-1", namespace: "kube-node-lease")
            o.message(2) { s in
                s.string(1, "node-1")
                s.int(2, 40)
                s.time(3, seconds: 1_700_000_000, nanos: 123_456_789)
                s.time(4, seconds: 1_700_000_001, nanos: -1_000)
                s.int(5, 0)
            }
        }
        let spec = try KubeProtobuf.decode(body)["spec"]
        #expect(
            spec
                == (try jsonValue(
                    """
                    {"holderIdentity":"node-1","leaseDurationSeconds":40,"acquireTime":"2023-11-14T22:13:20.123456Z",
                     "renewTime":"2023-11-14T22:13:20.999999Z","leaseTransitions":0}
                    """)))
    }

    @Test("Scale from the autoscaling group: status.replicas 0 kept because JSON always writes it")
    func scale() throws {
        let body = ProtoWriter.body("autoscaling/v1", "Scale") { o in
            o.goObjectMeta(1, name: "web", namespace: "default")
            o.message(2) { s in s.int(1, 5) }
            o.message(3) { s in
                s.int(1, 0)
                s.string(2, "")
            }
        }
        #expect(
            try KubeProtobuf.decode(body)
                == (try jsonValue(
                    """
                    {"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"default"},
                     "spec":{"replicas":5},"status":{"replicas":0}}
                    """)))
    }

    @Test("an embedded JSON object is parsed as is")
    func embeddedJSON() throws {
        let raw = Array(#"{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"b"}}"#.utf8)
        let body = ProtoWriter.envelope("v1", "ConfigMap", raw: raw, contentType: "application/json")
        #expect(
            try KubeProtobuf.decode(body)
                == (try jsonValue(#"{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"b"}}"#)))
    }

    @Test("content type detection ignores parameters and case")
    func contentType() {
        #expect(KubeProtobuf.isProtobuf(contentType: "application/vnd.kubernetes.protobuf"))
        #expect(KubeProtobuf.isProtobuf(contentType: "Application/VND.kubernetes.protobuf ; charset=utf-8"))
        #expect(!KubeProtobuf.isProtobuf(contentType: "application/json"))
        #expect(KubeProtobuf.isProtobuf(contentType: "\tapplication/vnd.kubernetes.protobuf;stream=watch"))
        #expect(!KubeProtobuf.isProtobuf(contentType: "application/vnd.kubernetes.protobufx"))
        #expect(!KubeProtobuf.isProtobuf(contentType: ""))
    }
}
