import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import Synchronization
import Testing

@testable import Kubelet

/// Readiness a test sets: containers named in `unready` are not ready.
final class TestReadiness: ContainerReadiness {
    let unready = Mutex<Set<String>>([])
    func isReady(podUID: String, container: String, containerID: String) -> Bool { !unready.withLock { $0.contains(container) } }
    func isStarted(podUID: String, container: String, containerID: String) -> Bool { true }
}

@Suite struct KubeletPodHealthTests {
    static let sleeper: JSONValue = ["containers": [["name": "c", "image": "busybox", "command": ["sleep", "3600"]]]]

    @Test func readinessComesFromTheSeamAndTheStatusIsWrittenOnlyWhenItChanges() async throws {
        try await KubeletHarness.run { h in
            let readiness = TestReadiness()
            readiness.unready.withLock { $0 = ["c"] }
            let kubelet = h.makeKubelet(readiness: readiness)
            let task = Task { await kubelet.run() }
            defer { task.cancel() }
            let created = try await h.createPod("ready", spec: Self.sleeper)
            let pod = try await h.waitForPod("ready", "Running but not ready") { $0["status"]?["phase"]?.stringValue == "Running" }
            let conditions = pod["status"]?["conditions"]?.arrayValue ?? []
            let ready = conditions.first { $0["type"]?.stringValue == "Ready" }
            #expect(ready?["status"]?.stringValue == "False")
            #expect(ready?["reason"]?.stringValue == "ContainersNotReady")
            #expect(ready?["message"]?.stringValue == "containers with unready status: [c]")
            #expect(KubeletHarness.containerStatus(pod, "c")?["ready"]?.boolValue == false)

            // Nothing changes: nothing is written, however often the pod syncs.
            let version = pod.resourceVersion
            for _ in 0..<3 { await kubelet.syncPod(podUID: created.uid) }
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await h.pod("ready")?.resourceVersion == version)

            readiness.unready.withLock { $0 = [] }
            await kubelet.syncPod(podUID: created.uid)
            try await h.waitForPod("ready", "Ready") { pod in
                pod["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }?["status"]?.stringValue == "True"
            }
        }
    }

    @Test func aFailedLivenessProbeRestartsTheContainer() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.makeKubelet()
            let task = Task { await kubelet.run() }
            defer { task.cancel() }
            let created = try await h.createPod("live", spec: Self.sleeper)
            let pod = try await h.waitForPod("live", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            let containerID = try #require(KubeletHarness.containerStatus(pod, "c")?["containerID"]?.stringValue)
            await kubelet.livenessFailed(podUID: created.uid, containerID: containerID)
            let restarted = try await h.waitForPod("live", "restarted") { pod in
                let c = KubeletHarness.containerStatus(pod, "c")
                return c?["restartCount"]?.intValue == 1 && c?["state"]?["running"] != nil
            }
            #expect(KubeletHarness.containerStatus(restarted, "c")?["lastState"]?["terminated"]?["containerID"]?.stringValue == containerID)
            try await h.eventually("Killing event") {
                try await h.events(about: "live").contains { $0.reason == "Killing" && $0.message == "Container c failed liveness probe, will be restarted" }
            }
        }
    }

    @Test func aSandboxThatDiesIsRecreatedAndItsContainersRestarted() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            let created = try await h.createPod("phoenix", spec: Self.sleeper)
            try await h.waitForPod("phoenix", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            let first = try #require(try await h.runtime.listPodSandboxes().first { $0.config.uid == created.uid })
            try await h.runtime.stopPodSandbox(first.id)
            let pod = try await h.waitForPod("phoenix", "running in a new sandbox") { pod in
                let c = KubeletHarness.containerStatus(pod, "c")
                return c?["restartCount"]?.intValue == 1 && c?["state"]?["running"] != nil
            }
            let sandboxes = try await h.runtime.listPodSandboxes().filter { $0.config.uid == created.uid }
            #expect(sandboxes.last?.config.attempt == 1)
            #expect(sandboxes.last?.state == .ready)
            #expect(pod["status"]?["podIP"]?.stringValue?.hasPrefix("10.42.0.") == true)
            try await h.eventually("SandboxChanged event") {
                try await h.events(about: "phoenix").contains { $0.reason == "SandboxChanged" }
            }
        }
    }

    @Test func aPodPastItsActiveDeadlineFails() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            var spec = Self.sleeper
            spec["activeDeadlineSeconds"] = 1
            try await h.createPod("deadline", spec: spec)
            let pod = try await h.waitForPod("deadline", "Failed") { $0["status"]?["phase"]?.stringValue == "Failed" }
            #expect(pod["status"]?["reason"]?.stringValue == "DeadlineExceeded")
            #expect(pod["status"]?["message"]?.stringValue == "Pod was active on the node longer than the specified deadline")
            #expect(KubeletHarness.containerStatus(pod, "c")?["state"]?["terminated"] != nil)
            #expect(try await h.runtime.listContainers().allSatisfy { $0.state == .exited })
        }
    }

    @Test func aContainerThatFailedToStartIsTriedAgain() async throws {
        let attempts = Mutex(0)
        let runtime = InMemoryRuntime(behaviour: { config in
            let first = attempts.withLock { n in
                n += 1
                return n == 1
            }
            return first ? .failsToStart(message: "exec: \"nope\": executable file not found in $PATH") : InMemoryRuntime.defaultBehaviour(config)
        })
        try await KubeletHarness.run(runtime: runtime) { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.createPod("retry", spec: Self.sleeper)
            let pod = try await h.waitForPod("retry", "running after a failed start") { pod in
                KubeletHarness.containerStatus(pod, "c")?["state"]?["running"] != nil
            }
            #expect(KubeletHarness.containerStatus(pod, "c")?["restartCount"]?.intValue == 1)
            try await h.eventually("Failed event") {
                try await h.events(about: "retry").contains { $0.reason == "Failed" && $0.message.contains("executable file not found") }
            }
        }
    }

    @Test func aFailingPostStartHookKillsTheContainer() async throws {
        let runtime = InMemoryRuntime(execHandler: { _, command in
            ExecResult(exitCode: command.last == "exit 7" ? 7 : 0, stdout: Array("no\n".utf8), stderr: [])
        })
        try await KubeletHarness.run(runtime: runtime) { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.createPod("hooked", spec: ["containers": [[
                "name": "c", "image": "busybox", "command": ["sleep", "3600"],
                "lifecycle": ["postStart": ["exec": ["command": ["sh", "-c", "exit 7"]]]],
            ]]])
            try await h.waitForPod("hooked", "restarted after failed hooks") { pod in
                (KubeletHarness.containerStatus(pod, "c")?["restartCount"]?.intValue ?? 0) >= 1
            }
            try await h.eventually("FailedPostStartHook event") {
                try await h.events(about: "hooked").contains { $0.reason == "FailedPostStartHook" && $0.message.contains("exited with 7") }
            }
            #expect(await runtime.execLog.allSatisfy { $0.command == ["sh", "-c", "exit 7"] })
        }
    }

    @Test func theTerminationMessageFileBecomesTheTerminatedMessage() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            var spec = Self.sleeper
            spec["restartPolicy"] = "Never"
            try await h.createPod("last-words", spec: spec)
            try await h.waitForPod("last-words", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            let container = try #require(try await h.runtime.listContainers().first)
            let mount = try #require(container.config.mounts.first { $0.containerPath == "/dev/termination-log" })
            try "disk full".write(toFile: mount.hostPath, atomically: false, encoding: .utf8)
            await h.runtime.exit(container.id, code: 2)
            let pod = try await h.waitForPod("last-words", "Failed") { $0["status"]?["phase"]?.stringValue == "Failed" }
            #expect(KubeletHarness.containerStatus(pod, "c")?["state"]?["terminated"]?["message"]?.stringValue == "disk full")
        }
    }

    @Test func hostNetworkPodsUseTheNodeAddress() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            var spec = Self.sleeper
            spec["hostNetwork"] = true
            try await h.createPod("host", spec: spec)
            let pod = try await h.waitForPod("host", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            #expect(pod["status"]?["podIP"] == pod["status"]?["hostIP"])
            #expect(h.network.sandboxes.isEmpty)
        }
    }
}

@Suite struct KubeletSidecarTests {
    @Test func sidecarsStartFirstAndKeepRunningBesideTheAppContainers() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.createPod("sidecar", spec: [
                "initContainers": [
                    ["name": "proxy", "image": "busybox", "command": ["sleep", "3600"], "restartPolicy": "Always"],
                    ["name": "setup", "image": "busybox", "command": ["true"]],
                ],
                "containers": [["name": "app", "image": "busybox", "command": ["sleep", "3600"]]],
            ])
            let pod = try await h.waitForPod("sidecar", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            let order = try await h.runtime.listContainers().sorted { $0.createdAt < $1.createdAt }.map(\.config.name)
            #expect(order == ["proxy", "setup", "app"])
            #expect(KubeletHarness.containerStatus(pod, "proxy", init: true)?["state"]?["running"] != nil)
            #expect(KubeletHarness.containerStatus(pod, "setup", init: true)?["state"]?["terminated"]?["exitCode"]?.intValue == 0)
            let initialized = pod["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Initialized" }
            #expect(initialized?["status"]?.stringValue == "True")
        }
    }
}
