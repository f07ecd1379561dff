import Foundation
import KubeRuntime

/// Streams one container log to a writer: what the file holds (after `since` and `tailLines`),
/// then, with `follow`, what is appended until the container stops or the reader goes away;
/// when the log is rotated meanwhile, following goes on in the new file (as Kubernetes' reader).
struct ContainerLogStream: Sendable {
    let target: ContainerLogLocator.Target
    let options: LogOptions
    let runtime: any RuntimeService
    var pollInterval: Duration = .milliseconds(100)

    /// Writes rendered output through `write` until done; stops early at `limitBytes`.
    func run(_ write: ([UInt8]) async throws -> Void) async throws {
        let renderer = ContainerLogRenderer(options: options)
        guard var handle = FileHandle(forReadingAtPath: target.path) else {
            throw LogRequestError(404, "open \(target.path): no such file or directory")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var budget = options.limitBytes ?? Int.max
        var first = true
        var stopping = false
        var drained = false
        while true {
            let data = (try? handle.readToEnd()).map { [UInt8]($0) } ?? []
            pending += data
            let (output, consumed) = renderer.render(pending[...], applyTail: first)
            first = false
            pending.removeFirst(consumed)
            if !output.isEmpty {
                let piece = output.count > budget ? Array(output.prefix(budget)) : output
                try await write(piece)
                budget -= piece.count
                if budget <= 0 { return }
            }
            if !options.follow || stopping { return }
            if data.isEmpty {
                // Rotated: the writer has moved to the new file, so one more read drains the old
                // one, then following goes on in the new file.
                if Self.wasRotated(handle, path: target.path) {
                    if !drained {
                        drained = true
                        continue
                    }
                    if let next = FileHandle(forReadingAtPath: target.path) {
                        try? handle.close()
                        handle = next
                        drained = false
                        continue
                    }
                }
                // One more read after the container stops, so its last lines are not lost.
                if await !running() { stopping = true }
                try await Task.sleep(for: pollInterval)
            }
        }
    }

    /// Whether `path` now names another file than the one `handle` reads.
    static func wasRotated(_ handle: FileHandle, path: String) -> Bool {
        var opened = stat()
        var named = stat()
        guard fstat(handle.fileDescriptor, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_ino != named.st_ino || opened.st_dev != named.st_dev
    }

    private func running() async -> Bool {
        guard let id = target.containerID, let status = try? await runtime.containerStatus(id) else { return false }
        return status.state == .running || status.state == .created
    }
}
