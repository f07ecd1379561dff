import Testing

@testable import KubeAPI

@Suite("Standard schema definitions")
struct SchemaTests {
    let registry = SchemaRegistry.standard

    /// Every definition name some field refers to.
    func references(in type: SchemaType) -> [String] {
        switch type {
        case .ref(let name): return [name]
        case .array(let element, _), .map(let element): return references(in: element)
        default: return []
        }
    }

    func field(_ definition: String, _ name: String) -> FieldSchema? {
        registry.definition(definition)?.field(name)
    }

    @Test func definitionNamesAreUnique() {
        let names = StandardDefinitions.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(registry.definitions.count == names.count)
    }

    @Test func fieldNamesAreUniqueWithinEachDefinition() {
        for definition in StandardDefinitions.all {
            let names = definition.fields.map(\.name)
            #expect(Set(names).count == names.count, "duplicate field in \(definition.name)")
        }
    }

    @Test func everyServedResourceHasItsTypeAndListType() throws {
        for resource in ResourceCatalog.all {
            let definition = try #require(registry.definition(resource.definition), "\(resource.definition)")
            #expect(definition.groupVersionKinds.contains(resource.gvk), "\(resource.definition) GVK")
            for name in ["apiVersion", "kind", "metadata"] {
                #expect(definition.field(name) != nil, "\(resource.definition).\(name)")
            }
            // Reviews are created and answered, never listed: they have no list type.
            guard resource.isStored else { continue }
            let list = try #require(registry.definition(resource.definition + "List"), "\(resource.definition)List")
            let listGVK = GroupVersionKind(group: resource.group, version: resource.version, kind: resource.listKind)
            #expect(list.groupVersionKinds == [listGVK])
            #expect(list.field("items")?.type == .array(.ref(resource.definition), .atomic))
            #expect(list.field("items")?.required == true)
            #expect(list.field("metadata")?.type == .ref("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"))
        }
    }

    @Test func subresourceKindsAreDefined() {
        for resource in ResourceCatalog.all {
            for sub in resource.subresources where !sub.kind.isEmpty {
                let gvk = GroupVersionKind(
                    group: sub.group.isEmpty ? resource.group : sub.group, version: sub.version, kind: sub.kind)
                let found = registry.definitions.values.contains { $0.groupVersionKinds.contains(gvk) }
                #expect(found, "no definition for \(gvk)")
            }
        }
    }

    @Test func everyReferenceResolves() {
        for definition in StandardDefinitions.all {
            for field in definition.fields {
                for name in references(in: field.type) {
                    #expect(registry.definition(name) != nil, "\(definition.name).\(field.name) -> \(name)")
                }
            }
        }
    }

    @Test func everyDefinitionIsReachableFromAServedResource() {
        var seen = Set<String>()
        var stack = ResourceCatalog.all.flatMap { $0.isStored ? [$0.definition, $0.definition + "List"] : [$0.definition] }
        stack += ["Status", "DeleteOptions", "WatchEvent", "APIResourceList", "Patch"].map {
            "io.k8s.apimachinery.pkg.apis.meta.v1.\($0)"
        }
        stack += ["io.k8s.api.autoscaling.v1.Scale", "io.k8s.api.core.v1.Binding", "io.k8s.api.core.v1.PodTemplateSpec"]
        stack += ["io.k8s.api.authentication.v1.TokenRequest", "io.k8s.api.policy.v1.Eviction"]
        stack += ["PodExecOptions", "PodAttachOptions", "PodPortForwardOptions", "NodeProxyOptions"].map { "io.k8s.api.core.v1.\($0)" }
        while let name = stack.popLast() {
            guard seen.insert(name).inserted, let definition = registry.definition(name) else { continue }
            stack += definition.fields.flatMap { references(in: $0.type) }
        }
        let unreachable = Set(registry.definitions.keys).subtracting(seen)
        #expect(unreachable.isEmpty, "unreachable: \(unreachable.sorted())")
    }

    @Test func everyFieldIsDescribed() {
        for definition in StandardDefinitions.all {
            #expect(!definition.description.isEmpty, "\(definition.name)")
            for field in definition.fields {
                #expect(!field.description.isEmpty, "\(definition.name).\(field.name)")
            }
        }
    }

    @Test func containerListsMergeByName() {
        let spec = "io.k8s.api.core.v1.PodSpec"
        for name in ["containers", "initContainers"] {
            #expect(field(spec, name)?.type == .array(.ref("io.k8s.api.core.v1.Container"), .map(key: "name")))
        }
        #expect(
            field(spec, "ephemeralContainers")?.type
                == .array(.ref("io.k8s.api.core.v1.EphemeralContainer"), .map(key: "name")))
        #expect(field(spec, "containers")?.required == true)
        #expect(field("io.k8s.api.core.v1.Container", "name")?.required == true)
    }

    @Test func containerFieldMergeKeys() throws {
        let container = "io.k8s.api.core.v1.Container"
        let ports = try #require(field(container, "ports"))
        #expect(ports.type == .array(.ref("io.k8s.api.core.v1.ContainerPort"), .map(key: "containerPort")))
        #expect(ports.listMapKeys == ["containerPort", "protocol"])
        #expect(field(container, "env")?.type == .array(.ref("io.k8s.api.core.v1.EnvVar"), .map(key: "name")))
        #expect(
            field(container, "volumeMounts")?.type
                == .array(.ref("io.k8s.api.core.v1.VolumeMount"), .map(key: "mountPath")))
        #expect(
            field(container, "volumeDevices")?.type
                == .array(.ref("io.k8s.api.core.v1.VolumeDevice"), .map(key: "devicePath")))
        #expect(field(container, "envFrom")?.type == .array(.ref("io.k8s.api.core.v1.EnvFromSource"), .atomic))
        #expect(field(container, "command")?.type == .array(.string(), .atomic))
        #expect(field("io.k8s.api.core.v1.ContainerPort", "containerPort")?.required == true)
    }

    @Test func volumesMergeByNameRetainingKeys() {
        #expect(
            field("io.k8s.api.core.v1.PodSpec", "volumes")?.type
                == .array(.ref("io.k8s.api.core.v1.Volume"), .map(key: "name", retainKeys: true)))
        let volume = registry.definition("io.k8s.api.core.v1.Volume")
        #expect(volume?.preserveUnknownFields == true)
        for source in ["emptyDir", "hostPath", "configMap", "secret", "persistentVolumeClaim", "projected", "csi", "nfs"] {
            #expect(volume?.field(source) != nil, "Volume.\(source)")
        }
    }

    @Test func conditionsMergeByType() {
        let statuses = [
            "io.k8s.api.core.v1.PodStatus", "io.k8s.api.core.v1.NodeStatus", "io.k8s.api.core.v1.NamespaceStatus",
            "io.k8s.api.apps.v1.DeploymentStatus", "io.k8s.api.apps.v1.ReplicaSetStatus",
            "io.k8s.api.apps.v1.DaemonSetStatus", "io.k8s.api.batch.v1.JobStatus",
        ]
        for status in statuses {
            guard case .array(_, .map(let key, _))? = field(status, "conditions")?.type else {
                Issue.record("\(status).conditions does not merge by key")
                continue
            }
            #expect(key == "type", "\(status)")
        }
        // Job conditions merge by type in strategic merge patch but are atomic for apply.
        #expect(field("io.k8s.api.batch.v1.JobStatus", "conditions")?.applyStrategy == .atomic)
    }

    @Test func otherPatchMetadata() {
        let meta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
        #expect(field(meta, "finalizers")?.type == .array(.string(), .set))
        #expect(
            field(meta, "ownerReferences")?.type
                == .array(.ref("io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference"), .map(key: "uid")))
        let servicePorts = field("io.k8s.api.core.v1.ServiceSpec", "ports")
        #expect(servicePorts?.type == .array(.ref("io.k8s.api.core.v1.ServicePort"), .map(key: "port")))
        #expect(servicePorts?.listMapKeys == ["port", "protocol"])
        #expect(field("io.k8s.api.apps.v1.DeploymentSpec", "strategy")?.retainKeys == true)
        #expect(field("io.k8s.api.core.v1.PodSpec", "tolerations")?.type.isAtomicList == true)
        #expect(field("io.k8s.api.core.v1.PodSpec", "nodeSelector")?.atomicMap == true)
        #expect(registry.definition("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")?.atomic == true)
        #expect(field("io.k8s.api.core.v1.NodeSpec", "podCIDRs")?.type == .array(.string(), .set))
    }

    @Test func scalarTypes() {
        #expect(field("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp")?.type == .time)
        #expect(field("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "labels")?.type == .map(.string()))
        #expect(field("io.k8s.api.core.v1.ResourceRequirements", "limits")?.type == .map(.quantity))
        #expect(field("io.k8s.api.core.v1.ServicePort", "targetPort")?.type == .intOrString)
        #expect(field("io.k8s.api.core.v1.Secret", "data")?.type == .map(.string(format: "byte")))
        #expect(field("io.k8s.api.core.v1.ContainerPort", "containerPort")?.type == .integer(format: "int32"))
        #expect(field("io.k8s.api.core.v1.PodSpec", "hostNetwork")?.type == .boolean)
    }

    @Test func fieldTypeFollowsPathsThroughListsAndMaps() {
        let pod = "io.k8s.api.core.v1.Pod"
        #expect(
            registry.fieldType(root: pod, path: ["spec", "containers", "ports"])
                == .array(.ref("io.k8s.api.core.v1.ContainerPort"), .map(key: "containerPort")))
        #expect(registry.fieldType(root: pod, path: ["metadata", "labels", "app"]) == .string())
        #expect(
            registry.fieldType(root: "io.k8s.api.apps.v1.Deployment", path: ["spec", "template", "spec", "volumes"])
                == .array(.ref("io.k8s.api.core.v1.Volume"), .map(key: "name", retainKeys: true)))
        #expect(registry.fieldType(root: pod, path: ["spec", "noSuchField"]) == nil)
    }
}

extension SchemaType {
    /// True for a list replaced whole.
    fileprivate var isAtomicList: Bool {
        if case .array(_, .atomic) = self { return true }
        return false
    }
}
