import Foundation
import KubeAPI

/// What the ReplicaSet controller reads from a pod, decoded once (Kubernetes' `podutil` helpers):
/// activity, readiness and the fields the scale-down ranking compares.
struct PodFacts: Sendable, Equatable {
    /// `namespace/name`.
    var key: String
    var uid: String
    var nodeName: String
    var phase: String
    var ready: Bool
    /// `lastTransitionTime` of the Ready condition when the pod is ready.
    var readySince: Date?
    /// The `controller.kubernetes.io/pod-deletion-cost` annotation (0 when absent or invalid).
    var deletionCost: Int32
    /// The highest restart count of the pod's containers.
    var restarts: Int64
    var created: Date?
    var terminating: Bool
    var labels: [String: String]
    /// The uid of the pod's controller, if it has one.
    var controllerUID: String?

    /// The annotation lowering or raising a pod's chance to be deleted on scale-down.
    static let deletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

    init(
        key: String, uid: String = "", nodeName: String = "", phase: String = "Pending", ready: Bool = false,
        readySince: Date? = nil, deletionCost: Int32 = 0, restarts: Int64 = 0, created: Date? = nil,
        terminating: Bool = false, labels: [String: String] = [:], controllerUID: String? = nil
    ) {
        self.key = key
        self.uid = uid
        self.nodeName = nodeName
        self.phase = phase
        self.ready = ready
        self.readySince = readySince
        self.deletionCost = deletionCost
        self.restarts = restarts
        self.created = created
        self.terminating = terminating
        self.labels = labels
        self.controllerUID = controllerUID
    }

    /// The facts of `pod`.
    init(_ pod: JSONValue) {
        let status = pod["status"]
        let readyCondition = (status?["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Ready" }
        let ready = readyCondition?["status"]?.stringValue == "True"
        let restarts = (status?["containerStatuses"]?.arrayValue ?? []).map { $0["restartCount"]?.intValue ?? 0 }.max() ?? 0
        self.init(
            key: "\(pod.namespace)/\(pod.name)", uid: pod.uid, nodeName: pod["spec"]?["nodeName"]?.stringValue ?? "",
            phase: status?["phase"]?.stringValue ?? "", ready: ready,
            readySince: ready ? readyCondition?["lastTransitionTime"]?.stringValue.flatMap(Timestamp.parse) : nil,
            deletionCost: pod.annotations[Self.deletionCostAnnotation].flatMap { Int32($0) } ?? 0, restarts: restarts,
            created: pod["metadata"]?["creationTimestamp"]?.stringValue.flatMap(Timestamp.parse),
            terminating: pod.deletionTimestamp != nil, labels: pod.labels, controllerUID: ControllerRef.uid(of: pod))
    }

    /// Counted as a replica (Kubernetes' `IsPodActive`): not terminating, not Succeeded or Failed.
    var isActive: Bool { !terminating && phase != "Succeeded" && phase != "Failed" }

    /// Ready for at least `minReadySeconds` at `now` (Kubernetes' `IsPodAvailable`).
    func isAvailable(minReadySeconds: Int, now: Date) -> Bool {
        guard ready else { return false }
        if minReadySeconds == 0 { return true }
        guard let readySince else { return false }
        return readySince.addingTimeInterval(TimeInterval(minReadySeconds)) < now
    }

    /// How long until a ready pod becomes available; nil when it is not ready or already available.
    func untilAvailable(minReadySeconds: Int, now: Date) -> TimeInterval? {
        guard ready, minReadySeconds > 0, let readySince, !isAvailable(minReadySeconds: minReadySeconds, now: now) else {
            return nil
        }
        return max(0, readySince.addingTimeInterval(TimeInterval(minReadySeconds)).timeIntervalSince(now))
    }
}

extension JSONValue {
    /// Whether this pod's Ready condition is True.
    var isPodReady: Bool {
        (self["status"]?["conditions"]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        }
    }
}
