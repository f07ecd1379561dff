import Foundation
import Testing

@testable import KubeAPI

/// `value` with every object member whose value is null removed, recursively: typed views read a
/// null member as absent and do not write it back.
private func withoutNulls(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let o):
        var out = JSONObject()
        for m in o where !m.value.isNull { out[m.key] = withoutNulls(m.value) }
        return .object(out)
    case .array(let items):
        return .array(items.map(withoutNulls))
    default:
        return value
    }
}

/// Decodes `json` as `T`, re-encodes it, and checks that nothing was lost or changed: the re-encoded
/// JSON equals the input as a JSON tree (apart from null members), and decoding it again gives an
/// equal value. `JSONValueDecoder` decodes the parsed input to the same value.
@discardableResult
private func roundTrip<T: Codable & Hashable>(_ type: T.Type, _ json: String) throws -> T {
    let value = try JSONDecoder().decode(T.self, from: Data(json.utf8))
    #expect(try JSONValueDecoder().decode(T.self, from: JSONValue.parse(Data(json.utf8))) == value)
    let encoded = try JSONEncoder().encode(value)
    #expect(try JSONValue.parse(encoded) == withoutNulls(JSONValue.parse(json)))
    #expect(try JSONDecoder().decode(T.self, from: encoded) == value)
    return value
}

private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(json.utf8))
}

private func encodeToTree<T: Encodable>(_ value: T) throws -> JSONValue {
    try JSONValue.parse(JSONEncoder().encode(value))
}

@Suite("Typed API views")
struct TypesTests {
    static let podJSON = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d4b9c-x2k8f","generateName":"web-7d4b9c-",
        "namespace":"default","uid":"5b1e7a52-3c1f-4d8e-9a51-0c6f2e9d1a11","resourceVersion":"48213",
        "creationTimestamp":"2026-11-25T10:00:00Z","labels":{"app":"web","pod-template-hash":"7d4b9c"},
        "annotations":{"note":"x"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d4b9c",
        "uid":"0a9b8c7d-1111-2222-3333-444455556666","controller":true,"blockOwnerDeletion":true}],
        "finalizers":["example.com/hold"],"managedFields":[{"manager":"kube-controller-manager","operation":"Update",
        "apiVersion":"v1","time":"2026-11-25T10:00:00Z","fieldsType":"FieldsV1",
        "fieldsV1":{"f:metadata":{"f:labels":{".":{}}}}}]},"spec":{"volumes":[{"name":"kube-api-access-abcde",
        "projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
        {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
        {"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1",
        "fieldPath":"metadata.namespace"}}]}}],"defaultMode":420}},{"name":"data","emptyDir":{"medium":"Memory",
        "sizeLimit":"64Mi"}},{"name":"host","hostPath":{"path":"/var/log","type":"Directory"}}],
        "initContainers":[{"name":"init","image":"busybox:1.36","command":["sh","-c","true"]}],
        "containers":[{"name":"web","image":"nginx:1.27","args":["-g","daemon off;"],"ports":[{"name":"http",
        "containerPort":80,"protocol":"TCP"}],"env":[{"name":"MODE","value":"prod"},{"name":"POD_IP",
        "valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"status.podIP"}}},{"name":"PASSWORD",
        "valueFrom":{"secretKeyRef":{"name":"db","key":"password","optional":false}}}],"envFrom":[{"prefix":"CFG_",
        "configMapRef":{"name":"web-config"}}],"resources":{"limits":{"cpu":"500m","memory":"128Mi"},
        "requests":{"cpu":"250m","memory":"64Mi"}},"volumeMounts":[{"name":"kube-api-access-abcde","readOnly":true,
        "mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],"livenessProbe":{"httpGet":{"path":"/healthz",
        "port":"http","scheme":"HTTP"},"initialDelaySeconds":5,"timeoutSeconds":1,"periodSeconds":10,
        "successThreshold":1,"failureThreshold":3},"readinessProbe":{"tcpSocket":{"port":80},"periodSeconds":5},
        "lifecycle":{"preStop":{"exec":{"command":["sleep","5"]}}},"terminationMessagePath":"/dev/termination-log",
        "terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent",
        "securityContext":{"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"allowPrivilegeEscalation":false}}],
        "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",
        "nodeSelector":{"kubernetes.io/os":"linux"},"serviceAccountName":"default","serviceAccount":"default",
        "nodeName":"node-1","securityContext":{},
        "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
        {"matchExpressions":[{"key":"kubernetes.io/arch",
        "operator":"In","values":["amd64","arm64"]}]}]},
        "preferredDuringSchedulingIgnoredDuringExecution":[{"weight":10,
        "preference":{"matchExpressions":[{"key":"zone","operator":"Exists"}]}}]},
        "podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,
        "podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"kubernetes.io/hostname"}}]}},
        "schedulerName":"default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists",
        "effect":"NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,
        "preemptionPolicy":"PreemptLowerPriority","topologySpreadConstraints":[{"maxSkew":1,
        "topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"ScheduleAnyway",
        "labelSelector":{"matchExpressions":[{"key":"app","operator":"In","values":["web"]}]}}]},
        "status":{"phase":"Running","conditions":[{"type":"PodReadyToStartContainers","status":"True",
        "lastProbeTime":null,"lastTransitionTime":"2026-11-25T10:00:02Z"},{"type":"Ready","status":"True",
        "lastProbeTime":null,"lastTransitionTime":"2026-11-25T10:00:05Z"},{"type":"PodScheduled","status":"True",
        "lastProbeTime":null,"lastTransitionTime":"2026-11-25T10:00:00Z"}],"hostIP":"10.0.0.11",
        "hostIPs":[{"ip":"10.0.0.11"}],"podIP":"10.42.1.7","podIPs":[{"ip":"10.42.1.7"}],
        "startTime":"2026-11-25T10:00:00Z","initContainerStatuses":[{"name":"init",
        "state":{"terminated":{"exitCode":0,"reason":"Completed","startedAt":"2026-11-25T10:00:01Z",
        "finishedAt":"2026-11-25T10:00:01Z","containerID":"containerd://aa11"}},"lastState":{},"ready":true,
        "restartCount":0,"image":"docker.io/library/busybox:1.36","imageID":"docker.io/library/busybox@sha256:ab12",
        "containerID":"containerd://aa11","started":false}],"containerStatuses":[{"name":"web",
        "state":{"running":{"startedAt":"2026-11-25T10:00:03Z"}},"lastState":{"terminated":{"exitCode":137,"signal":9,
        "reason":"OOMKilled"}},"ready":true,"restartCount":1,"image":"docker.io/library/nginx:1.27",
        "imageID":"docker.io/library/nginx@sha256:cd34","containerID":"containerd://bb22","started":true}],
        "qosClass":"Burstable"}}
        """

    @Test func podDecodesEveryModelledFieldAndRoundTrips() throws {
        let pod = try roundTrip(Pod.self, Self.podJSON)
        #expect(pod.apiVersion == "v1" && pod.kind == "Pod")
        #expect(pod.metadata.name == "web-7d4b9c-x2k8f")
        #expect(pod.metadata.labels?["app"] == "web")
        #expect(pod.metadata.controllerReference?.kind == "ReplicaSet")
        #expect(pod.metadata.managedFields?.first?["manager"] == "kube-controller-manager")
        let spec = try #require(pod.spec)
        #expect(spec.nodeName == "node-1" && spec.schedulerName == "default-scheduler" && spec.priority == 0)
        #expect(spec.allContainers.map(\.name) == ["init", "web"])
        let web = spec.containers[0]
        #expect(web.ports?.first?.containerPort == 80 && web.ports?.first?.protocol == "TCP")
        #expect(web.env?[1].valueFrom?.fieldRef?.fieldPath == "status.podIP")
        #expect(web.resources?.limits?["memory"] != nil && web.resources?.requests?.count == 2)
        #expect(web.livenessProbe?.httpGet?.port == .string("http"))
        #expect(web.readinessProbe?.tcpSocket?.port == .int(80))
        #expect(web.lifecycle?.preStop?.exec?.command == ["sleep", "5"])
        #expect(web.securityContext?.capabilities?.drop == ["ALL"])
        #expect(spec.volumes?.first?.projected?.sources?.count == 3)
        #expect(spec.volumes?[1].emptyDir?.sizeLimit != nil && spec.volumes?[2].hostPath?.path == "/var/log")
        let required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
        #expect(required?.nodeSelectorTerms.first?.matchExpressions?.first?.values == ["amd64", "arm64"])
        let anti = spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.first
        #expect(anti?.weight == 100 && anti?.podAffinityTerm.topologyKey == "kubernetes.io/hostname")
        #expect(spec.tolerations?.first?.tolerationSeconds == 300)
        #expect(spec.topologySpreadConstraints?.first?.labelSelector?.matchExpressions?.first?.operator == "In")
        let status = try #require(pod.status)
        #expect(status.phase == "Running" && status.qosClass == "Burstable")
        #expect(status.podIPs?.map(\.ip) == ["10.42.1.7"] && status.hostIPs?.first?.ip == "10.0.0.11")
        #expect(status.conditions?.isTrue("Ready") == true)
        #expect(status.conditions?.condition("PodScheduled")?.lastTransitionTime == "2026-11-25T10:00:00Z")
        #expect(status.containerStatuses?.first?.state?.running?.startedAt == "2026-11-25T10:00:03Z")
        #expect(status.containerStatuses?.first?.lastState?.terminated?.exitCode == 137)
        #expect(status.initContainerStatuses?.first?.state?.terminated?.reason == "Completed")
    }

    @Test func podWithoutMetadataOrStatusDecodes() throws {
        let pod = try decode(Pod.self, #"{"spec":{"containers":[{"name":"c"}]}}"#)
        #expect(pod.metadata == ObjectMeta())
        #expect(pod.apiVersion == nil && pod.status == nil)
        #expect(try encodeToTree(pod) == JSONValue.parse(#"{"metadata":{},"spec":{"containers":[{"name":"c"}]}}"#))
    }

    @Test func valuesBuiltInSwiftEncodeTypeMetaAndOmitNils() throws {
        let pod = Pod(
            metadata: ObjectMeta(name: "p", namespace: "ns"),
            spec: PodSpec(containers: [Container(name: "c", image: "busybox")], nodeName: "n1"))
        #expect(
            try encodeToTree(pod) == JSONValue.parse(#"""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns"},
                "spec":{"containers":[{"name":"c","image":"busybox"}],"nodeName":"n1"}}
                """#))
        let binding = Binding(metadata: ObjectMeta(name: "p"), target: ObjectReference(kind: "Node", name: "n1"))
        #expect(
            try encodeToTree(binding) == JSONValue.parse(
                #"{"apiVersion":"v1","kind":"Binding","metadata":{"name":"p"},"target":{"kind":"Node","name":"n1"}}"#))
    }

    @Test func deploymentRoundTrips() throws {
        let d = try roundTrip(
            Deployment.self,
            """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","generation":3,
            "annotations":{"deployment.kubernetes.io/revision":"2"}},"spec":{"replicas":3,
            "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
            "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}},"strategy":{"type":"RollingUpdate",
            "rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}},"revisionHistoryLimit":10,
            "progressDeadlineSeconds":600},"status":{"observedGeneration":3,"replicas":3,"updatedReplicas":3,
            "readyReplicas":2,"availableReplicas":2,"unavailableReplicas":1,"conditions":[{"type":"Available",
            "status":"False","lastUpdateTime":"2026-11-25T10:00:00Z","lastTransitionTime":"2026-11-25T10:00:00Z",
            "reason":"MinimumReplicasUnavailable","message":"Deployment does not have minimum availability."},
            {"type":"Progressing","status":"True","lastUpdateTime":"2026-11-25T10:01:00Z",
            "lastTransitionTime":"2026-11-25T09:59:00Z","reason":"NewReplicaSetAvailable"}]}}
            """)
        #expect(Deployment.group == "apps" && Deployment.version == "v1" && Deployment.resource == "deployments")
        #expect(Deployment.resourceInfo?.resource == "deployments")
        #expect(d.spec?.selector?.matchLabels == ["app": "web"])
        #expect(d.spec?.template.metadata?.labels?["app"] == "web")
        let rolling = try #require(d.spec?.strategy?.rollingUpdate)
        #expect(rolling.maxUnavailable == "25%" && rolling.maxSurge == 1)
        #expect(rolling.maxUnavailable?.scaledValue(total: 3, roundUp: false) == 0)
        #expect(rolling.maxSurge?.scaledValue(total: 3, roundUp: true) == 1)
        #expect(d.status?.conditions?.isTrue("Progressing") == true)
        #expect(d.status?.conditions?.condition("Available")?.reason == "MinimumReplicasUnavailable")
    }

    @Test func nodeRoundTrips() throws {
        let node = try roundTrip(
            Node.self,
            """
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1",
            "labels":{"kubernetes.io/hostname":"node-1"}},"spec":{"podCIDR":"10.42.1.0/24",
            "podCIDRs":["10.42.1.0/24"],"unschedulable":true,"taints":[{"key":"node.kubernetes.io/unschedulable",
            "effect":"NoSchedule","timeAdded":"2026-11-25T10:00:00Z"}]},"status":{"capacity":{"cpu":"4",
            "memory":"8029560Ki","pods":"110"},"allocatable":{"cpu":"3800m","memory":"7927160Ki","pods":"110"},
            "conditions":[{"type":"MemoryPressure","status":"False","lastHeartbeatTime":"2026-11-25T10:05:00Z",
            "lastTransitionTime":"2026-11-25T09:00:00Z","reason":"KubeletHasSufficientMemory","message":"ok"},
            {"type":"Ready","status":"True","lastHeartbeatTime":"2026-11-25T10:05:00Z",
            "lastTransitionTime":"2026-11-25T09:00:10Z","reason":"KubeletReady",
            "message":"kubelet is posting ready status"}],"addresses":[{"type":"InternalIP","address":"10.0.0.11"},
            {"type":"Hostname","address":"node-1"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":10250}},
            "nodeInfo":{"machineID":"m1","systemUUID":"u1","bootID":"b1","kernelVersion":"6.8.0",
            "osImage":"Ubuntu 24.04 LTS","containerRuntimeVersion":"skiff://0.1.0","kubeletVersion":"v1.34.0",
            "kubeProxyVersion":"","operatingSystem":"linux","architecture":"amd64"},
            "images":[{"names":["docker.io/library/nginx:1.27"],"sizeBytes":72000000}]}}
            """)
        #expect(node.spec?.taints?.first?.effect == "NoSchedule" && node.spec?.unschedulable == true)
        #expect(node.status?.daemonEndpoints?.kubeletEndpoint?.port == 10250)
        #expect(node.status?.allocatable?["pods"] != nil)
        #expect(node.status?.conditions?.isTrue("Ready") == true)
        #expect(node.status?.addresses?.first { $0.type == "InternalIP" }?.address == "10.0.0.11")
        #expect(node.status?.nodeInfo?.architecture == "amd64")
    }

    @Test func leaseRoundTrips() throws {
        let lease = try roundTrip(
            Lease.self,
            """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"node-1",
            "namespace":"kube-node-lease","ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"node-1",
            "uid":"n-uid"}]},"spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,
            "acquireTime":"2026-11-25T09:00:00.123456Z","renewTime":"2026-11-25T10:05:00.654321Z",
            "leaseTransitions":2}}
            """)
        #expect(Lease.group == "coordination.k8s.io" && Lease.resource == "leases")
        #expect(lease.spec?.holderIdentity == "node-1" && lease.spec?.leaseDurationSeconds == 40)
        #expect(lease.spec?.renewTime.flatMap(Timestamp.parse) != nil)
    }

    @Test func serviceWithIntAndNamedTargetPortsRoundTrips() throws {
        let svc = try roundTrip(
            Service.self,
            """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},
            "spec":{"type":"NodePort","selector":{"app":"web"},"clusterIP":"10.43.0.17","clusterIPs":["10.43.0.17"],
            "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack","sessionAffinity":"None",
            "externalTrafficPolicy":"Cluster","internalTrafficPolicy":"Cluster","ports":[{"name":"http",
            "protocol":"TCP","port":80,"targetPort":8080,"nodePort":30080},{"name":"metrics","protocol":"TCP",
            "port":9090,"targetPort":"metrics"}]},"status":{"loadBalancer":{}}}
            """)
        let ports = try #require(svc.spec?.ports)
        #expect(ports[0].targetPort == .int(8080) && ports[0].nodePort == 30080)
        #expect(ports[1].targetPort == .string("metrics") && ports[1].nodePort == nil)
        #expect(svc.spec?.clusterIPs == ["10.43.0.17"] && svc.spec?.sessionAffinity == "None")
    }

    @Test func endpointsAndEndpointSliceRoundTrip() throws {
        let ep = try roundTrip(
            Endpoints.self,
            """
            {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"web","namespace":"default"},
            "subsets":[{"addresses":[{"ip":"10.42.1.7","nodeName":"node-1","targetRef":{"kind":"Pod",
            "namespace":"default","name":"web-1","uid":"u1"}}],"notReadyAddresses":[{"ip":"10.42.2.9"}],
            "ports":[{"name":"http","port":8080,"protocol":"TCP"}]}]}
            """)
        #expect(ep.subsets?.first?.addresses?.first?.targetRef?.name == "web-1")
        let slice = try roundTrip(
            EndpointSlice.self,
            """
            {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"web-abc",
            "namespace":"default","labels":{"kubernetes.io/service-name":"web"}},"addressType":"IPv4",
            "endpoints":[{"addresses":["10.42.1.7"],"conditions":{"ready":true,"serving":true,"terminating":false},
            "nodeName":"node-1","zone":"a","targetRef":{"kind":"Pod","namespace":"default","name":"web-1",
            "uid":"u1"}}],"ports":[{"name":"http","protocol":"TCP","port":8080}]}
            """)
        #expect(slice.endpoints?.first?.conditions?.ready == true && slice.ports?.first?.port == 8080)
    }

    @Test func otherCoreKindsRoundTrip() throws {
        let secret = try roundTrip(
            Secret.self,
            """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"type":"Opaque",
            "data":{"password":"aHVudGVyMg=="}}
            """)
        #expect(secret.decodedData("password") == Data("hunter2".utf8))
        try roundTrip(
            ConfigMap.self,
            """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}}
            """)
        try roundTrip(
            Namespace.self,
            """
            {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"},"spec":{"finalizers":["kubernetes"]},
            "status":{"phase":"Active"}}
            """)
        try roundTrip(
            Event.self,
            """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web-1.1","namespace":"default"},
            "involvedObject":{"kind":"Pod","namespace":"default","name":"web-1","uid":"u1","apiVersion":"v1",
            "resourceVersion":"5"},"reason":"Scheduled","message":"Successfully assigned default/web-1 to node-1",
            "source":{"component":"default-scheduler"},"firstTimestamp":null,"lastTimestamp":null,"type":"Normal",
            "eventTime":"2026-11-25T10:00:00.000001Z","action":"Binding","reportingComponent":"default-scheduler",
            "reportingInstance":"skiff"}
            """)
        try roundTrip(
            ServiceAccount.self,
            """
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default"},
            "automountServiceAccountToken":false}
            """)
        try roundTrip(
            ReplicationController.self,
            """
            {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"rc"},"spec":{"replicas":2,
            "selector":{"a":"b"},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c",
            "image":"i"}]}}},"status":{"replicas":2}}
            """)
    }

    @Test func workloadKindsRoundTrip() throws {
        let rs = try roundTrip(
            ReplicaSet.self,
            """
            {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-1"},"spec":{"replicas":2,
            "selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[{"name":"c"}]}}},
            "status":{"replicas":2,"readyReplicas":1,"observedGeneration":1}}
            """)
        #expect(rs.spec?.replicas == 2 && rs.status?.readyReplicas == 1)
        let ds = try roundTrip(
            DaemonSet.self,
            """
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent"},
            "spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"spec":{"containers":[{"name":"c"}]}},
            "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}}},
            "status":{"currentNumberScheduled":2,"numberMisscheduled":0,"desiredNumberScheduled":2,
            "numberReady":2}}
            """)
        #expect(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable == 1)
        let job = try roundTrip(
            Job.self,
            """
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi"},"spec":{"completions":3,
            "parallelism":2,"backoffLimit":4,"template":{"spec":{"restartPolicy":"Never",
            "containers":[{"name":"pi","image":"perl"}]}},"podFailurePolicy":{"rules":[{"action":"FailJob",
            "onExitCodes":{"operator":"In","values":[42]}}]}},"status":{"active":2,"succeeded":1,
            "startTime":"2026-11-25T10:00:00Z","uncountedTerminatedPods":{}}}
            """)
        #expect(job.spec?.podFailurePolicy?.rules.first?.onExitCodes?.values == [42])
        let scale = try roundTrip(
            Scale.self,
            """
            {"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},"spec":{"replicas":5},
            "status":{"replicas":3,"selector":"app=web"}}
            """)
        #expect(scale.spec?.replicas == 5 && Scale.group == "autoscaling")
    }

    @Test func intOrStringDecodesBothFormsAndRejectsOthers() throws {
        #expect(try decode(IntOrString.self, "8080") == .int(8080))
        #expect(try decode(IntOrString.self, #""http""#) == .string("http"))
        #expect(try decode([IntOrString].self, #"[1,"25%"]"#) == [1, "25%"])
        #expect(throws: DecodingError.self) { try decode(IntOrString.self, "true") }
        #expect(throws: DecodingError.self) { try decode(IntOrString.self, "1.5") }
        let encoded = try JSONEncoder().encode([IntOrString.int(80), .string("http")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"[80,"http"]"#)
        #expect(IntOrString("50%").scaledValue(total: 5, roundUp: true) == 3)
        #expect(IntOrString("50%").scaledValue(total: 5, roundUp: false) == 2)
        #expect(IntOrString(7).scaledValue(total: 5, roundUp: false) == 7)
        #expect(IntOrString("abc").scaledValue(total: 5, roundUp: false) == nil)
        #expect(IntOrString.int(3).json == .int(3) && IntOrString.string("x").description == "x")
    }

    @Test func listDecodesNullItemsAsEmpty() throws {
        let list = try decode(
            ObjectList<Pod>.self,
            """
            {"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"12"},"items":null}
            """)
        #expect(list.items.isEmpty && list.metadata.resourceVersion == "12")
        let bare = try decode(ObjectList<Node>.self, #"{"kind":"NodeList"}"#)
        #expect(bare.items.isEmpty && bare.metadata == ListMeta())
        let full = try decode(
            ObjectList<ConfigMap>.self,
            """
            {"apiVersion":"v1","kind":"ConfigMapList","metadata":{"continue":"tok","remainingItemCount":4},
            "items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}
            """)
        #expect(full.items.map(\.metadata.name) == ["a", "b"] && full.metadata.continue == "tok")
        #expect(ObjectList<Deployment>().kind == "DeploymentList" && ObjectList<Deployment>().apiVersion == "apps/v1")
        #expect(try encodeToTree(ObjectList<Pod>()) == JSONValue.parse(
            """
            {"apiVersion":"v1","kind":"PodList","metadata":{},"items":[]}
            """))
    }

    @Test func watchEventsDecodeObjectsAndErrors() throws {
        let added = try decode(
            WatchEvent<Pod>.self,
            """
            {"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p","resourceVersion":"7"}}}
            """)
        #expect(added.type == .added && added.object?.metadata.resourceVersion == "7")
        let error = try decode(
            WatchEvent<Pod>.self,
            """
            {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
            "message":"too old resource version: 1 (5)","reason":"Expired","code":410}}
            """)
        #expect(error.type == .error && error.object == nil)
        #expect(error.status?.code == 410 && error.status?.reason == "Expired")
        #expect(throws: DecodingError.self) { try decode(WatchEvent<Pod>.self, #"{"type":"NOPE","object":{}}"#) }
        let marker = Pod(metadata: ObjectMeta(resourceVersion: "9"))
        let bookmark = try #require(WatchEvent<Pod>(type: .bookmark, object: marker))
        let again = try JSONDecoder().decode(WatchEvent<Pod>.self, from: JSONEncoder().encode(bookmark))
        #expect(again == bookmark && again.type == .bookmark)
    }

    @Test func statusCarriesAPIErrorsAndCauses() throws {
        let required = StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.containers")
        let apiError = APIError.invalid(kind: "Pod", name: "p", causes: [required])
        let status = Status(apiError)
        #expect(status.code == 422 && status.reason == "Invalid" && status.status == "Failure")
        #expect(status.details?.name == "p" && status.details?.causes == [required])
        let decoded = try JSONDecoder().decode(Status.self, from: Data(apiError.status.jsonString.utf8))
        #expect(decoded.code == apiError.code && decoded.details?.causes == apiError.causes)
        let cause = try decode(StatusCause.self, #"{"reason":"FieldValueInvalid"}"#)
        #expect(cause.message == "" && cause.field == "")
        #expect(try encodeToTree(cause) == JSONValue.parse(#"{"reason":"FieldValueInvalid"}"#))
        try roundTrip(
            DeleteOptions.self,
            """
            {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"propagationPolicy":"Foreground",
            "preconditions":{"uid":"u1","resourceVersion":"3"}}
            """)
    }

    @Test func tableRoundTripsWithOpaqueCells() throws {
        let table = try roundTrip(
            Table.self,
            """
            {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"40"},
            "columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"Name of the object",
            "priority":0},{"name":"Restarts","type":"integer","format":"","description":"","priority":0}],
            "rows":[{"cells":["web-1",3,null,true,1.5],"object":{"kind":"PartialObjectMetadata",
            "apiVersion":"meta.k8s.io/v1","metadata":{"name":"web-1"}},"conditions":[{"type":"Completed",
            "status":"False"}]}]}
            """)
        #expect(table.rows.first?.cells[1] == .number("3") && table.rows.first?.cells[2] == .null)
        let empty = try decode(Table.self, #"{"kind":"Table","columnDefinitions":null,"rows":null}"#)
        #expect(empty.columnDefinitions.isEmpty && empty.rows.isEmpty)
    }

    @Test func unmodelledFieldsAreDroppedByTheView() throws {
        let pod = try decode(
            Pod.self,
            """
            {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}],"ephemeralContainers":[{"name":"dbg"}]},
            "futureField":1}
            """)
        #expect(try encodeToTree(pod) == JSONValue.parse(
            """
            {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]}}
            """))
    }

    @Test func selectorObjectsConvertToParsedSelectors() throws {
        let object = LabelSelectorObject(
            matchLabels: ["app": "web"],
            matchExpressions: [LabelSelectorRequirement(key: "tier", operator: "In", values: ["a", "b"])])
        let selector = try LabelSelector(object)
        #expect(selector.matches(["app": "web", "tier": "a"]))
        #expect(!selector.matches(["app": "web", "tier": "c"]))
        #expect(try LabelSelector(LabelSelectorObject()).isEmpty)
        #expect(throws: APIError.self) {
            let bogus = LabelSelectorRequirement(key: "k", operator: "Bogus")
            return try LabelSelector(LabelSelectorObject(matchExpressions: [bogus]))
        }
    }
}
