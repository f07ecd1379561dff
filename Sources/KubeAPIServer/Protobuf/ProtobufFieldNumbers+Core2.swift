// Protobuf field numbers of core/v1 (k8s.io/api/core/v1/generated.proto), messages PodAffinityTerm to
// WindowsSecurityContextOptions. Facts taken from the published generated.proto files and the Go struct tags
// beside them (pointer and omitempty fields decide `.keep`). Generated from k8s.io/api and k8s.io/apimachinery
// master of July 2026; field numbers never change once published.

extension ProtobufFieldNumbers {
    /// Field numbers of core/v1, messages PodAffinityTerm to WindowsSecurityContextOptions, by definition name.
    static let core2: [String: [String: ProtobufField]] = [
        "io.k8s.api.core.v1.PodAffinityTerm": [
            "labelSelector": 1, "namespaces": 2, "topologyKey": .keep(3), "namespaceSelector": 4, "matchLabelKeys": 5,
            "mismatchLabelKeys": 6,
        ],
        "io.k8s.api.core.v1.PodAntiAffinity": [
            "requiredDuringSchedulingIgnoredDuringExecution": 1, "preferredDuringSchedulingIgnoredDuringExecution": 2,
        ],
        "io.k8s.api.core.v1.PodCertificateProjection": [
            "signerName": 1, "keyType": 2, "maxExpirationSeconds": .keep(3), "credentialBundlePath": 4, "keyPath": 5,
            "certificateChainPath": 6, "userAnnotations": 7, "user": .keep(8),
        ],
        "io.k8s.api.core.v1.PodCondition": [
            "type": .keep(1), "status": .keep(2), "lastProbeTime": 3, "lastTransitionTime": 4, "reason": 5,
            "message": 6, "observedGeneration": 7,
        ],
        "io.k8s.api.core.v1.PodDNSConfig": ["nameservers": 1, "searches": 2, "options": 3],
        "io.k8s.api.core.v1.PodDNSConfigOption": ["name": 1, "value": .keep(2)],
        "io.k8s.api.core.v1.PodExtendedResourceClaimStatus": ["requestMappings": 1, "resourceClaimName": .keep(2)],
        "io.k8s.api.core.v1.PodIP": ["ip": .keep(1)],
        "io.k8s.api.core.v1.PodList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.PodOS": ["name": .keep(1)],
        "io.k8s.api.core.v1.PodReadinessGate": ["conditionType": .keep(1)],
        "io.k8s.api.core.v1.PodResourceClaim": [
            "name": .keep(1), "resourceClaimName": .keep(3), "resourceClaimTemplateName": .keep(4),
        ],
        "io.k8s.api.core.v1.PodResourceClaimStatus": ["name": .keep(1), "resourceClaimName": .keep(2)],
        "io.k8s.api.core.v1.PodSchedulingGate": ["name": .keep(1)],
        "io.k8s.api.core.v1.PodSchedulingGroup": ["podGroupName": .keep(1)],
        "io.k8s.api.core.v1.PodSecurityContext": [
            "seLinuxOptions": 1, "runAsUser": .keep(2), "runAsNonRoot": .keep(3), "supplementalGroups": 4,
            "fsGroup": .keep(5), "runAsGroup": .keep(6), "sysctls": 7, "windowsOptions": 8,
            "fsGroupChangePolicy": .keep(9), "seccompProfile": 10, "appArmorProfile": 11,
            "supplementalGroupsPolicy": .keep(12), "seLinuxChangePolicy": .keep(13),
        ],
        "io.k8s.api.core.v1.PodSpec": [
            "volumes": 1, "containers": 2, "restartPolicy": 3, "terminationGracePeriodSeconds": .keep(4),
            "activeDeadlineSeconds": .keep(5), "dnsPolicy": 6, "nodeSelector": 7, "serviceAccountName": 8,
            "serviceAccount": 9, "nodeName": 10, "hostNetwork": 11, "hostPID": 12, "hostIPC": 13, "securityContext": 14,
            "imagePullSecrets": 15, "hostname": 16, "subdomain": 17, "affinity": 18, "schedulerName": 19,
            "initContainers": 20, "automountServiceAccountToken": .keep(21), "tolerations": 22, "hostAliases": 23,
            "priorityClassName": 24, "priority": .keep(25), "dnsConfig": 26, "shareProcessNamespace": .keep(27),
            "readinessGates": 28, "runtimeClassName": .keep(29), "enableServiceLinks": .keep(30),
            "preemptionPolicy": .keep(31), "overhead": 32, "topologySpreadConstraints": 33, "ephemeralContainers": 34,
            "setHostnameAsFQDN": .keep(35), "os": 36, "hostUsers": .keep(37), "schedulingGates": 38,
            "resourceClaims": 39, "resources": 40, "hostnameOverride": .keep(41), "schedulingGroup": 43,
            "evictionResponders": 44,
        ],
        "io.k8s.api.core.v1.PodStatus": [
            "phase": 1, "conditions": 2, "message": 3, "reason": 4, "hostIP": 5, "podIP": 6, "startTime": 7,
            "containerStatuses": 8, "qosClass": 9, "initContainerStatuses": 10, "nominatedNodeName": 11, "podIPs": 12,
            "ephemeralContainerStatuses": 13, "resize": 14, "resourceClaimStatuses": 15, "hostIPs": 16,
            "observedGeneration": 17, "extendedResourceClaimStatus": 18, "allocatedResources": 19, "resources": 20,
            "nodeAllocatableResourceClaimStatuses": 21, "volumeHealth": 22,
        ],
        "io.k8s.api.core.v1.PodTemplateSpec": ["metadata": 1, "spec": 2],
        "io.k8s.api.core.v1.PodTemplate": ["metadata": 1, "template": 2],
        "io.k8s.api.core.v1.PodTemplateList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.PodVolumeHealth": ["name": .keep(1), "healthConditions": 2, "lastTransitionTime": 3],
        "io.k8s.api.core.v1.PortStatus": ["port": .keep(1), "protocol": .keep(2), "error": .keep(3)],
        "io.k8s.api.core.v1.PortworxVolumeSource": ["volumeID": .keep(1), "fsType": 2, "readOnly": 3],
        "io.k8s.api.core.v1.PreferredSchedulingTerm": ["weight": .keep(1), "preference": 2],
        "io.k8s.api.core.v1.Probe": [
            "handler": .inline(1, "io.k8s.api.core.v1.ProbeHandler"), "initialDelaySeconds": 2, "timeoutSeconds": 3,
            "periodSeconds": 4, "successThreshold": 5, "failureThreshold": 6, "terminationGracePeriodSeconds": .keep(7),
        ],
        "io.k8s.api.core.v1.ProbeHandler": ["exec": 1, "httpGet": 2, "tcpSocket": 3, "grpc": 4],
        "io.k8s.api.core.v1.ProjectedVolumeSource": ["sources": 1, "defaultMode": .keep(2), "defaultUser": .keep(3)],
        "io.k8s.api.core.v1.QuobyteVolumeSource": [
            "registry": .keep(1), "volume": .keep(2), "readOnly": 3, "user": 4, "group": 5, "tenant": 6,
        ],
        "io.k8s.api.core.v1.RBDVolumeSource": [
            "monitors": 1, "image": .keep(2), "fsType": 3, "pool": 4, "user": 5, "keyring": 6, "secretRef": 7,
            "readOnly": 8,
        ],
        "io.k8s.api.core.v1.ReplicationController": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.core.v1.ReplicationControllerCondition": [
            "type": .keep(1), "status": .keep(2), "lastTransitionTime": 3, "reason": 4, "message": 5,
        ],
        "io.k8s.api.core.v1.ReplicationControllerList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.ReplicationControllerSpec": [
            "replicas": .keep(1), "selector": 2, "template": 3, "minReadySeconds": 4,
        ],
        "io.k8s.api.core.v1.ReplicationControllerStatus": [
            "replicas": .keep(1), "fullyLabeledReplicas": 2, "observedGeneration": 3, "readyReplicas": 4,
            "availableReplicas": 5, "conditions": 6,
        ],
        "io.k8s.api.core.v1.ResourceClaim": ["name": .keep(1), "request": 2],
        "io.k8s.api.core.v1.ResourceFieldSelector": ["containerName": 1, "resource": .keep(2), "divisor": 3],
        "io.k8s.api.core.v1.ResourceHealth": ["resourceID": .keep(1), "health": 2, "message": .keep(6)],
        "io.k8s.api.core.v1.ResourceRequirements": ["limits": 1, "requests": 2, "claims": 3],
        "io.k8s.api.core.v1.ResourceStatus": ["name": .keep(1), "resources": 2],
        "io.k8s.api.core.v1.SELinuxOptions": ["user": 1, "role": 2, "type": 3, "level": 4],
        "io.k8s.api.core.v1.ScaleIOVolumeSource": [
            "gateway": .keep(1), "system": .keep(2), "secretRef": 3, "sslEnabled": 4, "protectionDomain": 5,
            "storagePool": 6, "storageMode": 7, "volumeName": 8, "fsType": 9, "readOnly": 10,
        ],
        "io.k8s.api.core.v1.SeccompProfile": ["type": .keep(1), "localhostProfile": .keep(2)],
        "io.k8s.api.core.v1.Secret": ["metadata": 1, "data": 2, "type": 3, "stringData": 4, "immutable": .keep(5)],
        "io.k8s.api.core.v1.SecretEnvSource": [
            "localObjectReference": .inline(1, "io.k8s.api.core.v1.LocalObjectReference"), "optional": .keep(2),
        ],
        "io.k8s.api.core.v1.SecretKeySelector": [
            "localObjectReference": .inline(1, "io.k8s.api.core.v1.LocalObjectReference"), "key": .keep(2),
            "optional": .keep(3),
        ],
        "io.k8s.api.core.v1.SecretList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.SecretProjection": [
            "localObjectReference": .inline(1, "io.k8s.api.core.v1.LocalObjectReference"), "items": 2,
            "optional": .keep(4),
        ],
        "io.k8s.api.core.v1.SecretVolumeSource": [
            "secretName": 1, "items": 2, "defaultMode": .keep(3), "optional": .keep(4), "defaultUser": .keep(5),
        ],
        "io.k8s.api.core.v1.SecurityContext": [
            "capabilities": 1, "privileged": .keep(2), "seLinuxOptions": 3, "runAsUser": .keep(4),
            "runAsNonRoot": .keep(5), "readOnlyRootFilesystem": .keep(6), "allowPrivilegeEscalation": .keep(7),
            "runAsGroup": .keep(8), "procMount": .keep(9), "windowsOptions": 10, "seccompProfile": 11,
            "appArmorProfile": 12,
        ],
        "io.k8s.api.core.v1.Service": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.core.v1.ServiceAccount": [
            "metadata": 1, "secrets": 2, "imagePullSecrets": 3, "automountServiceAccountToken": .keep(4),
        ],
        "io.k8s.api.core.v1.ServiceAccountList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.ServiceAccountTokenProjection": [
            "audience": 1, "expirationSeconds": .keep(2), "path": .keep(3), "user": .keep(4),
        ],
        "io.k8s.api.core.v1.ServiceList": ["metadata": 1, "items": 2],
        "io.k8s.api.core.v1.ServicePort": [
            "name": 1, "protocol": 2, "port": .keep(3), "targetPort": 4, "nodePort": 5, "appProtocol": .keep(6),
        ],
        "io.k8s.api.core.v1.ServiceSpec": [
            "ports": 1, "selector": 2, "clusterIP": 3, "type": 4, "externalIPs": 5, "sessionAffinity": 7,
            "loadBalancerIP": 8, "loadBalancerSourceRanges": 9, "externalName": 10, "externalTrafficPolicy": 11,
            "healthCheckNodePort": 12, "publishNotReadyAddresses": 13, "sessionAffinityConfig": 14,
            "ipFamilyPolicy": .keep(17), "clusterIPs": 18, "ipFamilies": 19, "allocateLoadBalancerNodePorts": .keep(20),
            "loadBalancerClass": .keep(21), "internalTrafficPolicy": .keep(22), "trafficDistribution": .keep(23),
        ],
        "io.k8s.api.core.v1.ServiceStatus": ["loadBalancer": 1, "conditions": 2],
        "io.k8s.api.core.v1.SessionAffinityConfig": ["clientIP": 1],
        "io.k8s.api.core.v1.SleepAction": ["seconds": .keep(1)],
        "io.k8s.api.core.v1.StorageOSVolumeSource": [
            "volumeName": 1, "volumeNamespace": 2, "fsType": 3, "readOnly": 4, "secretRef": 5,
        ],
        "io.k8s.api.core.v1.Sysctl": ["name": .keep(1), "value": .keep(2)],
        "io.k8s.api.core.v1.TCPSocketAction": ["port": 1, "host": 2],
        "io.k8s.api.core.v1.Taint": ["key": .keep(1), "value": 2, "effect": .keep(3), "timeAdded": 4],
        "io.k8s.api.core.v1.Toleration": [
            "key": 1, "operator": 2, "value": 3, "effect": 4, "tolerationSeconds": .keep(5),
        ],
        "io.k8s.api.core.v1.TopologySpreadConstraint": [
            "maxSkew": .keep(1), "topologyKey": .keep(2), "whenUnsatisfiable": .keep(3), "labelSelector": 4,
            "minDomains": .keep(5), "nodeAffinityPolicy": .keep(6), "nodeTaintsPolicy": .keep(7), "matchLabelKeys": 8,
        ],
        "io.k8s.api.core.v1.TypedLocalObjectReference": ["apiGroup": .keep(1), "kind": .keep(2), "name": .keep(3)],
        "io.k8s.api.core.v1.TypedObjectReference": [
            "apiGroup": .keep(1), "kind": .keep(2), "name": .keep(3), "namespace": .keep(4),
        ],
        "io.k8s.api.core.v1.Volume": ["name": .keep(1), "volumeSource": .inline(2, "io.k8s.api.core.v1.VolumeSource")],
        "io.k8s.api.core.v1.VolumeDevice": ["name": .keep(1), "devicePath": .keep(2)],
        "io.k8s.api.core.v1.VolumeHealthCondition": ["status": .keep(1), "reason": .keep(2), "message": 3],
        "io.k8s.api.core.v1.VolumeMount": [
            "name": .keep(1), "readOnly": 2, "mountPath": .keep(3), "subPath": 4, "mountPropagation": .keep(5),
            "subPathExpr": 6, "recursiveReadOnly": .keep(7), "bindMountOptions": 8,
        ],
        "io.k8s.api.core.v1.VolumeMountStatus": [
            "name": .keep(1), "mountPath": .keep(2), "readOnly": 3, "recursiveReadOnly": .keep(4), "volumeStatus": 5,
        ],
        "io.k8s.api.core.v1.VolumeProjection": [
            "secret": 1, "downwardAPI": 2, "configMap": 3, "serviceAccountToken": 4, "clusterTrustBundle": 5,
            "podCertificate": 6,
        ],
        "io.k8s.api.core.v1.VolumeResourceRequirements": ["limits": 1, "requests": 2],
        "io.k8s.api.core.v1.VolumeSource": [
            "hostPath": 1, "emptyDir": 2, "gcePersistentDisk": 3, "awsElasticBlockStore": 4, "gitRepo": 5, "secret": 6,
            "nfs": 7, "iscsi": 8, "glusterfs": 9, "persistentVolumeClaim": 10, "rbd": 11, "flexVolume": 12,
            "cinder": 13, "cephfs": 14, "flocker": 15, "downwardAPI": 16, "fc": 17, "azureFile": 18, "configMap": 19,
            "vsphereVolume": 20, "quobyte": 21, "azureDisk": 22, "photonPersistentDisk": 23, "portworxVolume": 24,
            "scaleIO": 25, "projected": 26, "storageos": 27, "csi": 28, "ephemeral": 29, "image": 30,
        ],
        "io.k8s.api.core.v1.VolumeStatus": ["image": 1],
        "io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource": [
            "volumePath": .keep(1), "fsType": 2, "storagePolicyName": 3, "storagePolicyID": 4,
        ],
        "io.k8s.api.core.v1.WeightedPodAffinityTerm": ["weight": .keep(1), "podAffinityTerm": 2],
        "io.k8s.api.core.v1.WindowsSecurityContextOptions": [
            "gmsaCredentialSpecName": .keep(1), "gmsaCredentialSpec": .keep(2), "runAsUserName": .keep(3),
            "hostProcess": .keep(4),
        ],
        "io.k8s.api.core.v1.PodExecOptions": [
            "stdin": .keep(1), "stdout": .keep(2), "stderr": .keep(3), "tty": .keep(4), "container": .keep(5), "command": 6,
        ],
        "io.k8s.api.core.v1.PodAttachOptions": [
            "stdin": .keep(1), "stdout": .keep(2), "stderr": .keep(3), "tty": .keep(4), "container": .keep(5),
        ],
        "io.k8s.api.core.v1.PodPortForwardOptions": ["ports": 1],
        "io.k8s.api.core.v1.NodeProxyOptions": ["path": .keep(1)],
    ]
}
