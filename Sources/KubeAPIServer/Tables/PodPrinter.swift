import Foundation
import KubeAPI

/// `kubectl get pods`: NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS GATES,
/// following `printPod` in Kubernetes' printers.
enum PodPrinter {
    static let printer = TablePrinter(columns: columns, cells: cells, conditions: conditions)

    static let columns: [TableColumn] = [
        TableColumn(name: "Name", type: "string", format: "name", description: TableDocs.objectMetaName),
        TableColumn(
            name: "Ready", type: "string",
            description: "The aggregate readiness state of this pod for accepting traffic."),
        TableColumn(name: "Status", type: "string", description: "The aggregate status of the containers in this pod."),
        TableColumn(
            name: "Restarts", type: "string",
            description:
                "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."
        ),
        TableColumn(name: "Age", type: "string", description: TableDocs.objectMetaCreationTimestamp),
        TableColumn(name: "IP", type: "string", description: TableDocs.podStatusPodIP, priority: 1),
        TableColumn(name: "Node", type: "string", description: TableDocs.podSpecNodeName, priority: 1),
        TableColumn(
            name: "Nominated Node", type: "string", description: TableDocs.podStatusNominatedNodeName, priority: 1),
        TableColumn(name: "Readiness Gates", type: "string", description: TableDocs.podSpecReadinessGates, priority: 1),
    ]

    /// The row conditions Kubernetes attaches to finished pods.
    @Sendable static func conditions(_ pod: JSONValue) -> [JSONValue] {
        switch TableFields.string(pod["status"]?["phase"]) {
        case "Succeeded":
            return [
                [
                    "type": "Completed", "status": "True", "reason": "Succeeded",
                    "message": "The pod has completed successfully.",
                ]
            ]
        case "Failed":
            return [["type": "Completed", "status": "True", "reason": "Failed", "message": "The pod failed."]]
        default:
            return []
        }
    }

    @Sendable static func cells(_ pod: JSONValue, now: Date) -> [JSONValue] {
        let summary = summarize(pod)
        var restarts = String(summary.restarts)
        if summary.restarts != 0, let last = summary.lastRestart {
            restarts = "\(summary.restarts) (\(TableTime.humanDuration(from: last, to: now)) ago)"
        }
        let spec = pod["spec"]
        let status = pod["status"]
        var ip = TableFields.string(TableFields.array(status?["podIPs"]).first?["ip"])
        if ip.isEmpty { ip = TableFields.string(status?["podIP"]) }
        return [
            .string(TableFields.name(pod)),
            .string("\(summary.ready)/\(summary.total)"),
            .string(summary.reason),
            .string(restarts),
            TableFields.age(pod, now: now),
            .string(orNone(ip)),
            .string(orNone(TableFields.string(spec?["nodeName"]))),
            .string(orNone(TableFields.string(status?["nominatedNodeName"]))),
            .string(readinessGates(pod)),
        ]
    }

    /// READY, STATUS and RESTARTS as `printPod` derives them.
    struct Summary: Equatable {
        var ready = 0
        var total = 0
        var reason = ""
        var restarts: Int64 = 0
        var lastRestart: Date?
    }

    static func summarize(_ pod: JSONValue) -> Summary {
        let spec = pod["spec"]
        let status = pod["status"]
        let phase = TableFields.string(status?["phase"])
        let statusReason = TableFields.string(status?["reason"])
        var s = Summary()
        s.total = TableFields.array(spec?["containers"]).count
        s.reason = statusReason.isEmpty ? phase : statusReason
        for condition in TableFields.array(status?["conditions"])
        where TableFields.string(condition["type"]) == "PodScheduled"
            && TableFields.string(condition["reason"]) == "SchedulingGated"
        {
            s.reason = "SchedulingGated"
        }

        let initSpecs = TableFields.array(spec?["initContainers"])
        var restartable = Set<String>()
        for container in initSpecs where TableFields.string(container["restartPolicy"]) == "Always" {
            restartable.insert(TableFields.string(container["name"]))
            s.total += 1
        }

        var restartableRestarts: Int64 = 0
        var restartableLastRestart: Date?
        var initializing = false
        for (index, container) in TableFields.array(status?["initContainerStatuses"]).enumerated() {
            let count = TableFields.int(container["restartCount"])
            let finished = lastTermination(container)
            let isRestartable = restartable.contains(TableFields.string(container["name"]))
            s.restarts += count
            s.lastRestart = later(s.lastRestart, finished)
            if isRestartable {
                restartableRestarts += count
                restartableLastRestart = later(restartableLastRestart, finished)
            }
            let state = container["state"]
            let terminated = state?["terminated"]
            let waiting = state?["waiting"]
            if TableFields.isSet(terminated), TableFields.int(terminated?["exitCode"]) == 0 { continue }
            if isRestartable, container["started"]?.boolValue == true {
                if container["ready"]?.boolValue == true { s.ready += 1 }
                continue
            }
            if TableFields.isSet(terminated) {
                let reason = TableFields.string(terminated?["reason"])
                if !reason.isEmpty {
                    s.reason = "Init:" + reason
                } else if TableFields.int(terminated?["signal"]) != 0 {
                    s.reason = "Init:Signal:\(TableFields.int(terminated?["signal"]))"
                } else {
                    s.reason = "Init:ExitCode:\(TableFields.int(terminated?["exitCode"]))"
                }
            } else if TableFields.isSet(waiting), !TableFields.string(waiting?["reason"]).isEmpty,
                TableFields.string(waiting?["reason"]) != "PodInitializing"
            {
                s.reason = "Init:" + TableFields.string(waiting?["reason"])
            } else {
                s.reason = "Init:\(index)/\(initSpecs.count)"
            }
            initializing = true
            break
        }

        let initialized =
            TableFields.condition(status?["conditions"], type: "Initialized")
            .map { TableFields.string($0["status"]) == "True" } ?? false
        if !initializing || initialized {
            s.restarts = restartableRestarts
            s.lastRestart = restartableLastRestart
            var hasRunning = false
            for container in TableFields.array(status?["containerStatuses"]).reversed() {
                s.restarts += TableFields.int(container["restartCount"])
                s.lastRestart = later(s.lastRestart, lastTermination(container))
                let state = container["state"]
                let waiting = state?["waiting"]
                let terminated = state?["terminated"]
                if TableFields.isSet(waiting), !TableFields.string(waiting?["reason"]).isEmpty {
                    s.reason = TableFields.string(waiting?["reason"])
                } else if TableFields.isSet(terminated), !TableFields.string(terminated?["reason"]).isEmpty {
                    s.reason = TableFields.string(terminated?["reason"])
                } else if TableFields.isSet(terminated) {
                    let signal = TableFields.int(terminated?["signal"])
                    s.reason =
                        signal != 0 ? "Signal:\(signal)" : "ExitCode:\(TableFields.int(terminated?["exitCode"]))"
                } else if container["ready"]?.boolValue == true, TableFields.isSet(state?["running"]) {
                    hasRunning = true
                    s.ready += 1
                }
            }
            if s.reason == "Completed", hasRunning {
                let podReady = TableFields.array(status?["conditions"]).contains {
                    TableFields.string($0["type"]) == "Ready" && TableFields.string($0["status"]) == "True"
                }
                s.reason = podReady ? "Running" : "NotReady"
            }
        }

        if TableFields.isSet(pod["metadata"]?["deletionTimestamp"]) {
            if statusReason == "NodeLost" {
                s.reason = "Unknown"
            } else if phase != "Failed", phase != "Succeeded" {
                s.reason = "Terminating"
            }
        }
        return s
    }

    /// READINESS GATES: `true/total` over `spec.readinessGates`, or `<none>`.
    static func readinessGates(_ pod: JSONValue) -> String {
        let gates = TableFields.array(pod["spec"]?["readinessGates"])
        if gates.isEmpty { return "<none>" }
        let conditions = pod["status"]?["conditions"]
        let satisfied = gates.filter { gate in
            let type = TableFields.string(gate["conditionType"])
            return TableFields.condition(conditions, type: type).map { TableFields.string($0["status"]) == "True" }
                ?? false
        }.count
        return "\(satisfied)/\(gates.count)"
    }

    /// `lastState.terminated.finishedAt` of a container status.
    private static func lastTermination(_ container: JSONValue) -> Date? {
        TableTime.date(container["lastState"]?["terminated"]?["finishedAt"])
    }

    private static func later(_ a: Date?, _ b: Date?) -> Date? {
        guard let b else { return a }
        guard let a else { return b }
        return b > a ? b : a
    }

    private static func orNone(_ s: String) -> String { s.isEmpty ? "<none>" : s }
}
