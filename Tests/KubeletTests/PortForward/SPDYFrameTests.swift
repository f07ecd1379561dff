import Foundation
import Testing

@testable import Kubelet

/// SPDY/3.1 framing and header compression as kubectl's port-forward uses them.
@Suite struct SPDYFrameTests {
    /// Two header blocks compressed by zlib itself (level 9, the SPDY/3 dictionary, a sync flush
    /// after each, one stream for both), as Go's framer writes them:
    /// {port: 8080, requestid: 0, streamtype: error}, then the same with streamtype data.
    static let errorHeaders: [UInt8] = [
        0x78, 0xf9, 0xe3, 0xc6, 0xa7, 0xc2, 0x02, 0x25, 0x3a, 0x48, 0xf9, 0x5b, 0x04, 0x4e, 0xea, 0x16, 0x06, 0x16,
        0x06, 0x40, 0x9a, 0xb3, 0x08, 0x12, 0x5f, 0x99, 0xa0, 0x74, 0xcc, 0x68, 0x00, 0x4e, 0x89, 0x25, 0x45, 0xa9,
        0x89, 0xb9, 0xd0, 0xc2, 0x86, 0x35, 0x15, 0x14, 0x15, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
    ]
    static let dataHeaders: [UInt8] = [0x22, 0x53, 0x33, 0xa8, 0xa4, 0x4a, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]

    static func synStream(_ id: UInt8, _ block: [UInt8]) -> [UInt8] {
        let length = block.count + 10
        return [0x80, 0x03, 0x00, 0x01, 0x00, 0x00, UInt8(length >> 8), UInt8(length & 0xff), 0, 0, 0, id, 0, 0, 0, 0, 0, 0]
            + block
    }

    @Test func decodesSynStreamsCompressedWithTheSPDY3DictionaryAcrossSplitReads() throws {
        let wire = Self.synStream(1, Self.errorHeaders) + Self.synStream(3, Self.dataHeaders)
        var decoder = try SPDYFrameDecoder()
        var frames: [SPDYFrame] = []
        for byte in wire {
            decoder.append([byte])
            while let frame = try decoder.next() { frames.append(frame) }
        }
        #expect(
            frames == [
                .synStream(streamID: 1, flags: 0, headers: SPDYHeaderBlock(["port": "8080", "requestid": "0", "streamtype": "error"])),
                .synStream(streamID: 3, flags: 0, headers: SPDYHeaderBlock(["port": "8080", "requestid": "0", "streamtype": "data"])),
            ])
        if case .synStream(_, _, let h)? = frames.first { #expect(h["streamType"] == "error") }
    }

    @Test func everyFrameKindRoundTripsThroughOneCompressionContext() throws {
        let encoder = try SPDYFrameEncoder()
        var decoder = try SPDYFrameDecoder()
        let frames: [SPDYFrame] = [
            .synStream(streamID: 1, flags: SPDYFrame.fin, headers: SPDYHeaderBlock(["streamtype": "error", "port": "80"])),
            .synReply(streamID: 1, flags: 0, headers: SPDYHeaderBlock()),
            .headers(streamID: 1, flags: 0, headers: SPDYHeaderBlock(["x": "y"])),
            .data(streamID: 3, flags: 0, payload: Array(repeating: 7, count: 70_000)),
            .data(streamID: 3, flags: SPDYFrame.fin, payload: []),
            .resetStream(streamID: 5, status: 5),
            .ping(id: 1),
            .goAway(lastStreamID: 7, status: 0),
        ]
        for frame in frames { decoder.append(try encoder.encode(frame)) }
        var decoded: [SPDYFrame] = []
        while let frame = try decoder.next() { decoded.append(frame) }
        #expect(decoded == frames)
    }

    @Test func controlFramesCarryVersion3AndTheirType() throws {
        let bytes = try SPDYFrameEncoder().encode(.ping(id: 9))
        #expect(bytes == [0x80, 0x03, 0x00, 0x06, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x09])
        let data = try SPDYFrameEncoder().encode(.data(streamID: 2, flags: SPDYFrame.fin, payload: [1, 2]))
        #expect(data == [0x00, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x02, 1, 2])
    }

    @Test func settingsAndWindowUpdatesAreIgnoredAndOtherVersionsRejected() throws {
        var decoder = try SPDYFrameDecoder()
        decoder.append([0x80, 0x03, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0, 0, 0, 0])
        decoder.append([0x80, 0x03, 0x00, 0x09, 0x00, 0x00, 0x00, 0x08, 0, 0, 0, 1, 0, 0, 0x10, 0])
        #expect(try decoder.next() == .ignored(type: 4))
        #expect(try decoder.next() == .ignored(type: 9))
        #expect(try decoder.next() == nil)
        decoder.append([0x80, 0x02, 0x00, 0x06, 0x00, 0x00, 0x00, 0x04, 0, 0, 0, 1])
        #expect(throws: KubeletError.self) { try decoder.next() }
    }

    @Test func aCorruptHeaderBlockIsAnError() throws {
        var decoder = try SPDYFrameDecoder()
        decoder.append(Self.synStream(1, [0x01, 0x02, 0x03, 0x04]))
        #expect(throws: KubeletError.self) { try decoder.next() }
    }

    @Test func streamsPairByRequestIDOrByStreamID() {
        var table = SPDYStreamTable()
        #expect(table.open(1, headers: SPDYHeaderBlock(["streamtype": "error", "port": "80", "requestid": "4"]), clientFinished: true) == nil)
        #expect(table.open(3, headers: SPDYHeaderBlock(["streamtype": "error", "port": "81"]), clientFinished: true) == nil)
        let first = table.open(15, headers: SPDYHeaderBlock(["streamtype": "data", "port": "80", "requestid": "4"]), clientFinished: false)
        #expect(first?.errorStream == 1 && first?.dataStream == 15 && first?.port == 80)
        // No requestID: the data stream follows its error stream.
        let second = table.open(5, headers: SPDYHeaderBlock(["streamtype": "data", "port": "81"]), clientFinished: false)
        #expect(second?.errorStream == 3 && second?.dataStream == 5 && second?.port == 81)
        #expect(table.open(9, headers: SPDYHeaderBlock(["streamtype": "other"]), clientFinished: false) == nil)
        let bad = table.open(11, headers: SPDYHeaderBlock(["streamtype": "error", "port": "0", "requestid": "x"]), clientFinished: true)
        #expect(bad == nil)
        let badData = table.open(13, headers: SPDYHeaderBlock(["streamtype": "data", "port": "0", "requestid": "x"]), clientFinished: false)
        #expect(badData?.port == nil && badData?.portText == "0")
    }
}

extension SPDYStreamPair: Equatable {
    public static func == (a: SPDYStreamPair, b: SPDYStreamPair) -> Bool {
        a.requestID == b.requestID && a.errorStream == b.errorStream && a.dataStream == b.dataStream && a.portText == b.portText
    }
}
