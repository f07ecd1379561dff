import KubeClient
import NIOCore
import NIOEmbedded
import Testing

/// `WriteCoalescingHandler` passes what was written between two flushes on as one buffer, so that
/// TLS after it seals one record, and every write's promise follows that buffer's.
@Suite struct WriteCoalescingHandlerTests {
    /// Reads whether `promise` succeeded (true), failed (false) or is still open (nil).
    static func outcome(_ promise: EventLoopPromise<Void>) -> () -> Bool? {
        nonisolated(unsafe) var result: Bool?
        promise.futureResult.whenComplete { result = (try? $0.get()) != nil }
        return { result }
    }

    @Test func writesBetweenFlushesGoOnAsOneBuffer() throws {
        let channel = EmbeddedChannel(handler: WriteCoalescingHandler())
        defer { _ = try? channel.finish() }
        let written = (0..<3).map { _ in channel.eventLoop.makePromise(of: Void.self) }
        channel.write(ByteBuffer(string: "POST /api HTTP/1.1\r\n\r\n"), promise: written[0])
        channel.write(ByteBuffer(string: "{\"kind\":\"Pod\"}"), promise: written[1])
        channel.write(ByteBuffer(), promise: written[2])
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil, "nothing goes on before the flush")
        channel.flush()
        let out = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(String(buffer: out) == "POST /api HTTP/1.1\r\n\r\n{\"kind\":\"Pod\"}")
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil, "one buffer for the three writes")
        let outcomes = written.map(Self.outcome)
        #expect(outcomes.map { $0() } == [true, true, true], "every write's promise succeeded")
    }

    @Test func eachFlushSendsWhatCameBeforeIt() throws {
        let channel = EmbeddedChannel(handler: WriteCoalescingHandler())
        defer { _ = try? channel.finish() }
        channel.writeAndFlush(ByteBuffer(string: "one"), promise: nil)
        channel.write(ByteBuffer(string: "two"), promise: nil)
        channel.writeAndFlush(ByteBuffer(string: "three"), promise: nil)
        #expect(try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) } == "one")
        #expect(try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) } == "twothree")
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
    }

    @Test func unflushedWritesGoOnAheadOfACloseWithTheirPromises() throws {
        let recorder = OutboundRecorder()
        let channel = EmbeddedChannel(handlers: [recorder, WriteCoalescingHandler()])
        let written = channel.eventLoop.makePromise(of: Void.self)
        let later = channel.eventLoop.makePromise(of: Void.self)
        let outcomes = [written, later].map(Self.outcome)
        channel.write(ByteBuffer(string: "head"), promise: written)
        channel.write(ByteBuffer(string: "body"), promise: later)
        channel.close(promise: nil)
        #expect(recorder.events == ["write headbody", "close"])
        #expect(outcomes.map { $0() } == [false, false], "the failure of the joined write reached both writes")
    }
}

/// Records the writes and closes that reach it, failing each write (as a closed channel would).
final class OutboundRecorder: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer
    struct Refused: Error {}
    var events: [String] = []

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        events.append("write " + String(buffer: unwrapOutboundIn(data)))
        promise?.fail(Refused())
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        events.append("close")
        context.close(mode: mode, promise: promise)
    }
}
