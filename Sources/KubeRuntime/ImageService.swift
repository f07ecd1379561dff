import Foundation

/// The image side of the CRI: images kept content-addressed on this node, pulled from registries
/// or imported from tarballs, and the unpacked layers a container's root filesystem is made of.
public protocol ImageService: Sendable {
    /// Pulls `reference` (e.g. `busybox`, `docker.io/library/busybox:1.36`, `reg:5000/x@sha256:...`)
    /// unless every blob is already here, and returns the stored image. Throws `.invalidImageName`
    /// for a malformed reference and `.imagePull` (with the registry's reason) when pulling fails.
    func pullImage(_ reference: String) async throws -> ImageRecord

    /// The stored image `reference` names (by tag, digest or image id), or nil when absent.
    func image(_ reference: String) async throws -> ImageRecord?

    /// Every stored image.
    func listImages() async throws -> [ImageRecord]

    /// Removes the image `reference` names, and the blobs and layers no other image uses.
    func removeImage(_ reference: String) async throws

    /// Directories of the image's unpacked layers, lowest (base) layer first, ready to be
    /// overlayfs lower directories.
    func layerPaths(_ image: ImageRecord) async throws -> [String]

    /// Size and free space of the filesystem the images are kept on (what the kubelet's image
    /// garbage collector compares with its thresholds).
    func imageFilesystem() async throws -> FilesystemUsage
}

/// Capacity and free space of a filesystem, in bytes.
public struct FilesystemUsage: Sendable, Hashable, Codable {
    /// Total size.
    public var capacityBytes: Int64
    /// Bytes an unprivileged writer may still use.
    public var availableBytes: Int64

    /// A usage with both figures given.
    public init(capacityBytes: Int64, availableBytes: Int64) {
        self.capacityBytes = capacityBytes
        self.availableBytes = availableBytes
    }

    /// The usage of the filesystem holding `path` (statvfs); throws `.other` when it cannot be read.
    public static func of(path: String) throws -> FilesystemUsage {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else {
            throw RuntimeError(.other, "statfs \(path): \(String(cString: strerror(errno)))")
        }
        let unit = Int64(info.f_frsize == 0 ? info.f_bsize : info.f_frsize)
        return FilesystemUsage(capacityBytes: Int64(info.f_blocks) * unit, availableBytes: Int64(info.f_bavail) * unit)
    }
}

/// One stored image.
public struct ImageRecord: Sendable, Hashable, Codable {
    /// `sha256:<hex>` of the image config (what `docker images --no-trunc` calls IMAGE ID).
    public var id: String
    /// Names by tag, normalised (`docker.io/library/busybox:latest`).
    public var repoTags: [String]
    /// Names by digest (`docker.io/library/busybox@sha256:...`); this is a container's imageID.
    public var repoDigests: [String]
    /// Bytes of the compressed layers.
    public var size: Int64
    /// The runtime parts of the image config.
    public var config: ImageConfig
    /// Uncompressed layer digests (diff ids), base first.
    public var layers: [String]

    /// An image record with every field given.
    public init(id: String, repoTags: [String], repoDigests: [String], size: Int64, config: ImageConfig, layers: [String]) {
        self.id = id
        self.repoTags = repoTags
        self.repoDigests = repoDigests
        self.size = size
        self.config = config
        self.layers = layers
    }
}

/// What an image says about how to run it (the `config` object of an OCI image config).
public struct ImageConfig: Sendable, Hashable, Codable {
    /// `Entrypoint`.
    public var entrypoint: [String]?
    /// `Cmd`.
    public var cmd: [String]?
    /// `Env`, as `NAME=value`.
    public var env: [String]?
    /// `WorkingDir`.
    public var workingDir: String?
    /// `User` (`uid`, `uid:gid`, or a name).
    public var user: String?

    /// An image config with the given fields.
    public init(entrypoint: [String]? = nil, cmd: [String]? = nil, env: [String]? = nil, workingDir: String? = nil, user: String? = nil) {
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.env = env
        self.workingDir = workingDir
        self.user = user
    }

    enum CodingKeys: String, CodingKey {
        case entrypoint = "Entrypoint", cmd = "Cmd", env = "Env", workingDir = "WorkingDir", user = "User"
    }
}
