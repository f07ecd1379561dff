extension StandardDefinitions {
    /// core/v1 Volume and the common volume sources.
    static let coreVolume: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.core.v1.Volume",
            "A named volume the containers can mount; set one source. Legacy in-tree sources are kept, not modelled.",
            preserveUnknownFields: true,
            fields: [
                .init("name", .str, "Name of the volume, a DNS label unique in the pod.", required: true),
                .init("hostPath", .core("HostPathVolumeSource"), "A file or directory on the node."),
                .init("emptyDir", .core("EmptyDirVolumeSource"), "An empty directory that lives as long as the pod."),
                .init("secret", .core("SecretVolumeSource"), "The keys of a Secret as files."),
                .init("nfs", .core("NFSVolumeSource"), "An NFS export."),
                .init(
                    "persistentVolumeClaim", .core("PersistentVolumeClaimVolumeSource"),
                    "A PersistentVolumeClaim in the pod's namespace."),
                .init("downwardAPI", .core("DownwardAPIVolumeSource"), "Pod fields as files."),
                .init("configMap", .core("ConfigMapVolumeSource"), "The keys of a ConfigMap as files."),
                .init("projected", .core("ProjectedVolumeSource"), "Several sources projected into one directory."),
                .init("csi", .core("CSIVolumeSource"), "A volume provided by a CSI driver."),
                .init("ephemeral", .core("EphemeralVolumeSource"), "A volume from a per-pod PersistentVolumeClaim."),
                .init("image", .core("ImageVolumeSource"), "An OCI image or artifact, mounted read-only."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.HostPathVolumeSource",
            "A path on the node.",
            fields: [
                .init("path", .str, "Path on the node; a symlink is followed.", required: true),
                .init(
                    "type", .str,
                    "Expected type: \"\", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.EmptyDirVolumeSource",
            "A scratch directory.",
            fields: [
                .init("medium", .str, "\"\" (node storage) or Memory (tmpfs)."),
                .init("sizeLimit", .quantity, "Most storage the directory may use."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.SecretVolumeSource",
            "A Secret projected as files.",
            fields: [
                .init("secretName", .str, "Name of the Secret."),
                .init("items", .list(.core("KeyToPath")), "Keys to project, and their paths; all keys when empty."),
                .init("defaultMode", .int32, "Permission bits of the files; default 0644."),
                .init("optional", .boolean, "Whether the Secret may be missing."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ConfigMapVolumeSource",
            "A ConfigMap projected as files.",
            fields: [
                .init("name", .str, "Name of the ConfigMap."),
                .init("items", .list(.core("KeyToPath")), "Keys to project, and their paths; all keys when empty."),
                .init("defaultMode", .int32, "Permission bits of the files; default 0644."),
                .init("optional", .boolean, "Whether the ConfigMap may be missing."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.KeyToPath",
            "A key projected to a file.",
            fields: [
                .init("key", .str, "The key.", required: true),
                .init("path", .str, "Relative path of the file.", required: true),
                .init("mode", .int32, "Permission bits of the file."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NFSVolumeSource",
            "An NFS export.",
            fields: [
                .init("server", .str, "Host name or IP of the server.", required: true),
                .init("path", .str, "Exported path.", required: true),
                .init("readOnly", .boolean, "Mount read-only."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource",
            "A claim mounted as a volume.",
            fields: [
                .init("claimName", .str, "Name of the PersistentVolumeClaim.", required: true),
                .init("readOnly", .boolean, "Mount read-only."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.DownwardAPIVolumeSource",
            "Pod information as files.",
            fields: [
                .init("items", .list(.core("DownwardAPIVolumeFile")), "The files."),
                .init("defaultMode", .int32, "Permission bits of the files; default 0644."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.DownwardAPIVolumeFile",
            "A file holding a pod field or resource value.",
            fields: [
                .init("path", .str, "Relative path of the file.", required: true),
                .init(
                    "fieldRef", .core("ObjectFieldSelector"),
                    "A field of the pod: metadata name, namespace, uid, labels or annotations."),
                .init("resourceFieldRef", .core("ResourceFieldSelector"), "A resource limit or request of a container."),
                .init("mode", .int32, "Permission bits of the file."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.CSIVolumeSource",
            "An inline volume of a CSI driver.",
            fields: [
                .init("driver", .str, "Name of the driver.", required: true),
                .init("readOnly", .boolean, "Mount read-only."),
                .init("fsType", .str, "Filesystem type to mount."),
                .init("volumeAttributes", .stringMap, "Driver-specific properties."),
                .init(
                    "nodePublishSecretRef", .core("LocalObjectReference"),
                    "Secret passed to the driver's publish calls."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ImageVolumeSource",
            "An OCI image or artifact as a volume.",
            fields: [
                .init("reference", .str, "Image reference."),
                .init("pullPolicy", .str, "Always, Never or IfNotPresent."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.VolumeStatus",
            "Observed state of a volume.",
            fields: [
                .init("image", .core("ImageVolumeStatus"), "State of an image volume."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ImageVolumeStatus",
            "Observed state of an image volume.",
            fields: [
                .init("imageRef", .str, "Digest of the image used.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ProjectedVolumeSource",
            "Several sources in one directory.",
            fields: [
                .init("sources", .list(.core("VolumeProjection")), "The sources."),
                .init("defaultMode", .int32, "Permission bits of the files."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.VolumeProjection",
            "One source of a projected volume; set exactly one member.",
            fields: [
                .init("secret", .core("SecretProjection"), "Keys of a Secret."),
                .init("downwardAPI", .core("DownwardAPIProjection"), "Pod fields."),
                .init("configMap", .core("ConfigMapProjection"), "Keys of a ConfigMap."),
                .init("serviceAccountToken", .core("ServiceAccountTokenProjection"), "A service account token."),
                .init(
                    "clusterTrustBundle", .core("ClusterTrustBundleProjection"),
                    "Certificates of ClusterTrustBundles."),
                .init("podCertificate", .core("PodCertificateProjection"), "A key and certificate issued for the pod."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.SecretProjection",
            "Keys of a Secret in a projected volume.",
            fields: [
                .init("name", .str, "Name of the Secret."),
                .init("items", .list(.core("KeyToPath")), "Keys to project, and their paths."),
                .init("optional", .boolean, "Whether the Secret may be missing."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ConfigMapProjection",
            "Keys of a ConfigMap in a projected volume.",
            fields: [
                .init("name", .str, "Name of the ConfigMap."),
                .init("items", .list(.core("KeyToPath")), "Keys to project, and their paths."),
                .init("optional", .boolean, "Whether the ConfigMap may be missing."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.DownwardAPIProjection",
            "Pod fields in a projected volume.",
            fields: [
                .init("items", .list(.core("DownwardAPIVolumeFile")), "The files."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ServiceAccountTokenProjection",
            "A bound service account token as a file.",
            fields: [
                .init("audience", .str, "Intended audience of the token."),
                .init("expirationSeconds", .int64, "Requested lifetime of the token; default one hour."),
                .init("path", .str, "Relative path of the file.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ClusterTrustBundleProjection",
            "Certificates of ClusterTrustBundles as one file.",
            fields: [
                .init("name", .str, "A ClusterTrustBundle by name."),
                .init("signerName", .str, "Bundles of this signer."),
                .init("labelSelector", .meta("LabelSelector"), "Bundles with these labels."),
                .init("optional", .boolean, "Whether missing bundles are tolerated."),
                .init("path", .str, "Relative path of the file.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodCertificateProjection",
            "A private key and certificate issued for the pod.",
            fields: [
                .init("signerName", .str, "Signer to request the certificate from.", required: true),
                .init("keyType", .str, "Type of key to generate.", required: true),
                .init("maxExpirationSeconds", .int32, "Longest certificate lifetime to request."),
                .init("credentialBundlePath", .str, "Path of a file holding key and chain together."),
                .init("keyPath", .str, "Path of the private key file."),
                .init("certificateChainPath", .str, "Path of the certificate chain file."),
                .init("userAnnotations", .stringMap, "Annotations passed to the signer."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.EphemeralVolumeSource",
            "A volume backed by a PersistentVolumeClaim created for the pod.",
            fields: [
                .init("volumeClaimTemplate", .core("PersistentVolumeClaimTemplate"), "Template of the claim."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PersistentVolumeClaimTemplate",
            "Template of a PersistentVolumeClaim.",
            fields: [
                .init("metadata", .meta("ObjectMeta"), "Labels and annotations copied to the claim."),
                .init("spec", .core("PersistentVolumeClaimSpec"), "Spec of the claim.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PersistentVolumeClaimSpec",
            "Desired storage of a PersistentVolumeClaim.",
            fields: [
                .init("accessModes", .strings, "Requested access modes, e.g. ReadWriteOnce."),
                .init("selector", .meta("LabelSelector"), "Label query over volumes to bind to."),
                .init("resources", .core("VolumeResourceRequirements"), "Requested storage."),
                .init("volumeName", .str, "Name of the PersistentVolume to bind to."),
                .init("storageClassName", .str, "StorageClass to provision from."),
                .init("volumeMode", .str, "Filesystem (default) or Block."),
                .init(
                    "dataSource", .core("TypedLocalObjectReference"),
                    "Object to populate the volume from, e.g. a VolumeSnapshot."),
                .init(
                    "dataSourceRef", .core("TypedObjectReference"),
                    "Object to populate the volume from, in any namespace the claim may read."),
                .init("volumeAttributesClassName", .str, "VolumeAttributesClass of the volume."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.VolumeResourceRequirements",
            "Storage requested and limited.",
            fields: [
                .init("limits", .resourceList, "Most storage allowed."),
                .init("requests", .resourceList, "Least storage needed."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.TypedLocalObjectReference",
            "An object in the same namespace, by group, kind and name.",
            fields: [
                .init("apiGroup", .str, "API group of the object; empty for core."),
                .init("kind", .str, "Kind of the object.", required: true),
                .init("name", .str, "Name of the object.", required: true),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.api.core.v1.TypedObjectReference",
            "An object by group, kind, name and optional namespace.",
            fields: [
                .init("apiGroup", .str, "API group of the object; empty for core."),
                .init("kind", .str, "Kind of the object.", required: true),
                .init("name", .str, "Name of the object.", required: true),
                .init("namespace", .str, "Namespace of the object."),
            ]),
    ]
}
