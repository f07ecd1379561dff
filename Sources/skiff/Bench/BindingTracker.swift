import Foundation
import KubeAPI
import KubeClient
import Synchronization

/// Follows one namespace's pods through a watch and notes when each was first seen bound and
/// first seen Running.
final class BindingTracker: Sendable {
    private struct Progress {
        var bound: Set<String> = []
        var running: Set<String> = []
        var lastBound = ContinuousClock.now
        var lastRunning = ContinuousClock.now
    }
    private let progress = Mutex(Progress())

    /// What the tracker parses of each pod: the harness should take as little of the machine's
    /// CPU as it can from the processes it measures.
    static let fields = JSONKeyFilter.object([
        "metadata": .keys(["name", "resourceVersion"]), "spec": .keys(["nodeName"]), "status": .keys(["phase"]),
    ])

    /// Only bound pods are sent (a pod enters the watch when it is bound), as the hollow nodes
    /// select them: the server sends the harness no event for a pod's create.
    static let boundPods = "spec.nodeName!="

    /// Watches until cancelled.
    func follow(_ client: KubeClient, namespace: String) async throws {
        let list = try await client.list(.pods, namespace: namespace, options: ListOptions(fieldSelector: Self.boundPods))
        var rv = list.resourceVersion
        while !Task.isCancelled {
            let options = ListOptions(fieldSelector: Self.boundPods, resourceVersion: rv)
            for try await event in client.watch(.pods, namespace: namespace, options: options, timeoutSeconds: 600, keeping: Self.fields) {
                if let v = event.object["metadata"]?["resourceVersion"]?.stringValue { rv = v }
                guard event.type == "ADDED" || event.type == "MODIFIED" else { continue }
                let name = event.object.name
                let bound = !(event.object["spec"]?["nodeName"]?.stringValue ?? "").isEmpty
                let running = event.object["status"]?["phase"]?.stringValue == "Running"
                let now = ContinuousClock.now
                progress.withLock { p in
                    if bound, p.bound.insert(name).inserted { p.lastBound = now }
                    if running, p.running.insert(name).inserted { p.lastRunning = now }
                }
            }
        }
    }

    /// Waits until `bound` pods were seen bound; returns when the last of them was.
    func waitUntil(bound count: Int, timeout: Duration) async throws -> ContinuousClock.Instant {
        try await waitFor("\(count) bound pods", timeout: timeout) { progress.withLock { $0.bound.count >= count } }
        return progress.withLock { $0.lastBound }
    }

    /// Waits until `running` pods were seen Running; returns when the last of them was.
    func waitUntil(running count: Int, timeout: Duration) async throws -> ContinuousClock.Instant {
        try await waitFor("\(count) running pods", timeout: timeout) { progress.withLock { $0.running.count >= count } }
        return progress.withLock { $0.lastRunning }
    }
}
