import Testing

@testable import Kubelet

@Suite struct KubeletConfigurationTests {
    @Test func defaultsAreKubernetes() {
        let config = KubeletConfiguration(nodeName: "n1", rootDirectory: "/var/lib/skiff/agent/kubelet")
        #expect(config.port == 10250)
        #expect(config.maxPods == 110)
        #expect(config.leaseDurationSeconds == 40)
        #expect(config.crashLoopInitialBackoff == .seconds(10))
        #expect(config.crashLoopMaxBackoff == .seconds(300))
    }
}
