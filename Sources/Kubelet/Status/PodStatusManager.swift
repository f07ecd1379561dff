import KubeAPI
import KubeClient
import Logging

/// Writes pod statuses through the `status` subresource, only when they differ from what was
/// last written (a JSON merge patch carrying the whole status, with removed fields nulled), and
/// remembers the last status of each pod so that transition times carry over.
actor PodStatusManager {
    let client: KubeClient
    let logger: Logger
    private var written: [String: JSONValue] = [:]

    init(client: KubeClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The status last written for pod `uid`.
    func last(_ uid: String) -> JSONValue? { written[uid] }

    /// Writes `status` for `pod` unless it is what was last written; returns whether it wrote.
    @discardableResult
    func set(_ pod: JSONValue, status: JSONValue) async -> Bool {
        let uid = pod.uid
        let previous = written[uid] ?? pod["status"]
        if previous == status {
            written[uid] = status
            return false
        }
        var patch = status
        for m in previous?.objectValue ?? JSONObject() where status[m.key] == nil { patch[m.key] = .null }
        let clock = ContinuousClock()
        let started = clock.now
        defer {
            if clock.now - started > Self.slowWrite {
                logger.warning("writing the status of \(pod.namespace)/\(pod.name) took \(clock.now - started)")
            }
        }
        do {
            _ = try await client.patch(
                .pods, namespace: pod.namespace, name: pod.name, type: .merge, ["status": patch], subresource: "status")
            written[uid] = status
            return true
        } catch let error as ClientError where error.code == 404 {
            written[uid] = status
            return false
        } catch {
            logger.warning("status of \(pod.namespace)/\(pod.name) not written: \(error)")
            return false
        }
    }

    /// How long a status write may take before it is logged as slow.
    static let slowWrite: Duration = .seconds(5)

    /// Forgets pod `uid` (it is gone).
    func forget(_ uid: String) { written[uid] = nil }
}
