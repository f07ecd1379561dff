import Foundation
import KubeAPI
import Testing

@testable import KubeClient

@Suite struct EventRecorderTests {
    /// A full buffer drops the events that arrive, before they are built, as client-go's
    /// broadcaster does (`DropIfChannelFull`): the first ones recorded are the ones written.
    @Test func aFullBufferDropsNewEventsAndWritesTheQueuedOnes() async throws {
        try await withLiveServer { kube in
            let recorder = EventRecorder(client: kube, component: "test-recorder", capacity: 3)
            for i in 0..<10 {
                let pod: JSONValue = ["metadata": ["name": .string("p\(i)"), "namespace": "default", "uid": .string("u\(i)")]]
                recorder.record(pod, kind: "Pod", type: "Normal", reason: "Scheduled", message: "p\(i) placed")
            }
            #expect(recorder.queued == 3)
            let writers = Task { await recorder.run(writers: 2) }
            defer { writers.cancel() }
            var names: [String] = []
            for _ in 0..<100 {
                let events = try await kube.list(.events, namespace: "default").items
                names = events.compactMap { $0["involvedObject"]?["name"]?.stringValue }.sorted()
                if names.count >= 3 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(names == ["p0", "p1", "p2"])
            #expect(recorder.queued == 0)
        }
    }
}
