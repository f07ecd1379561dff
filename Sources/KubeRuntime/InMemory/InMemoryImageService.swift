import Foundation

/// An `ImageService` over a made-up registry held in memory, for tests of the kubelet: images
/// the "registry" holds can be pulled, others fail with `.imagePull`, malformed references with
/// `.invalidImageName`. Nothing touches the disk; layer paths are made-up directories.
public actor InMemoryImageService: ImageService {
    private var registry: [String: ImageRecord]
    private var stored: [String: ImageRecord] = [:]
    /// Every reference pulled, in order (tests check pull policies by it).
    public private(set) var pulls: [String] = []
    /// The made-up image filesystem: its size, and bytes used by things other than images.
    private var capacityBytes: Int64 = 100 << 30
    private var otherUsedBytes: Int64 = 0

    /// A service whose registry holds `registry` (by normalised name, e.g.
    /// `docker.io/library/busybox:latest`), and whose store already holds `present`.
    public init(registry: [ImageRecord] = [InMemoryImageService.busybox], present: [ImageRecord] = []) {
        var byName: [String: ImageRecord] = [:]
        for image in registry { for tag in image.repoTags { byName[tag] = image } }
        self.registry = byName
        for image in present { for tag in image.repoTags { stored[tag] = image } }
    }

    /// A busybox image whose config says `Cmd ["sh"]` and a PATH.
    public static let busybox = ImageRecord(
        id: "sha256:" + String(repeating: "b", count: 64), repoTags: ["docker.io/library/busybox:latest"],
        repoDigests: ["docker.io/library/busybox@sha256:" + String(repeating: "d", count: 64)], size: 2_155_000,
        config: ImageConfig(cmd: ["sh"], env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]),
        layers: ["sha256:" + String(repeating: "1", count: 64)])

    /// `reference` with Docker's defaults: `busybox` → `docker.io/library/busybox:latest`; nil
    /// when it is not a valid reference (empty, upper case in the path, spaces).
    public static func normalise(_ reference: String) -> String? {
        guard !reference.isEmpty, !reference.contains(" "), !reference.hasPrefix("/"), !reference.hasSuffix(":") else { return nil }
        var name = reference
        var digest = ""
        if let at = name.firstIndex(of: "@") {
            digest = String(name[at...])
            name = String(name[..<at])
        }
        var tag = ""
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            tag = String(name[colon...])
            name = String(name[..<colon])
        }
        guard name == name.lowercased() else { return nil }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { return nil }
        let first = parts[0]
        let hasRegistry = parts.count > 1 && (first.contains(".") || first.contains(":") || first == "localhost")
        if !hasRegistry { name = parts.count == 1 ? "docker.io/library/\(name)" : "docker.io/\(name)" }
        if tag.isEmpty && digest.isEmpty { tag = ":latest" }
        return name + tag + digest
    }

    /// Stores and returns the registry's image `reference` names; `.invalidImageName` or `.imagePull` otherwise.
    public func pullImage(_ reference: String) async throws -> ImageRecord {
        guard let name = Self.normalise(reference) else {
            throw RuntimeError(.invalidImageName, "couldn't parse image name \"\(reference)\": invalid reference format")
        }
        pulls.append(reference)
        guard let image = registry[name] else {
            throw RuntimeError(
                .imagePull,
                "failed to resolve reference \"\(name)\": \(name): not found")
        }
        stored[name] = image
        return image
    }

    /// The stored image by name, id or digest.
    public func image(_ reference: String) async throws -> ImageRecord? {
        if let name = Self.normalise(reference), let image = stored[name] { return image }
        return stored.values.first { $0.id == reference || $0.repoDigests.contains(reference) }
    }

    /// Every stored image, once each.
    public func listImages() async throws -> [ImageRecord] {
        var seen = Set<String>()
        return stored.values.filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
    }

    /// Forgets the stored image `reference` names.
    public func removeImage(_ reference: String) async throws {
        guard let image = try await image(reference) else { return }
        stored = stored.filter { $0.value.id != image.id }
    }

    /// Sets the made-up image filesystem: `capacityBytes` in all, `otherUsedBytes` used by
    /// something else than images (stored images use their `size`).
    public func setFilesystem(capacityBytes: Int64, otherUsedBytes: Int64) {
        self.capacityBytes = capacityBytes
        self.otherUsedBytes = otherUsedBytes
    }

    /// The made-up filesystem: available is what neither images nor the rest use.
    public func imageFilesystem() async throws -> FilesystemUsage {
        let images = try await listImages().reduce(Int64(0)) { $0 + $1.size }
        return FilesystemUsage(capacityBytes: capacityBytes, availableBytes: max(0, capacityBytes - otherUsedBytes - images))
    }

    /// Made-up layer directories (nothing is unpacked).
    public func layerPaths(_ image: ImageRecord) async throws -> [String] {
        image.layers.map { "/nonexistent/inmemory-layers/\($0.replacingOccurrences(of: "sha256:", with: ""))" }
    }
}
