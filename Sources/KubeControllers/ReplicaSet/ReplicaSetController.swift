import Foundation
import KubeAPI
import KubeClient

/// Keeps `spec.replicas` pods matching a ReplicaSet's (or ReplicationController's) selector, as
/// Kubernetes' ReplicaSet controller does: adopts matching orphans and releases owned pods that no
/// longer match, creates missing pods from the template in slow-start batches, deletes surplus
/// pods in `PodDeletionRanking` order, and reports counts in the status subresource.
/// `Expectations` keep a lagging pod cache from causing a second round of creations or deletions.
public struct ReplicaSetController: Reconciler {
    /// `replicaset` or `replicationcontroller`.
    public var name: String { kind.controllerName }
    let kind: ReplicatedKind
    let client: KubeClient
    let recorder: EventRecorder
    let owners: Informer
    let pods: Informer
    let expectations = Expectations()
    let deletions = DeletionTracker()
    let podFacts = PodFactsCache()
    /// The owners and pods.
    public var informers: [Informer] { [owners, pods] }

    /// `orphan-namespace`: pods without a controller reference, by namespace.
    public static let orphanIndex = "orphan-namespace"

    /// A controller of `kind` owners over `context`'s shared informers.
    public init(context: ControllerContext, kind: ReplicatedKind) {
        self.kind = kind
        client = context.client
        recorder = context.recorder
        owners = context.informers.informer(kind.resource)
        pods = context.informers.informer(.pods)
        owners.lister.indexByNamespace()
        pods.lister.indexByOwner()
        pods.lister.indexByNamespace()
        pods.lister.addIndex(Self.orphanIndex) { ControllerRef.of($0) == nil ? [$0.namespace] : [] }
    }

    /// Reconciles the owner `namespace/name`.
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let owner = owners.lister.get(key) else {
            expectations.remove(key)
            deletions.remove(key)
            return .done
        }
        guard let selector = kind.selector(owner) else { return .done }
        let needsSync = expectations.satisfied(key)
        let now = Date()
        let (active, terminating) = try await claimPods(owner, selector: selector)
        var failure: ReplicaStatus.Failure?
        if needsSync, owner.deletionTimestamp == nil {
            let desired = Int(owner["spec"]?["replicas"]?.intValue ?? 1)
            failure = await manageReplicas(owner, key: key, active: active, desired: max(0, desired), now: now)
        }
        let minReady = Int(owner["spec"]?["minReadySeconds"]?.intValue ?? 0)
        let status = ReplicaStatus.compute(
            previous: ReplicaStatus(owner["status"]), generation: owner.generation, pods: active,
            terminating: kind.reportsTerminating ? terminating : nil,
            templateLabels: owner.stringMap(at: ["spec", "template", "metadata", "labels"]), minReadySeconds: minReady,
            failure: failure, now: now)
        if status != ReplicaStatus(owner["status"]) { try await writeStatus(owner, status) }
        if let failure { throw ReplicaSyncError(message: failure.message) }
        if let wait = ReplicaStatus.nextAvailability(of: active, minReadySeconds: minReady, now: now) {
            return .after(.milliseconds(Int64(wait * 1000) + 50))
        }
        return .done
    }

    /// The cached pods this owner may claim: those it controls and the orphans in its namespace.
    func candidates(_ owner: JSONValue) -> [JSONValue] {
        pods.lister.byIndex(Lister.controllerIndex, owner.uid) + pods.lister.byIndex(Self.orphanIndex, owner.namespace)
    }
}

/// A sync could not create or delete every pod it meant to; the key is retried with backoff.
struct ReplicaSyncError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
