// Protobuf field numbers of core/v1 (k8s.io/api/core/v1/generated.proto), messages
// AWSElasticBlockStoreVolumeSource to PodAffinity. Facts taken from the published generated.proto files and the
// Go struct tags beside them (pointer and omitempty fields decide `.keep`). Generated from k8s.io/api and
// k8s.io/apimachinery master of July 2026; field numbers never change once published.

extension ProtobufFieldNumbers {
    /// Field numbers of core/v1, messages AWSElasticBlockStoreVolumeSource to PodAffinity, by definition name.
    static let core1: [String: [String: ProtobufField]] = [
        "io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource": [
            "volumeID": .keep(1), "fsType": 2, "partition": 3, "readOnly": 4,
        ],
        "io.k8s.api.core.v1.Affinity": ["nodeAffinity": 1, "podAffinity": 2, "podAntiAffinity": 3],
        "io.k8s.api.core.v1.AppArmorProfile": ["type": .keep(1), "localhostProfile": .keep(2)],
        "io.k8s.api.core.v1.AttachedVolume": ["name": .keep(1), "devicePath": .keep(2)],
        "io.k8s.api.core.v1.AzureDiskVolumeSource": [
            "diskName": .keep(1), "diskURI": .keep(2), "cachingMode": .keep(3), "fsType": .keep(4),
            "readOnly": .keep(5), "kind": .keep(6),
        ],
        "io.k8s.api.core.v1.AzureFileVolumeSource": ["secretName": .keep(1), "shareName": .keep(2), "readOnly": 3],
        "io.k8s.api.core.v1.Binding": ["metadata": 1, "target": 2],
        "io.k8s.api.core.v1.CSIVolumeSource": [
            "driver": .keep(1), "readOnly": .keep(2), "fsType": .keep(3), "volumeAttributes": 4,
            "nodePublishSecretRef": 5,
        ],
        "io.k8s.api.core.v1.Capabilities": ["add": 1, "drop": 2],
        "io.k8s.api.core.v1.CephFSVolumeSource": [
            "monitors": 1, "path": 2, "user": 3, "secretFile": 4, "secretRef": 5, "readOnly": 6,
        ],
        "io.k8s.api.core.v1.CinderVolumeSource": ["volumeID": .keep(1), "fsType": 2, "readOnly": 3, "secretRef": 4],
        "io.k8s.api.core.v1.ClientIPConfig": ["timeoutSeconds": .keep(1)],
        "io.k8s.api.core.v1.ClusterTrustBundleProjection": [
            "name": .keep(1), "signerName": .keep(2), "labelSelector": 3, "path": .keep(4), "optional": .keep(5),
            "user": .keep(6),
        ],
        "io.k8s.api.core.v1.ConfigMap": ["metadata": 1, "data": 2, "binaryData": 3, "immutable": .keep(4)],
        "io.k8s.api.core.v1.ConfigMapEnvSource": [
            "localObjectReference": .inline(1, "io.k8s.api.core.v1.LocalObjectReference"), "optional": .keep(2),
        ],
        "io.k8s.api.core.v1.ConfigMapKeySelector": [
            "localObjectReference": .inline(1, "io.k8s.api.core.v1.LocalObjectReference"), "key": .keep(2),
            "optional": .keep(3),
        ],
        "io.k8s.api.core.v1.ConfigMapList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.ConfigMapNodeConfigSource": [
            "namespace": .keep(1), "name": .keep(2), "uid": 3, "resourceVersion": 4, "kubeletConfigKey": .keep(5),
        ],
        "io.k8s.api.core.v1.ConfigMapProjection": [
            "localObjectReference": .inline(1, "io.k8s.api.core.v1.LocalObjectReference"), "items": 2,
            "optional": .keep(4),
        ],
        "io.k8s.api.core.v1.ConfigMapVolumeSource": [
            "localObjectReference": .inline(1, "io.k8s.api.core.v1.LocalObjectReference"), "items": 2,
            "defaultMode": .keep(3), "optional": .keep(4), "defaultUser": .keep(5),
        ],
        "io.k8s.api.core.v1.Container": [
            "name": .keep(1), "image": 2, "command": 3, "args": 4, "workingDir": 5, "ports": 6, "env": 7,
            "resources": 8, "volumeMounts": 9, "livenessProbe": 10, "readinessProbe": 11, "lifecycle": 12,
            "terminationMessagePath": 13, "imagePullPolicy": 14, "securityContext": 15, "stdin": 16, "stdinOnce": 17,
            "tty": 18, "envFrom": 19, "terminationMessagePolicy": 20, "volumeDevices": 21, "startupProbe": 22,
            "resizePolicy": 23, "restartPolicy": .keep(24), "restartPolicyRules": 25,
        ],
        "io.k8s.api.core.v1.ContainerExtendedResourceRequest": [
            "containerName": .keep(1), "resourceName": .keep(2), "requestName": .keep(3),
        ],
        "io.k8s.api.core.v1.ContainerImage": ["names": 1, "sizeBytes": 2],
        "io.k8s.api.core.v1.ContainerPort": [
            "name": 1, "hostPort": 2, "containerPort": .keep(3), "protocol": 4, "hostIP": 5,
        ],
        "io.k8s.api.core.v1.ContainerResizePolicy": ["resourceName": .keep(1), "restartPolicy": .keep(2)],
        "io.k8s.api.core.v1.ContainerRestartRule": ["action": 1, "exitCodes": 2],
        "io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes": ["operator": 1, "values": 2],
        "io.k8s.api.core.v1.ContainerState": ["waiting": 1, "running": 2, "terminated": 3],
        "io.k8s.api.core.v1.ContainerStateRunning": ["startedAt": 1],
        "io.k8s.api.core.v1.ContainerStateTerminated": [
            "exitCode": .keep(1), "signal": 2, "reason": 3, "message": 4, "startedAt": 5, "finishedAt": 6,
            "containerID": 7,
        ],
        "io.k8s.api.core.v1.ContainerStateWaiting": ["reason": 1, "message": 2],
        "io.k8s.api.core.v1.ContainerStatus": [
            "name": .keep(1), "state": 2, "lastState": 3, "ready": .keep(4), "restartCount": .keep(5),
            "image": .keep(6), "imageID": .keep(7), "containerID": 8, "started": .keep(9), "allocatedResources": 10,
            "resources": 11, "volumeMounts": 12, "user": 13, "allocatedResourcesStatus": 14, "stopSignal": .keep(15),
        ],
        "io.k8s.api.core.v1.ContainerUser": ["linux": 1],
        "io.k8s.api.core.v1.DaemonEndpoint": ["Port": .keep(1)],
        "io.k8s.api.core.v1.DownwardAPIProjection": ["items": 1],
        "io.k8s.api.core.v1.DownwardAPIVolumeFile": [
            "path": .keep(1), "fieldRef": 2, "resourceFieldRef": 3, "mode": .keep(4), "user": .keep(5),
        ],
        "io.k8s.api.core.v1.DownwardAPIVolumeSource": ["items": 1, "defaultMode": .keep(2), "defaultUser": .keep(3)],
        "io.k8s.api.core.v1.EmptyDirVolumeSource": ["medium": 1, "sizeLimit": 2, "mode": .keep(3)],
        "io.k8s.api.core.v1.EndpointAddress": ["ip": .keep(1), "targetRef": 2, "hostname": 3, "nodeName": .keep(4)],
        "io.k8s.api.core.v1.EndpointPort": ["name": 1, "port": .keep(2), "protocol": 3, "appProtocol": .keep(4)],
        "io.k8s.api.core.v1.EndpointSubset": ["addresses": 1, "notReadyAddresses": 2, "ports": 3],
        "io.k8s.api.core.v1.Endpoints": ["metadata": 1, "subsets": 2],
        "io.k8s.api.core.v1.EndpointsList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.EnvFromSource": ["prefix": 1, "configMapRef": 2, "secretRef": 3],
        "io.k8s.api.core.v1.EnvVar": ["name": .keep(1), "value": 2, "valueFrom": 3],
        "io.k8s.api.core.v1.EnvVarSource": [
            "fieldRef": 1, "resourceFieldRef": 2, "configMapKeyRef": 3, "secretKeyRef": 4, "fileKeyRef": 5,
        ],
        "io.k8s.api.core.v1.EphemeralContainer": [
            "ephemeralContainerCommon": .inline(1, "io.k8s.api.core.v1.EphemeralContainerCommon"),
            "targetContainerName": 2,
        ],
        "io.k8s.api.core.v1.EphemeralContainerCommon": [
            "name": .keep(1), "image": 2, "command": 3, "args": 4, "workingDir": 5, "ports": 6, "env": 7,
            "resources": 8, "volumeMounts": 9, "livenessProbe": 10, "readinessProbe": 11, "lifecycle": 12,
            "terminationMessagePath": 13, "imagePullPolicy": 14, "securityContext": 15, "stdin": 16, "stdinOnce": 17,
            "tty": 18, "envFrom": 19, "terminationMessagePolicy": 20, "volumeDevices": 21, "startupProbe": 22,
            "resizePolicy": 23, "restartPolicy": .keep(24), "restartPolicyRules": 25,
        ],
        "io.k8s.api.core.v1.EphemeralVolumeSource": ["volumeClaimTemplate": 1],
        "io.k8s.api.core.v1.Event": [
            "metadata": 1, "involvedObject": 2, "reason": 3, "message": 4, "source": 5, "firstTimestamp": 6,
            "lastTimestamp": 7, "count": 8, "type": 9, "eventTime": .micro(10), "series": 11, "action": 12,
            "related": 13, "reportingComponent": .keep(14), "reportingInstance": .keep(15),
        ],
        "io.k8s.api.core.v1.EventList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.EventSeries": ["count": 1, "lastObservedTime": .micro(2)],
        "io.k8s.api.core.v1.EventSource": ["component": 1, "host": 2],
        "io.k8s.api.core.v1.EvictionResponder": ["name": .keep(1), "priority": .keep(2)],
        "io.k8s.api.core.v1.ExecAction": ["command": 1],
        "io.k8s.api.core.v1.FCVolumeSource": [
            "targetWWNs": 1, "lun": .keep(2), "fsType": 3, "readOnly": 4, "wwids": 5,
        ],
        "io.k8s.api.core.v1.FileKeySelector": [
            "volumeName": .keep(1), "path": .keep(2), "key": .keep(3), "optional": .keep(4),
        ],
        "io.k8s.api.core.v1.FlexVolumeSource": [
            "driver": .keep(1), "fsType": 2, "secretRef": 3, "readOnly": 4, "options": 5,
        ],
        "io.k8s.api.core.v1.FlockerVolumeSource": ["datasetName": 1, "datasetUUID": 2],
        "io.k8s.api.core.v1.GCEPersistentDiskVolumeSource": [
            "pdName": .keep(1), "fsType": 2, "partition": 3, "readOnly": 4,
        ],
        "io.k8s.api.core.v1.GRPCAction": ["port": .keep(1), "service": .keep(2), "mode": .keep(3)],
        "io.k8s.api.core.v1.GitRepoVolumeSource": ["repository": .keep(1), "revision": 2, "directory": 3],
        "io.k8s.api.core.v1.GlusterfsVolumeSource": ["endpoints": .keep(1), "path": .keep(2), "readOnly": 3],
        "io.k8s.api.core.v1.HTTPGetAction": [
            "path": 1, "port": 2, "host": 3, "scheme": 4, "httpHeaders": 5, "protocol": .keep(6),
        ],
        "io.k8s.api.core.v1.HTTPHeader": ["name": .keep(1), "value": .keep(2)],
        "io.k8s.api.core.v1.HostAlias": ["ip": .keep(1), "hostnames": 2],
        "io.k8s.api.core.v1.HostIP": ["ip": .keep(1)],
        "io.k8s.api.core.v1.HostPathVolumeSource": ["path": .keep(1), "type": .keep(2)],
        "io.k8s.api.core.v1.ISCSIVolumeSource": [
            "targetPortal": .keep(1), "iqn": .keep(2), "lun": .keep(3), "iscsiInterface": 4, "fsType": 5, "readOnly": 6,
            "portals": 7, "chapAuthDiscovery": 8, "secretRef": 10, "chapAuthSession": 11, "initiatorName": .keep(12),
        ],
        "io.k8s.api.core.v1.ImageVolumeSource": ["reference": 1, "pullPolicy": 2],
        "io.k8s.api.core.v1.ImageVolumeStatus": ["imageRef": 1],
        "io.k8s.api.core.v1.KeyToPath": ["key": .keep(1), "path": .keep(2), "mode": .keep(3), "user": .keep(4)],
        "io.k8s.api.core.v1.Lifecycle": ["postStart": 1, "preStop": 2, "stopSignal": .keep(3)],
        "io.k8s.api.core.v1.LifecycleHandler": ["exec": 1, "httpGet": 2, "tcpSocket": 3, "sleep": 4],
        "io.k8s.api.core.v1.LinuxContainerUser": ["uid": .keep(1), "gid": .keep(2), "supplementalGroups": 3],
        "io.k8s.api.core.v1.LoadBalancerIngress": ["ip": 1, "hostname": 2, "ipMode": .keep(3), "ports": 4],
        "io.k8s.api.core.v1.LoadBalancerStatus": ["ingress": 1],
        "io.k8s.api.core.v1.LocalObjectReference": ["name": 1],
        "io.k8s.api.core.v1.NFSVolumeSource": ["server": .keep(1), "path": .keep(2), "readOnly": 3],
        "io.k8s.api.core.v1.Namespace": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.core.v1.NamespaceCondition": [
            "type": .keep(1), "status": .keep(2), "lastTransitionTime": 4, "reason": 5, "message": 6,
        ],
        "io.k8s.api.core.v1.NamespaceList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.NamespaceSpec": ["finalizers": 1],
        "io.k8s.api.core.v1.NamespaceStatus": ["phase": 1, "conditions": 2],
        "io.k8s.api.core.v1.Node": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.core.v1.NodeAddress": ["type": .keep(1), "address": .keep(2)],
        "io.k8s.api.core.v1.NodeAffinity": [
            "requiredDuringSchedulingIgnoredDuringExecution": 1, "preferredDuringSchedulingIgnoredDuringExecution": 2,
        ],
        "io.k8s.api.core.v1.NodeAllocatableMappedResources": ["name": .keep(1), "quantity": 2],
        "io.k8s.api.core.v1.NodeAllocatableOverheadResources": ["name": .keep(1), "perPod": 2, "perContainer": 3],
        "io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus": [
            "resourceClaimName": .keep(1), "containers": 2, "mapping": 4, "overhead": 5,
        ],
        "io.k8s.api.core.v1.NodeCondition": [
            "type": .keep(1), "status": .keep(2), "lastHeartbeatTime": 3, "lastTransitionTime": 4, "reason": 5,
            "message": 6,
        ],
        "io.k8s.api.core.v1.NodeConfigSource": ["configMap": 2],
        "io.k8s.api.core.v1.NodeConfigStatus": ["assigned": 1, "active": 2, "lastKnownGood": 3, "error": 4],
        "io.k8s.api.core.v1.NodeDaemonEndpoints": ["kubeletEndpoint": 1],
        "io.k8s.api.core.v1.NodeFeatures": ["supplementalGroupsPolicy": .keep(1)],
        "io.k8s.api.core.v1.NodeList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.NodePodPreemptionPolicy": ["disableResizePreemption": 1],
        "io.k8s.api.core.v1.NodeRuntimeHandler": ["name": .keep(1), "features": 2],
        "io.k8s.api.core.v1.NodeRuntimeHandlerFeatures": [
            "recursiveReadOnlyMounts": .keep(1), "userNamespaces": .keep(2),
        ],
        "io.k8s.api.core.v1.NodeSelector": ["nodeSelectorTerms": 1],
        "io.k8s.api.core.v1.NodeSelectorRequirement": ["key": .keep(1), "operator": .keep(2), "values": 3],
        "io.k8s.api.core.v1.NodeSelectorTerm": ["matchExpressions": 1, "matchFields": 2],
        "io.k8s.api.core.v1.NodeSpec": [
            "podCIDR": 1, "externalID": 2, "providerID": 3, "unschedulable": 4, "taints": 5, "configSource": 6,
            "podCIDRs": 7, "podPreemptionPolicy": 8,
        ],
        "io.k8s.api.core.v1.NodeStatus": [
            "capacity": 1, "allocatable": 2, "phase": 3, "conditions": 4, "addresses": 5, "daemonEndpoints": 6,
            "nodeInfo": 7, "images": 8, "volumesInUse": 9, "volumesAttached": 10, "config": 11, "runtimeHandlers": 12,
            "features": 13, "declaredFeatures": 14,
        ],
        "io.k8s.api.core.v1.NodeSwapStatus": ["capacity": .keep(1)],
        "io.k8s.api.core.v1.NodeSystemInfo": [
            "machineID": .keep(1), "systemUUID": .keep(2), "bootID": .keep(3), "kernelVersion": .keep(4),
            "osImage": .keep(5), "containerRuntimeVersion": .keep(6), "kubeletVersion": .keep(7),
            "kubeProxyVersion": .keep(8), "operatingSystem": .keep(9), "architecture": .keep(10), "swap": 11,
        ],
        "io.k8s.api.core.v1.ObjectFieldSelector": ["apiVersion": 1, "fieldPath": .keep(2)],
        "io.k8s.api.core.v1.ObjectReference": [
            "kind": 1, "namespace": 2, "name": 3, "uid": 4, "apiVersion": 5, "resourceVersion": 6, "fieldPath": 7,
        ],
        "io.k8s.api.core.v1.PersistentVolumeClaimSpec": [
            "accessModes": 1, "resources": 2, "volumeName": 3, "selector": 4, "storageClassName": .keep(5),
            "volumeMode": .keep(6), "dataSource": 7, "dataSourceRef": 8, "volumeAttributesClassName": .keep(9),
        ],
        "io.k8s.api.core.v1.PersistentVolumeClaimTemplate": ["metadata": 1, "spec": 2],
        "io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource": ["claimName": .keep(1), "readOnly": 2],
        "io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource": ["pdID": .keep(1), "fsType": 2],
        "io.k8s.api.core.v1.Pod": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.core.v1.PodAffinity": [
            "requiredDuringSchedulingIgnoredDuringExecution": 1, "preferredDuringSchedulingIgnoredDuringExecution": 2,
        ],
    ]
}
