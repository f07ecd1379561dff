import Foundation
import KubeAPI

#if canImport(Glibc)
    import Glibc
#endif

/// Starts a created container the way `runc start` does, without running runc: a created
/// container's init waits to open runc's exec FIFO (`<runc root>/<id>/exec.fifo`) for writing,
/// writes one byte and execs the container's process, which closes the FIFO. Opening the FIFO for
/// reading and reading it to its end is the start; the FIFO is then removed, which is how runc
/// itself tells a running container from a created one.
///
/// A `runc start` is a Go process of its own (about 7 ms of CPU on the 2-core bench machine, a
/// quarter of what runc spends on a container); in a burst of pod starts that was CPU for nothing.
enum RuncExecFifo {
    /// Outcome of reading the FIFO.
    enum Outcome: Sendable, Equatable {
        /// The container's process was started.
        case started
        /// There is no FIFO: the container is not in the created state (or runc keeps it elsewhere).
        case noFifo
        /// The init exited before it wrote to the FIFO.
        case initGone
    }

    /// Opens `path` for reading and reads it to its end (bounded by `timeout`), checking every
    /// 100 ms that `initPID` still lives, as runc does.
    static func start(_ path: String, initPID: Int32, timeout: Duration = .seconds(30)) async throws -> Outcome {
        try await BlockingThread.run { try startBlocking(path, initPID: initPID, timeout: timeout) }
    }

    private static func startBlocking(_ path: String, initPID: Int32, timeout: Duration) throws -> Outcome {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return .noFifo }
            throw RuntimeError(.runContainer, "open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var received = 0
        var buffer = [UInt8](repeating: 0, count: 16)
        reading: while true {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 100)
            if ready < 0 && errno != EINTR {
                throw RuntimeError(.runContainer, "poll \(path): \(String(cString: strerror(errno)))")
            }
            if ready > 0 {
                // The writer came: read what it wrote; end of file once it has exec'd (or gone).
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n > 0 {
                        received += n
                    } else if n == 0 {
                        break reading
                    } else if errno != EINTR {
                        break  // EAGAIN: the writer still holds it open
                    }
                }
                continue
            }
            if !processAlive(initPID) { break }
            if clock.now >= deadline {
                throw RuntimeError(.runContainer, "container init \(initPID) did not open its exec FIFO within \(timeout)")
            }
        }
        guard received > 0 else { return .initGone }
        unlink(path)
        return .started
    }

    /// Whether `pid` lives and is not a zombie.
    private static func processAlive(_ pid: Int32) -> Bool {
        guard let state = RuncHost.statFields(pid)?.first else { return false }
        return state != "Z"
    }
}
