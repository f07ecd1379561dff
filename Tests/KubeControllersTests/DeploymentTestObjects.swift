import KubeAPI

@testable import KubeControllers

/// In-memory Deployments and ReplicaSets for the deployment controller's table tests.
enum DeploymentFixtures {
    static let template: JSONValue = [
        "metadata": ["labels": ["app": "web"]],
        "spec": ["containers": [["name": "web", "image": "nginx:1"]]],
    ]

    static func deployment(
        replicas: Int = 10, maxSurge: JSONValue = "25%", maxUnavailable: JSONValue = "25%", recreate: Bool = false,
        paused: Bool = false, historyLimit: Int = 10, generation: Int = 1, status: JSONValue = [:], template: JSONValue = template
    ) -> DeploymentInfo {
        let strategy: JSONValue =
            recreate ? ["type": "Recreate"] : ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": maxSurge, "maxUnavailable": maxUnavailable]]
        return DeploymentInfo([
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": [
                "name": "web", "namespace": "default", "uid": "d-uid", "generation": .int(generation),
                "annotations": ["team": "blue", "kubectl.kubernetes.io/last-applied-configuration": "{}"],
            ],
            "spec": [
                "replicas": .int(replicas), "selector": ["matchLabels": ["app": "web"]], "template": template,
                "strategy": strategy, "paused": .bool(paused), "revisionHistoryLimit": .int(historyLimit),
                "progressDeadlineSeconds": 600,
            ],
            "status": status,
        ])
    }

    static func replicaSet(
        _ name: String, replicas: Int, available: Int? = nil, actual: Int? = nil, revision: Int = 1, created: String = "2026-01-01T00:00:00Z",
        maxReplicas: Int? = nil, desired: Int? = nil, template: JSONValue = template
    ) -> ReplicaSetInfo {
        var annotations: JSONValue = ["deployment.kubernetes.io/revision": .string(String(revision))]
        if let maxReplicas { annotations["deployment.kubernetes.io/max-replicas"] = .string(String(maxReplicas)) }
        if let desired { annotations["deployment.kubernetes.io/desired-replicas"] = .string(String(desired)) }
        return ReplicaSetInfo([
            "metadata": [
                "name": .string(name), "uid": .string("\(name)-uid"), "creationTimestamp": .string(created),
                "annotations": annotations, "generation": 1,
            ],
            "spec": ["replicas": .int(replicas), "template": template],
            "status": [
                "replicas": .int(actual ?? replicas), "readyReplicas": .int(available ?? replicas),
                "availableReplicas": .int(available ?? replicas), "observedGeneration": 1,
            ],
        ])
    }
}
