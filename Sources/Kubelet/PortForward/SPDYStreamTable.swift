import Foundation

/// The two streams kubectl opens for one forwarded connection, once both are there.
struct SPDYStreamPair: Sendable {
    /// The `requestID` header shared by both streams.
    var requestID: String
    /// Stream ids.
    var errorStream: UInt32
    var dataStream: UInt32
    /// The `port` header as sent, and as a port number when it is one (1-65535).
    var portText: String
    var port: UInt16?
    /// What the client sends on the data stream; finished when it half-closes or resets it.
    var incoming: ByteQueue
}

/// The streams of one SPDY connection: pairs error and data streams by `requestID` (or, for
/// clients that send none, by stream id: the data stream follows its error stream, id + 2, as
/// the kubelet pairs them) and routes data frames to the data stream's reader.
struct SPDYStreamTable {
    private struct Half {
        var errorStream: UInt32?
        var dataStream: UInt32?
        var portText = ""
        var incoming: ByteQueue?
    }

    private var halves: [String: Half] = [:]
    private var inputs: [UInt32: ByteQueue] = [:]

    /// An empty table.
    init() {}

    /// Records a stream the client opened; returns the pair when this completes one. Streams of
    /// an unknown type are ignored.
    mutating func open(_ id: UInt32, headers: SPDYHeaderBlock, clientFinished: Bool) -> SPDYStreamPair? {
        let type = headers["streamType"] ?? ""
        guard type == "error" || type == "data" else { return nil }
        var requestID = headers["requestID"] ?? ""
        if requestID.isEmpty { requestID = String(type == "error" ? id : id &- 2) }
        var half = halves[requestID] ?? Half()
        half.portText = headers["port"] ?? half.portText
        if type == "error" {
            half.errorStream = id
        } else {
            half.dataStream = id
            let incoming = ByteQueue()
            half.incoming = incoming
            if clientFinished { incoming.finish() } else { inputs[id] = incoming }
        }
        guard let errorStream = half.errorStream, let dataStream = half.dataStream, let incoming = half.incoming else {
            halves[requestID] = half
            return nil
        }
        halves[requestID] = nil
        let port = UInt16(half.portText).flatMap { $0 > 0 ? $0 : nil }
        return SPDYStreamPair(
            requestID: requestID, errorStream: errorStream, dataStream: dataStream, portText: half.portText, port: port,
            incoming: incoming)
    }

    /// Delivers bytes the client sent on stream `id` (ignored unless it is an open data stream),
    /// waiting while that stream's connection is behind; `finished` ends that stream's input.
    mutating func receive(_ id: UInt32, _ bytes: [UInt8], finished: Bool) async {
        guard let input = inputs[id] else { return }
        if !bytes.isEmpty { await input.send(bytes) }
        if finished {
            input.finish()
            inputs[id] = nil
        }
    }

    /// Ends every data stream's input (the connection is gone).
    mutating func finishAll() {
        for input in inputs.values { input.finish() }
        inputs.removeAll()
    }
}
