import Foundation
import KubeAPI
import KubeClient

/// Runs one pod of a DaemonSet on every eligible node, as Kubernetes' DaemonSet controller does:
/// pods pinned to their node by required node affinity (the scheduler binds them), labelled with
/// `controller-revision-hash` and `pod-template-generation`; RollingUpdate replaces old pods on
/// at most `maxUnavailable` nodes at a time, OnDelete only when they are deleted; the status
/// carries what `kubectl rollout status ds` reads. ControllerRevisions are not used: the
/// revision hash is computed from the template.
public struct DaemonSetController: Reconciler {
    /// `daemonset`.
    public let name = "daemonset"
    let client: KubeClient
    let recorder: EventRecorder
    let daemonSets: Informer
    let nodes: Informer
    let pods: Informer
    let expectations = Expectations()
    /// DaemonSets, nodes and pods.
    public var informers: [Informer] { [daemonSets, nodes, pods] }

    /// A controller over `context`'s shared informers.
    public init(context: ControllerContext) {
        client = context.client
        recorder = context.recorder
        daemonSets = context.informers.informer(.daemonSets)
        nodes = context.informers.informer(.nodes)
        pods = context.informers.informer(.pods)
        pods.lister.indexByOwner()
    }

    /// The key of the DaemonSet controlling `pod`, if one does.
    static func ownerKey(of pod: JSONValue) -> String? {
        guard let ref = ControllerRef.of(pod), ref["kind"]?.stringValue == "DaemonSet", let name = ref["name"]?.stringValue else { return nil }
        return "\(pod.namespace)/\(name)"
    }

    /// Queues a DaemonSet on its changes and its pods' changes, and every DaemonSet when a node
    /// appears, goes, or changes labels, taints or readiness.
    public func register(queue: WorkQueue<String>) {
        let expectations = expectations
        daemonSets.addHandler { event in
            switch event {
            case .added(let d), .updated(_, let d): Task { await queue.add(Lister.key(of: d)) }
            case .deleted(let d): expectations.remove(Lister.key(of: d))
            }
        }
        nodes.addHandler { [daemonSets] event in
            if case .updated(let old, let new) = event, old["metadata"]?["labels"] == new["metadata"]?["labels"],
                old["spec"]?["taints"] == new["spec"]?["taints"]
            {
                return
            }
            let keys = daemonSets.lister.list().map(Lister.key(of:))
            Task { for key in keys { await queue.add(key) } }
        }
        expectations.watch(pods, queue: queue, ownerKey: Self.ownerKey(of:)) { old, new in
            old["status"] != new["status"] || old["spec"]?["nodeName"] != new["spec"]?["nodeName"]
        }
    }

    /// Syncs DaemonSet `key` (`namespace/name`).
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let ds = daemonSets.lister.get(key), ds.deletionTimestamp == nil else { return .done }
        let owned = pods.lister.byIndex(Lister.controllerIndex, ds.uid)
        let now = Date()
        let plan = DaemonSetPlan.plan(ds: ds, nodes: nodes.lister.list(), pods: owned, now: now)
        var requeue = Requeue.done
        if expectations.satisfied(key) {
            let writer = OwnedPodWriter(
                client: client, recorder: recorder, expectations: expectations, owner: ds, kind: "DaemonSet", apiVersion: "apps/v1", key: key)
            if !plan.delete.isEmpty {
                expectations.expect(key, deletes: plan.delete.count)
                try await writer.delete(plan.delete)
            }
            if !plan.create.isEmpty {
                expectations.expect(key, adds: plan.create.count)
                try await writer.create(plan.create.map { Self.pod(for: ds, node: $0) })
            }
        } else {
            requeue = .after(.milliseconds(100))
        }
        var status = ds["status"] ?? [:]
        for m in plan.status.objectValue ?? JSONObject() { status[m.key] = m.value }
        if status != ds["status"] {
            var updated = ds
            updated["status"] = status
            _ = try await client.update(.daemonSets, namespace: ds.namespace, updated, subresource: "status")
        }
        // Look again when a pod's minReadySeconds passes.
        if let minReady = ds["spec"]?["minReadySeconds"]?.intValue, minReady > 0,
            plan.status["numberAvailable"] != plan.status["numberReady"]
        {
            requeue = .after(.seconds(1))
        }
        return requeue
    }

    /// The pod for `node`: the template pinned to the node, with the daemon tolerations and labels.
    static func pod(for ds: JSONValue, node: String) -> JSONValue {
        var template = ds["spec"]?["template"] ?? [:]
        var spec = DaemonSetNodes.pinned(template["spec"] ?? [:], to: node)
        spec["tolerations"] = .array(
            DaemonSetNodes.withDefaultTolerations(spec["tolerations"]?.arrayValue ?? [], hostNetwork: spec["hostNetwork"]?.boolValue == true))
        template["spec"] = spec
        var labels = template["metadata"]?["labels"]?.objectValue ?? JSONObject()
        labels["controller-revision-hash"] = .string(DaemonSetPlan.templateHash(ds["spec"]?["template"] ?? [:]))
        labels["pod-template-generation"] = .string(String(ds.generation))
        template.set(.object(labels), at: ["metadata", "labels"])
        let ref = ControllerRef.make(for: ds, apiVersion: "apps/v1", kind: "DaemonSet")
        return PodTemplates.pod(from: template, namespace: ds.namespace, generateName: ds.name, controllerRef: ref)
    }
}
