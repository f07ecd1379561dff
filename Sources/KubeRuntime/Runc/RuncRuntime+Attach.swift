import CSkiffShim
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension RuncRuntime {
    /// The FIFO the shim makes the stdin of a container created with `stdin`.
    func stdinFifo(_ id: String) -> String { layout.containerDir(id) + "/stdin" }

    /// Opens the container's stdin FIFO for writing.
    public func attachStdin(_ id: String) async throws -> Int32 {
        guard let record = containerRecord(id), status(of: record).state == .running else {
            throw RuntimeError(.notFound, "container \(id) is not running")
        }
        guard record.config.stdin else {
            throw RuntimeError(.other, "container \(record.config.name) was not created with stdin: true")
        }
        let fd = skiff_open_fifo_writer(stdinFifo(id))
        guard fd >= 0 else {
            throw RuntimeError(.other, "open stdin of container \(record.config.name): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// Asks the container's shim (SIGUSR2) to drop the write end it holds.
    public func closeStdin(_ id: String) async throws {
        guard let processes = records.read(ContainerProcesses.self, from: layout.processesFile(id)), processes.shimAlive else { return }
        RuncHost.signal(processes.shimPID, SIGUSR2)
    }
}
