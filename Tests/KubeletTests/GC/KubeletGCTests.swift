import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import Testing

@testable import Kubelet

/// The garbage collectors as a running kubelet drives them.
@Suite struct KubeletGCTests {
    @Test func aFullImageFilesystemIsReportedAndUnusedImagesGoOnceTheirPodIsDeleted() async throws {
        try await KubeletHarness.run { h in
            await h.images.setFilesystem(capacityBytes: 10_000_000, otherUsedBytes: 9_000_000)
            let kubelet = h.startKubelet { config in
                config.imageGCPeriod = .milliseconds(50)
                config.imageMinimumGCAge = .zero
            }
            defer { kubelet.cancel() }
            try await h.createPod("web", spec: ["containers": [["name": "c", "image": "busybox", "command": ["sleep", "3600"]]]])
            try await h.waitForPod("web", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            // busybox is in use: nothing can be freed, once (FreeDiskSpaceFailed) and again (ImageGCFailed).
            try await h.eventually("image GC failure events on the node") {
                let reasons = try await h.events(about: h.nodeName).map(\.reason)
                return reasons.contains("FreeDiskSpaceFailed") && reasons.contains("ImageGCFailed")
            }
            let events = try await h.events(about: h.nodeName)
            #expect(events.contains { $0.message.hasPrefix("Failed to garbage collect required amount of images. Attempted to free ") })
            #expect(try await h.images.listImages().count == 1)

            try await h.client.delete(.pods, namespace: "default", name: "web", gracePeriodSeconds: 0)
            try await h.eventually("busybox removed by image GC") { try await h.images.listImages().isEmpty }
        }
    }

    @Test func logDirectoriesOfPodsThatAreGoneAreRemoved() async throws {
        try await KubeletHarness.run { h in
            let stale = "\(h.root)/logs/default_old_0b8f2d8e-0000-4000-8000-000000000001/c"
            try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
            try Data("2026-11-26T15:00:00.000000000Z stdout F bye\n".utf8).write(to: URL(fileURLWithPath: "\(stale)/0.log"))
            let kubelet = h.startKubelet { config in config.containerGCPeriod = .milliseconds(50) }
            defer { kubelet.cancel() }
            let pod = try await h.createPod("web", spec: ["containers": [["name": "c", "image": "busybox", "command": ["sleep", "3600"]]]])
            try await h.waitForPod("web", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            try await h.eventually("the gone pod's log directory removed") {
                !FileManager.default.fileExists(atPath: "\(h.root)/logs/default_old_0b8f2d8e-0000-4000-8000-000000000001")
            }
            #expect(FileManager.default.fileExists(atPath: "\(h.root)/logs/default_web_\(pod.uid)/c"))
        }
    }
}
