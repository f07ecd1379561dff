import Foundation
import KubeAPI

/// The pure decisions of a ReplicaSet sync: which pods it claims, and how many pods to create or
/// which to delete.
enum ReplicaPlan {
    /// Kubernetes' `burstReplicas`: at most this many creations or deletions per sync.
    static let burstReplicas = 500

    /// What to do with one pod when claiming (Kubernetes' `ControllerRefManager.ClaimPods`).
    enum Claim: Equatable {
        /// Owned and matching: counted.
        case keep
        /// An orphan that matches: becomes owned.
        case adopt
        /// Owned but no longer matching: the controller reference is removed.
        case release
        /// Another controller's, or nothing to do with this owner.
        case ignore
    }

    /// The claim on `pod` by the owner with `ownerUID` (being deleted when `ownerDeleting`)
    /// selecting pods with `selector`.
    static func claim(_ pod: JSONValue, ownerUID: String, ownerDeleting: Bool, selector: LabelSelector) -> Claim {
        claim(
            controller: ControllerRef.uid(of: pod), labels: pod.labels, podDeleting: pod.deletionTimestamp != nil,
            ownerUID: ownerUID, ownerDeleting: ownerDeleting, selector: selector)
    }

    /// The claim on a pod with controller uid `controller` and `labels`.
    static func claim(
        controller: String?, labels: [String: String], podDeleting: Bool, ownerUID: String, ownerDeleting: Bool,
        selector: LabelSelector
    ) -> Claim {
        let matches = selector.matches(labels)
        if let controller {
            guard controller == ownerUID else { return .ignore }
            if matches { return .keep }
            return ownerDeleting ? .ignore : .release
        }
        if ownerDeleting || !matches || podDeleting { return .ignore }
        return .adopt
    }

    /// What a sync does about the replica count.
    enum Action: Equatable {
        case none
        /// Create this many pods (at most `burstReplicas`).
        case create(Int)
        /// Delete these pods, in order (at most `burstReplicas`).
        case delete([PodFacts])
    }

    /// The action that brings `active` (the owner's active pods) toward `desired` replicas.
    static func action(desired: Int, active: [PodFacts], now: Date) -> Action {
        let diff = active.count - desired
        if diff < 0 { return .create(min(-diff, burstReplicas)) }
        if diff > 0 {
            return .delete(PodDeletionRanking.podsToDelete(active, count: min(diff, burstReplicas), now: now))
        }
        return .none
    }

    /// The batch sizes of Kubernetes' `slowStartBatch` for `count` calls (see `SlowStart.batches`).
    static func slowStartBatches(_ count: Int, initial: Int = 1) -> [Int] {
        SlowStart.batches(count, initial: initial)
    }
}
