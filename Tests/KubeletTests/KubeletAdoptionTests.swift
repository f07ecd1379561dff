import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import Testing

@testable import Kubelet

@Suite struct KubeletAdoptionTests {
    @Test func aRestartedKubeletAdoptsRunningPodsAndRemovesPodsDeletedMeanwhile() async throws {
        let runtime = InMemoryRuntime()
        try await KubeletHarness.run(runtime: runtime) { h in
            let spec: JSONValue = ["containers": [["name": "c", "image": "busybox", "command": ["sleep", "3600"]]]]
            let first = h.startKubelet()
            let kept = try await h.createPod("kept", spec: spec)
            let gone = try await h.createPod("gone", spec: spec)
            for name in ["kept", "gone"] {
                try await h.waitForPod(name, "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            }
            first.cancel()
            await first.value
            let createdBefore = await runtime.createdContainers
            let keptContainer = try #require(try await runtime.listContainers().first { $0.config.labels["io.kubernetes.pod.uid"] == kept.uid })

            // While no kubelet runs, "gone" is deleted without grace.
            try await h.client.delete(.pods, namespace: "default", name: "gone", gracePeriodSeconds: 0)
            let second = h.startKubelet()
            defer { second.cancel() }
            try await h.eventually("sandbox of the deleted pod removed") {
                try await !runtime.listPodSandboxes().contains { $0.config.uid == gone.uid }
            }
            // The second kubelet has synced "kept": its status is written again on a relabel.
            _ = try await h.client.patch(.pods, namespace: "default", name: "kept", type: .merge, ["metadata": ["labels": ["seen": "yes"]]])
            try await Task.sleep(for: .milliseconds(500))
            let pod = try #require(try await h.pod("kept"))
            #expect(pod["status"]?["phase"]?.stringValue == "Running")
            #expect(KubeletHarness.containerStatus(pod, "c")?["containerID"]?.stringValue == "inmemory://\(keptContainer.id)")
            #expect(await runtime.createdContainers == createdBefore)
            let keptContainers = try await runtime.listContainers().filter { $0.config.labels["io.kubernetes.pod.uid"] == kept.uid }
            #expect(keptContainers.map(\.id) == [keptContainer.id])
            #expect(keptContainers.first?.state == .running)
        }
    }
}

@Suite struct KubeletManyPodsTests {
    @Test func aHundredPodsCreatedAtOnceAllRunWithDistinctAddresses() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            let spec: JSONValue = ["containers": [["name": "c", "image": "busybox", "imagePullPolicy": "IfNotPresent", "command": ["sleep", "3600"]]]]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<100 { group.addTask { try await h.createPod("many-\(i)", spec: spec) } }
                try await group.waitForAll()
            }
            try await h.eventually("100 pods Running", timeout: .seconds(120)) {
                let pods = try await h.client.listAll(.pods, namespace: "default").items
                return pods.filter { $0["status"]?["phase"]?.stringValue == "Running" }.count == 100
            }
            let pods = try await h.client.listAll(.pods, namespace: "default").items
            #expect(Set(pods.compactMap { $0["status"]?["podIP"]?.stringValue }).count == 100)
            #expect(await h.runtime.createdContainers == 100)
        }
    }
}
