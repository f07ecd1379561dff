import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Pod table")
struct PodTableTests {
    typealias F = TableFixtures

    func pod(
        _ name: String = "web-1", phase: String = "Running", spec: JSONValue = ["containers": [["name": "app"]]],
        status: JSONValue = [:]
    ) -> JSONValue {
        var full = status
        if full["phase"] == nil { full["phase"] = .string(phase) }
        return [
            "apiVersion": "v1", "kind": "Pod", "metadata": F.metadata(name, age: 4200), "spec": spec, "status": full,
        ]
    }

    func running(_ name: String, restarts: Int = 0, finished: Int? = nil, ready: Bool = true) -> JSONValue {
        var status: JSONValue = [
            "name": .string(name), "ready": .bool(ready), "restartCount": .int(restarts),
            "state": ["running": ["startedAt": F.ago(60)]],
        ]
        if let finished { status["lastState"] = ["terminated": ["exitCode": 1, "finishedAt": F.ago(finished)]] }
        return status
    }

    @Test func columnsMatchKubernetes() {
        let columns = TableConvertor.columns(group: "", resource: "pods")
        #expect(
            columns.map(\.name) == [
                "Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates",
            ])
        #expect(columns.map(\.priority) == [0, 0, 0, 0, 0, 1, 1, 1, 1])
        #expect(columns.map(\.type) == Array(repeating: "string", count: 9))
        #expect(columns[0].format == "name")
        #expect(columns[0].description.hasPrefix("Name must be unique within a namespace."))
        #expect(columns.dropFirst().allSatisfy { $0.format.isEmpty })
    }

    @Test func runningPodWithRestarts() {
        let p = pod(
            spec: ["containers": [["name": "app"], ["name": "log"]], "nodeName": "node-a"],
            status: [
                "podIP": "10.42.0.5", "podIPs": [["ip": "10.42.0.5"]],
                "containerStatuses": [running("app", restarts: 3, finished: 300), running("log")],
            ])
        #expect(
            F.cells("", "pods", p) == [
                "web-1", "2/2", "Running", "3 (5m ago)", "70m", "10.42.0.5", "node-a", "<none>", "<none>",
            ])
    }

    @Test func pendingPodWithoutStatus() {
        let p: JSONValue = [
            "metadata": F.metadata("new", age: 3), "spec": ["containers": [["name": "a"]]],
            "status": ["phase": "Pending", "podIP": "10.42.0.9"],
        ]
        #expect(
            F.cells("", "pods", p) == ["new", "0/1", "Pending", "0", "3s", "10.42.0.9", "<none>", "<none>", "<none>"])
    }

    @Test func restartsWithoutTerminationTimeHaveNoSuffix() {
        let p = pod(status: ["containerStatuses": [running("app", restarts: 2)]])
        #expect(F.cells("", "pods", p)[3] == "2")
    }

    @Test(arguments: [
        (["waiting": ["reason": "PodInitializing"]] as JSONValue, "Init:0/2"),
        (["waiting": ["reason": "CrashLoopBackOff"]] as JSONValue, "Init:CrashLoopBackOff"),
        (["terminated": ["exitCode": 1, "reason": "Error"]] as JSONValue, "Init:Error"),
        (["terminated": ["exitCode": 2]] as JSONValue, "Init:ExitCode:2"),
        (["terminated": ["exitCode": 137, "signal": 9]] as JSONValue, "Init:Signal:9"),
        (["running": [:]] as JSONValue, "Init:0/2"),
    ])
    func initContainerStatus(state: JSONValue, expected: String) {
        let p = pod(
            phase: "Pending",
            spec: ["initContainers": [["name": "setup"], ["name": "migrate"]], "containers": [["name": "app"]]],
            status: [
                "initContainerStatuses": [
                    ["name": "setup", "restartCount": 0, "state": state],
                    ["name": "migrate", "restartCount": 0, "state": ["waiting": ["reason": "PodInitializing"]]],
                ],
                "containerStatuses": [["name": "app", "state": ["waiting": ["reason": "PodInitializing"]]]],
            ])
        let cells = F.cells("", "pods", p)
        #expect(cells[1] == "0/1")
        #expect(cells[2] == .string(expected))
    }

    @Test func secondInitContainerRunning() {
        let p = pod(
            phase: "Pending",
            spec: ["initContainers": [["name": "setup"], ["name": "migrate"]], "containers": [["name": "app"]]],
            status: [
                "initContainerStatuses": [
                    [
                        "name": "setup", "restartCount": 1,
                        "state": ["terminated": ["exitCode": 0, "reason": "Completed"]],
                    ],
                    ["name": "migrate", "restartCount": 0, "state": ["running": [:]]],
                ]
            ])
        #expect(F.cells("", "pods", p)[2] == "Init:1/2")
        #expect(F.cells("", "pods", p)[3] == "1")
    }

    @Test(arguments: [
        (["waiting": ["reason": "ImagePullBackOff"]] as JSONValue, "ImagePullBackOff"),
        (["waiting": ["reason": "ContainerCreating"]] as JSONValue, "ContainerCreating"),
        (["terminated": ["exitCode": 0, "reason": "Completed"]] as JSONValue, "Completed"),
        (["terminated": ["exitCode": 1, "reason": "OOMKilled"]] as JSONValue, "OOMKilled"),
        (["terminated": ["exitCode": 3]] as JSONValue, "ExitCode:3"),
        (["terminated": ["exitCode": 143, "signal": 15]] as JSONValue, "Signal:15"),
    ])
    func containerStateReasons(state: JSONValue, expected: String) {
        let p = pod(status: ["containerStatuses": [["name": "app", "ready": false, "restartCount": 0, "state": state]]])
        let cells = F.cells("", "pods", p)
        #expect(cells[1] == "0/1")
        #expect(cells[2] == .string(expected))
    }

    @Test func firstContainerReasonWins() {
        let p = pod(
            spec: ["containers": [["name": "a"], ["name": "b"]]],
            status: [
                "containerStatuses": [
                    ["name": "a", "state": ["waiting": ["reason": "CrashLoopBackOff"]], "restartCount": 4],
                    ["name": "b", "state": ["waiting": ["reason": "ErrImagePull"]], "restartCount": 1],
                ]
            ])
        #expect(Array(F.cells("", "pods", p)[1...3]) == ["0/2", "CrashLoopBackOff", "5"])
    }

    @Test func completedPodIsSucceeded() {
        let p = pod(
            phase: "Succeeded",
            status: [
                "containerStatuses": [
                    ["name": "app", "ready": false, "state": ["terminated": ["exitCode": 0, "reason": "Completed"]]]
                ]
            ])
        #expect(Array(F.cells("", "pods", p)[1...2]) == ["0/1", "Completed"])
        #expect(
            PodPrinter.conditions(p) == [
                [
                    "type": "Completed", "status": "True", "reason": "Succeeded",
                    "message": "The pod has completed successfully.",
                ]
            ])
    }

    @Test(arguments: [(true, "Running"), (false, "NotReady")])
    func completedContainerBesideRunningOne(podReady: Bool, expected: String) {
        let p = pod(
            spec: ["containers": [["name": "job"], ["name": "proxy"]]],
            status: [
                "conditions": [["type": "Ready", "status": podReady ? "True" : "False"]],
                "containerStatuses": [
                    ["name": "job", "state": ["terminated": ["exitCode": 0, "reason": "Completed"]]],
                    running("proxy"),
                ],
            ])
        #expect(Array(F.cells("", "pods", p)[1...2]) == ["1/2", .string(expected)])
    }

    @Test func sidecarInitContainerCountsAsContainer() {
        let p = pod(
            spec: [
                "initContainers": [["name": "mesh", "restartPolicy": "Always"]], "containers": [["name": "app"]],
            ],
            status: [
                "conditions": [["type": "Initialized", "status": "True"]],
                "initContainerStatuses": [
                    [
                        "name": "mesh", "started": true, "ready": true, "restartCount": 2,
                        "lastState": ["terminated": ["exitCode": 1, "finishedAt": F.ago(600)]],
                        "state": ["running": [:]],
                    ]
                ],
                "containerStatuses": [running("app", restarts: 1, finished: 180)],
            ])
        #expect(Array(F.cells("", "pods", p)[1...3]) == ["2/2", "Running", "3 (3m ago)"])
    }

    @Test func deletionShowsTerminatingOrUnknown() {
        var p = pod(status: ["containerStatuses": [running("app")]])
        p.set(F.ago(5), at: ["metadata", "deletionTimestamp"])
        #expect(F.cells("", "pods", p)[2] == "Terminating")
        p.set("NodeLost", at: ["status", "reason"])
        #expect(F.cells("", "pods", p)[2] == "Unknown")
        var done = pod(
            phase: "Succeeded",
            status: [
                "containerStatuses": [
                    ["name": "app", "state": ["terminated": ["exitCode": 0, "reason": "Completed"]]]
                ]
            ])
        done.set(F.ago(5), at: ["metadata", "deletionTimestamp"])
        #expect(F.cells("", "pods", done)[2] == "Completed")
    }

    @Test func statusReasonAndSchedulingGates() {
        let evicted = pod(phase: "Failed", status: ["reason": "Evicted"])
        #expect(F.cells("", "pods", evicted)[2] == "Evicted")
        #expect(PodPrinter.conditions(evicted).first?["reason"] == "Failed")
        let gated = pod(
            phase: "Pending",
            status: ["conditions": [["type": "PodScheduled", "status": "False", "reason": "SchedulingGated"]]])
        #expect(F.cells("", "pods", gated)[2] == "SchedulingGated")
    }

    @Test func wideColumns() {
        let p = pod(
            spec: [
                "containers": [["name": "app"]],
                "readinessGates": [["conditionType": "example.com/lb"], ["conditionType": "example.com/dns"]],
            ],
            status: [
                "nominatedNodeName": "node-b", "podIPs": [["ip": "fd00::5"], ["ip": "10.42.0.5"]],
                "conditions": [
                    ["type": "example.com/lb", "status": "True"], ["type": "example.com/dns", "status": "False"],
                ],
            ])
        #expect(Array(F.cells("", "pods", p)[5...8]) == ["fd00::5", "<none>", "node-b", "1/2"])
    }

    @Test(
        arguments: [
            JSONValue.null, "pod", [1, 2], [:],
            ["metadata": 5, "spec": "x", "status": ["containerStatuses": "nope", "initContainerStatuses": [7]]],
            ["spec": ["containers": [3], "initContainers": [["restartPolicy": 1]]], "status": ["phase": 9]],
        ] as [JSONValue])
    func oddObjectsDoNotCrash(object: JSONValue) {
        let cells = F.cells("", "pods", object)
        #expect(cells.count == 9)
        #expect(cells[4] == "<unknown>")
    }
}
