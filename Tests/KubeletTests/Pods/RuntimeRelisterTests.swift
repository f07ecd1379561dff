import Foundation
import KubeRuntime
import Testing

@testable import Kubelet

@Suite struct RuntimeRelisterTests {
    func container(_ state: KubeRuntime.ContainerStatus.State, finishedAt: Date? = nil) -> KubeRuntime.ContainerStatus {
        KubeRuntime.ContainerStatus(
            id: "c1", sandboxID: "s1",
            config: ContainerConfig(
                name: "main", image: "busybox", imageID: "i", layerPaths: [], argv: [], logPath: "/l",
                labels: ["io.kubernetes.pod.uid": "u"]),
            state: state, createdAt: Date(timeIntervalSince1970: 100), finishedAt: finishedAt)
    }

    @Test func anExitWithAFinishTimeDiffersFromOneWithout() {
        let lost = RuntimeRelister.fingerprints(sandboxes: [], containers: [container(.exited)])
        let real = RuntimeRelister.fingerprints(
            sandboxes: [], containers: [container(.exited, finishedAt: Date(timeIntervalSince1970: 200))])
        #expect(lost["u"] != nil && real["u"] != nil)
        #expect(lost != real, "the worker must be woken when the real exit follows one reported without a status")
        #expect(RuntimeRelister.fingerprints(sandboxes: [], containers: [container(.running)]) != lost)
    }
}
