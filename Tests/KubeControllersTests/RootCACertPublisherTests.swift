import KubeAPI
import KubeClient
import Testing

@testable import KubeControllers

@Suite struct RootCACertPublisherTests {
    static let bundle = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

    @Test func everyNamespaceGetsTheCABundleBackAfterEditsAndDeletes() async throws {
        var options = ControllerOptions()
        options.rootCACertificate = Self.bundle
        try await ControllerHarness.run(controllers: ["root-ca-cert-publisher"], options: options) { h in
            _ = try await h.client.create(.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]])
            let name = RootCACertPublisher.configMapName
            try await h.eventually("kube-root-ca.crt in team") {
                let cm = try? await h.client.get(.configMaps, namespace: "team", name: name)
                return cm?["data"]?["ca.crt"]?.stringValue == Self.bundle
            }
            var edited = try await h.client.get(.configMaps, namespace: "team", name: name)
            #expect(edited["metadata"]?["annotations"]?["kubernetes.io/description"]?.stringValue?.hasPrefix("Contains a CA bundle") == true)
            edited["data"] = ["ca.crt": "tampered"]
            _ = try await h.client.update(.configMaps, namespace: "team", edited)
            try await h.eventually("the bundle restored") {
                let cm = try? await h.client.get(.configMaps, namespace: "team", name: name)
                return cm?["data"]?["ca.crt"]?.stringValue == Self.bundle
            }
            let uid = try await h.client.get(.configMaps, namespace: "team", name: name).uid
            try await h.client.delete(.configMaps, namespace: "team", name: name)
            try await h.eventually("a new kube-root-ca.crt") {
                let cm = try? await h.client.get(.configMaps, namespace: "team", name: name)
                return cm.map { $0.uid != uid } ?? false
            }
        }
    }
}
