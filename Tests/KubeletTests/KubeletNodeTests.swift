import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import Testing

@testable import Kubelet

@Suite struct KubeletNodeTests {
    @Test func registersTheNodeWithCapacityLabelsAndConditionsAndRenewsItsLease() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.eventually("node registered") { (try? await h.client.get(.nodes, name: h.nodeName)) != nil }
            let node = try await h.client.get(.nodes, name: h.nodeName)
            let capacity = try #require(node["status"]?["capacity"])
            #expect(capacity["cpu"]?.stringValue == String(ProcessInfo.processInfo.activeProcessorCount))
            #expect(capacity["pods"]?.stringValue == "110")
            #expect(capacity["memory"]?.stringValue?.hasSuffix("Ki") == true)
            #expect(Int64(capacity["ephemeral-storage"]?.stringValue ?? "") ?? 0 > 0)
            #expect(node["status"]?["allocatable"] == capacity)
            #expect(node.labels["kubernetes.io/hostname"] == h.nodeName)
            #expect(node.labels["kubernetes.io/os"] == "linux")
            #expect(node.labels["kubernetes.io/arch"] == "amd64")
            #expect(node.labels["beta.kubernetes.io/arch"] == "amd64")
            let conditions = node["status"]?["conditions"]?.arrayValue ?? []
            let ready = conditions.first { $0["type"]?.stringValue == "Ready" }
            #expect(ready?["status"]?.stringValue == "True")
            #expect(ready?["reason"]?.stringValue == "KubeletReady")
            #expect(ready?["message"]?.stringValue == "kubelet is posting ready status")
            for type in ["MemoryPressure", "DiskPressure", "PIDPressure"] {
                #expect(conditions.first { $0["type"]?.stringValue == type }?["status"]?.stringValue == "False")
            }
            let info = node["status"]?["nodeInfo"]
            #expect(info?["containerRuntimeVersion"]?.stringValue == "inmemory://1.0.0")
            #expect(info?["kubeletVersion"]?.stringValue == NodeStatusBuilder.kubeletVersion)
            #expect(info?["operatingSystem"]?.stringValue == "linux")
            #expect(info?["osImage"]?.stringValue?.isEmpty == false)
            #expect(info?["bootID"]?.stringValue?.isEmpty == false)
            #expect(node["status"]?["daemonEndpoints"]?["kubeletEndpoint"]?["Port"]?.intValue == 10250)
            let addresses = node["status"]?["addresses"]?.arrayValue ?? []
            #expect(addresses.contains { $0["type"]?.stringValue == "InternalIP" })
            #expect(addresses.contains { $0["type"]?.stringValue == "Hostname" })

            try await h.eventually("lease created") { (try? await h.client.get(.leases, namespace: "kube-node-lease", name: h.nodeName)) != nil }
            let first = try await h.client.get(.leases, namespace: "kube-node-lease", name: h.nodeName)
            #expect(first["spec"]?["holderIdentity"]?.stringValue == h.nodeName)
            #expect(first["metadata"]?["ownerReferences"]?[0]?["uid"]?.stringValue == node.uid)
            #expect(first["metadata"]?["ownerReferences"]?[0]?["kind"]?.stringValue == "Node")
            let firstRenew = first["spec"]?["renewTime"]?.stringValue
            try await h.eventually("lease renewed") {
                let lease = try await h.client.get(.leases, namespace: "kube-node-lease", name: h.nodeName)
                return lease["spec"]?["renewTime"]?.stringValue != firstRenew
            }
        }
    }

    @Test func theNodeListsItsImages() async throws {
        try await KubeletHarness.run(images: InMemoryImageService(present: [InMemoryImageService.busybox])) { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.eventually("node lists its images") {
                let node = try? await h.client.get(.nodes, name: h.nodeName)
                return node?["status"]?["images"]?[0]?["sizeBytes"]?.intValue == InMemoryImageService.busybox.size
            }
            let node = try await h.client.get(.nodes, name: h.nodeName)
            let names = node["status"]?["images"]?[0]?["names"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(names.contains("docker.io/library/busybox:latest"))
        }
    }

    @Test func configuresThePodNetworkOnceTheNodeHasAPodCIDR() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.eventually("node registered") { (try? await h.client.get(.nodes, name: h.nodeName)) != nil }
            _ = try await h.client.patch(.nodes, name: h.nodeName, type: .merge, ["spec": ["podCIDR": "10.42.7.0/24", "podCIDRs": ["10.42.7.0/24"]]])
            try await h.eventually("pod network configured") { h.network.configuredCIDRs == ["10.42.7.0/24"] }
        }
    }

    @Test func statusIsRewrittenOnlyWhenItChangesOrIsDue() {
        let facts = NodeFacts(
            cpus: 4, memoryKi: 1000, ephemeralStorageBytes: 10, machineID: "m", systemUUID: "s", bootID: "b", kernelVersion: "6",
            osImage: "Debian", architecture: "amd64", hostname: "h", internalIP: "10.0.0.5")
        let config = KubeletConfiguration(nodeName: "n", rootDirectory: "/tmp")
        let first = NodeStatusBuilder.status(facts, config, runtimeVersion: "runc://1.1.5", previous: nil, now: "2026-01-01T00:00:00Z")
        let later = NodeStatusBuilder.status(facts, config, runtimeVersion: "runc://1.1.5", previous: first, now: "2026-01-01T00:00:10Z")
        #expect(!NodeStatusBuilder.changed(first, later))
        let ready = later["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
        #expect(ready?["lastTransitionTime"]?.stringValue == "2026-01-01T00:00:00Z")
        #expect(ready?["lastHeartbeatTime"]?.stringValue == "2026-01-01T00:00:10Z")
        var moved = facts
        moved.internalIP = "10.0.0.6"
        let changed = NodeStatusBuilder.status(moved, config, runtimeVersion: "runc://1.1.5", previous: first, now: "2026-01-01T00:00:10Z")
        #expect(NodeStatusBuilder.changed(first, changed))
        let down = NodeStatusBuilder.status(
            facts, config, runtimeVersion: "runc://1.1.5", previous: first, now: "2026-01-01T00:00:20Z", runtimeError: "runc: not found")
        let notReady = down["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
        #expect(notReady?["status"]?.stringValue == "False")
        #expect(notReady?["reason"]?.stringValue == "KubeletNotReady")
        #expect(notReady?["lastTransitionTime"]?.stringValue == "2026-01-01T00:00:20Z")
        #expect(NodeStatusBuilder.changed(first, down))
        #expect(first["capacity"]?["memory"]?.stringValue == "1000Ki")
        #expect(NodeStatusBuilder.taints(["dedicated=gpu:NoSchedule", "spot:NoExecute"]) == [
            ["effect": "NoSchedule", "key": "dedicated", "value": "gpu"], ["effect": "NoExecute", "key": "spot"],
        ])
    }
}
