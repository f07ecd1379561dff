import Foundation
import KubeAPI
import KubeClient

/// Runs a Job's pods to completion as Kubernetes' Job controller does: keeps `parallelism` pods
/// running until `completions` succeed (or any one, without `completions`), fails the Job past
/// `backoffLimit` failed pods or `activeDeadlineSeconds`, honours `suspend`, and reports counts
/// and conditions (`SuccessCriteriaMet`/`Complete`, `FailureTarget`/`Failed`) in its status.
/// Pods are counted while they exist (no job-tracking finalizer).
public struct JobController: Reconciler {
    /// `job`.
    public let name = "job"
    let client: KubeClient
    let recorder: EventRecorder
    let jobs: Informer
    let pods: Informer
    let expectations = Expectations()
    /// Jobs and pods.
    public var informers: [Informer] { [jobs, pods] }

    /// A controller over `context`'s shared informers.
    public init(context: ControllerContext) {
        client = context.client
        recorder = context.recorder
        jobs = context.informers.informer(.jobs)
        pods = context.informers.informer(.pods)
        pods.lister.indexByOwner()
    }

    /// The key of the Job controlling `pod`, if one does.
    static func jobKey(of pod: JSONValue) -> String? {
        guard let ref = ControllerRef.of(pod), ref["kind"]?.stringValue == "Job", ref["apiVersion"]?.stringValue == "batch/v1",
            let name = ref["name"]?.stringValue
        else { return nil }
        return "\(pod.namespace)/\(name)"
    }

    /// Queues a Job on its own changes and on changes of the pods it controls.
    public func register(queue: WorkQueue<String>) {
        let expectations = expectations
        jobs.addHandler { event in
            switch event {
            case .added(let j), .updated(_, let j): Task { await queue.add(Lister.key(of: j)) }
            case .deleted(let j): expectations.remove(Lister.key(of: j))
            }
        }
        expectations.watch(pods, queue: queue, ownerKey: Self.jobKey(of:)) { old, new in
            old["status"]?["phase"] != new["status"]?["phase"] || EndpointPods.isReady(old) != EndpointPods.isReady(new)
        }
    }

    /// Syncs Job `key` (`namespace/name`).
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let job = jobs.lister.get(key), job.deletionTimestamp == nil else { return .done }
        guard expectations.satisfied(key) else { return .after(.milliseconds(100)) }
        let owned = pods.lister.byIndex(Lister.controllerIndex, job.uid)
        let plan = JobPlan.plan(job: job, pods: owned, now: Date())
        let namespace = job.namespace
        let writer = OwnedPodWriter(
            client: client, recorder: recorder, expectations: expectations, owner: job, kind: "Job", apiVersion: "batch/v1", key: key)
        if !plan.delete.isEmpty {
            expectations.expect(key, deletes: plan.delete.count)
            try await writer.delete(plan.delete)
        }
        if plan.create > 0 {
            expectations.expect(key, adds: plan.create)
            let ref = ControllerRef.make(for: job, apiVersion: "batch/v1", kind: "Job")
            let pod = PodTemplates.pod(
                from: job["spec"]?["template"] ?? [:], namespace: namespace, generateName: job.name, controllerRef: ref)
            let pods = plan.indexes.isEmpty
                ? Array(repeating: pod, count: plan.create) : plan.indexes.map { JobIndexes.pod(pod, job: job.name, index: $0) }
            try await writer.create(pods)
        }
        if let status = plan.status {
            var updated = job
            updated["status"] = status
            _ = try await client.update(.jobs, namespace: namespace, updated, subresource: "status")
        }
        for e in plan.events { recorder.record(job, kind: "Job", apiVersion: "batch/v1", type: e.type, reason: e.reason, message: e.message) }
        return plan.requeueAfter.map { Requeue.after(.milliseconds(Int64($0 * 1000) + 10)) } ?? .done
    }
}
