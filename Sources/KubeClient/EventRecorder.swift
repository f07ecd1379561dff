import Foundation
import KubeAPI
import Logging
import Synchronization

/// Records core/v1 Events about objects, as Kubernetes components do ("Scheduled",
/// "SuccessfulCreate", ...). Recording never blocks the caller: events go into a bounded buffer
/// that a few background writers drain; when the buffer is full, new events are dropped before
/// they are built, as client-go's broadcaster drops them (`DropIfChannelFull`); and, as
/// client-go's spam filter, at most 25 events per involved object at once, then one per 5 minutes.
public final class EventRecorder: Sendable {
    /// The component named in `source.component` and `reportingComponent`.
    public let component: String
    private let client: KubeClient
    private let buffer: AsyncStream<JSONValue>
    private let continuation: AsyncStream<JSONValue>.Continuation
    private let host: String
    private let counter = Atomic<Int>(0)
    private let spamFilter = EventSpamFilter()
    /// Events queued and not yet taken by a writer.
    private let waiting = Atomic<Int>(0)
    private let capacity: Int

    /// A recorder writing through `client` as `component`; keeps at most `capacity` events waiting.
    public init(client: KubeClient, component: String, capacity: Int = 1000) {
        self.client = client
        self.component = component
        self.capacity = capacity
        (buffer, continuation) = AsyncStream.makeStream(of: JSONValue.self, bufferingPolicy: .bufferingNewest(capacity))
        host = ProcessInfo.processInfo.hostName
    }

    /// Queues an Event about `object` (any object with metadata; `kind`/`apiVersion` default to
    /// those given). `type` is `Normal` or `Warning`.
    public func record(
        _ object: JSONValue, kind: String, apiVersion: String = "v1", type: String, reason: String, message: String
    ) {
        guard waiting.load(ordering: .relaxed) < capacity else { return }
        let now = Date()
        guard spamFilter.allow("\(kind)/\(apiVersion)/\(object.namespace)/\(object.name)/\(object.uid)", now: now) else { return }
        let namespace = object.namespace.isEmpty ? "default" : object.namespace
        let sequence = counter.add(1, ordering: .relaxed).newValue
        let suffix = String(UInt64(now.timeIntervalSince1970 * 1e9) &+ UInt64(sequence), radix: 16)
        let stamp = Timestamp.format(now)
        var involved: JSONValue = [
            "kind": .string(kind), "namespace": .string(object.namespace), "name": .string(object.name),
            "apiVersion": .string(apiVersion),
        ]
        if let uid = object["metadata"]?["uid"] { involved["uid"] = uid }
        if let rv = object["metadata"]?["resourceVersion"] { involved["resourceVersion"] = rv }
        let event: JSONValue = [
            "apiVersion": "v1", "kind": "Event",
            "metadata": ["name": .string("\(object.name).\(suffix)"), "namespace": .string(namespace)],
            "involvedObject": involved,
            "reason": .string(reason), "message": .string(message), "type": .string(type),
            "source": ["component": .string(component)],
            "firstTimestamp": .string(stamp), "lastTimestamp": .string(stamp), "count": 1,
            "reportingComponent": .string(component), "reportingInstance": .string("\(component)-\(host)"),
        ]
        waiting.add(1, ordering: .relaxed)
        switch continuation.yield(event) {
        case .enqueued: break
        case .dropped, .terminated: waiting.subtract(1, ordering: .relaxed)
        @unknown default: break
        }
    }

    /// Events recorded and not yet taken by a writer.
    var queued: Int { waiting.load(ordering: .relaxed) }

    /// Writes queued events with `writers` concurrent requests until cancelled.
    public func run(writers: Int = 4, logger: Logger = Logger(label: "skiff.events")) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<writers {
                group.addTask { [self] in
                    for await event in buffer {
                        waiting.subtract(1, ordering: .relaxed)
                        if Task.isCancelled { return }
                        do {
                            let namespace = event["metadata"]?["namespace"]?.stringValue
                            _ = try await client.create(.events, namespace: namespace, event, keeping: .nothing)
                        } catch {
                            logger.debug("event \(event["reason"]?.stringValue ?? ""): \(error)")
                        }
                    }
                }
            }
            await withTaskCancellationHandler {
                await group.waitForAll()
            } onCancel: {
                continuation.finish()
            }
        }
    }
}
