import KubeAPI
import Testing

@testable import Kubelet

@Suite struct ServiceLinksTests {
    static func service(_ ns: String, _ name: String, ip: String, ports: JSONValue) -> JSONValue {
        ["metadata": ["name": .string(name), "namespace": .string(ns)], "spec": ["clusterIP": .string(ip), "ports": ports]]
    }

    static let services = [
        service("default", "kubernetes", ip: "10.43.0.1", ports: [["name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443]]),
        service("shop", "web-front", ip: "10.43.0.7", ports: [["port": 80], ["name": "dns", "port": 53, "protocol": "UDP"]]),
        service("shop", "headless", ip: "None", ports: [["port": 80]]),
        service("other", "db", ip: "10.43.0.9", ports: [["port": 5432]]),
    ]

    @Test func kubernetesServiceAlwaysOwnNamespaceUnlessDisabled() {
        let all = Dictionary(uniqueKeysWithValues: ServiceLinks.variables(services: Self.services, namespace: "shop", enableServiceLinks: true).map { ($0.name, $0.value) })
        #expect(all["KUBERNETES_SERVICE_HOST"] == "10.43.0.1")
        #expect(all["KUBERNETES_SERVICE_PORT"] == "443")
        #expect(all["KUBERNETES_SERVICE_PORT_HTTPS"] == "443")
        #expect(all["KUBERNETES_PORT"] == "tcp://10.43.0.1:443")
        #expect(all["KUBERNETES_PORT_443_TCP"] == "tcp://10.43.0.1:443")
        #expect(all["KUBERNETES_PORT_443_TCP_PROTO"] == "tcp")
        #expect(all["KUBERNETES_PORT_443_TCP_PORT"] == "443")
        #expect(all["KUBERNETES_PORT_443_TCP_ADDR"] == "10.43.0.1")
        #expect(all["WEB_FRONT_SERVICE_HOST"] == "10.43.0.7")
        #expect(all["WEB_FRONT_SERVICE_PORT"] == "80")
        #expect(all["WEB_FRONT_SERVICE_PORT_DNS"] == "53")
        #expect(all["WEB_FRONT_PORT"] == "tcp://10.43.0.7:80")
        #expect(all["WEB_FRONT_PORT_53_UDP"] == "udp://10.43.0.7:53")
        #expect(all.keys.contains { $0.hasPrefix("HEADLESS") || $0.hasPrefix("DB_") } == false)
        let off = ServiceLinks.variables(services: Self.services, namespace: "shop", enableServiceLinks: false).map(\.name)
        #expect(off.allSatisfy { $0.hasPrefix("KUBERNETES_") } && off.contains("KUBERNETES_SERVICE_HOST"))
    }

    @Test func specVariablesWinAndMayReferToServiceVariables() async throws {
        let container = try ContainerEnvTests.container([
            "name": "c",
            "env": [["name": "API", "value": "https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)"], ["name": "KUBERNETES_SERVICE_PORT", "value": "1"]],
        ])
        let links = ServiceLinks.variables(services: Self.services, namespace: "ns", enableServiceLinks: true)
        let env = try await ContainerEnv.resolve(
            container, namespace: "ns", values: ContainerEnvTests.values, source: ContainerEnvTests.source, serviceVariables: links)
        #expect(env.map["API"] == "https://10.43.0.1:443")
        #expect(env.map["KUBERNETES_SERVICE_PORT"] == "1")
        #expect(env.map["KUBERNETES_PORT_443_TCP_ADDR"] == "10.43.0.1")
        #expect(env.variables.first?.name == "API")
    }
}
