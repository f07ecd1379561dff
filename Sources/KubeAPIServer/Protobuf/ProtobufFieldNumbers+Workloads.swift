// Protobuf field numbers of apps/v1, batch/v1, coordination.k8s.io/v1, discovery.k8s.io/v1, scheduling.k8s.io/v1
// and autoscaling/v1
// (k8s.io/api/<group>/v1/generated.proto). Facts taken from the published generated.proto files and the Go
// struct tags beside them (pointer and omitempty fields decide `.keep`). Generated from k8s.io/api and
// k8s.io/apimachinery master of July 2026; field numbers never change once published.

extension ProtobufFieldNumbers {
    /// Field numbers of apps/v1, batch/v1, coordination.k8s.io/v1, discovery.k8s.io/v1, scheduling.k8s.io/v1 and
    /// autoscaling/v1, by definition name.
    static let workloads: [String: [String: ProtobufField]] = [
        "io.k8s.api.apps.v1.DaemonSet": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.apps.v1.DaemonSetCondition": [
            "type": .keep(1), "status": .keep(2), "lastTransitionTime": 3, "reason": 4, "message": 5,
        ],
        "io.k8s.api.apps.v1.DaemonSetList": ["metadata": 1, "items": 2],
        "io.k8s.api.apps.v1.DaemonSetSpec": [
            "selector": 1, "template": 2, "updateStrategy": 3, "minReadySeconds": 4, "revisionHistoryLimit": .keep(6),
        ],
        "io.k8s.api.apps.v1.DaemonSetStatus": [
            "currentNumberScheduled": .keep(1), "numberMisscheduled": .keep(2), "desiredNumberScheduled": .keep(3),
            "numberReady": .keep(4), "observedGeneration": 5, "updatedNumberScheduled": 6, "numberAvailable": 7,
            "numberUnavailable": 8, "collisionCount": .keep(9), "conditions": 10,
        ],
        "io.k8s.api.apps.v1.DaemonSetUpdateStrategy": ["type": 1, "rollingUpdate": 2],
        "io.k8s.api.apps.v1.Deployment": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.apps.v1.DeploymentCondition": [
            "type": .keep(1), "status": .keep(2), "reason": 4, "message": 5, "lastUpdateTime": 6,
            "lastTransitionTime": 7,
        ],
        "io.k8s.api.apps.v1.DeploymentList": ["metadata": 1, "items": 2],
        "io.k8s.api.apps.v1.DeploymentSpec": [
            "replicas": .keep(1), "selector": 2, "template": 3, "strategy": 4, "minReadySeconds": 5,
            "revisionHistoryLimit": .keep(6), "paused": 7, "progressDeadlineSeconds": .keep(9),
        ],
        "io.k8s.api.apps.v1.DeploymentStatus": [
            "observedGeneration": 1, "replicas": 2, "updatedReplicas": 3, "availableReplicas": 4,
            "unavailableReplicas": 5, "conditions": 6, "readyReplicas": 7, "collisionCount": .keep(8),
            "terminatingReplicas": .keep(9),
        ],
        "io.k8s.api.apps.v1.DeploymentStrategy": ["type": 1, "rollingUpdate": 2],
        "io.k8s.api.apps.v1.ReplicaSet": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.apps.v1.ReplicaSetCondition": [
            "type": .keep(1), "status": .keep(2), "lastTransitionTime": 3, "reason": 4, "message": 5,
        ],
        "io.k8s.api.apps.v1.ReplicaSetList": ["metadata": 1, "items": 2],
        "io.k8s.api.apps.v1.ReplicaSetSpec": [
            "replicas": .keep(1), "selector": 2, "template": 3, "minReadySeconds": 4,
        ],
        "io.k8s.api.apps.v1.ReplicaSetStatus": [
            "replicas": .keep(1), "fullyLabeledReplicas": 2, "observedGeneration": 3, "readyReplicas": 4,
            "availableReplicas": 5, "conditions": 6, "terminatingReplicas": .keep(7),
        ],
        "io.k8s.api.apps.v1.RollingUpdateDaemonSet": ["maxUnavailable": 1, "maxSurge": 2],
        "io.k8s.api.apps.v1.RollingUpdateDeployment": ["maxUnavailable": 1, "maxSurge": 2],
        "io.k8s.api.autoscaling.v1.Scale": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.autoscaling.v1.ScaleSpec": ["replicas": 1],
        "io.k8s.api.autoscaling.v1.ScaleStatus": ["replicas": .keep(1), "selector": 2],
        "io.k8s.api.batch.v1.Job": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.batch.v1.JobCondition": [
            "type": .keep(1), "status": .keep(2), "lastProbeTime": 3, "lastTransitionTime": 4, "reason": 5,
            "message": 6,
        ],
        "io.k8s.api.batch.v1.JobList": ["metadata": 1, "items": 2],
        "io.k8s.api.batch.v1.JobSchedulingConfiguration": [
            "schedulingPolicy": 1, "schedulingConstraints": 2, "disruptionMode": 3, "resourceClaims": 4,
        ],
        "io.k8s.api.batch.v1.JobSpec": [
            "parallelism": .keep(1), "completions": .keep(2), "activeDeadlineSeconds": .keep(3), "selector": 4,
            "manualSelector": .keep(5), "template": 6, "backoffLimit": .keep(7), "ttlSecondsAfterFinished": .keep(8),
            "completionMode": .keep(9), "suspend": .keep(10), "podFailurePolicy": 11, "backoffLimitPerIndex": .keep(12),
            "maxFailedIndexes": .keep(13), "podReplacementPolicy": .keep(14), "managedBy": .keep(15),
            "successPolicy": 16, "scheduling": 17,
        ],
        "io.k8s.api.batch.v1.JobStatus": [
            "conditions": 1, "startTime": 2, "completionTime": 3, "active": 4, "succeeded": 5, "failed": 6,
            "completedIndexes": 7, "uncountedTerminatedPods": 8, "ready": .keep(9), "failedIndexes": .keep(10),
            "terminating": .keep(11),
        ],
        "io.k8s.api.batch.v1.PodFailurePolicy": ["rules": 1],
        "io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement": [
            "containerName": .keep(1), "operator": .keep(2), "values": 3,
        ],
        "io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern": ["type": .keep(1), "status": .keep(2)],
        "io.k8s.api.batch.v1.PodFailurePolicyRule": ["action": .keep(1), "onExitCodes": 2, "onPodConditions": 3],
        "io.k8s.api.batch.v1.SuccessPolicy": ["rules": 1],
        "io.k8s.api.batch.v1.SuccessPolicyRule": ["succeededIndexes": .keep(1), "succeededCount": .keep(2)],
        "io.k8s.api.batch.v1.UncountedTerminatedPods": ["succeeded": 1, "failed": 2],
        "io.k8s.api.coordination.v1.Lease": ["metadata": 1, "spec": 2],
        "io.k8s.api.coordination.v1.LeaseList": ["metadata": 1, "items": 2],
        "io.k8s.api.coordination.v1.LeaseSpec": [
            "holderIdentity": .keep(1), "leaseDurationSeconds": .keep(2), "acquireTime": .micro(3),
            "renewTime": .micro(4), "leaseTransitions": .keep(5), "strategy": .keep(6), "preferredHolder": .keep(7),
        ],
        "io.k8s.api.discovery.v1.Endpoint": [
            "addresses": 1, "conditions": 2, "hostname": .keep(3), "targetRef": 4, "deprecatedTopology": 5,
            "nodeName": .keep(6), "zone": .keep(7), "hints": 8,
        ],
        "io.k8s.api.discovery.v1.EndpointConditions": [
            "ready": .keep(1), "serving": .keep(2), "terminating": .keep(3),
        ],
        "io.k8s.api.discovery.v1.EndpointHints": ["forZones": 1, "forNodes": 2],
        "io.k8s.api.discovery.v1.EndpointPort": [
            "name": .keep(1), "protocol": .keep(2), "port": .keep(3), "appProtocol": .keep(4),
        ],
        "io.k8s.api.discovery.v1.EndpointSlice": ["metadata": 1, "endpoints": 2, "ports": 3, "addressType": .keep(4)],
        "io.k8s.api.discovery.v1.EndpointSliceList": ["metadata": 1, "items": 2],
        "io.k8s.api.discovery.v1.ForNode": ["name": .keep(1)],
        "io.k8s.api.discovery.v1.ForZone": ["name": .keep(1)],
        "io.k8s.api.scheduling.v1.PriorityClass": [
            "metadata": 1, "value": .keep(2), "globalDefault": 3, "description": 4, "preemptionPolicy": .keep(5),
        ],
        "io.k8s.api.scheduling.v1.PriorityClassList": ["metadata": 1, "items": 2],
    ]
}
