import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Kubernetes protobuf bodies: workloads")
struct KubeProtobufWorkloadTests {
    /// A pod template as Go writes it, with a container using most field kinds.
    static func podTemplate(_ t: inout ProtoWriter) {
        t.goObjectMeta(1, name: "", labels: [("app", "web")])
        t.message(2) { spec in
            spec.message(1) { v in
                v.string(1, "config")
                v.message(2) { source in
                    source.message(19) { cm in
                        cm.message(1) { ref in ref.string(1, "web-config") }
                        cm.int(3, 0o644)
                    }
                }
            }
            spec.message(2) { c in
                c.string(1, "web")
                c.string(2, "nginx:1.27")
                c.string(3, "nginx")
                c.string(4, "-g")
                c.string(4, "daemon off;")
                c.string(5, "")
                c.message(6) { p in
                    p.string(1, "http")
                    p.int(2, 0)
                    p.int(3, 8080)
                    p.string(4, "TCP")
                    p.string(5, "")
                }
                c.message(7) { e in
                    e.string(1, "MODE")
                    e.string(2, "prod")
                }
                c.message(7) { e in
                    e.string(1, "TOKEN")
                    e.string(2, "")
                    e.message(3) { from in
                        from.message(4) { sel in
                            sel.message(1) { ref in ref.string(1, "web-secret") }
                            sel.string(2, "token")
                        }
                    }
                }
                c.message(8) { r in
                    r.quantity(1, "cpu", "500m")
                    r.quantity(1, "memory", "128Mi")
                    r.quantity(2, "cpu", "250m")
                }
                c.message(11) { probe in
                    probe.message(1) { handler in
                        handler.message(2) { get in
                            get.string(1, "/healthz")
                            get.intOrString(2, "http")
                            get.string(4, "HTTP")
                        }
                    }
                    probe.int(2, 5)
                    probe.int(3, 0)
                }
                c.string(13, "/dev/termination-log")
                c.string(14, "IfNotPresent")
                c.bool(16, false)
                c.string(20, "")
            }
            spec.string(3, "Always")
            spec.int(4, 0)
            spec.string(6, "")
            spec.bool(11, false)
            spec.message(14) { sc in
                sc.int(2, 1000)
                sc.packed(4, [1, 2, 3])
                sc.int(4, 4)
            }
            spec.int(25, -5)
        }
    }

    static let podTemplateJSON = """
        {"metadata":{"labels":{"app":"web"}},
         "spec":{"volumes":[{"name":"config","configMap":{"name":"web-config","defaultMode":420}}],
                 "containers":[{"name":"web","image":"nginx:1.27","command":["nginx"],"args":["-g","daemon off;"],
                   "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
                   "env":[{"name":"MODE","value":"prod"},
                          {"name":"TOKEN","valueFrom":{"secretKeyRef":{"name":"web-secret","key":"token"}}}],
                   "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"250m"}},
                   "readinessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},"initialDelaySeconds":5},
                   "terminationMessagePath":"/dev/termination-log","imagePullPolicy":"IfNotPresent"}],
                 "restartPolicy":"Always","terminationGracePeriodSeconds":0,
                 "securityContext":{"runAsUser":1000,"supplementalGroups":[1,2,3,4]},"priority":-5}}
        """

    @Test("a Deployment: pod template, quantities, labels, embedded structs, replicas 0 kept, rolling update")
    func deployment() throws {
        let body = ProtoWriter.body("apps/v1", "Deployment") { o in
            o.goObjectMeta(1, name: "web", namespace: "prod", labels: [("app", "web")])
            o.message(2) { spec in
                spec.int(1, 0)
                spec.message(2) { sel in sel.entry(1, "app", "web") }
                spec.message(3, Self.podTemplate)
                spec.message(4) { strategy in
                    strategy.string(1, "RollingUpdate")
                    strategy.message(2) { ru in
                        ru.intOrString(1, 0)
                        ru.intOrString(2, "25%")
                    }
                }
                spec.int(5, 0)
                spec.int(6, 10)
                spec.bool(7, false)
                spec.int(9, 600)
            }
            o.message(3) { status in
                for f in [1, 2, 3, 4, 5, 7] { status.int(f, 0) }
            }
        }
        let decoded = try KubeProtobuf.decode(body)
        let expected = try jsonValue(
            """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"prod","labels":{"app":"web"}},
             "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},"template":\(Self.podTemplateJSON),
                     "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}},
                     "revisionHistoryLimit":10,"progressDeadlineSeconds":600},
             "status":{}}
            """)
        #expect(decoded == expected)
        let container = decoded.value(at: ["spec", "template", "spec", "containers"])?[0]
        #expect(container?.objectValue?.keys.prefix(4) == ["name", "image", "command", "args"])
    }

    @Test("a Job: backoffLimit 0 and suspend false kept, command list, restartPolicy Never")
    func job() throws {
        let body = ProtoWriter.body("batch/v1", "Job") { o in
            o.goObjectMeta(1, name: "pi")
            o.message(2) { spec in
                spec.int(2, 3)
                spec.int(1, 2)
                spec.int(3, 600)
                spec.message(6) { t in
                    t.goObjectMeta(1, name: "")
                    t.message(2) { pod in
                        pod.message(2) { c in
                            c.string(1, "pi")
                            c.string(2, "perl:5.34")
                            for word in ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"] { c.string(3, word) }
                            c.message(8) { _ in }
                        }
                        pod.string(3, "Never")
                    }
                }
                spec.int(7, 0)
                spec.int(8, 100)
                spec.string(9, "NonIndexed")
                spec.bool(10, false)
            }
            o.message(3) { status in status.int(4, 0) }
        }
        #expect(
            try KubeProtobuf.decode(body)
                == (try jsonValue(
                    """
                    {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi"},
                     "spec":{"completions":3,"parallelism":2,"activeDeadlineSeconds":600,
                       "template":{"metadata":{},"spec":{"containers":[{"name":"pi","image":"perl:5.34",
                         "command":["perl","-Mbignum=bpi","-wle","print bpi(2000)"],"resources":{}}],"restartPolicy":"Never"}},
                       "backoffLimit":0,"ttlSecondsAfterFinished":100,"completionMode":"NonIndexed","suspend":false},
                     "status":{}}
                    """)))
    }

    @Test("unknown field numbers of every wire type are skipped")
    func unknownFields() throws {
        let body = ProtoWriter.body("v1", "Namespace") { o in
            o.message(1) { m in
                m.int(99, 7)
                m.string(1, "demo")
                m.fixed64(98, 1)
                m.fixed32(97, 2)
                m.message(96) { x in x.message(1) { y in y.string(1, "deep") } }
            }
            o.message(40) { _ in }
        }
        #expect(
            try KubeProtobuf.decode(body)
                == (try jsonValue(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"demo"}}"#)))
    }

    @Test("a repeated message field whose elements are interleaved with other fields stays one list")
    func interleavedRepeated() throws {
        let body = ProtoWriter.body("v1", "Namespace") { o in
            o.message(1) { m in
                m.string(14, "a")
                m.string(1, "demo")
                m.string(14, "b")
            }
        }
        let meta = try KubeProtobuf.decode(body)["metadata"]
        #expect(meta == (try jsonValue(#"{"finalizers":["a","b"],"name":"demo"}"#)))
        #expect(meta?.objectValue?.keys == ["finalizers", "name"])
    }

    @Test("Go duration strings")
    func durations() {
        let cases: [(Int64, String)] = [
            (0, "0s"), (1, "1ns"), (1_500, "1.5µs"), (250_000_000, "250ms"), (1_000_000_000, "1s"),
            (1_500_000_000, "1.5s"), (90_000_000_000, "1m30s"), (3_600_000_000_000, "1h0m0s"),
            (-30_000_000_000, "-30s"), (Int64.min, "-2562047h47m16.854775808s"),
        ]
        for (nanos, text) in cases {
            #expect(ProtobufJSONDecoder.goDuration(nanos) == text)
        }
    }
}
