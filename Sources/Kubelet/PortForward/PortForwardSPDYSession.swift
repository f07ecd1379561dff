import Foundation

/// `kubectl port-forward`'s protocol, `portforward.k8s.io` over SPDY/3.1 (tunnelled in a
/// WebSocket as `SPDY/3.1+portforward.k8s.io`): for each forwarded connection the client opens
/// an error stream and a data stream with headers `streamType`, `port` and `requestID`; the kubelet
/// answers each SYN_STREAM, connects to the port in the pod once both streams of a request are
/// there, relays the data stream, and closes both streams when the pod closes the connection.
/// A failure is written as text on the error stream, as Kubernetes does.
struct PortForwardSPDYSession: Sendable {
    /// Where connections go.
    let target: PortForwardTarget

    /// Serves one connection: `input` is the byte stream from the client (WebSocket message
    /// payloads, in order), `output` writes one message to it. Returns when the client is gone
    /// (input ended or GOAWAY); connections still open are then cancelled.
    /// A connection's data waits (and with it the client's other connections, as in
    /// Kubernetes) while it is behind.
    func run(
        input: some AsyncSequence<[UInt8], any Error> & Sendable, output: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async throws {
        let queue = OrderedOutput()
        let writer = try SPDYFrameWriter(queue: queue)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await message in queue.messages { try await output(message) }
            }
            var decoder = try SPDYFrameDecoder()
            var streams = SPDYStreamTable()
            do {
                reading: for try await bytes in input {
                    decoder.append(bytes)
                    while let frame = try decoder.next() {
                        if case .goAway = frame { break reading }
                        for pair in try await handle(frame, streams: &streams, writer: writer) {
                            group.addTask { await forward(pair, writer: writer) }
                        }
                    }
                }
            } catch is CancellationError {
                // Shut down from outside: same as the client leaving.
            }
            streams.finishAll()
            // The client is gone: stop the connections, then the writer.
            group.cancelAll()
            queue.finish()
        }
    }

    /// Reacts to one frame; returns the requests that became complete (both streams open).
    private func handle(_ frame: SPDYFrame, streams: inout SPDYStreamTable, writer: SPDYFrameWriter) async throws -> [SPDYStreamPair] {
        switch frame {
        case .synStream(let id, let flags, let headers):
            await writer.send(.synReply(streamID: id, flags: 0, headers: SPDYHeaderBlock()))
            guard let pair = streams.open(id, headers: headers, clientFinished: flags & SPDYFrame.fin != 0) else { return [] }
            return [pair]
        case .data(let id, let flags, let payload):
            await streams.receive(id, payload, finished: flags & SPDYFrame.fin != 0)
        case .resetStream(let id, _):
            await streams.receive(id, [], finished: true)
        case .ping(let id):
            await writer.send(.ping(id: id))
        case .synReply, .headers, .goAway, .ignored:
            break
        }
        return []
    }

    /// Connects to the pair's port and relays its data stream; closes both streams at the end.
    private func forward(_ pair: SPDYStreamPair, writer: SPDYFrameWriter) async {
        guard let port = pair.port else {
            await writer.send(.data(streamID: pair.errorStream, flags: 0, payload: Array("invalid port \"\(pair.portText)\"".utf8)))
            await writer.closeBoth(pair)
            return
        }
        switch await target.dial(port) {
        case .failure(let error):
            pair.incoming.finish()
            await writer.send(.data(streamID: pair.errorStream, flags: 0, payload: Array(error.message.utf8)))
        case .success(let fd):
            let dataStream = pair.dataStream
            do {
                try await PodPortConnection.relay(fd: fd, incoming: pair.incoming) { bytes in
                    await writer.sendData(streamID: dataStream, bytes)
                }
            } catch {
                await writer.send(.data(streamID: pair.errorStream, flags: 0, payload: Array("error forwarding port \(port) to pod \(target.sandboxID), uid : \(error)".utf8)))
            }
        }
        await writer.closeBoth(pair)
    }
}

/// Encodes frames (header compression needs them in order) and queues them for the WebSocket.
actor SPDYFrameWriter {
    private let encoder: SPDYFrameEncoder
    private let queue: OrderedOutput

    /// A writer onto `queue`.
    init(queue: OrderedOutput) throws(KubeletError) {
        encoder = try SPDYFrameEncoder()
        self.queue = queue
    }

    /// Encodes and queues `frame` at once; a frame that cannot be encoded is dropped.
    func send(_ frame: SPDYFrame) {
        guard let bytes = try? encoder.encode(frame) else { return }
        queue.send(bytes)
    }

    /// Encodes a data frame and queues it once there is room. Data frames carry no compressed
    /// headers, so frames queued meanwhile do not depend on its place.
    func sendData(streamID: UInt32, _ payload: [UInt8]) async {
        guard let bytes = try? encoder.encode(.data(streamID: streamID, flags: 0, payload: payload)) else { return }
        await queue.sendData(bytes)
    }

    /// Ends the kubelet's side of both streams of a request.
    func closeBoth(_ pair: SPDYStreamPair) {
        send(.data(streamID: pair.dataStream, flags: SPDYFrame.fin, payload: []))
        send(.data(streamID: pair.errorStream, flags: SPDYFrame.fin, payload: []))
    }
}
