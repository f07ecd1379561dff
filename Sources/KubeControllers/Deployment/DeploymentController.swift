import Foundation
import KubeAPI
import KubeClient

/// Rolls Deployments out through ReplicaSets, as Kubernetes' deployment controller does: one
/// ReplicaSet per pod template (`<deployment>-<pod-template-hash>`), scaled by the RollingUpdate
/// or Recreate strategy, with revisions, history cleanup, pause/resume, proportional scaling and
/// the Available/Progressing conditions that `kubectl rollout status` reads. It never makes pods:
/// the ReplicaSet controller does.
public struct DeploymentController: Reconciler {
    /// `deployment`.
    public let name = "deployment"
    let client: KubeClient
    let recorder: EventRecorder
    let deployments: Informer
    let replicaSets: Informer
    let pods: Informer
    let now: @Sendable () -> Date
    /// Deployments, ReplicaSets and pods (pods only to see old pods gone during Recreate).
    public var informers: [Informer] { [deployments, replicaSets, pods] }

    /// A controller over `context`'s shared informers.
    public init(context: ControllerContext) {
        self.init(context: context, now: { Date() })
    }

    init(context: ControllerContext, now: @escaping @Sendable () -> Date) {
        client = context.client
        recorder = context.recorder
        deployments = context.informers.informer(.deployments)
        replicaSets = context.informers.informer(.replicaSets)
        pods = context.informers.informer(.pods)
        self.now = now
        deployments.lister.indexByNamespace()
        replicaSets.lister.indexByNamespace()
        replicaSets.lister.indexByOwner()
        pods.lister.indexByOwner()
    }

    /// Queues a deployment on its own changes, on changes of the ReplicaSets it controls (or
    /// could adopt), and on pod deletions while it recreates.
    public func register(queue: WorkQueue<String>) {
        deployments.addHandler { event in
            switch event {
            case .added(let d), .updated(_, let d), .deleted(let d):
                let key = Lister.key(of: d)
                Task { await queue.add(key) }
            }
        }
        replicaSets.addHandler { [self] event in
            for key in keys(forReplicaSetEvent: event) { Task { await queue.add(key) } }
        }
        pods.addHandler { [self] event in
            guard case .deleted(let pod) = event, let key = recreatingDeployment(ofPod: pod) else { return }
            Task { await queue.add(key) }
        }
    }

    /// The deployments a ReplicaSet event concerns (`addReplicaSet`, `updateReplicaSet`,
    /// `deleteReplicaSet`): its controller, or for an orphan every deployment selecting it.
    func keys(forReplicaSetEvent event: InformerEvent) -> [String] {
        switch event {
        case .added(let rs):
            if let key = controllingDeployment(of: rs) { return [key] }
            return ControllerRef.of(rs) == nil && rs.deletionTimestamp == nil ? selectingDeployments(rs) : []
        case .updated(let old, let new):
            if old.resourceVersion == new.resourceVersion { return [] }
            var keys: [String] = []
            let oldRef = ControllerRef.of(old)
            let newRef = ControllerRef.of(new)
            if oldRef != newRef, let key = controllingDeployment(of: old) { keys.append(key) }
            if let key = controllingDeployment(of: new) {
                keys.append(key)
            } else if newRef == nil, oldRef != newRef || old.labels != new.labels {
                keys += selectingDeployments(new)
            }
            return keys
        case .deleted(let rs):
            return controllingDeployment(of: rs).map { [$0] } ?? []
        }
    }

    /// The key of the cached deployment controlling `object`, if it is one.
    func controllingDeployment(of object: JSONValue) -> String? {
        guard let ref = ControllerRef.of(object), ref["kind"]?.stringValue == "Deployment",
            let name = ref["name"]?.stringValue
        else { return nil }
        let key = "\(object.namespace)/\(name)"
        guard let d = deployments.lister.get(key), d.uid == ref["uid"]?.stringValue else { return nil }
        return key
    }

    /// The keys of the deployments in `rs`'s namespace whose selector matches its labels.
    func selectingDeployments(_ rs: JSONValue) -> [String] {
        let labels = rs.labels
        return deployments.lister.byIndex(Lister.namespaceIndex, rs.namespace).compactMap { d in
            guard let s = d["spec"]?["selector"], let selector = try? LabelSelector(selectorObject: s),
                !selector.isEmpty, selector.matches(labels)
            else { return nil }
            return Lister.key(of: d)
        }
    }

    /// The key of the Recreate deployment whose ReplicaSet owned `pod`.
    func recreatingDeployment(ofPod pod: JSONValue) -> String? {
        guard let ref = ControllerRef.of(pod), ref["kind"]?.stringValue == "ReplicaSet",
            let rsName = ref["name"]?.stringValue, let rs = replicaSets.lister.get("\(pod.namespace)/\(rsName)"),
            let key = controllingDeployment(of: rs), let d = deployments.lister.get(key),
            d["spec"]?["strategy"]?["type"]?.stringValue == "Recreate"
        else { return nil }
        return key
    }

    /// Brings the deployment `key` (`namespace/name`) one step toward its desired state.
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let object = deployments.lister.get(key) else { return .done }
        var d = DeploymentInfo(object)
        guard let selectorObject = d.selector, let selector = try? LabelSelector(selectorObject: selectorObject) else {
            return .done
        }
        if selector.isEmpty {
            recorder.record(
                object, kind: "Deployment", apiVersion: "apps/v1", type: "Warning", reason: "SelectingAll",
                message: "This deployment is selecting all pods. A non-empty selector is required.")
            if d.status.observedGeneration < d.generation {
                var status = d.status
                status.observedGeneration = d.generation
                try await writeStatus(&d, status)
            }
            return .done
        }
        let sets = try await claimReplicaSets(d, selector: selector)
        if d.object.deletionTimestamp != nil {
            let (newRS, old) = try await syncRevision(&d, sets, create: false)
            try await syncStatus(&d, all: old + (newRS.map { [$0] } ?? []), new: newRS)
            return .done
        }
        if let paused = StatusPlanning.pausedStatus(d, now: now()) { try await writeStatus(&d, paused) }
        if d.paused { return try await syncScale(&d, sets) }
        let (newRS, old) = ReplicaSetPlanning.split(d, sets)
        if RolloutPlanning.isScalingEvent(d, new: newRS, old: old) { return try await syncScale(&d, sets) }
        switch d.strategy {
        case .recreate: return try await rolloutRecreate(&d, sets)
        case .rollingUpdate: return try await rolloutRolling(&d, sets)
        }
    }
}
