import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import Testing

@testable import Kubelet

@Suite struct KubeletPodLifecycleTests {
    static func busybox(_ name: String, _ command: [String]? = nil) -> JSONValue {
        var c: JSONValue = ["name": .string(name), "image": "busybox"]
        if let command { c["command"] = .array(command.map { .string($0) }) }
        return c
    }

    @Test func aPodRunsWithIPsContainerStatusesAndEvents() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.createPod("web", spec: ["containers": [Self.busybox("c", ["sleep", "3600"])]])
            let pod = try await h.waitForPod("web", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            let status = try #require(pod["status"])
            #expect(status["podIP"]?.stringValue?.hasPrefix("10.42.0.") == true)
            #expect(status["podIPs"]?.arrayValue?.count == 1)
            #expect(status["hostIP"]?.stringValue?.isEmpty == false)
            #expect(status["qosClass"]?.stringValue == "BestEffort")
            #expect(status["startTime"] != nil)
            let c = try #require(KubeletHarness.containerStatus(pod, "c"))
            #expect(c["state"]?["running"]?["startedAt"] != nil)
            #expect(c["ready"]?.boolValue == true)
            #expect(c["started"]?.boolValue == true)
            #expect(c["restartCount"]?.intValue == 0)
            #expect(c["containerID"]?.stringValue?.hasPrefix("inmemory://") == true)
            #expect(c["imageID"]?.stringValue?.hasPrefix("docker.io/library/busybox@sha256:") == true)
            let conditions = status["conditions"]?.arrayValue ?? []
            for type in ["PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready"] {
                #expect(conditions.first { $0["type"]?.stringValue == type }?["status"]?.stringValue == "True", "\(type)")
            }
            let containers = try await h.runtime.listContainers()
            #expect(containers.count == 1)
            #expect(containers.first?.config.argv == ["sleep", "3600"])
            #expect(containers.first?.config.labels["io.kubernetes.pod.uid"] == pod.uid)
            let hostsMount = try #require(containers.first?.config.mounts.first { $0.containerPath == "/etc/hosts" })
            let hosts = try String(contentsOfFile: hostsMount.hostPath, encoding: .utf8)
            #expect(hosts.contains("\(status["podIP"]?.stringValue ?? "?")\tweb\n"))
            #expect(containers.first?.config.mounts.contains { $0.containerPath == "/etc/resolv.conf" } == true)
            #expect(containers.first?.config.env.first == KubeRuntime.EnvVar("HOSTNAME", "web"))
            #expect(containers.first?.config.logPath == "\(h.root)/logs/default_web_\(pod.uid)/c/0.log")
            #expect(FileManager.default.fileExists(atPath: "\(h.root)/logs/default_web_\(pod.uid)/c"))
            try await h.eventually("events recorded") {
                let reasons = try await h.events(about: "web").map(\.reason)
                return ["Pulling", "Pulled", "Created", "Started"].allSatisfy(reasons.contains)
            }
            let events = try await h.events(about: "web")
            #expect(events.contains { $0.message == "Pulling image \"busybox\"" })
            #expect(events.contains { $0.message == "Created container: c" })
            #expect(events.contains { $0.message == "Started container c" })
            #expect(events.contains { $0.message.hasPrefix("Successfully pulled image \"busybox\" in ") && $0.message.hasSuffix("Image size: 2155000 bytes.") })
        }
    }

    @Test func aPodWhoseImageIsPulledIsFirstReportedContainerCreating() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            let watch = h.client.watch(.pods, namespace: "default", options: ListOptions(fieldSelector: "metadata.name=pulled"), timeoutSeconds: 20)
            try await h.createPod("pulled", spec: ["containers": [Self.busybox("c", ["sleep", "3600"])]])
            var phases: [String] = []
            var reasons: [String] = []
            for try await event in watch {
                let status = event.object["status"]
                if let phase = status?["phase"]?.stringValue, status?["containerStatuses"] != nil { phases.append(phase) }
                if let reason = status?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]?.stringValue { reasons.append(reason) }
                if phases.last == "Running" { break }
            }
            #expect(phases.first == "Pending")
            #expect(reasons.first == "ContainerCreating")
            #expect(phases.last == "Running")
        }
    }

    @Test func initContainersRunInOrderBeforeTheAppContainers() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.createPod("init", spec: [
                "initContainers": [Self.busybox("first", ["sh", "-c", "exit 0"]), Self.busybox("second", ["sh", "-c", "exit 0"])],
                "containers": [Self.busybox("app", ["sleep", "3600"])],
            ])
            let pod = try await h.waitForPod("init", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            let order = try await h.runtime.listContainers().sorted { $0.createdAt < $1.createdAt }.map(\.config.name)
            #expect(order == ["first", "second", "app"])
            for name in ["first", "second"] {
                let s = KubeletHarness.containerStatus(pod, name, init: true)
                #expect(s?["state"]?["terminated"]?["reason"]?.stringValue == "Completed")
                #expect(s?["state"]?["terminated"]?["exitCode"]?.intValue == 0)
            }
            let initialized = pod["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Initialized" }
            #expect(initialized?["status"]?.stringValue == "True")
        }
    }

    @Test func aFailingContainerUnderAlwaysCrashLoopsWithGrowingRestarts() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.createPod("crash", spec: ["containers": [Self.busybox("c", ["sh", "-c", "exit 1"])]])
            let pod = try await h.waitForPod("crash", "in CrashLoopBackOff after restarts") { pod in
                let c = KubeletHarness.containerStatus(pod, "c")
                return (c?["restartCount"]?.intValue ?? 0) >= 2 && c?["state"]?["waiting"]?["reason"]?.stringValue == "CrashLoopBackOff"
            }
            let c = try #require(KubeletHarness.containerStatus(pod, "c"))
            let message = c["state"]?["waiting"]?["message"]?.stringValue ?? ""
            #expect(message.hasPrefix("back-off "))
            #expect(message.hasSuffix(" restarting failed container=c pod=crash_default(\(pod.uid))"))
            #expect(c["lastState"]?["terminated"]?["exitCode"]?.intValue == 1)
            #expect(c["lastState"]?["terminated"]?["reason"]?.stringValue == "Error")
            #expect(pod["status"]?["phase"]?.stringValue == "Running")
            try await h.eventually("BackOff event") {
                try await h.events(about: "crash").contains {
                    $0.reason == "BackOff" && $0.message == "Back-off restarting failed container c in pod crash_default(\(pod.uid))"
                }
            }
            // One dead instance is kept for lastState; older ones are removed.
            let instances = try await h.runtime.listContainers().filter { $0.config.name == "c" }
            #expect(instances.count <= 2)
        }
    }

    @Test func podsThatFinishGetTheirPhaseAndAreNotRestarted() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.createPod("fails", spec: ["restartPolicy": "Never", "containers": [Self.busybox("c", ["sh", "-c", "exit 3"])]])
            try await h.createPod("succeeds", spec: ["restartPolicy": "OnFailure", "containers": [Self.busybox("c", ["sh", "-c", "exit 0"])]])
            let failed = try await h.waitForPod("fails", "Failed") { $0["status"]?["phase"]?.stringValue == "Failed" }
            let succeeded = try await h.waitForPod("succeeds", "Succeeded") { $0["status"]?["phase"]?.stringValue == "Succeeded" }
            #expect(KubeletHarness.containerStatus(failed, "c")?["state"]?["terminated"]?["exitCode"]?.intValue == 3)
            #expect(KubeletHarness.containerStatus(succeeded, "c")?["state"]?["terminated"]?["reason"]?.stringValue == "Completed")
            let ready = succeeded["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
            #expect(ready?["reason"]?.stringValue == "PodCompleted")
            try await Task.sleep(for: .milliseconds(600))
            let instances = try await h.runtime.listContainers()
            #expect(instances.count == 2)
            #expect(instances.allSatisfy { $0.config.attempt == 0 })
            let sandboxes = try await h.runtime.listPodSandboxes()
            #expect(sandboxes.allSatisfy { $0.state == .notReady })
        }
    }

    @Test func gracefulDeletionRunsPreStopStopsEverythingAndRemovesThePod() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            var c = Self.busybox("c", ["sleep", "3600"])
            c["lifecycle"] = ["preStop": ["exec": ["command": ["sh", "-c", "echo bye"]]]]
            let created = try await h.createPod("bye", spec: ["containers": [c]])
            try await h.waitForPod("bye", "Running") { $0["status"]?["phase"]?.stringValue == "Running" }
            try await h.client.delete(.pods, namespace: "default", name: "bye")
            try await h.eventually("pod gone from the API") { try await h.pod("bye") == nil }
            let execs = await h.runtime.execLog
            #expect(execs.map(\.command) == [["sh", "-c", "echo bye"]])
            let sandboxes = try await h.runtime.listPodSandboxes()
            #expect(!sandboxes.contains { $0.config.uid == created.uid })
            #expect(try await h.runtime.listContainers().isEmpty)
            #expect(!h.network.tornDown.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: "\(h.root)/pods/\(created.uid)"))
            #expect(!FileManager.default.fileExists(atPath: "\(h.root)/logs/default_bye_\(created.uid)"))
            try await h.eventually("Killing event") {
                try await h.events(about: "bye").contains { $0.reason == "Killing" && $0.message == "Stopping container c" }
            }
        }
    }

    @Test func aPullFailureWaitsWithErrImagePullThenImagePullBackOff() async throws {
        try await KubeletHarness.run { h in
            let kubelet = h.startKubelet()
            defer { kubelet.cancel() }
            try await h.createPod("nopull", spec: ["containers": [["name": "c", "image": "example.com/missing:1.0"]]])
            try await h.waitForPod("nopull", "ImagePullBackOff") { pod in
                KubeletHarness.containerStatus(pod, "c")?["state"]?["waiting"]?["reason"]?.stringValue == "ImagePullBackOff"
            }
            try await h.createPod("never", spec: ["containers": [["name": "c", "image": "busybox:1.36", "imagePullPolicy": "Never"]]])
            let never = try await h.waitForPod("never", "ErrImageNeverPull") { pod in
                KubeletHarness.containerStatus(pod, "c")?["state"]?["waiting"]?["reason"]?.stringValue == "ErrImageNeverPull"
            }
            #expect(KubeletHarness.containerStatus(never, "c")?["state"]?["waiting"]?["message"]?.stringValue
                == "Container image \"busybox:1.36\" is not present with pull policy of Never")
            try await h.createPod("bad", spec: ["containers": [["name": "c", "image": "Busy Box"]]])
            try await h.waitForPod("bad", "InvalidImageName") { pod in
                KubeletHarness.containerStatus(pod, "c")?["state"]?["waiting"]?["reason"]?.stringValue == "InvalidImageName"
            }
        }
    }
}
