import Foundation
import KubeRuntime
import Testing

@testable import Kubelet

/// Which dead containers and sandboxes one container GC pass picks (Kubernetes' rules).
@Suite struct ContainerGCPlanTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func sandbox(_ id: String, uid: String, ready: Bool = true, age: TimeInterval = 600) -> PodSandboxStatus {
        PodSandboxStatus(
            id: id,
            config: PodSandboxConfig(
                name: "p-\(uid)", namespace: "default", uid: uid, hostname: "p", logDirectory: "/tmp",
                labels: ["io.kubernetes.pod.uid": uid]),
            state: ready ? .ready : .notReady, createdAt: now.addingTimeInterval(-age), networkNamespacePath: "")
    }

    func container(
        _ id: String, sandbox: String, uid: String, name: String = "app", attempt: Int, state: KubeRuntime.ContainerStatus.State = .exited,
        age: TimeInterval
    ) -> KubeRuntime.ContainerStatus {
        KubeRuntime.ContainerStatus(
            id: id, sandboxID: sandbox,
            config: ContainerConfig(
                name: name, attempt: attempt, image: "busybox", imageID: "sha256:b", layerPaths: [], argv: ["sh"], logPath: "/tmp/\(id).log",
                labels: ["io.kubernetes.pod.uid": uid, "io.kubernetes.container.name": name]),
            state: state, createdAt: now.addingTimeInterval(-age))
    }

    func plan(
        _ containers: [KubeRuntime.ContainerStatus], sandboxes: [PodSandboxStatus], policy: ContainerGCPolicy = ContainerGCPolicy(),
        gone: Set<String> = [], ready: Bool = true
    ) -> (containers: [String], sandboxes: [String]) {
        let plan = ContainerGCPlan.make(
            containers: containers, sandboxes: sandboxes, policy: policy, now: now, gone: gone, allSourcesReady: ready)
        return (plan.containers.map(\.id), plan.sandboxes.map(\.id))
    }

    @Test func byDefaultOneDeadInstancePerContainerIsKept() {
        let containers = [
            container("c0", sandbox: "s1", uid: "u1", attempt: 0, age: 50),
            container("c1", sandbox: "s1", uid: "u1", attempt: 1, age: 40),
            container("c2", sandbox: "s1", uid: "u1", attempt: 2, age: 30),
            container("c3", sandbox: "s1", uid: "u1", attempt: 3, state: .running, age: 20),
            container("side0", sandbox: "s1", uid: "u1", name: "side", attempt: 0, age: 45),
        ]
        let result = plan(containers, sandboxes: [sandbox("s1", uid: "u1")])
        #expect(result.containers == ["c0", "c1"])
        #expect(result.sandboxes.isEmpty)
    }

    @Test func containersYoungerThanMinAgeStay() {
        let containers = [
            container("old", sandbox: "s1", uid: "u1", attempt: 0, age: 120),
            container("young", sandbox: "s1", uid: "u1", attempt: 1, age: 30),
            container("now", sandbox: "s1", uid: "u1", attempt: 2, state: .running, age: 5),
        ]
        let policy = ContainerGCPolicy(minAge: .seconds(60), maxPerPodContainer: 0)
        #expect(plan(containers, sandboxes: [sandbox("s1", uid: "u1")], policy: policy).containers == ["old"])
    }

    @Test func theNewestInstanceOfALivePodsContainerIsNeverRemoved() {
        // A crash-looping container waiting to restart: its last instance carries restartCount.
        let containers = [
            container("c0", sandbox: "s1", uid: "u1", attempt: 0, age: 50),
            container("c1", sandbox: "s1", uid: "u1", attempt: 1, age: 40),
        ]
        let policy = ContainerGCPolicy(maxPerPodContainer: 0)
        #expect(plan(containers, sandboxes: [sandbox("s1", uid: "u1")], policy: policy).containers == ["c0"])
    }

    @Test func everythingDeadOfAGonePodGoesOnceSourcesAreReady() {
        let containers = [
            container("c0", sandbox: "s1", uid: "gone", attempt: 0, age: 50),
            container("c1", sandbox: "s1", uid: "gone", attempt: 1, age: 40),
            container("live", sandbox: "s2", uid: "u2", attempt: 0, age: 40),
        ]
        let sandboxes = [sandbox("s1", uid: "gone", ready: false), sandbox("s2", uid: "u2")]
        let result = plan(containers, sandboxes: sandboxes, gone: ["gone"])
        #expect(result.containers == ["c0", "c1"])
        #expect(result.sandboxes == ["s1"])
        let early = plan(containers, sandboxes: sandboxes, gone: ["gone"], ready: false)
        #expect(early.containers == ["c0"])
        #expect(early.sandboxes.isEmpty)
    }

    @Test func maxContainersLimitsTheNodeKeepingTheNewest() {
        var containers: [KubeRuntime.ContainerStatus] = []
        for (pod, uid) in ["a", "b", "c"].enumerated() {
            for attempt in 0..<3 {
                containers.append(container("\(uid)\(attempt)", sandbox: "s-\(uid)", uid: uid, attempt: attempt, age: Double(100 - pod * 10 - attempt)))
            }
            containers.append(container("\(uid)run", sandbox: "s-\(uid)", uid: uid, attempt: 3, state: .running, age: 1))
        }
        let sandboxes = ["a", "b", "c"].map { sandbox("s-\($0)", uid: $0) }
        let policy = ContainerGCPolicy(maxPerPodContainer: -1, maxContainers: 2)
        let result = plan(containers, sandboxes: sandboxes, policy: policy)
        // One per unit (the share is at least one), then the two newest overall: b2 and c2.
        #expect(Set(result.containers) == ["a0", "a1", "b0", "b1", "c0", "c1", "a2"])
        let unlimited = plan(containers, sandboxes: sandboxes, policy: ContainerGCPolicy(maxPerPodContainer: -1))
        #expect(unlimited.containers.isEmpty)
    }

    @Test func deadSandboxesOfALivePodGoButTheNewestAndOccupiedOnesStay() {
        let sandboxes = [
            sandbox("oldest", uid: "u1", ready: false, age: 300),
            sandbox("holds", uid: "u1", ready: false, age: 200),
            sandbox("newest", uid: "u1", ready: false, age: 100),
        ]
        let containers = [
            container("kept", sandbox: "holds", uid: "u1", attempt: 0, state: .running, age: 150)
        ]
        #expect(plan(containers, sandboxes: sandboxes).sandboxes == ["oldest"])
        let goneSandboxes = [sandbox("x", uid: "gone", ready: false), sandbox("y", uid: "gone", ready: true)]
        #expect(plan([], sandboxes: goneSandboxes, gone: ["gone"]).sandboxes == ["x"])
    }
}
