import KubeAPI
import KubeClient

@testable import KubeControllers

/// Helpers for the deployment controller's integration tests: manifests, and a stand-in for
/// the ReplicaSet controller that reports every ReplicaSet's pods as existing and available.
enum DeploymentHarness {
    static func manifest(
        _ name: String = "web", replicas: Int = 4, image: String = "nginx:1", strategy: JSONValue? = nil, historyLimit: Int? = nil
    ) -> JSONValue {
        var spec: JSONValue = [
            "replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
            "template": [
                "metadata": ["labels": ["app": .string(name)]],
                "spec": ["containers": [["name": "app", "image": .string(image)]]],
            ],
        ]
        if let strategy { spec["strategy"] = strategy }
        if let historyLimit { spec["revisionHistoryLimit"] = .int(historyLimit) }
        return ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name), "namespace": "default"], "spec": spec]
    }

    static func rolling(surge: Int, unavailable: Int) -> JSONValue {
        ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": .int(surge), "maxUnavailable": .int(unavailable)]]
    }

    /// Plays the ReplicaSet controller once: each set's status says its `spec.replicas` pods
    /// exist and are ready and available.
    static func settle(_ h: ControllerHarness) async throws {
        for rs in try await h.list(.replicaSets) {
            let n = rs["spec"]?["replicas"]?.intValue ?? 0
            let status: JSONValue = [
                "replicas": .int(n), "fullyLabeledReplicas": .int(n), "readyReplicas": .int(n), "availableReplicas": .int(n),
                "observedGeneration": .int(rs.generation),
            ]
            guard rs["status"] != status else { continue }
            var updated = rs
            updated["status"] = status
            _ = try? await h.client.update(.replicaSets, namespace: "default", updated, subresource: "status")
        }
    }

    /// `spec.replicas` of every ReplicaSet, by name.
    static func sizes(_ h: ControllerHarness) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for rs in try await h.list(.replicaSets) { out[rs.name] = Int(rs["spec"]?["replicas"]?.intValue ?? 0) }
        return out
    }

    /// What `kubectl rollout status` waits for: the generation observed, every replica updated
    /// and available, no old replica left.
    static func rolledOut(_ h: ControllerHarness, _ name: String = "web") async throws -> Bool {
        let d = try await h.client.get(.deployments, namespace: "default", name: name)
        let s = d["status"]
        func n(_ f: String) -> Int64 { s?[f]?.intValue ?? 0 }
        let want = d["spec"]?["replicas"]?.intValue ?? 1
        return d.generation <= n("observedGeneration") && n("updatedReplicas") == want && n("replicas") == n("updatedReplicas")
            && n("availableReplicas") == n("updatedReplicas")
    }

    /// Settles ReplicaSets step by step until the rollout completes, calling `check` on the
    /// ReplicaSets seen at every step.
    static func rollOut(_ h: ControllerHarness, _ name: String = "web", check: ([JSONValue]) throws -> Void = { _ in }) async throws {
        for _ in 0..<60 {
            try check(try await h.list(.replicaSets))
            if try await rolledOut(h, name) { return }
            let before = try await sizes(h)
            try await settle(h)
            try await h.eventually("the controller to act") {
                if try await sizes(h) != before { return true }
                return try await rolledOut(h, name)
            }
        }
        throw HarnessTimeout(what: "rollout of \(name)")
    }

    /// The ReplicaSet named by revision `revision`.
    static func replicaSet(_ h: ControllerHarness, revision: Int) async throws -> JSONValue? {
        try await h.list(.replicaSets).first { $0.annotations["deployment.kubernetes.io/revision"] == String(revision) }
    }

    /// Sets the deployment's image (as `kubectl set image` does, through a patch).
    static func setImage(_ h: ControllerHarness, _ image: String, name: String = "web") async throws {
        let patch: JSONValue = ["spec": ["template": ["spec": ["containers": [["name": "app", "image": .string(image)]]]]]]
        _ = try await h.client.patch(.deployments, namespace: "default", name: name, type: .merge, patch)
    }

    /// Merge-patches the deployment's spec.
    static func patchSpec(_ h: ControllerHarness, _ spec: JSONValue, name: String = "web") async throws {
        _ = try await h.client.patch(.deployments, namespace: "default", name: name, type: .merge, ["spec": spec])
    }
}
