import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One attach to a running container: the frames of the shim's attach socket as output, the
/// container's stdin FIFO as input, and resize records written back to the shim.
final class RuncAttachSession: ExecSession {
    let output: AsyncStream<ExecOutput>
    /// The connection to the shim; -1 once the reader has closed it.
    private let socket: Mutex<Int32>
    /// The write end of the stdin FIFO; -1 without stdin or once closed.
    private let stdin: Mutex<Int32>
    /// Runs once, when stdin closes (the container's `stdinOnce`).
    private let stdinClosed: @Sendable () -> Void

    /// Reads `socket` (connected to the shim) on a thread of its own until the shim closes it.
    init(socket fd: Int32, stdin writer: Int32, stdinClosed: @escaping @Sendable () -> Void) {
        socket = Mutex(fd)
        stdin = Mutex(writer)
        self.stdinClosed = stdinClosed
        let (stream, continuation) = AsyncStream<ExecOutput>.makeStream()
        output = stream
        // The reader keeps the session until the shim closes the connection or it is shut down.
        Thread.detachNewThread { [self] in
            Self.readFrames(fd, continuation)
            socket.withLock { open in
                Glibc.close(open)
                open = -1
            }
            continuation.finish()
        }
    }

    func write(_ bytes: [UInt8]) async throws {
        try stdin.withLock { fd in
            guard fd >= 0 else { throw RuntimeError(.other, "the attach has no stdin") }
            try Self.writeAll(fd, bytes, socket: false)
        }
    }

    func closeStdin() async {
        let writer = stdin.withLock { fd in
            defer { fd = -1 }
            return fd
        }
        guard writer >= 0 else { return }
        Glibc.close(writer)
        stdinClosed()
    }

    func resize(width: UInt16, height: UInt16) async {
        let record = [UInt8(width >> 8), UInt8(width & 0xff), UInt8(height >> 8), UInt8(height & 0xff)]
        socket.withLock { fd in
            if fd >= 0 { try? Self.writeAll(fd, record, socket: true) }
        }
    }

    /// An attach has no exit code of its own: it ends when the container stops.
    func wait() async -> Int32 { 0 }

    /// Detaches: stdin closes (as the client closing it would) and the output ends.
    func cancel() async {
        await closeStdin()
        socket.withLock { fd in
            if fd >= 0 { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    deinit {
        let writer = stdin.withLock { $0 }
        if writer >= 0 { Glibc.close(writer) }
    }

    /// Writes all of `bytes` to `fd` (blocking), or throws. A socket is written without SIGPIPE;
    /// the FIFO relies on the process ignoring it, as `skiff` does.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], socket: Bool) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes {
                socket ? Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) : Glibc.write(fd, $0.baseAddress, $0.count)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw RuntimeError(.other, "write to the container: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    /// Yields every frame (stream byte, big-endian 32-bit length, bytes) until the shim closes
    /// the connection (or it is shut down).
    private static func readFrames(_ fd: Int32, _ continuation: AsyncStream<ExecOutput>.Continuation) {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            pending += buffer[0..<n]
            var start = 0
            while pending.count - start >= 5 {
                let length = pending[start + 1..<start + 5].reduce(0) { $0 << 8 | Int($1) }
                guard pending.count - start - 5 >= length else { break }
                let bytes = Array(pending[start + 5..<start + 5 + length])
                continuation.yield(pending[start] == 2 ? .stderr(bytes) : .stdout(bytes))
                start += 5 + length
            }
            pending.removeFirst(start)
        }
    }
}
