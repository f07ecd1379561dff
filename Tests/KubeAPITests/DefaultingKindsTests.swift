import Foundation
import Testing

@testable import KubeAPI

@Suite struct KindDefaultingTests {
    @Test func serviceDefaults() throws {
        let svc = try defaulted(
            "Service",
            #"{"metadata":{"name":"web","namespace":"d"},"spec":{"selector":{"app":"web"},"ports":[{"port":80},{"port":443,"targetPort":"https","protocol":"TCP"}]}}"#
        )
        let spec = try #require(svc["spec"])
        #expect(spec["type"] == "ClusterIP")
        #expect(spec["sessionAffinity"] == "None")
        #expect(spec["internalTrafficPolicy"] == "Cluster")
        #expect(spec["ipFamilyPolicy"] == "SingleStack")
        #expect(spec["ipFamilies"] == ["IPv4"])
        #expect(spec["externalTrafficPolicy"] == nil)
        #expect(spec["ports"]?.arrayValue?[0] == ["port": 80, "protocol": "TCP", "targetPort": 80])
        #expect(spec["ports"]?.arrayValue?[1]["targetPort"] == "https")
        #expect(svc["status"] == ["loadBalancer": .object(JSONObject())])
    }

    @Test func serviceTypesAndAffinity() throws {
        let lb = try defaulted(
            "Service",
            #"{"spec":{"type":"LoadBalancer","sessionAffinity":"ClientIP","ports":[{"port":80,"targetPort":0}]}}"#)
        #expect(lb["spec"]?["externalTrafficPolicy"] == "Cluster")
        #expect(lb["spec"]?["allocateLoadBalancerNodePorts"] == true)
        #expect(lb["spec"]?["sessionAffinityConfig"] == ["clientIP": ["timeoutSeconds": 10800]])
        #expect(lb["spec"]?["ports"]?.arrayValue?.first?["targetPort"] == 80)
        let none = try defaulted(
            "Service", #"{"spec":{"sessionAffinityConfig":{"clientIP":{"timeoutSeconds":5}},"ports":[{"port":80}]}}"#)
        #expect(none["spec"]?["sessionAffinityConfig"] == nil)
        let external = try defaulted("Service", #"{"spec":{"type":"ExternalName","externalName":"x.example.com"}}"#)
        #expect(external["spec"]?["ipFamilies"] == nil)
        #expect(external["spec"]?["internalTrafficPolicy"] == nil)
        let headless = try defaulted("Service", #"{"spec":{"clusterIP":"None"}}"#)
        #expect(headless["spec"]?["clusterIPs"] == ["None"])
        #expect(headless["spec"]?["ipFamilyPolicy"] == "RequireDualStack")
        #expect(headless["spec"]?["ipFamilies"] == ["IPv4", "IPv6"])
        let v6 = try defaulted("Service", #"{"spec":{"clusterIP":"fd00::10","ports":[{"port":80}]}}"#)
        #expect(v6["spec"]?["ipFamilies"] == ["IPv6"])
        #expect(v6["spec"]?["clusterIPs"] == ["fd00::10"])
    }

    @Test func deploymentDefaults() throws {
        let d = try defaulted(
            "Deployment", group: "apps",
            #"{"metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}}}"#
        )
        let spec = try #require(d["spec"])
        #expect(spec["replicas"] == 1)
        #expect(
            spec["strategy"] == [
                "type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"],
            ])
        #expect(spec["revisionHistoryLimit"] == 10)
        #expect(spec["progressDeadlineSeconds"] == 600)
        let podSpec = try #require(spec["template"]?["spec"])
        #expect(podSpec["restartPolicy"] == "Always")
        #expect(podSpec["containers"]?.arrayValue?.first?["imagePullPolicy"] == "IfNotPresent")
        // Pod-only defaults stay out of templates.
        #expect(podSpec["enableServiceLinks"] == nil)
        #expect(podSpec["tolerations"] == nil)
        #expect(podSpec["serviceAccountName"] == nil)
        let recreate = try defaulted("Deployment", group: "apps", #"{"spec":{"strategy":{"type":"Recreate"}}}"#)
        #expect(recreate["spec"]?["strategy"] == ["type": "Recreate"])
    }

    @Test func replicaSetDaemonSetAndReplicationController() throws {
        #expect(try defaulted("ReplicaSet", group: "apps", #"{"spec":{}}"#)["spec"]?["replicas"] == 1)
        let ds = try defaulted(
            "DaemonSet", group: "apps", #"{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}}}"#)
        #expect(
            ds["spec"]?["updateStrategy"] == [
                "type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0],
            ])
        #expect(ds["spec"]?["revisionHistoryLimit"] == 10)
        #expect(ds["spec"]?["template"]?["spec"]?["dnsPolicy"] == "ClusterFirst")
        let rc = try defaulted(
            "ReplicationController",
            #"{"metadata":{"name":"rc"},"spec":{"template":{"metadata":{"labels":{"app":"a"}}}}}"#)
        #expect(rc["spec"]?["selector"] == ["app": "a"])
        #expect(rc["spec"]?["replicas"] == 1)
        #expect(rc["metadata"]?["labels"] == ["app": "a"])
    }

    @Test func jobDefaults() throws {
        let job = try defaulted(
            "Job", group: "batch",
            #"{"metadata":{"name":"pi"},"spec":{"template":{"metadata":{"labels":{"x":"y"}},"spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl"}]}}}}"#
        )
        let spec = try #require(job["spec"])
        #expect(spec["completions"] == 1)
        #expect(spec["parallelism"] == 1)
        #expect(spec["backoffLimit"] == 6)
        #expect(spec["completionMode"] == "NonIndexed")
        #expect(spec["suspend"] == false)
        #expect(spec["manualSelector"] == false)
        #expect(spec["podReplacementPolicy"] == "TerminatingOrFailed")
        #expect(job["metadata"]?["labels"] == ["x": "y"])
        let parallel = try defaulted(
            "Job", group: "batch", #"{"spec":{"parallelism":3,"backoffLimitPerIndex":1,"completionMode":"Indexed"}}"#)
        #expect(parallel["spec"]?["completions"] == nil)
        #expect(parallel["spec"]?["backoffLimit"] == 2_147_483_647)
        #expect(parallel["spec"]?["completionMode"] == "Indexed")
    }

    @Test func namespaceSecretNodeEndpoints() throws {
        let ns = try defaulted("Namespace", #"{"metadata":{"name":"team-a"}}"#)
        #expect(ns["spec"]?["finalizers"] == ["kubernetes"])
        #expect(ns["status"]?["phase"] == "Active")
        #expect(ns["metadata"]?["labels"]?["kubernetes.io/metadata.name"] == "team-a")
        let secret = try defaulted(
            "Secret", #"{"metadata":{"name":"s"},"data":{"a":"eA=="},"stringData":{"user":"admin"}}"#)
        #expect(secret["type"] == "Opaque")
        #expect(secret["data"] == ["a": "eA==", "user": "YWRtaW4="])
        #expect(secret["stringData"] == nil)
        let node = try defaulted("Node", #"{"metadata":{"name":"n"},"status":{"capacity":{"cpu":"4"}}}"#)
        #expect(node["status"]?["allocatable"] == ["cpu": "4"])
        let ep = try defaulted("Endpoints", #"{"subsets":[{"ports":[{"port":80}]}]}"#)
        #expect(ep["subsets"]?.arrayValue?.first?["ports"]?.arrayValue?.first?["protocol"] == "TCP")
        let slice = try defaulted("EndpointSlice", group: "discovery.k8s.io", #"{"ports":[{"port":80}]}"#)
        #expect(slice["ports"]?.arrayValue?.first == ["port": 80, "name": "", "protocol": "TCP"])
        let cm = #"{"metadata":{"name":"c"},"data":{"k":"v"}}"#
        #expect(try defaulted("ConfigMap", cm) == (try JSONValue.parse(cm)))
    }

    /// Bare manifests of every kind, once defaulted, pass validation as on a real cluster.
    @Test(arguments: [
        (
            "Pod", "",
            #"{"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":"busybox","command":["sleep","1d"],"livenessProbe":{"tcpSocket":{"port":80}}}]}}"#
        ),
        (
            "Service", "",
            #"{"metadata":{"name":"s","namespace":"d"},"spec":{"type":"NodePort","selector":{"a":"b"},"ports":[{"port":80,"nodePort":30080}]}}"#
        ),
        (
            "Service", "",
            #"{"metadata":{"name":"s","namespace":"d"},"spec":{"type":"LoadBalancer","ports":[{"name":"a","port":80},{"name":"b","port":443}]}}"#
        ),
        (
            "Deployment", "apps",
            #"{"metadata":{"name":"d","namespace":"x"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx","readinessProbe":{"httpGet":{"port":"http"}}}]}}}}"#
        ),
        (
            "DaemonSet", "apps",
            #"{"metadata":{"name":"d","namespace":"x"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}"#
        ),
        (
            "ReplicaSet", "apps",
            #"{"metadata":{"name":"d","namespace":"x"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}"#
        ),
        ("Namespace", "", #"{"metadata":{"name":"team-a"}}"#),
        ("Secret", "", #"{"metadata":{"name":"s","namespace":"d"},"stringData":{"password":"x"}}"#),
        (
            "Node", "",
            #"{"metadata":{"name":"node-1","labels":{"kubernetes.io/hostname":"node-1"}},"spec":{"podCIDRs":["10.42.1.0/24"]},"status":{"capacity":{"cpu":"2","memory":"4Gi","pods":"110"}}}"#
        ),
        (
            "Endpoints", "",
            #"{"metadata":{"name":"e","namespace":"d"},"subsets":[{"addresses":[{"ip":"10.42.0.5"}],"ports":[{"port":80}]}]}"#
        ),
        (
            "EndpointSlice", "discovery.k8s.io",
            #"{"metadata":{"name":"e-1","namespace":"d"},"addressType":"IPv4","endpoints":[{"addresses":["10.42.0.5"],"conditions":{"ready":true}}],"ports":[{"port":80}]}"#
        ),
        (
            "Lease", "coordination.k8s.io",
            #"{"metadata":{"name":"n","namespace":"kube-node-lease"},"spec":{"holderIdentity":"n","leaseDurationSeconds":40}}"#
        ),
        ("ConfigMap", "", #"{"metadata":{"name":"c","namespace":"d"},"data":{"app.properties":"a=b"}}"#),
    ])
    func defaultedManifestsValidate(_ kind: String, _ group: String, _ text: String) throws {
        let causes = try validationCauses(kind, group: group, text)
        #expect(causes.isEmpty, "\(causes.map(\.message))")
    }
}
