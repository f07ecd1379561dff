import Foundation
import KubeRuntime

/// Finds the log file a log request means: the newest instance of the container (or the one
/// before it, for `previous`), from the runtime's containers, falling back to the files under the
/// pod's log directory when the runtime has already removed them.
struct ContainerLogLocator: Sendable {
    let runtime: any RuntimeService
    let podLogsDirectory: String

    /// The log to read, and a way to tell whether its container still runs (for `follow`).
    struct Target: Sendable {
        var path: String
        var containerID: String?
    }

    /// The log of `container` in pod `namespace/pod`; a 400 in Kubernetes' words when there is none.
    func locate(namespace: String, pod: String, container: String, previous: Bool) async throws -> Target {
        let instances = try await runtime.listContainers()
            .filter { RuntimeLabels.isContainer($0.config.labels, namespace: namespace, pod: pod, container: container) }
            .sorted { ($0.config.attempt, $0.createdAt) < ($1.config.attempt, $1.createdAt) }
        let files = logFiles(namespace: namespace, pod: pod, container: container)
        if previous {
            if instances.count >= 2 {
                let instance = instances[instances.count - 2]
                return Target(path: instance.config.logPath, containerID: instance.id)
            }
            let current = instances.last?.config.logPath
            if let file = files.last(where: { $0 != current }) { return Target(path: file, containerID: nil) }
            throw LogRequestError(400, "previous terminated container \"\(container)\" in pod \"\(pod)\" not found")
        }
        if let instance = instances.last { return Target(path: instance.config.logPath, containerID: instance.id) }
        if let file = files.last { return Target(path: file, containerID: nil) }
        throw LogRequestError(400, "container \"\(container)\" in pod \"\(pod)\" is waiting to start: ContainerCreating")
    }

    /// `<dir>/<ns>_<pod>_<uid>/<container>/<n>.log` files, oldest pod directory and lowest n first.
    func logFiles(namespace: String, pod: String, container: String) -> [String] {
        let fm = FileManager.default
        let prefix = "\(namespace)_\(pod)_"
        let podDirs = ((try? fm.contentsOfDirectory(atPath: podLogsDirectory)) ?? [])
            .filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("_") }
            .map { "\(podLogsDirectory)/\($0)" }
            .sorted { Self.modified($0) < Self.modified($1) }
        var files: [String] = []
        for dir in podDirs {
            let containerDir = "\(dir)/\(container)"
            let numbered = ((try? fm.contentsOfDirectory(atPath: containerDir)) ?? [])
                .compactMap { name -> (Int, String)? in
                    guard name.hasSuffix(".log"), let n = Int(name.dropLast(4)) else { return nil }
                    return (n, "\(containerDir)/\(name)")
                }
                .sorted { $0.0 < $1.0 }
            files += numbered.map(\.1)
        }
        return files
    }

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }
}
