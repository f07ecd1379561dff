import Foundation
import KubeAPI

/// One entry of `status.conditions` of a Deployment.
struct DeploymentCondition: Equatable {
    var type: String
    var status: String
    var reason: String
    var message: String
    var lastUpdateTime: String
    var lastTransitionTime: String

    /// A condition stamped `now` for both times (`NewDeploymentCondition`).
    init(_ type: String, _ status: String, reason: String, message: String, now: Date) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        lastUpdateTime = Timestamp.format(now)
        lastTransitionTime = lastUpdateTime
    }

    init?(json: JSONValue) {
        guard let type = json["type"]?.stringValue else { return nil }
        self.type = type
        status = json["status"]?.stringValue ?? ""
        reason = json["reason"]?.stringValue ?? ""
        message = json["message"]?.stringValue ?? ""
        lastUpdateTime = json["lastUpdateTime"]?.stringValue ?? ""
        lastTransitionTime = json["lastTransitionTime"]?.stringValue ?? ""
    }

    var json: JSONValue {
        [
            "type": .string(type), "status": .string(status), "lastUpdateTime": .string(lastUpdateTime),
            "lastTransitionTime": .string(lastTransitionTime), "reason": .string(reason), "message": .string(message),
        ]
    }
}

/// A Deployment's `status`, with Kubernetes' omit-when-zero rendering.
struct DeploymentStatusInfo: Equatable {
    var observedGeneration = 0
    var replicas = 0
    var updatedReplicas = 0
    var readyReplicas = 0
    var availableReplicas = 0
    var unavailableReplicas = 0
    /// Pods of the sets being deleted; nil when some synced set does not report it.
    var terminatingReplicas: Int?
    var collisionCount: Int?
    var conditions: [DeploymentCondition] = []

    init() {}

    init(_ json: JSONValue) {
        func field(_ name: String) -> Int { Int(json[name]?.intValue ?? 0) }
        observedGeneration = field("observedGeneration")
        replicas = field("replicas")
        updatedReplicas = field("updatedReplicas")
        readyReplicas = field("readyReplicas")
        availableReplicas = field("availableReplicas")
        unavailableReplicas = field("unavailableReplicas")
        terminatingReplicas = json["terminatingReplicas"]?.intValue.map { Int($0) }
        collisionCount = json["collisionCount"]?.intValue.map { Int($0) }
        conditions = (json["conditions"]?.arrayValue ?? []).compactMap { DeploymentCondition(json: $0) }
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = []
        for (name, value) in [
            ("observedGeneration", observedGeneration), ("replicas", replicas), ("updatedReplicas", updatedReplicas),
            ("readyReplicas", readyReplicas), ("availableReplicas", availableReplicas),
            ("unavailableReplicas", unavailableReplicas),
        ] where value != 0 {
            members.append((name, .int(value)))
        }
        if let terminatingReplicas { members.append(("terminatingReplicas", .int(terminatingReplicas))) }
        if !conditions.isEmpty { members.append(("conditions", .array(conditions.map(\.json)))) }
        if let collisionCount { members.append(("collisionCount", .int(collisionCount))) }
        return .object(JSONObject(members))
    }

    func condition(_ type: String) -> DeploymentCondition? { conditions.first { $0.type == type } }

    /// `SetDeploymentCondition`: no change when status and reason match; a same-status update
    /// keeps the transition time; the condition moves to the end.
    mutating func set(_ new: DeploymentCondition) {
        var new = new
        if let current = condition(new.type) {
            if current.status == new.status && current.reason == new.reason { return }
            if current.status == new.status { new.lastTransitionTime = current.lastTransitionTime }
        }
        remove(new.type)
        conditions.append(new)
    }

    mutating func remove(_ type: String) { conditions.removeAll { $0.type == type } }
}

/// Condition types and reasons of Deployments, as Kubernetes spells them.
enum DeploymentReasons {
    static let available = "Available"
    static let progressing = "Progressing"
    static let replicaFailure = "ReplicaFailure"
    static let minimumReplicasAvailable = "MinimumReplicasAvailable"
    static let minimumReplicasUnavailable = "MinimumReplicasUnavailable"
    static let newReplicaSetCreated = "NewReplicaSetCreated"
    static let foundNewReplicaSet = "FoundNewReplicaSet"
    static let replicaSetUpdated = "ReplicaSetUpdated"
    static let newReplicaSetAvailable = "NewReplicaSetAvailable"
    static let progressDeadlineExceeded = "ProgressDeadlineExceeded"
    static let failedCreate = "ReplicaSetCreateError"
    static let paused = "DeploymentPaused"
    static let resumed = "DeploymentResumed"
}
