import Foundation
import KubeRuntime

/// Streams one container log to a writer: what the file holds (after `since` and `tailLines`),
/// then, with `follow`, what is appended until the container stops or the reader goes away.
struct ContainerLogStream: Sendable {
    let target: ContainerLogLocator.Target
    let options: LogOptions
    let runtime: any RuntimeService
    var pollInterval: Duration = .milliseconds(100)

    /// Writes rendered output through `write` until done; stops early at `limitBytes`.
    func run(_ write: ([UInt8]) async throws -> Void) async throws {
        let renderer = ContainerLogRenderer(options: options)
        guard let handle = FileHandle(forReadingAtPath: target.path) else {
            throw LogRequestError(404, "open \(target.path): no such file or directory")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var budget = options.limitBytes ?? Int.max
        var first = true
        var stopping = false
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
                // One more read after the container stops, so its last lines are not lost.
                if await !running() { stopping = true }
                try await Task.sleep(for: pollInterval)
            }
        }
    }

    private func running() async -> Bool {
        guard let id = target.containerID, let status = try? await runtime.containerStatus(id) else { return false }
        return status.state == .running || status.state == .created
    }
}
