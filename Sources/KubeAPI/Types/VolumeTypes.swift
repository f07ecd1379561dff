/// core/v1 Volume: a named volume of a pod with at most one source set. The common sources are
/// modelled; others (cloud disks, CSI, ephemeral, ...) are dropped by this typed view, and the stored
/// JSON keeps them.
public struct Volume: Codable, Sendable, Hashable {
    /// DNS label unique within the pod.
    public var name: String
    /// A path on the node.
    public var hostPath: HostPathVolumeSource?
    /// A scratch directory that lives as long as the pod.
    public var emptyDir: EmptyDirVolumeSource?
    /// Keys of a Secret as files.
    public var secret: SecretVolumeSource?
    /// Keys of a ConfigMap as files.
    public var configMap: ConfigMapVolumeSource?
    /// A bound PersistentVolumeClaim.
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    /// Pod fields as files.
    public var downwardAPI: DownwardAPIVolumeSource?
    /// Several sources projected into one directory.
    public var projected: ProjectedVolumeSource?
    /// An NFS export.
    public var nfs: NFSVolumeSource?
    /// The contents of an OCI image.
    public var image: ImageVolumeSource?

    /// Creates a `Volume` from its required fields; every optional field defaults to absent.
    public init(
        name: String, hostPath: HostPathVolumeSource? = nil, emptyDir: EmptyDirVolumeSource? = nil,
        secret: SecretVolumeSource? = nil, configMap: ConfigMapVolumeSource? = nil,
        persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil, downwardAPI: DownwardAPIVolumeSource? = nil,
        projected: ProjectedVolumeSource? = nil, nfs: NFSVolumeSource? = nil, image: ImageVolumeSource? = nil
    ) {
        self.name = name
        self.hostPath = hostPath
        self.emptyDir = emptyDir
        self.secret = secret
        self.configMap = configMap
        self.persistentVolumeClaim = persistentVolumeClaim
        self.downwardAPI = downwardAPI
        self.projected = projected
        self.nfs = nfs
        self.image = image
    }
}

/// core/v1 HostPathVolumeSource: a file or directory on the node.
public struct HostPathVolumeSource: Codable, Sendable, Hashable {
    /// Path on the node.
    public var path: String
    /// Check before mounting: `""`, `DirectoryOrCreate`, `Directory`, `FileOrCreate`, `File`, `Socket`, ...
    public var type: String?

    /// Creates a `HostPathVolumeSource` from its required fields; every optional field defaults to absent.
    public init(path: String, type: String? = nil) {
        self.path = path
        self.type = type
    }
}

/// core/v1 EmptyDirVolumeSource: an initially empty directory.
public struct EmptyDirVolumeSource: Codable, Sendable, Hashable {
    /// `""` (node disk) or `Memory` (tmpfs).
    public var medium: String?
    /// Most storage the volume may use.
    public var sizeLimit: Quantity?

    /// Creates an `EmptyDirVolumeSource`; every field defaults to absent.
    public init(medium: String? = nil, sizeLimit: Quantity? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}

/// core/v1 SecretVolumeSource: a Secret's keys as files.
public struct SecretVolumeSource: Codable, Sendable, Hashable {
    /// Secret in the pod's namespace.
    public var secretName: String?
    /// Keys to project, and where; all keys when empty.
    public var items: [KeyToPath]?
    /// File mode bits; default 0644.
    public var defaultMode: Int?
    /// Tolerate a missing Secret.
    public var optional: Bool?

    /// Creates a `SecretVolumeSource`; every field defaults to absent.
    public init(secretName: String? = nil, items: [KeyToPath]? = nil, defaultMode: Int? = nil, optional: Bool? = nil) {
        self.secretName = secretName
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// core/v1 ConfigMapVolumeSource: a ConfigMap's keys as files.
public struct ConfigMapVolumeSource: Codable, Sendable, Hashable {
    /// ConfigMap in the pod's namespace.
    public var name: String?
    /// Keys to project, and where; all keys when empty.
    public var items: [KeyToPath]?
    /// File mode bits; default 0644.
    public var defaultMode: Int?
    /// Tolerate a missing ConfigMap.
    public var optional: Bool?

    /// Creates a `ConfigMapVolumeSource`; every field defaults to absent.
    public init(name: String? = nil, items: [KeyToPath]? = nil, defaultMode: Int? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// core/v1 KeyToPath: one key projected to a relative path.
public struct KeyToPath: Codable, Sendable, Hashable {
    /// The key.
    public var key: String
    /// Relative file path.
    public var path: String
    /// File mode bits.
    public var mode: Int?

    /// Creates a `KeyToPath` from its required fields; every optional field defaults to absent.
    public init(key: String, path: String, mode: Int? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}

/// core/v1 PersistentVolumeClaimVolumeSource: a claim in the pod's namespace.
public struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Hashable {
    /// Claim name.
    public var claimName: String
    /// Mount read-only.
    public var readOnly: Bool?

    /// Creates a `PersistentVolumeClaimVolumeSource` from its required fields; every optional field defaults to absent.
    public init(claimName: String, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}

/// core/v1 DownwardAPIVolumeSource: pod fields and container resources as files.
public struct DownwardAPIVolumeSource: Codable, Sendable, Hashable {
    /// The files.
    public var items: [DownwardAPIVolumeFile]?
    /// File mode bits; default 0644.
    public var defaultMode: Int?

    /// Creates a `DownwardAPIVolumeSource`; every field defaults to absent.
    public init(items: [DownwardAPIVolumeFile]? = nil, defaultMode: Int? = nil) {
        self.items = items
        self.defaultMode = defaultMode
    }
}

/// core/v1 DownwardAPIVolumeFile: one file holding a pod field or container resource.
public struct DownwardAPIVolumeFile: Codable, Sendable, Hashable {
    /// Relative file path.
    public var path: String
    /// The pod field.
    public var fieldRef: ObjectFieldSelector?
    /// The container resource.
    public var resourceFieldRef: ResourceFieldSelector?
    /// File mode bits.
    public var mode: Int?

    /// Creates a `DownwardAPIVolumeFile` from its required fields; every optional field defaults to absent.
    public init(
        path: String, fieldRef: ObjectFieldSelector? = nil, resourceFieldRef: ResourceFieldSelector? = nil,
        mode: Int? = nil
    ) {
        self.path = path
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.mode = mode
    }
}

/// core/v1 ProjectedVolumeSource: several sources sharing one directory.
public struct ProjectedVolumeSource: Codable, Sendable, Hashable {
    /// The sources.
    public var sources: [VolumeProjection]?
    /// File mode bits.
    public var defaultMode: Int?

    /// Creates a `ProjectedVolumeSource`; every field defaults to absent.
    public init(sources: [VolumeProjection]? = nil, defaultMode: Int? = nil) {
        self.sources = sources
        self.defaultMode = defaultMode
    }
}

/// core/v1 VolumeProjection: one source of a projected volume (exactly one field set; other
/// projection kinds are dropped by this view).
public struct VolumeProjection: Codable, Sendable, Hashable {
    /// Secret keys.
    public var secret: SecretProjection?
    /// Pod fields.
    public var downwardAPI: DownwardAPIProjection?
    /// ConfigMap keys.
    public var configMap: ConfigMapProjection?
    /// A bound service account token.
    public var serviceAccountToken: ServiceAccountTokenProjection?

    /// Creates a `VolumeProjection`; every field defaults to absent.
    public init(
        secret: SecretProjection? = nil, downwardAPI: DownwardAPIProjection? = nil,
        configMap: ConfigMapProjection? = nil, serviceAccountToken: ServiceAccountTokenProjection? = nil
    ) {
        self.secret = secret
        self.downwardAPI = downwardAPI
        self.configMap = configMap
        self.serviceAccountToken = serviceAccountToken
    }
}

/// core/v1 SecretProjection: Secret keys in a projected volume.
public struct SecretProjection: Codable, Sendable, Hashable {
    /// Secret name.
    public var name: String?
    /// Keys to project; all when empty.
    public var items: [KeyToPath]?
    /// Tolerate a missing Secret.
    public var optional: Bool?

    /// Creates a `SecretProjection`; every field defaults to absent.
    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// core/v1 ConfigMapProjection: ConfigMap keys in a projected volume.
public struct ConfigMapProjection: Codable, Sendable, Hashable {
    /// ConfigMap name.
    public var name: String?
    /// Keys to project; all when empty.
    public var items: [KeyToPath]?
    /// Tolerate a missing ConfigMap.
    public var optional: Bool?

    /// Creates a `ConfigMapProjection`; every field defaults to absent.
    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// core/v1 DownwardAPIProjection: pod fields in a projected volume.
public struct DownwardAPIProjection: Codable, Sendable, Hashable {
    /// The files.
    public var items: [DownwardAPIVolumeFile]?

    /// Creates a `DownwardAPIProjection`; every field defaults to absent.
    public init(items: [DownwardAPIVolumeFile]? = nil) {
        self.items = items
    }
}

/// core/v1 ServiceAccountTokenProjection: a service account token written to a file and refreshed.
public struct ServiceAccountTokenProjection: Codable, Sendable, Hashable {
    /// Intended audience; defaults to the API server's.
    public var audience: String?
    /// Requested validity; default 3600.
    public var expirationSeconds: Int?
    /// Relative file path.
    public var path: String

    /// Creates a `ServiceAccountTokenProjection` from its required fields; every optional field defaults to absent.
    public init(audience: String? = nil, expirationSeconds: Int? = nil, path: String) {
        self.audience = audience
        self.expirationSeconds = expirationSeconds
        self.path = path
    }
}

/// core/v1 NFSVolumeSource: an NFS export.
public struct NFSVolumeSource: Codable, Sendable, Hashable {
    /// Server host name or IP.
    public var server: String
    /// Exported path.
    public var path: String
    /// Mount read-only.
    public var readOnly: Bool?

    /// Creates a `NFSVolumeSource` from its required fields; every optional field defaults to absent.
    public init(server: String, path: String, readOnly: Bool? = nil) {
        self.server = server
        self.path = path
        self.readOnly = readOnly
    }
}

/// core/v1 ImageVolumeSource: an OCI image or artifact mounted read-only.
public struct ImageVolumeSource: Codable, Sendable, Hashable {
    /// Image reference.
    public var reference: String?
    /// `Always`, `IfNotPresent` or `Never`.
    public var pullPolicy: String?

    /// Creates an `ImageVolumeSource`; every field defaults to absent.
    public init(reference: String? = nil, pullPolicy: String? = nil) {
        self.reference = reference
        self.pullPolicy = pullPolicy
    }
}
