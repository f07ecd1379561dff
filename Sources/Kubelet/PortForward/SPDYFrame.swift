import Foundation

/// The SPDY/3.1 frames `kubectl port-forward` exchanges (client-go's SPDY streams, tunnelled in a
/// WebSocket since kubectl 1.31). Flow control is not enforced by either side, as spdystream does
/// not; SETTINGS and WINDOW_UPDATE are read and ignored.
enum SPDYFrame: Sendable, Equatable {
    /// A stream opened by the peer (client streams have odd ids), with its headers.
    case synStream(streamID: UInt32, flags: UInt8, headers: SPDYHeaderBlock)
    /// The answer to a SYN_STREAM.
    case synReply(streamID: UInt32, flags: UInt8, headers: SPDYHeaderBlock)
    /// A stream aborted, with a status code.
    case resetStream(streamID: UInt32, status: UInt32)
    /// A ping; the receiver echoes it.
    case ping(id: UInt32)
    /// The sender closes the connection after `lastStreamID`.
    case goAway(lastStreamID: UInt32, status: UInt32)
    /// More headers for a stream.
    case headers(streamID: UInt32, flags: UInt8, headers: SPDYHeaderBlock)
    /// Bytes of a stream; `flags` has `fin` when the sender has no more.
    case data(streamID: UInt32, flags: UInt8, payload: [UInt8])
    /// A control frame of no interest here (SETTINGS, WINDOW_UPDATE, CREDENTIAL, unknown).
    case ignored(type: UInt16)

    /// FLAG_FIN: the sender's half of the stream is closed.
    static let fin: UInt8 = 0x01
    /// SPDY's version number.
    static let version: UInt16 = 3

    /// Control frame types.
    enum ControlType: UInt16 {
        case synStream = 1, synReply, resetStream, settings, ping = 6, goAway, headers, windowUpdate
    }
}

/// Writes frames, compressing header blocks through one zlib stream (so the frames must be
/// written in the order they are encoded).
struct SPDYFrameEncoder {
    private let compression: SPDYHeaderCompression

    /// An encoder with a fresh header compressor.
    init() throws(KubeletError) { compression = try SPDYHeaderCompression(deflating: true) }

    /// The frame's wire bytes.
    func encode(_ frame: SPDYFrame) throws(KubeletError) -> [UInt8] {
        switch frame {
        case .synStream(let id, let flags, let headers):
            var body: [UInt8] = []
            SPDYWire.append32(id & 0x7fff_ffff, to: &body)
            SPDYWire.append32(0, to: &body)
            body += [0, 0]
            body += try compression.process(headers.encoded()[...])
            return Self.control(.synStream, flags: flags, body)
        case .synReply(let id, let flags, let headers):
            var body: [UInt8] = []
            SPDYWire.append32(id & 0x7fff_ffff, to: &body)
            body += try compression.process(headers.encoded()[...])
            return Self.control(.synReply, flags: flags, body)
        case .headers(let id, let flags, let headers):
            var body: [UInt8] = []
            SPDYWire.append32(id & 0x7fff_ffff, to: &body)
            body += try compression.process(headers.encoded()[...])
            return Self.control(.headers, flags: flags, body)
        case .resetStream(let id, let status):
            var body: [UInt8] = []
            SPDYWire.append32(id & 0x7fff_ffff, to: &body)
            SPDYWire.append32(status, to: &body)
            return Self.control(.resetStream, flags: 0, body)
        case .ping(let id):
            var body: [UInt8] = []
            SPDYWire.append32(id, to: &body)
            return Self.control(.ping, flags: 0, body)
        case .goAway(let last, let status):
            var body: [UInt8] = []
            SPDYWire.append32(last & 0x7fff_ffff, to: &body)
            SPDYWire.append32(status, to: &body)
            return Self.control(.goAway, flags: 0, body)
        case .data(let id, let flags, let payload):
            var out: [UInt8] = []
            out.reserveCapacity(payload.count + 8)
            SPDYWire.append32(id & 0x7fff_ffff, to: &out)
            out.append(flags)
            Self.append24(UInt32(payload.count), to: &out)
            out += payload
            return out
        case .ignored(let type):
            return Self.control(SPDYFrame.ControlType(rawValue: type) ?? .settings, flags: 0, [0, 0, 0, 0])
        }
    }

    private static func control(_ type: SPDYFrame.ControlType, flags: UInt8, _ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x80 | UInt8(SPDYFrame.version >> 8), UInt8(SPDYFrame.version & 0xff)]
        out += [UInt8(type.rawValue >> 8), UInt8(type.rawValue & 0xff), flags]
        append24(UInt32(body.count), to: &out)
        return out + body
    }

    private static func append24(_ value: UInt32, to out: inout [UInt8]) {
        out += [UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}

/// Reads frames from a byte stream that arrives in arbitrary pieces (WebSocket messages),
/// decompressing header blocks through one zlib stream.
struct SPDYFrameDecoder {
    private var buffer: [UInt8] = []
    private var start = 0
    private let compression: SPDYHeaderCompression

    /// A decoder with a fresh header decompressor.
    init() throws(KubeletError) { compression = try SPDYHeaderCompression(deflating: false) }

    /// Adds bytes received.
    mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or nil until more bytes arrive. Throws on a frame that is not
    /// SPDY/3 or whose header block does not decode (the connection cannot go on).
    mutating func next() throws(KubeletError) -> SPDYFrame? {
        guard buffer.count - start >= 8 else { return nil }
        let head = Array(buffer[start..<(start + 8)])
        let length = Int(head[5]) << 16 | Int(head[6]) << 8 | Int(head[7])
        guard buffer.count - start >= 8 + length else { return nil }
        let body = Array(buffer[(start + 8)..<(start + 8 + length)])
        start += 8 + length
        if start >= 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
        let flags = head[4]
        if head[0] & 0x80 == 0 {
            return .data(streamID: SPDYWire.read32(head, at: 0) & 0x7fff_ffff, flags: flags, payload: body)
        }
        let version = UInt16(head[0] & 0x7f) << 8 | UInt16(head[1])
        guard version == SPDYFrame.version else { throw KubeletError(.other, "spdy: unsupported version \(version)") }
        let type = UInt16(head[2]) << 8 | UInt16(head[3])
        func word(_ index: Int) throws(KubeletError) -> UInt32 {
            guard body.count >= index + 4 else { throw KubeletError(.other, "spdy: control frame \(type) too short") }
            return SPDYWire.read32(body, at: index)
        }
        switch SPDYFrame.ControlType(rawValue: type) {
        case .synStream:
            let id = try word(0) & 0x7fff_ffff
            guard body.count >= 10 else { throw KubeletError(.other, "spdy: SYN_STREAM too short") }
            return .synStream(streamID: id, flags: flags, headers: try headers(body[10...]))
        case .synReply:
            let id = try word(0) & 0x7fff_ffff
            return .synReply(streamID: id, flags: flags, headers: try headers(body[4...]))
        case .headers:
            let id = try word(0) & 0x7fff_ffff
            return .headers(streamID: id, flags: flags, headers: try headers(body[4...]))
        case .resetStream:
            return .resetStream(streamID: try word(0) & 0x7fff_ffff, status: try word(4))
        case .ping:
            return .ping(id: try word(0))
        case .goAway:
            return .goAway(lastStreamID: try word(0) & 0x7fff_ffff, status: body.count >= 8 ? try word(4) : 0)
        case .settings, .windowUpdate, nil:
            return .ignored(type: type)
        }
    }

    private func headers(_ compressed: ArraySlice<UInt8>) throws(KubeletError) -> SPDYHeaderBlock {
        try SPDYHeaderBlock(decoding: try compression.process(compressed))
    }
}
