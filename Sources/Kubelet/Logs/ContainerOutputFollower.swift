import Foundation
import KubeRuntime

/// A running container's output from now on, read from its CRI log file as the runtime appends
/// to it (what `kubectl attach` shows): each entry's bytes on the stream it came from, a newline
/// after every complete line. Ends once the container has stopped and its last lines are read.
struct ContainerOutputFollower: Sendable {
    let containerID: String
    let runtime: any RuntimeService
    var pollInterval: Duration = .milliseconds(100)
    private let handle: FileHandle

    /// Starts following the log at `path` from its current end (output written from now on).
    init(path: String, containerID: String, runtime: any RuntimeService) throws(LogRequestError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LogRequestError(404, "open \(path): no such file or directory")
        }
        _ = try? handle.seekToEnd()
        self.handle = handle
        self.containerID = containerID
        self.runtime = runtime
    }

    /// Calls `emit` with each piece of output until the container stops (or the task is
    /// cancelled); closes the log file at the end.
    func run(_ emit: (ExecOutput) async throws -> Void) async throws {
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var stopping = false
        while !Task.isCancelled {
            let data = (try? handle.readToEnd()).map { [UInt8]($0) } ?? []
            pending += data
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                if let line = CRILogLine(pending[start..<newline]) {
                    var bytes = Array(line.content)
                    if !line.partial { bytes.append(UInt8(ascii: "\n")) }
                    try await emit(line.stream == "stderr" ? .stderr(bytes) : .stdout(bytes))
                }
                start = newline + 1
            }
            pending.removeFirst(start - pending.startIndex)
            if stopping { return }
            if data.isEmpty {
                if await !running() { stopping = true }
                try await Task.sleep(for: pollInterval)
            }
        }
    }

    private func running() async -> Bool {
        guard let status = try? await runtime.containerStatus(containerID) else { return false }
        return status.state == .running || status.state == .created
    }
}
