import Foundation
import KubeAPI
import KubeRuntime
import Testing

@testable import Kubelet

@Suite struct QOSAndResourcesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var containers: [JSONValue]
        var initContainers: [JSONValue] = []
        var qos: QOSClass
        var testDescription: String { "\(qos.rawValue): \(containers.map(\.jsonString))" }
    }

    static func c(requests: JSONValue? = nil, limits: JSONValue? = nil) -> JSONValue {
        var resources: JSONValue = [:]
        if let requests { resources["requests"] = requests }
        if let limits { resources["limits"] = limits }
        return ["name": "c", "resources": resources]
    }

    @Test(arguments: [
        Case(containers: [c()], qos: .bestEffort),
        Case(containers: [c(requests: ["cpu": "0"])], qos: .bestEffort),
        Case(containers: [c(requests: ["cpu": "100m"])], qos: .burstable),
        Case(containers: [c(limits: ["cpu": "1", "memory": "1Gi"])], qos: .guaranteed),
        Case(containers: [c(requests: ["cpu": "1", "memory": "1Gi"], limits: ["cpu": "1", "memory": "1Gi"])], qos: .guaranteed),
        Case(containers: [c(requests: ["cpu": "500m", "memory": "1Gi"], limits: ["cpu": "1", "memory": "1Gi"])], qos: .burstable),
        Case(containers: [c(limits: ["cpu": "1"])], qos: .burstable),
        Case(containers: [c(limits: ["cpu": "1", "memory": "1Gi"]), c()], qos: .burstable),
        Case(containers: [c(limits: ["cpu": "1", "memory": "1Gi"])], initContainers: [c(requests: ["memory": "1Mi"])], qos: .burstable),
        Case(containers: [c(requests: ["ephemeral-storage": "1Gi"])], qos: .bestEffort),
    ])
    func qosClassFollowsKubernetesRules(_ t: Case) throws {
        let json: JSONValue = ["containers": .array(t.containers), "initContainers": .array(t.initContainers)]
        let spec = try JSONDecoder().decode(PodSpec.self, from: Data(json.serialized()))
        #expect(QOSClass.of(spec) == t.qos)
    }

    @Test func resourcesBecomeCgroupSettings() throws {
        func linux(_ json: JSONValue) throws -> LinuxResources {
            ContainerResources.linux(try JSONDecoder().decode(ResourceRequirements.self, from: Data(json.serialized())))
        }
        #expect(try linux([:]) == LinuxResources(cpuShares: 2))
        #expect(try linux(["requests": ["cpu": "250m"]]) == LinuxResources(cpuShares: 256))
        #expect(try linux(["limits": ["cpu": "1", "memory": "128Mi"]])
            == LinuxResources(cpuShares: 1024, cpuQuota: 100_000, cpuPeriod: 100_000, memoryLimitBytes: 134_217_728))
        #expect(try linux(["requests": ["cpu": "1m"], "limits": ["cpu": "5m"]]) == LinuxResources(cpuShares: 2, cpuQuota: 1000, cpuPeriod: 100_000))
    }
}
