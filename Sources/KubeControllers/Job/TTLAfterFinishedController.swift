import Foundation
import KubeAPI
import KubeClient

/// Deletes finished Jobs `ttlSecondsAfterFinished` after they finished, as Kubernetes'
/// ttl-after-finished controller does: foreground cascade, with the Job's uid as precondition.
public struct TTLAfterFinishedController: Reconciler {
    /// `ttl-after-finished`.
    public let name = "ttl-after-finished"
    let client: KubeClient
    let jobs: Informer
    /// Jobs.
    public var informers: [Informer] { [jobs] }

    /// A controller over `context`'s shared Job informer.
    public init(context: ControllerContext) {
        client = context.client
        jobs = context.informers.informer(.jobs)
    }

    /// Queues finished Jobs that have a TTL.
    public func register(queue: WorkQueue<String>) {
        jobs.addHandler { event in
            switch event {
            case .added(let j), .updated(_, let j):
                if j["spec"]?["ttlSecondsAfterFinished"] != nil, JobPlan.isFinished(j) { Task { await queue.add(Lister.key(of: j)) } }
            case .deleted: break
            }
        }
    }

    /// When Job `job` finished: its `Complete` or `Failed` condition's last transition.
    static func finishedAt(_ job: JSONValue) -> Date? {
        let done = (job["status"]?["conditions"]?.arrayValue ?? []).first {
            ($0["type"]?.stringValue == "Complete" || $0["type"]?.stringValue == "Failed") && $0["status"]?.stringValue == "True"
        }
        return done?["lastTransitionTime"]?.stringValue.flatMap(Timestamp.parse)
    }

    /// How long until `job` expires (zero or less: now); nil when it has no TTL or is not finished.
    static func timeLeft(_ job: JSONValue, now: Date) -> TimeInterval? {
        guard let ttl = job["spec"]?["ttlSecondsAfterFinished"]?.intValue, let finished = finishedAt(job) else { return nil }
        return finished.addingTimeInterval(TimeInterval(ttl)).timeIntervalSince(now)
    }

    /// Deletes Job `key` once its TTL has passed; otherwise looks again when it will have.
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let job = jobs.lister.get(key), job.deletionTimestamp == nil,
            let left = Self.timeLeft(job, now: Date())
        else { return .done }
        if left > 0 { return .after(.milliseconds(Int64(left * 1000) + 10)) }
        do {
            try await client.delete(.jobs, namespace: job.namespace, name: job.name, propagationPolicy: "Foreground", preconditionUID: job.uid)
        } catch let e as ClientError where e.code == 404 || e.code == 409 {}
        return .done
    }
}
