import Foundation
import KubeAPI

/// Port forwarding in the WebSocket channel protocol (`v4.channel.k8s.io`, as the Python
/// client's `portforward` speaks it): port i of the request has data channel 2i and error
/// channel 2i+1; the kubelet first sends each channel a message holding the port (2 bytes,
/// little-endian), then relays one connection per port. The WebSocket closes once every
/// connection has ended; a failure is written as text on the port's error channel.
struct PortForwardChannelSession: Sendable {
    /// Where connections go.
    let target: PortForwardTarget
    /// The requested ports, in order.
    let ports: [UInt16]

    private enum Role: Sendable { case writer, reader, forward }

    /// Serves one WebSocket: `input` carries the client's binary messages (first byte the
    /// channel), `output` writes one message. Returns when every connection has ended or the
    /// client has gone.
    /// A port's data waits (and with it the client's other ports, as in Kubernetes) while its
    /// connection is behind.
    func run(
        input: some AsyncSequence<[UInt8], any Error> & Sendable, output: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async throws {
        let queue = OrderedOutput()
        let routes = ports.map { _ in ByteQueue() }
        for (index, port) in ports.enumerated() {
            let prefix = [UInt8(truncatingIfNeeded: port), UInt8(truncatingIfNeeded: port >> 8)]
            queue.send([UInt8(truncatingIfNeeded: 2 * index)] + prefix)
            queue.send([UInt8(truncatingIfNeeded: 2 * index + 1)] + prefix)
        }
        try await withThrowingTaskGroup(of: Role.self) { group in
            group.addTask {
                for try await message in queue.messages { try await output(message) }
                return .writer
            }
            group.addTask {
                defer { routes.forEach { $0.finish() } }
                for try await message in input {
                    guard let channel = message.first, channel % 2 == 0, Int(channel / 2) < routes.count else { continue }
                    if message.count > 1 { await routes[Int(channel / 2)].send(Array(message.dropFirst())) }
                }
                return .reader
            }
            for (index, port) in ports.enumerated() {
                let incoming = routes[index]
                group.addTask {
                    await forward(port, index: index, incoming: incoming, queue: queue)
                    return .forward
                }
            }
            var open = ports.count
            if open == 0 { queue.finish() }
            while let role = try await group.next() {
                switch role {
                case .forward:
                    open -= 1
                    if open == 0 { queue.finish() }
                case .writer, .reader:
                    // Everything written (or the client gone): nothing more to do.
                    group.cancelAll()
                    return
                }
            }
        }
    }

    private func forward(_ port: UInt16, index: Int, incoming: ByteQueue, queue: OrderedOutput) async {
        let data = UInt8(truncatingIfNeeded: 2 * index)
        switch await target.dial(port) {
        case .failure(let error):
            incoming.finish()
            queue.send([data + 1] + Array(error.message.utf8))
        case .success(let fd):
            do {
                try await PodPortConnection.relay(fd: fd, incoming: incoming) { bytes in await queue.sendData([data] + bytes) }
            } catch {
                queue.send([data + 1] + Array("error forwarding port \(port) to pod \(target.sandboxID), uid : \(error)".utf8))
            }
        }
    }

    /// The ports of a request: every `port` (the kubelet's name) and `ports` (the API's name)
    /// query value, each a comma-separated list of numbers 1-65535. Throws a 400 in Kubernetes'
    /// words for a missing or bad one.
    static func requestedPorts(from query: FormQuery) throws(LogRequestError) -> [UInt16] {
        let values = query.all("port") + query.all("ports")
        guard !values.isEmpty else { throw LogRequestError(400, "query parameter \"port\" is required") }
        var ports: [UInt16] = []
        for value in values {
            guard !value.isEmpty else { throw LogRequestError(400, "query parameter \"port\" cannot be empty") }
            for piece in value.split(separator: ",", omittingEmptySubsequences: false) {
                guard let port = UInt16(piece.trimmingCharacters(in: .whitespaces)) else {
                    throw LogRequestError(400, "unable to parse \"\(value)\" as a port: strconv.ParseUint: parsing \"\(piece)\": invalid syntax")
                }
                guard port > 0 else { throw LogRequestError(400, "port \"\(value)\" must be > 0") }
                ports.append(port)
            }
        }
        return ports
    }
}
