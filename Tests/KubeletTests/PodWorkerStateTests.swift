import Foundation
import KubeAPI
import KubeRuntime
import Testing

@testable import Kubelet

@Suite struct PodWorkerStateTests {
    static let pod: JSONValue = ["metadata": ["name": "p", "uid": "u"], "spec": ["terminationGracePeriodSeconds": 20]]

    @Test func aRunningPodSyncsUntilDeletionThenTerminatesAndIsDeleted() {
        var state = PodWorkerState()
        state.receive(.pod(Self.pod))
        #expect(state.next() == .sync)
        var deleting = Self.pod
        deleting["metadata"]?["deletionTimestamp"] = "2026-01-01T00:00:00Z"
        deleting["metadata"]?["deletionGracePeriodSeconds"] = 5
        state.receive(.pod(deleting))
        #expect(state.next() == .terminate(gracePeriodSeconds: 5))
        state.completed(.terminate(gracePeriodSeconds: 5))
        #expect(state.next() == .deleteFromAPI)
        state.completed(.deleteFromAPI)
        #expect(state.next() == .finish)
        state.completed(.finish)
        #expect(state.next() == nil)
        #expect(state.lifecycle == .finished)
    }

    @Test func aPodRemovedWithoutGraceTerminatesWithItsSpecGraceAndIsNotDeletedAgain() {
        var state = PodWorkerState()
        state.receive(.pod(Self.pod))
        state.receive(.removed)
        #expect(state.next() == .terminate(gracePeriodSeconds: 20))
        state.completed(.terminate(gracePeriodSeconds: 20))
        #expect(state.next() == .finish)
    }

    @Test func aShorterGracePeriodWinsWhileTerminating() {
        var state = PodWorkerState()
        var deleting = Self.pod
        deleting["metadata"]?["deletionTimestamp"] = "2026-01-01T00:00:00Z"
        deleting["metadata"]?["deletionGracePeriodSeconds"] = 30
        state.receive(.pod(deleting))
        deleting["metadata"]?["deletionGracePeriodSeconds"] = 0
        state.receive(.pod(deleting))
        #expect(state.next() == .terminate(gracePeriodSeconds: 0))
    }
}

@Suite struct PodSyncPlanTests {
    static func spec(_ json: JSONValue) throws -> PodSpec {
        try JSONDecoder().decode(PodSpec.self, from: Data(json.serialized()))
    }

    static let sandbox = PodSandboxStatus(
        id: "s1", config: PodSandboxConfig(name: "p", namespace: "d", uid: "u", hostname: "p", logDirectory: "/l", labels: ["io.kubernetes.pod.uid": "u"]),
        state: .ready, createdAt: Date(timeIntervalSince1970: 1), networkNamespacePath: "/n")

    static func container(_ name: String, attempt: Int = 0, state: KubeRuntime.ContainerStatus.State, exit: Int32? = nil) -> KubeRuntime.ContainerStatus {
        KubeRuntime.ContainerStatus(
            id: "\(name)-\(attempt)", sandboxID: "s1",
            config: ContainerConfig(name: name, attempt: attempt, image: "busybox", imageID: "i", layerPaths: [], argv: [], logPath: "/l", labels: ["io.kubernetes.pod.uid": "u"]),
            state: state, createdAt: Date(timeIntervalSince1970: Double(10 + attempt)), startedAt: Date(), finishedAt: state == .exited ? Date() : nil, exitCode: exit)
    }

    @Test func aNewPodGetsASandboxAndItsFirstInitContainer() throws {
        let spec = try Self.spec(["initContainers": [["name": "i1"], ["name": "i2"]], "containers": [["name": "a"]]])
        let plan = PodSyncPlan.make(spec: spec, view: PodRuntimeView(), terminal: false)
        #expect(plan.createSandbox)
        #expect(plan.start.map(\.name) == ["i1"])
        #expect(!plan.initialized)
    }

    @Test func initContainersGoInOrderThenAppContainers() throws {
        let spec = try Self.spec(["initContainers": [["name": "i1"], ["name": "i2"]], "containers": [["name": "a"], ["name": "b"]]])
        var view = PodRuntimeView(uid: "u", sandboxes: [Self.sandbox], containers: [Self.container("i1", state: .exited, exit: 0)])
        #expect(PodSyncPlan.make(spec: spec, view: view, terminal: false).start.map(\.name) == ["i2"])
        view = PodRuntimeView(uid: "u", sandboxes: [Self.sandbox], containers: [Self.container("i1", state: .exited, exit: 0), Self.container("i2", state: .running)])
        #expect(PodSyncPlan.make(spec: spec, view: view, terminal: false).start.isEmpty)
        view = PodRuntimeView(uid: "u", sandboxes: [Self.sandbox], containers: [Self.container("i1", state: .exited, exit: 0), Self.container("i2", state: .exited, exit: 0)])
        let plan = PodSyncPlan.make(spec: spec, view: view, terminal: false)
        #expect(plan.start.map(\.name) == ["a", "b"])
        #expect(plan.initialized)
    }

    @Test func restartPolicyDecidesWhichExitedContainersStartAgain() throws {
        let view = PodRuntimeView(uid: "u", sandboxes: [Self.sandbox], containers: [
            Self.container("ok", attempt: 2, state: .exited, exit: 0), Self.container("bad", state: .exited, exit: 1),
        ])
        let always = PodSyncPlan.make(spec: try Self.spec(["containers": [["name": "ok"], ["name": "bad"]]]), view: view, terminal: false)
        #expect(always.start.map(\.name) == ["ok", "bad"])
        #expect(always.start.first?.attempt == 3)
        #expect(always.start.first?.previousFinishedAt != nil)
        let onFailure = PodSyncPlan.make(spec: try Self.spec(["restartPolicy": "OnFailure", "containers": [["name": "ok"], ["name": "bad"]]]), view: view, terminal: false)
        #expect(onFailure.start.map(\.name) == ["bad"])
        let never = PodSyncPlan.make(spec: try Self.spec(["restartPolicy": "Never", "containers": [["name": "ok"], ["name": "bad"]]]), view: view, terminal: false)
        #expect(never.start.isEmpty)
        let failedInit = PodRuntimeView(uid: "u", sandboxes: [Self.sandbox], containers: [Self.container("i", state: .exited, exit: 2)])
        let initNever = PodSyncPlan.make(spec: try Self.spec(["restartPolicy": "Never", "initContainers": [["name": "i"]], "containers": [["name": "a"]]]), view: failedInit, terminal: false)
        #expect(initNever.initFailed)
    }

    @Test func crashLoopBackoffDoublesToItsCapAndResets() {
        var backoff = RestartBackoff(initial: .seconds(10), max: .seconds(40))
        let t0 = Date(timeIntervalSince1970: 1000)
        #expect(!backoff.isInBackOff("c", since: t0, now: t0))
        backoff.next("c", now: t0)
        #expect(backoff.delay("c") == .seconds(10))
        #expect(backoff.isInBackOff("c", since: t0, now: t0.addingTimeInterval(5)))
        #expect(!backoff.isInBackOff("c", since: t0, now: t0.addingTimeInterval(11)))
        backoff.next("c", now: t0.addingTimeInterval(11))
        backoff.next("c", now: t0.addingTimeInterval(30))
        backoff.next("c", now: t0.addingTimeInterval(70))
        #expect(backoff.delay("c") == .seconds(40))
        backoff.next("c", now: t0.addingTimeInterval(1000))
        #expect(backoff.delay("c") == .seconds(10))
        #expect(PodNames.goDuration(.milliseconds(10)) == "10ms")
        #expect(PodNames.goDuration(.seconds(10)) == "10s")
        #expect(PodNames.goDuration(.milliseconds(1500)) == "1.5s")
        #expect(PodNames.goDuration(.seconds(300)) == "5m0s")
        #expect(PodNames.goDuration(.milliseconds(123_004)) == "2m3.004s")
    }
}

@Suite struct SidecarPlanTests {
    @Test func aSidecarOnlyHasToRunForTheNextInitContainerAndRestartsWhenItExits() throws {
        let spec = try PodSyncPlanTests.spec([
            "initContainers": [["name": "side", "restartPolicy": "Always"], ["name": "i"]], "containers": [["name": "a"]],
        ])
        let sandbox = PodSyncPlanTests.sandbox
        var view = PodRuntimeView(uid: "u", sandboxes: [sandbox], containers: [])
        #expect(PodSyncPlan.make(spec: spec, view: view, terminal: false).start.map(\.name) == ["side"])
        view = PodRuntimeView(uid: "u", sandboxes: [sandbox], containers: [PodSyncPlanTests.container("side", state: .running)])
        #expect(PodSyncPlan.make(spec: spec, view: view, terminal: false).start.map(\.name) == ["i"])
        view = PodRuntimeView(uid: "u", sandboxes: [sandbox], containers: [
            PodSyncPlanTests.container("side", state: .exited, exit: 0), PodSyncPlanTests.container("i", state: .exited, exit: 0),
        ])
        let plan = PodSyncPlan.make(spec: spec, view: view, terminal: false)
        #expect(plan.start.map(\.name) == ["side", "a"])
        #expect(plan.start.first?.attempt == 1)
        #expect(plan.initialized)
    }
}

@Suite struct PodStatusBuilderTests {
    static func input(_ pod: JSONValue, view: PodRuntimeView, initialized: Bool = true) throws -> PodStatusInputs {
        let spec = try PodSyncPlanTests.spec(pod["spec"] ?? [:])
        return PodStatusInputs(
            pod: pod, spec: spec, view: view, waiting: [:], podIPs: ["10.42.0.9"], hostIPs: ["192.168.0.2"], sandboxReady: true,
            initialized: initialized, initFailed: false, readiness: RunningIsReady(), runtimeScheme: "runc", now: "2026-01-01T00:00:00Z")
    }

    @Test func podsWaitingForInitContainersArePendingAndSayWhich() throws {
        let pod: JSONValue = ["metadata": ["uid": "u"], "spec": ["initContainers": [["name": "i"]], "containers": [["name": "a", "image": "busybox"]]]]
        let view = PodRuntimeView(uid: "u", sandboxes: [PodSyncPlanTests.sandbox], containers: [PodSyncPlanTests.container("i", state: .running)])
        let status = PodStatusBuilder.build(try Self.input(pod, view: view, initialized: false))
        #expect(status["phase"] == "Pending")
        #expect(status["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"] == "PodInitializing")
        #expect(status["initContainerStatuses"]?[0]?["state"]?["running"] != nil)
        #expect(status["initContainerStatuses"]?[0]?["containerID"] == "runc://i-0")
        let initialized = status["conditions"]?.arrayValue?.first { $0["type"] == "Initialized" }
        #expect(initialized?["status"] == "False")
        #expect(initialized?["reason"] == "ContainersNotInitialized")
        #expect(initialized?["message"] == "containers with incomplete status: [i]")
        #expect(status["podIP"] == "10.42.0.9")
        #expect(status["hostIPs"] == [["ip": "192.168.0.2"]])
    }

    @Test func aFinishedPodKeepsItsStatusWhenItsContainersAreGone() throws {
        let old: JSONValue = [
            "phase": "Succeeded", "startTime": "2025-12-31T00:00:00Z",
            "containerStatuses": [["name": "a", "state": ["terminated": ["exitCode": 0, "reason": "Completed"]], "restartCount": 0]],
        ]
        let pod: JSONValue = ["metadata": ["uid": "u"], "spec": ["restartPolicy": "Never", "containers": [["name": "a"]]], "status": old]
        let status = PodStatusBuilder.build(try Self.input(pod, view: PodRuntimeView()))
        #expect(status["phase"] == "Succeeded")
        #expect(status["containerStatuses"] == old["containerStatuses"])
        #expect(status["startTime"] == "2025-12-31T00:00:00Z")
    }
}
