import Foundation
import KubeAPI

/// The status a ReplicaSet or ReplicationController reports (Kubernetes' `calculateStatus`):
/// counts over its active pods, the generation they reflect, and the `ReplicaFailure` condition.
struct ReplicaStatus: Equatable {
    var replicas = 0
    var fullyLabeledReplicas = 0
    var readyReplicas = 0
    var availableReplicas = 0
    /// Claimed pods marked for deletion and not yet Succeeded or Failed; nil for kinds without
    /// the field (ReplicationController).
    var terminatingReplicas: Int?
    var observedGeneration: Int64 = 0
    var conditions: [JSONValue] = []

    /// The condition type reporting failed creations or deletions.
    static let replicaFailure = "ReplicaFailure"

    /// Why the last sync could not create or delete pods.
    struct Failure: Equatable {
        /// `FailedCreate` or `FailedDelete`.
        var reason: String
        var message: String
    }

    init() {}

    /// The status as stored in `status` (missing counts are 0).
    init(_ status: JSONValue?) {
        func count(_ field: String) -> Int { Int(status?[field]?.intValue ?? 0) }
        replicas = count("replicas")
        fullyLabeledReplicas = count("fullyLabeledReplicas")
        readyReplicas = count("readyReplicas")
        availableReplicas = count("availableReplicas")
        terminatingReplicas = status?["terminatingReplicas"]?.intValue.map { Int($0) }
        observedGeneration = status?["observedGeneration"]?.intValue ?? 0
        conditions = status?["conditions"]?.arrayValue ?? []
    }

    /// The status of an owner whose active claimed pods are `pods` (and `terminating` more),
    /// keeping `previous` conditions except ReplicaFailure, which is added on `failure` and
    /// removed without one.
    static func compute(
        previous: ReplicaStatus, generation: Int64, pods: [PodFacts], terminating: Int? = nil,
        templateLabels: [String: String], minReadySeconds: Int, failure: Failure?, now: Date
    ) -> ReplicaStatus {
        var status = ReplicaStatus()
        status.replicas = pods.count
        status.terminatingReplicas = terminating
        status.observedGeneration = generation
        for pod in pods {
            if templateLabels.allSatisfy({ pod.labels[$0.key] == $0.value }) { status.fullyLabeledReplicas += 1 }
            if pod.ready { status.readyReplicas += 1 }
            if pod.isAvailable(minReadySeconds: minReadySeconds, now: now) { status.availableReplicas += 1 }
        }
        let hasFailure = previous.conditions.contains { $0["type"]?.stringValue == replicaFailure }
        status.conditions = previous.conditions
        if let failure, !hasFailure {
            status.conditions.append([
                "type": .string(replicaFailure), "status": "True", "lastTransitionTime": .string(Timestamp.format(now)),
                "reason": .string(failure.reason), "message": .string(failure.message),
            ])
        } else if failure == nil, hasFailure {
            status.conditions.removeAll { $0["type"]?.stringValue == replicaFailure }
        }
        return status
    }

    /// When the next ready pod becomes available, if any is waiting for `minReadySeconds`.
    static func nextAvailability(of pods: [PodFacts], minReadySeconds: Int, now: Date) -> TimeInterval? {
        pods.compactMap { $0.untilAvailable(minReadySeconds: minReadySeconds, now: now) }.min()
    }

    /// The status object; zero counts other than `replicas` are omitted, as Kubernetes' JSON does.
    var json: JSONValue {
        var out: JSONValue = ["replicas": .int(replicas)]
        if fullyLabeledReplicas > 0 { out["fullyLabeledReplicas"] = .int(fullyLabeledReplicas) }
        if readyReplicas > 0 { out["readyReplicas"] = .int(readyReplicas) }
        if availableReplicas > 0 { out["availableReplicas"] = .int(availableReplicas) }
        if let terminatingReplicas { out["terminatingReplicas"] = .int(terminatingReplicas) }
        if observedGeneration > 0 { out["observedGeneration"] = .int(observedGeneration) }
        if !conditions.isEmpty { out["conditions"] = .array(conditions) }
        return out
    }
}
