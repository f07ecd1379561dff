import Foundation
import Testing

@testable import KubeAPI

/// Parses `text` and applies the defaults of `kind`.
func defaulted(_ kind: String, group: String = "", _ text: String) throws -> JSONValue {
    var v = try JSONValue.parse(text)
    Defaulting.apply(kind: kind, group: group, to: &v)
    return v
}

@Suite struct PodDefaultingTests {
    static let pod =
        #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},"spec":{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80}]}]}}"#

    @Test func podSpecDefaults() throws {
        let pod = try defaulted("Pod", Self.pod)
        let spec = try #require(pod["spec"])
        #expect(spec["restartPolicy"] == "Always")
        #expect(spec["dnsPolicy"] == "ClusterFirst")
        #expect(spec["terminationGracePeriodSeconds"] == 30)
        #expect(spec["schedulerName"] == "default-scheduler")
        #expect(spec["securityContext"] == .object(JSONObject()))
        #expect(spec["enableServiceLinks"] == true)
        // Priority and preemption policy come from priority admission, in the API server.
        #expect(spec["preemptionPolicy"] == nil)
        #expect(spec["priority"] == nil)
        // So does the service account (ServiceAccount admission).
        #expect(spec["serviceAccountName"] == nil)
        var admitted = pod
        Defaulting.defaultServiceAccount(&admitted)
        #expect(admitted["spec"]?["serviceAccountName"] == "default")
        #expect(admitted["spec"]?["serviceAccount"] == "default")
        var mirror = pod
        mirror["metadata"]?["annotations"] = ["kubernetes.io/config.mirror": "x"]
        Defaulting.defaultServiceAccount(&mirror)
        #expect(mirror["spec"]?["serviceAccountName"] == nil, "mirror pods are left alone")
        let c = try #require(spec["containers"]?.arrayValue?.first)
        #expect(c["imagePullPolicy"] == "Always")
        #expect(c["terminationMessagePath"] == "/dev/termination-log")
        #expect(c["terminationMessagePolicy"] == "File")
        #expect(c["resources"] == .object(JSONObject()))
        #expect(c["ports"]?.arrayValue?.first?["protocol"] == "TCP")
        #expect(pod["status"]?["phase"] == "Pending")
        #expect(pod["status"]?["qosClass"] == "BestEffort")
    }

    @Test(arguments: [
        ("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.25", "IfNotPresent"),
        ("nginx@sha256:abcdef0123456789", "IfNotPresent"), ("nginx:1.25@sha256:abcdef", "IfNotPresent"),
        ("localhost:5000/nginx", "Always"), ("localhost:5000/nginx:v1", "IfNotPresent"),
        ("registry.example.com:443/team/app:latest", "Always"), ("Nginx", "IfNotPresent"), ("", "IfNotPresent"),
    ])
    func imagePullPolicyFollowsTheTag(_ image: String, _ policy: String) throws {
        let text = Self.pod.replacingOccurrences(of: #""image":"nginx""#, with: #""image":"\#(image)""#)
        let c = try defaulted("Pod", text)["spec"]?["containers"]?.arrayValue?.first
        #expect(c?["imagePullPolicy"] == .string(policy))
    }

    @Test func explicitValuesAreKept() throws {
        let text =
            #"{"metadata":{"name":"p","namespace":"d"},"spec":{"restartPolicy":"Never","dnsPolicy":"Default","terminationGracePeriodSeconds":5,"serviceAccountName":"builder","priority":7,"containers":[{"name":"a","image":"x","imagePullPolicy":"Never"}]}}"#
        let spec = try #require(try defaulted("Pod", text)["spec"])
        #expect(spec["restartPolicy"] == "Never")
        #expect(spec["dnsPolicy"] == "Default")
        #expect(spec["terminationGracePeriodSeconds"] == 5)
        #expect(spec["serviceAccountName"] == "builder")
        #expect(spec["serviceAccount"] == "builder")
        #expect(spec["priority"] == 7)
        #expect(spec["containers"]?.arrayValue?.first?["imagePullPolicy"] == "Never")
        #expect(
            spec.objectValue?.keys.prefix(6) == [
                "restartPolicy", "dnsPolicy", "terminationGracePeriodSeconds", "serviceAccountName", "priority",
                "containers",
            ])
    }

    @Test func probesLifecycleVolumesAndEnv() throws {
        let text = """
            {"metadata":{"name":"p","namespace":"d"},"spec":{"volumes":[{"name":"a"},{"name":"s","secret":{"secretName":"x"}},
              {"name":"t","projected":{"sources":[{"serviceAccountToken":{"path":"token"}}]}}],
             "containers":[{"name":"a","image":"x",
              "livenessProbe":{"httpGet":{"port":8080},"timeoutSeconds":0},
              "readinessProbe":{"exec":{"command":["true"]},"periodSeconds":5},
              "lifecycle":{"preStop":{"httpGet":{"port":80}}},
              "env":[{"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}}]}]}}
            """
        let spec = try #require(try defaulted("Pod", text)["spec"])
        let c = try #require(spec["containers"]?.arrayValue?.first)
        #expect(
            c["livenessProbe"] == [
                "httpGet": ["port": 8080, "path": "/", "scheme": "HTTP"], "timeoutSeconds": 1,
                "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3,
            ])
        #expect(c["readinessProbe"]?["periodSeconds"] == 5)
        #expect(c["lifecycle"]?["preStop"]?["httpGet"]?["path"] == "/")
        #expect(c["env"]?.arrayValue?.first?["valueFrom"]?["fieldRef"]?["apiVersion"] == "v1")
        let volumes = try #require(spec["volumes"]?.arrayValue)
        #expect(volumes[0]["emptyDir"] == .object(JSONObject()))
        #expect(volumes[1]["secret"]?["defaultMode"] == 420)
        #expect(volumes[2]["projected"]?["defaultMode"] == 420)
        #expect(
            volumes[2]["projected"]?["sources"]?.arrayValue?.first?["serviceAccountToken"]?["expirationSeconds"] == 3600
        )
    }

    @Test(arguments: [
        // (containers, initContainers, class)
        // As defaulting leaves them: requests a container leaves out are its limits.
        (#"[{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1","memory":"1Gi"}},{"limits":{"cpu":"2","memory":"1Gi"},"requests":{"cpu":"2","memory":"1Gi"}}]"#, "[]", "Guaranteed"),
        (#"[{"limits":{"cpu":"1","memory":"1Gi"}}]"#, "[]", "Burstable"),
        (#"[{"limits":{"cpu":"1","memory":"1Gi"}},{"limits":{"cpu":"2"}}]"#, "[]", "Burstable"),
        (#"[{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m"}}]"#, "[]", "Burstable"),
        (#"[{"limits":{"cpu":"1","memory":"1Gi"}}]"#, #"[{"requests":{"memory":"1Gi"}}]"#, "Burstable"),
        (#"[{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1","memory":"1Gi"}}]"#, #"[{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1","memory":"1Gi"}}]"#, "Guaranteed"),
        (#"[{"requests":{"cpu":"0","memory":"0"}},{"limits":{"nvidia.com/gpu":"1"}}]"#, "[]", "BestEffort"),
        (#"[{"limits":{"cpu":"0","memory":"1Gi"}}]"#, "[]", "Burstable"),
        ("[{}]", "[]", "BestEffort"),
    ])
    func qosClassOfEveryContainer(containers: String, initContainers: String, expected: String) throws {
        func spec(_ list: String) throws -> [JSONValue] {
            try JSONValue.parse(list).arrayValue?.map { ["name": "c", "image": "x", "resources": $0] } ?? []
        }
        let podSpec = JSONObject([("containers", .array(try spec(containers))), ("initContainers", .array(try spec(initContainers)))])
        #expect(PodDefaults.qosClass(podSpec) == expected)
    }

    @Test func aStoredQoSClassIsKept() throws {
        let stored = try defaulted(
            "Pod", #"{"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":"x"}]},"status":{"qosClass":"Burstable"}}"#)
        #expect(stored["status"]?["qosClass"] == "Burstable")
        let empty = try defaulted(
            "Pod", #"{"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":"x"}]},"status":{"qosClass":""}}"#)
        #expect(empty["status"]?["qosClass"] == "BestEffort")
    }

    /// An update whose spec is still the stored one (a status write) does not default that spec
    /// again, as Kubernetes resets a status write's spec to the stored one after defaulting;
    /// its status is defaulted, and a spec the update changed is.
    @Test func aSpecSharedWithTheStoredVersionIsNotDefaultedAgain() throws {
        let stored = try JSONValue.parse(#"{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x"}]},"status":{}}"#)
        var statusWrite = stored
        statusWrite["status"] = ["phase": "Running"]
        Defaulting.apply(kind: "Pod", group: "", to: &statusWrite, stored: stored)
        #expect(statusWrite["spec"] == stored["spec"])
        #expect(statusWrite["spec"]?["restartPolicy"] == nil)
        #expect(statusWrite["status"]?["qosClass"] == "BestEffort")
        #expect(statusWrite["status"]?["phase"] == "Running")

        var specWrite = stored
        specWrite.set([["name": "a", "image": "y"]], at: ["spec", "containers"])
        Defaulting.apply(kind: "Pod", group: "", to: &specWrite, stored: stored)
        #expect(specWrite["spec"]?["restartPolicy"] == "Always")
        #expect(specWrite["spec"]?["containers"]?[0]?["imagePullPolicy"] == "Always")

        // An equal spec that is not the stored one itself (a client sent it back) is defaulted.
        var sentBack = try JSONValue.parse(#"{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x"}]}}"#)
        Defaulting.apply(kind: "Pod", group: "", to: &sentBack, stored: stored)
        #expect(sentBack["spec"]?["enableServiceLinks"] == true)
    }

    @Test func resourcesAndQoS() throws {
        func pod(_ resources: String) -> String {
            #"{"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":"x","resources":\#(resources)}]}}"#
        }
        let guaranteed = try defaulted("Pod", pod(#"{"limits":{"cpu":"0.5","memory":"1.5Gi"}}"#))
        let c = guaranteed["spec"]?["containers"]?.arrayValue?.first
        #expect(c?["resources"]?["limits"] == ["cpu": "500m", "memory": "1536Mi"])
        #expect(c?["resources"]?["requests"] == ["cpu": "500m", "memory": "1536Mi"])
        #expect(guaranteed["status"]?["qosClass"] == "Guaranteed")
        let burstable = try defaulted("Pod", pod(#"{"requests":{"cpu":"100m"}}"#))
        #expect(burstable["status"]?["qosClass"] == "Burstable")
        let partial = try defaulted("Pod", pod(#"{"limits":{"cpu":"1"}}"#))
        #expect(partial["status"]?["qosClass"] == "Burstable")
        let numeric = try defaulted("Pod", pod(#"{"requests":{"cpu":2,"memory":"0.0001"}}"#))
        #expect(
            numeric["spec"]?["containers"]?.arrayValue?.first?["resources"]?["requests"] == [
                "cpu": "2", "memory": "1m",
            ])
    }

    @Test func hostNetworkCopiesContainerPorts() throws {
        let text =
            #"{"metadata":{"name":"p","namespace":"d"},"spec":{"hostNetwork":true,"containers":[{"name":"a","image":"x","ports":[{"containerPort":53,"protocol":"UDP"}]}]}}"#
        let port = try defaulted("Pod", text)["spec"]?["containers"]?.arrayValue?.first?["ports"]?.arrayValue?.first
        #expect(port == ["containerPort": 53, "protocol": "UDP", "hostPort": 53])
    }

    @Test func defaultingIsIdempotentAndKeepsStatus() throws {
        let once = try defaulted("Pod", Self.pod)
        var twice = once
        Defaulting.apply(kind: "Pod", group: "", to: &twice)
        #expect(once == twice)
        #expect(once.jsonString == twice.jsonString)
        let running = Self.pod.replacingOccurrences(
            of: #"]}]}}"#, with: #"]}]},"status":{"phase":"Running","qosClass":"BestEffort"}}"#)
        #expect(try defaulted("Pod", running)["status"]?["phase"] == "Running")
    }

    @Test(arguments: [
        #"{"spec":"nope"}"#, #"{"spec":{"containers":"x","volumes":{},"tolerations":"x"}}"#,
        #"{"spec":{"containers":[1,null,{"ports":"x","resources":[],"livenessProbe":5}]}}"#, #"[]"#, #""pod""#, "null",
        #"{"metadata":[],"spec":{"containers":[{"resources":{"limits":{"cpu":{}},"requests":"x"}}]}}"#,
    ])
    func oddInputDoesNotCrash(_ text: String) throws {
        var v = try JSONValue.parse(text)
        for (kind, group) in [
            ("Pod", ""), ("Service", ""), ("Deployment", "apps"), ("DaemonSet", "apps"), ("Job", "batch"),
            ("ReplicationController", ""), ("Namespace", ""), ("Secret", ""), ("Node", ""), ("Endpoints", ""),
            ("EndpointSlice", "discovery.k8s.io"), ("ReplicaSet", "apps"), ("PriorityClass", "scheduling.k8s.io"),
        ] {
            Defaulting.apply(kind: kind, group: group, to: &v)
            _ = Validation.validate(kind: kind, group: group, object: v, old: v)
        }
    }
}
