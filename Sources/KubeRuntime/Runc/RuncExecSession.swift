import CSkiffShim
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One `runc exec` with its stdio on pipes, or with `tty` on a pseudo-terminal (runc copies
/// between it and the container's terminal, and resizes that one on SIGWINCH).
final class RuncExecSession: ExecSession, @unchecked Sendable {
    // @unchecked: `process` is only started in init and then waited on/signalled, which
    // Foundation's Process allows from any thread; fds are plain integers.
    let output: AsyncStream<ExecOutput>
    private let process: Process
    private let watch: RuncExecWatch
    /// Where stdin goes: the pipe's write end or the terminal's master; -1 without stdin.
    private let input = Mutex<Int32>(-1)
    private let master: Int32
    private let exit: Task<Int32, Never>

    /// Starts `runc arguments`.
    init(runc: String, arguments: [String], tty: Bool, stdin: Bool, pidFile: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: runc)
        process.arguments = arguments
        var readers: [(fd: Int32, isStderr: Bool)] = []
        var childEnds: [Int32] = []
        var inputFD: Int32 = -1
        if tty {
            var m: Int32 = -1
            var s: Int32 = -1
            guard skiff_open_pty(&m, &s) == 0 else {
                throw RuntimeError(.command, "open pty: \(String(cString: strerror(errno)))")
            }
            let slave = FileHandle(fileDescriptor: s, closeOnDealloc: false)
            process.standardInput = slave
            process.standardOutput = slave
            process.standardError = slave
            childEnds = [s]
            readers = [(m, false)]
            inputFD = stdin ? m : -1
            master = m
        } else {
            let inPipe = try Self.pipe(), outPipe = try Self.pipe(), errPipe = try Self.pipe()
            process.standardInput = stdin ? FileHandle(fileDescriptor: inPipe.0, closeOnDealloc: false) : FileHandle.nullDevice
            process.standardOutput = FileHandle(fileDescriptor: outPipe.1, closeOnDealloc: false)
            process.standardError = FileHandle(fileDescriptor: errPipe.1, closeOnDealloc: false)
            childEnds = [inPipe.0, outPipe.1, errPipe.1]
            readers = [(outPipe.0, false), (errPipe.0, true)]
            if stdin { inputFD = inPipe.1 } else { Glibc.close(inPipe.1) }
            master = -1
        }
        do {
            try process.run()
        } catch {
            for fd in childEnds + readers.map(\.fd) { Glibc.close(fd) }
            if inputFD >= 0 && inputFD != master { Glibc.close(inputFD) }
            throw RuntimeError(.command, "cannot run \(runc)", cause: error)
        }
        for fd in childEnds { Glibc.close(fd) }
        self.process = process
        watch = RuncExecWatch(pidFile: pidFile)
        watch.setRunc(process.processIdentifier)
        input.withLock { $0 = inputFD }
        let (stream, continuation) = AsyncStream<ExecOutput>.makeStream()
        output = stream
        let open = Countdown(readers.count)
        let keep = master
        for (fd, isStderr) in readers {
            Thread.detachNewThread {
                Self.pump(fd, isStderr, continuation)
                // The terminal's master stays open for stdin and resize until the session goes.
                if fd != keep { Glibc.close(fd) }
                if open.decrement() == 0 { continuation.finish() }
            }
        }
        exit = Task.detached {
            await withCheckedContinuation { (done: CheckedContinuation<Int32, Never>) in
                Thread.detachNewThread {
                    process.waitUntilExit()
                    try? FileManager.default.removeItem(atPath: pidFile)
                    done.resume(returning: process.terminationStatus)
                }
            }
        }
    }

    func write(_ bytes: [UInt8]) async throws {
        let fd = input.withLock { $0 }
        guard fd >= 0 else { throw RuntimeError(.command, "exec has no stdin") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw RuntimeError(.command, "write to exec stdin: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    func closeStdin() async {
        if master >= 0 {
            // A terminal has no half-close: send end-of-file (^D) as a typed key.
            try? await write([4])
            return
        }
        let fd = input.withLock { fd in
            defer { fd = -1 }
            return fd
        }
        if fd >= 0 { Glibc.close(fd) }
    }

    func resize(width: UInt16, height: UInt16) async {
        guard master >= 0 else { return }
        _ = skiff_set_window_size(master, width, height)
        RuncHost.signal(process.processIdentifier, SIGWINCH)
    }

    func wait() async -> Int32 {
        await exit.value
    }

    func cancel() async {
        watch.expire()
    }

    deinit {
        let fd = input.withLock { $0 }
        if fd >= 0 && fd != master { Glibc.close(fd) }
        if master >= 0 { Glibc.close(master) }
    }

    /// Reads `fd` until end of file (or EIO, a terminal whose other side closed) into the stream.
    private static func pump(
        _ fd: Int32, _ isStderr: Bool, _ continuation: AsyncStream<ExecOutput>.Continuation
    ) {
        var buffer = [UInt8](repeating: 0, count: 32768)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            let bytes = Array(buffer[0..<n])
            continuation.yield(isStderr ? .stderr(bytes) : .stdout(bytes))
        }
    }

    /// A close-on-exec pipe: (read end, write end).
    private static func pipe() throws -> (Int32, Int32) {
        var fds: [Int32] = [0, 0]
        guard skiff_pipe(&fds) == 0 else {
            throw RuntimeError(.command, "pipe: \(String(cString: strerror(errno)))")
        }
        return (fds[0], fds[1])
    }
}

/// A counter that readers count down from any thread.
private final class Countdown: Sendable {
    private let count: Mutex<Int>
    init(_ count: Int) { self.count = Mutex(count) }
    /// Decrements and returns what is left.
    func decrement() -> Int { count.withLock { $0 -= 1; return $0 } }
}
