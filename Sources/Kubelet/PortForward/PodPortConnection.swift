import Foundation
import KubeRuntime
import NIOCore
import NIOPosix

/// Where a port-forward request goes: the pod's sandbox, reached through the runtime.
struct PortForwardTarget: Sendable {
    /// The runtime that opens connections inside the sandbox.
    let runtime: any RuntimeService
    /// The pod's ready sandbox.
    let sandboxID: String

    /// A connected socket to `127.0.0.1:port` in the pod, or the message the error stream
    /// carries, in the kubelet's words: `error forwarding port 80 to pod <sandbox>, uid : <why>`.
    func dial(_ port: UInt16) async -> Result<Int32, KubeletError> {
        do {
            return .success(try await runtime.portForward(sandboxID: sandboxID, port: port))
        } catch {
            let why = (error as? RuntimeError)?.message ?? "\(error)"
            return .failure(KubeletError(.other, "error forwarding port \(port) to pod \(sandboxID), uid : \(why)"))
        }
    }
}

/// One forwarded TCP connection into a pod: the client's bytes go into the socket, the pod's
/// bytes come back, until the pod closes its side (or the task is cancelled).
enum PodPortConnection {
    /// Largest piece of pod output sent in one message.
    static let maxChunk = 32 * 1024

    /// Relays between the connected socket `fd` (taken over and closed here) and the client:
    /// `incoming` is what the client sends (finished when the client half-closes: the socket's
    /// write side is then shut down), `send` carries the pod's output and may wait (the pod's
    /// side is not read meanwhile). Returns once the pod has closed the connection; `incoming`
    /// is then finished, so its senders stop waiting.
    static func relay(
        fd: Int32, incoming: ByteQueue, send: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async throws {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .withConnectedSocket(fd) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                            wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                    }
                }
        } catch {
            close(fd)
            incoming.finish()
            throw error
        }
        defer { incoming.finish() }
        try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await chunk in incoming where !chunk.isEmpty {
                        try await outbound.write(ByteBuffer(bytes: chunk))
                    }
                    outbound.finish()
                }
                do {
                    for try await buffer in inbound {
                        var rest = buffer.readableBytesView[...]
                        while !rest.isEmpty {
                            let piece = rest.prefix(maxChunk)
                            try await send(Array(piece))
                            rest = rest.dropFirst(piece.count)
                        }
                    }
                } catch {
                    // Reset by the pod, or the client went away (cancelled): the connection is over.
                }
                group.cancelAll()
            }
        }
    }
}

/// Messages to one WebSocket, written in the order they are queued by a single writer task
/// (many forwarded connections share the socket). Data waits while the client is behind by the
/// queue's limit; control messages do not.
struct OrderedOutput: Sendable {
    /// The queued messages, for the writer task.
    let messages = ByteQueue()

    /// Queues a control message at once.
    func send(_ message: [UInt8]) { messages.sendNow(message) }

    /// Queues a message of a connection's data, once there is room.
    func sendData(_ message: [UInt8]) async { await messages.send(message) }

    /// Ends the queue: the writer task finishes after the last message.
    func finish() { messages.finish() }
}
