import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import Testing

@testable import Kubelet

@Suite struct ContainerEnvTests {
    static let pod: JSONValue = [
        "metadata": [
            "name": "p", "namespace": "ns", "uid": "u-1", "labels": ["app": "web", "tier": "front"],
            "annotations": ["note": "hi \"there\""],
        ],
        "spec": ["nodeName": "node-a", "serviceAccountName": "robot", "containers": [["name": "c"]]],
    ]
    static let values = DownwardAPIValues(
        pod: pod, podIPs: ["10.42.0.5"], hostIPs: ["192.168.1.2"], nodeMilliCPU: 4000, nodeMemoryBytes: 8 << 30)
    static let source = TestConfigSource(
        configMaps: ["ns/settings": ["MODE": "fast", "bad-key!": "x", "LEVEL": "3"]],
        secrets: ["ns/creds": ["password": "s3cret"]])

    static func container(_ json: JSONValue) throws -> Container {
        try JSONDecoder().decode(Container.self, from: Data(json.serialized()))
    }

    @Test func resolvesValuesFieldRefsResourcesConfigMapsAndSecrets() async throws {
        let c = try Self.container([
            "name": "c",
            "envFrom": [["configMapRef": ["name": "settings"], "prefix": "CFG_"]],
            "resources": ["limits": ["cpu": "500m", "memory": "128Mi"]],
            "env": [
                ["name": "GREETING", "value": "mode $(CFG_MODE) $$(CFG_MODE) $(NOPE)"],
                ["name": "POD_NAME", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]],
                ["name": "POD_NS", "valueFrom": ["fieldRef": ["fieldPath": "metadata.namespace"]]],
                ["name": "POD_UID", "valueFrom": ["fieldRef": ["fieldPath": "metadata.uid"]]],
                ["name": "APP", "valueFrom": ["fieldRef": ["fieldPath": "metadata.labels['app']"]]],
                ["name": "NODE", "valueFrom": ["fieldRef": ["fieldPath": "spec.nodeName"]]],
                ["name": "SA", "valueFrom": ["fieldRef": ["fieldPath": "spec.serviceAccountName"]]],
                ["name": "POD_IP", "valueFrom": ["fieldRef": ["fieldPath": "status.podIP"]]],
                ["name": "HOST_IP", "valueFrom": ["fieldRef": ["fieldPath": "status.hostIP"]]],
                ["name": "CPU_M", "valueFrom": ["resourceFieldRef": ["resource": "limits.cpu", "divisor": "1m"]]],
                ["name": "CPU", "valueFrom": ["resourceFieldRef": ["resource": "limits.cpu"]]],
                ["name": "MEM_MI", "valueFrom": ["resourceFieldRef": ["resource": "limits.memory", "divisor": "1Mi"]]],
                ["name": "LEVEL", "valueFrom": ["configMapKeyRef": ["name": "settings", "key": "LEVEL"]]],
                ["name": "PASSWORD", "valueFrom": ["secretKeyRef": ["name": "creds", "key": "password"]]],
                ["name": "OPTIONAL", "valueFrom": ["configMapKeyRef": ["name": "absent", "key": "k", "optional": true]]],
            ],
        ])
        let env = try await ContainerEnv.resolve(c, namespace: "ns", values: Self.values, source: Self.source)
        let map = env.map
        #expect(map["CFG_MODE"] == "fast")
        #expect(map["CFG_LEVEL"] == "3")
        #expect(map["GREETING"] == "mode fast $(CFG_MODE) $(NOPE)")
        #expect(map["POD_NAME"] == "p")
        #expect(map["POD_NS"] == "ns")
        #expect(map["POD_UID"] == "u-1")
        #expect(map["APP"] == "web")
        #expect(map["NODE"] == "node-a")
        #expect(map["SA"] == "robot")
        #expect(map["POD_IP"] == "10.42.0.5")
        #expect(map["HOST_IP"] == "192.168.1.2")
        #expect(map["CPU_M"] == "500")
        #expect(map["CPU"] == "1")
        #expect(map["MEM_MI"] == "128")
        #expect(map["LEVEL"] == "3")
        #expect(map["PASSWORD"] == "s3cret")
        #expect(map["OPTIONAL"] == nil)
        #expect(env.invalidKeys.first?.keys == ["bad-key!"])
        let process = env.processEnvironment(hostname: "p", image: ImageConfig(env: ["PATH=/bin", "LEVEL=0"]))
        #expect(process.first == KubeRuntime.EnvVar("HOSTNAME", "p"))
        #expect(process.contains(KubeRuntime.EnvVar("PATH", "/bin")))
        #expect(process.filter { $0.name == "LEVEL" } == [KubeRuntime.EnvVar("LEVEL", "3")])
    }

    @Test func missingSourcesFailWithKubernetesMessages() async throws {
        func failure(_ env: JSONValue) async throws -> String? {
            let c = try Self.container(["name": "c", "env": env])
            do {
                _ = try await ContainerEnv.resolve(c, namespace: "ns", values: Self.values, source: Self.source)
                return nil
            } catch let error as KubeletError {
                return error.message
            }
        }
        #expect(try await failure([["name": "X", "valueFrom": ["configMapKeyRef": ["name": "x", "key": "k"]]]]) == "configmap \"x\" not found")
        #expect(try await failure([["name": "X", "valueFrom": ["secretKeyRef": ["name": "y", "key": "k"]]]]) == "secret \"y\" not found")
        #expect(try await failure([["name": "X", "valueFrom": ["configMapKeyRef": ["name": "settings", "key": "nope"]]]])
            == "couldn't find key nope in ConfigMap ns/settings")
        #expect(try await failure([["name": "X", "valueFrom": ["secretKeyRef": ["name": "creds", "key": "nope"]]]])
            == "couldn't find key nope in Secret ns/creds")
    }

    @Test func aMissingConfigMapLeavesTheContainerWaitingWithCreateContainerConfigError() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.createPod("cfg", spec: ["containers": [[
                "name": "c", "image": "busybox", "command": ["sleep", "3600"],
                "env": [["name": "X", "valueFrom": ["configMapKeyRef": ["name": "later", "key": "k"]]]],
            ]]])
            let pod = try await h.waitForPod("cfg", "CreateContainerConfigError") { pod in
                KubeletHarness.containerStatus(pod, "c")?["state"]?["waiting"]?["reason"]?.stringValue == "CreateContainerConfigError"
            }
            #expect(KubeletHarness.containerStatus(pod, "c")?["state"]?["waiting"]?["message"]?.stringValue == "configmap \"later\" not found")
            #expect(pod["status"]?["phase"]?.stringValue == "Pending")
            // Once the ConfigMap exists the container starts with its value.
            _ = try await h.client.create(.configMaps, namespace: "default", [
                "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "later", "namespace": "default"], "data": ["k": "v"],
            ])
            try await h.waitForPod("cfg", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            let env = try await h.runtime.listContainers().first?.config.env ?? []
            #expect(env.contains(KubeRuntime.EnvVar("X", "v")))
        }
    }
}
