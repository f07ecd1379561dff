import Foundation
import KubeAPI
import KubeRuntime
import Testing

@testable import Kubelet

/// Workers, thresholds, startup gating and initial delays, with exec probes answered from scripts
/// and a clock 100 times faster than real time (a period of 1 s passes in 10 ms).
@Suite struct ProbeManagerTests {
    static let pass = ScriptedExecRuntime.exit(0)
    static func fail(_ output: String) -> ExecResult { ScriptedExecRuntime.exit(1, output) }

    func exec(_ command: String, period: Int = 1, success: Int? = nil, failure: Int? = nil, delay: Int? = nil) -> Probe {
        Probe(
            exec: ExecAction(command: command.split(separator: " ").map(String.init)), initialDelaySeconds: delay,
            periodSeconds: period, successThreshold: success, failureThreshold: failure)
    }

    func target(_ id: String, _ spec: Container, startedAt: Date = Date()) -> ProbeTarget {
        ProbeTarget(name: "app", containerID: id, startedAt: startedAt, container: spec)
    }

    @Test func readinessChangesOnlyAfterItsThresholds() async {
        let runtime = ScriptedExecRuntime()
        // success 2, failure 2: runs 3-4 make it ready, runs 7-8 make it unready ("d"), then it blocks.
        runtime.script("ready", [Self.pass, Self.fail("a"), Self.pass, Self.pass, Self.fail("b"), Self.pass, Self.fail("c"), Self.fail("d")])
        let manager = ProbeManager(prober: Prober(runtime: runtime), clock: FastClock())
        var events = manager.results.makeAsyncIterator()
        let guardTask = watchdog(manager)
        defer { guardTask.cancel() }
        await manager.update(podUID: "pod1", podIP: "10.42.0.5", containers: [target("c1", container(readiness: exec("ready", success: 2, failure: 2)))])
        #expect(await manager.isReady(podUID: "pod1", container: "app") == false)
        let seen = await nextEvents(&events, 2)
        #expect(seen.map(\.result) == [.success, .failure])
        #expect(seen.map(\.kind) == [.readiness, .readiness])
        #expect(seen.last?.message == "Readiness probe failed: d")
        #expect(seen.last?.containerID == "c1" && seen.last?.podUID == "pod1")
        #expect(await manager.isReady(podUID: "pod1", container: "app") == false)
        await manager.shutdown()
    }

    @Test func livenessFailsAfterConsecutiveFailuresThenHoldsUntilANewContainer() async {
        let runtime = ScriptedExecRuntime()
        runtime.script("alive", [Self.fail("1"), Self.fail("2"), Self.pass, Self.fail("4"), Self.fail("5"), Self.fail("6")])
        let manager = ProbeManager(prober: Prober(runtime: runtime), clock: FastClock())
        var events = manager.results.makeAsyncIterator()
        let guardTask = watchdog(manager)
        defer { guardTask.cancel() }
        let spec = container(liveness: exec("alive"))
        await manager.update(podUID: "pod1", podIP: "10.42.0.5", containers: [target("c1", spec)])
        #expect(await manager.isReady(podUID: "pod1", container: "app"))
        let failed = await nextEvents(&events, 1)
        #expect(failed == [ProbeEvent(podUID: "pod1", containerName: "app", containerID: "c1", kind: .liveness, outcome: ProbeOutcome(result: .failure, message: "Liveness probe failed: 6"))])
        #expect(await manager.isLivenessFailing(podUID: "pod1", container: "app"))
        #expect(runtime.calls.count == 6)

        // The restarted container starts passing, with fresh state; its failures count anew.
        runtime.script("alive", [Self.fail("7"), Self.fail("8"), Self.fail("9")])
        await manager.update(podUID: "pod1", podIP: "10.42.0.5", containers: [target("c2", spec)])
        #expect(await manager.isLivenessFailing(podUID: "pod1", container: "app") == false)
        let again = await nextEvents(&events, 1)
        #expect(again.map(\.containerID) == ["c2"])
        #expect(again.map(\.message) == ["Liveness probe failed: 9"])
        #expect(runtime.calls.count == 9)
        #expect(runtime.calls.suffix(3).allSatisfy { $0.containerID == "c2" })
        await manager.shutdown()
    }

    @Test func startupGatesLivenessAndReadiness() async {
        let runtime = ScriptedExecRuntime()
        runtime.script("started", [Self.fail("warming"), Self.fail("warming"), Self.pass])
        runtime.script("ready", [], thenForever: Self.pass)
        runtime.script("alive", [], thenForever: Self.pass)
        let manager = ProbeManager(prober: Prober(runtime: runtime), clock: FastClock())
        var events = manager.results.makeAsyncIterator()
        let guardTask = watchdog(manager)
        defer { guardTask.cancel() }
        let spec = container(liveness: exec("alive"), readiness: exec("ready"), startup: exec("started", failure: 30))
        await manager.update(podUID: "pod1", podIP: "10.42.0.5", containers: [target("c1", spec)])
        #expect(await manager.isStarted(podUID: "pod1", container: "app") == false)
        #expect(await manager.isReady(podUID: "pod1", container: "app") == false)
        let seen = await nextEvents(&events, 2)
        #expect(seen.map(\.kind) == [.startup, .readiness])
        #expect(seen.map(\.result) == [.success, .success])
        #expect(await manager.isStarted(podUID: "pod1", container: "app"))
        #expect(await manager.isReady(podUID: "pod1", container: "app"))
        // No liveness or readiness probe ran before the third (passing) startup probe.
        let commands = runtime.calls.map(\.command)
        #expect(Array(commands.prefix(3)) == ["started", "started", "started"])
        #expect(commands.dropFirst(3).allSatisfy { $0 != "started" })
        await manager.shutdown()
    }

    @Test func theFirstProbeWaitsForTheInitialDelay() async {
        let runtime = ScriptedExecRuntime()
        runtime.script("ready", [Self.pass])
        let clock = FastClock()
        let manager = ProbeManager(prober: Prober(runtime: runtime), clock: clock)
        var events = manager.results.makeAsyncIterator()
        let guardTask = watchdog(manager)
        defer { guardTask.cancel() }
        let begin = clock.now
        await manager.update(podUID: "pod1", podIP: "10.42.0.5", containers: [target("c1", container(readiness: exec("ready", delay: 5)))])
        _ = await nextEvents(&events, 1)
        #expect(begin.duration(to: clock.now) >= .seconds(5))
        #expect(runtime.calls.count == 1)
        await manager.shutdown()
    }

    @Test func containersWithoutProbesAreReadyAndUnknownOnesAreNot() async {
        let manager = ProbeManager(prober: Prober(runtime: ScriptedExecRuntime()), clock: FastClock())
        await manager.update(podUID: "pod1", podIP: "10.42.0.5", containers: [target("c1", container())])
        #expect(await manager.isReady(podUID: "pod1", container: "app"))
        #expect(await manager.isStarted(podUID: "pod1", container: "app"))
        #expect(await manager.isReady(podUID: "pod1", container: "other") == false)
        await manager.update(podUID: "pod1", podIP: "10.42.0.5", containers: [])
        #expect(await manager.isReady(podUID: "pod1", container: "app") == false)
        await manager.update(podUID: "pod1", podIP: "10.42.0.5", containers: [target("c1", container())])
        await manager.remove(podUID: "pod1")
        #expect(await manager.isStarted(podUID: "pod1", container: "app") == false)
        await manager.shutdown()
    }

    @Test func readinessOverHTTPFollowsARealServer() async throws {
        let healthy = Toggle(true)
        let server = try LoopbackServer { _ in
            healthy.isOn ? LoopbackServer.response("200 OK") : LoopbackServer.response("503 Service Unavailable")
        }
        defer { server.stop() }
        let manager = ProbeManager(prober: Prober(runtime: ScriptedExecRuntime()), clock: FastClock())
        var events = manager.results.makeAsyncIterator()
        let guardTask = watchdog(manager)
        defer { guardTask.cancel() }
        let probe = Probe(httpGet: HTTPGetAction(path: "/ready", port: .string("http")), periodSeconds: 1, failureThreshold: 1)
        let spec = container(readiness: probe, ports: [ContainerPort(name: "http", containerPort: server.port)])
        await manager.update(podUID: "pod1", podIP: "127.0.0.1", containers: [target("c1", spec)])
        #expect(await nextEvents(&events, 1).map(\.result) == [.success])
        healthy.isOn = false
        let down = await nextEvents(&events, 1)
        #expect(down.map(\.message) == ["Readiness probe failed: HTTP probe failed with statuscode: 503"])
        #expect(await manager.isReady(podUID: "pod1", container: "app") == false)
        await manager.shutdown()
    }
}
