import NIOCore
import Testing

@testable import KubeClient

/// The splitting of watch streams into event lines.
@Suite struct LineSplitterTests {
    private func feed(_ chunks: [String]) -> [String] {
        var splitter = LineSplitter()
        return chunks.flatMap { splitter.feed(ByteBuffer(string: $0)) }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func linesInOneChunkComeOutWhole() {
        #expect(feed(["{\"a\":1}\n{\"b\":2}\n"]) == ["{\"a\":1}", "{\"b\":2}"])
    }

    @Test func aLineSpanningChunksComesOutWhenItsNewlineArrives() {
        #expect(feed(["{\"a\":", "1}", "\n{\"b\"", ":2}\n"]) == ["{\"a\":1}", "{\"b\":2}"])
        #expect(feed(["abc", "\n"]) == ["abc"])
    }

    @Test func anUnfinishedLineWaitsAndEmptyLinesAreDropped() {
        #expect(feed(["\n\nx\n\n", "partial"]) == ["x"])
        #expect(feed(["", "\n"]).isEmpty)
    }

    @Test func byteByByteGivesTheSameLinesAsOneChunk() {
        let text = "{\"type\":\"ADDED\",\"object\":{\"é\":\"ü\"}}\n\n{\"type\":\"DELETED\"}\nrest"
        // Multi-byte characters cut between chunks too.
        var splitter = LineSplitter()
        var lines: [[UInt8]] = []
        for b in text.utf8 { lines += splitter.feed(ByteBuffer(bytes: [b])) }
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == feed([text]))
        #expect(feed([text]) == ["{\"type\":\"ADDED\",\"object\":{\"é\":\"ü\"}}", "{\"type\":\"DELETED\"}"])
    }
}
