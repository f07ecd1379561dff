import CSkiffShim
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension RuncRuntime {
    /// The FIFO the shim makes the stdin of a container created with `stdin`.
    func stdinFifo(_ id: String) -> String { layout.containerDir(id) + "/stdin" }

    /// Connects to the container's shim (its attach socket) and, with `stdin`, opens the
    /// container's stdin FIFO for writing.
    public func attach(_ id: String, stdin: Bool) async throws -> any ExecSession {
        guard let record = containerRecord(id), status(of: record).state == .running else {
            throw RuntimeError(.notFound, "container \(id) is not running")
        }
        if stdin && !record.config.stdin {
            throw RuntimeError(.other, "container \(record.config.name) was not created with stdin: true")
        }
        let socket = skiff_connect_unix(layout.attachSocket(id))
        guard socket >= 0 else {
            // The shim closes the socket as the container stops.
            throw RuntimeError(.notFound, "container \(record.config.name) is not running: \(String(cString: strerror(errno)))")
        }
        var writer: Int32 = -1
        if stdin {
            writer = skiff_open_fifo_writer(stdinFifo(id))
            guard writer >= 0 else {
                let why = String(cString: strerror(errno))
                Glibc.close(socket)
                throw RuntimeError(.other, "open stdin of container \(record.config.name): \(why)")
            }
        }
        let once = record.config.stdinOnce ?? false
        return RuncAttachSession(socket: socket, stdin: writer) { [self] in
            if once { closeStdinForGood(id) }
        }
    }

    /// Asks the container's shim (SIGUSR2) to drop the write end it holds: the container reads
    /// end of file once the attached writers have closed too.
    func closeStdinForGood(_ id: String) {
        guard let processes = records.read(ContainerProcesses.self, from: layout.processesFile(id)), processes.shimAlive else { return }
        RuncHost.signal(processes.shimPID, SIGUSR2)
    }
}
