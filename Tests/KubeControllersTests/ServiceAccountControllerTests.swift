import KubeAPI
import KubeClient
import Testing

@testable import KubeControllers

@Suite struct ServiceAccountControllerTests {
    @Test func everyNamespaceGetsADefaultServiceAccountAgainAfterDeletion() async throws {
        try await ControllerHarness.run(controllers: ["serviceaccount"]) { h in
            _ = try await h.client.create(.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]])
            try await h.eventually("default ServiceAccount in team") {
                (try? await h.client.get(.serviceAccounts, namespace: "team", name: "default")) != nil
            }
            let first = try await h.client.get(.serviceAccounts, namespace: "team", name: "default").uid
            try await h.client.delete(.serviceAccounts, namespace: "team", name: "default")
            try await h.eventually("a new default ServiceAccount") {
                let again = try? await h.client.get(.serviceAccounts, namespace: "team", name: "default")
                return again.map { $0.uid != first } ?? false
            }
        }
    }

    @Test func controllerSelectionFollowsKubeControllerManagerRules() throws {
        #expect(try ControllerRegistry.enabled(by: ["*"]).map(\.name) == ControllerRegistry.all.map(\.name))
        #expect(try ControllerRegistry.enabled(by: ["*", "-garbage-collector"]).map(\.name).contains("garbage-collector") == false)
        #expect(try ControllerRegistry.enabled(by: ["namespace"]).map(\.name) == ["namespace"])
        #expect(throws: UnknownController.self) { try ControllerRegistry.enabled(by: ["nope"]) }
    }
}
