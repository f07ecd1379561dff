import Foundation
import Logging

/// The node's image store, rooted at a directory (the kubelet uses `<data-dir>/agent/images`):
///
/// - `blobs/sha256/<hex>`: configs and layer blobs, content-addressed;
/// - `layers/<chain-id-hex>/`: each layer unpacked once, whiteouts in overlayfs form, ready to
///   be an overlayfs lower directory;
/// - `index.json`: the stored images, replaced atomically on every change.
///
/// Images are pulled from registries (`RegistryClient`, with `registries.yaml` mirrors) or
/// imported from `docker save` and OCI-layout tarballs. Concurrent requests for the same blob or
/// layer share one download or unpack.
public actor ImageStore: ImageService {
    /// The store's root directory.
    public nonisolated let root: String
    /// The registry client pulls go through.
    public nonisolated let registry: RegistryClient
    let logger: Logger

    /// One stored image and the blobs it holds on disk.
    struct StoredImage: Codable, Sendable, Equatable {
        var record: ImageRecord
        /// Digests of its config and layer blobs.
        var blobs: [String]
    }

    struct IndexFile: Codable {
        var images: [StoredImage]
    }

    /// Stored images by id.
    var images: [String: StoredImage] = [:]
    /// Downloads and unpacks under way, by blob digest or chain id.
    var inFlight: [String: Task<Void, any Error>] = [:]
    /// Blobs and chain ids a pull or import is using and removal must keep.
    var leases: [String: Int] = [:]

    /// Opens (creating if needed) the store at `root`, pulling through a client for `registryConfig`.
    /// Throws `RuntimeError(.other)` when the directory or its index cannot be read.
    public init(root: String, registryConfig: RegistryConfig = RegistryConfig(), logger: Logger = Logger(label: "skiff.images")) throws {
        let fm = FileManager.default
        do {
            for dir in ["blobs/sha256", "layers", "tmp"] {
                try fm.createDirectory(atPath: "\(root)/\(dir)", withIntermediateDirectories: true)
            }
            for leftover in (try? fm.contentsOfDirectory(atPath: "\(root)/tmp")) ?? [] {
                try? fm.removeItem(atPath: "\(root)/tmp/\(leftover)")
            }
        } catch {
            throw RuntimeError(.other, "create image store \(root)", cause: error)
        }
        if let data = fm.contents(atPath: "\(root)/index.json") {
            do {
                let index = try JSONDecoder().decode(IndexFile.self, from: data)
                images = Dictionary(index.images.map { ($0.record.id, $0) }, uniquingKeysWith: { $1 })
            } catch {
                throw RuntimeError(.other, "read image index \(root)/index.json", cause: error)
            }
        }
        self.root = root
        self.logger = logger
        registry = RegistryClient(config: registryConfig)
    }

    /// Closes the registry client's connections.
    public func shutdown() async {
        await registry.shutdown()
    }

    // MARK: - Paths

    nonisolated var scratch: String { "\(root)/tmp" }

    /// Where the blob `digest` is kept.
    nonisolated func blobPath(_ digest: String) throws -> String {
        "\(root)/blobs/sha256/\(try ContentDigest.hexPart(digest))"
    }

    /// Where the layer with chain id `chainID` is unpacked.
    nonisolated func layerPath(_ chainID: String) throws -> String {
        "\(root)/layers/\(try ContentDigest.hexPart(chainID))"
    }

    // MARK: - ImageService

    /// The stored image `reference` names (tag, digest reference, id or 12+ hex id prefix), or nil.
    public func image(_ reference: String) async throws -> ImageRecord? {
        stored(reference)?.record
    }

    /// Every stored image, ordered by first tag (then id).
    public func listImages() async throws -> [ImageRecord] {
        images.values.map(\.record).sorted { ($0.repoTags.first ?? $0.id, $0.id) < ($1.repoTags.first ?? $1.id, $1.id) }
    }

    /// The unpacked layer directories of `image`, base first; throws `.notFound` if one is missing.
    public func layerPaths(_ image: ImageRecord) async throws -> [String] {
        try ContentDigest.chainIDs(image.layers).map { chainID in
            let path = try layerPath(chainID)
            guard FileManager.default.fileExists(atPath: path) else {
                throw RuntimeError(.notFound, "layer \(chainID) of image \(image.id) is not unpacked")
            }
            return path
        }
    }

    /// The filesystem holding the store's root.
    public func imageFilesystem() async throws -> FilesystemUsage {
        try FilesystemUsage.of(path: root)
    }

    /// Removes the image (all its names, as CRI RemoveImage) and the blobs and layers no other
    /// image uses; throws `.notFound` when `reference` names no stored image.
    public func removeImage(_ reference: String) async throws {
        guard let image = stored(reference) else {
            throw RuntimeError(.notFound, "image \"\(reference)\" not found")
        }
        images[image.record.id] = nil
        try saveIndex()
        var keepBlobs = Set(images.values.flatMap(\.blobs))
        var keepLayers = Set(images.values.flatMap { ContentDigest.chainIDs($0.record.layers) })
        keepBlobs.formUnion(leases.keys)
        keepLayers.formUnion(leases.keys)
        let fm = FileManager.default
        for digest in image.blobs where !keepBlobs.contains(digest) {
            try? fm.removeItem(atPath: try blobPath(digest))
        }
        for chainID in ContentDigest.chainIDs(image.record.layers) where !keepLayers.contains(chainID) {
            let path = try layerPath(chainID)
            let doomed = "\(scratch)/remove-\(UUID().uuidString)"
            // Rename first so a half-removed directory is never taken for an unpacked layer.
            if rename(path, doomed) == 0 { try? fm.removeItem(atPath: doomed) }
        }
        logger.info("removed image", metadata: ["image": "\(image.record.id)"])
    }

    /// The stored image `reference` names: a tag, a digest reference, an image id
    /// (`sha256:<hex>`), or a unique prefix of at least 12 hex digits of an image id.
    func stored(_ reference: String) -> StoredImage? {
        if reference.hasPrefix("sha256:") {
            if let exact = images[reference] { return exact }
            return uniqueIDPrefix(String(reference.dropFirst(7)))
        }
        if let ref = try? ImageReference(parsing: reference) {
            if let digest = ref.digest {
                let repoDigest = ref.repoDigest(digest)
                if let found = images.values.first(where: { $0.record.repoDigests.contains(repoDigest) }) { return found }
            } else if let tag = ref.repoTag,
                let found = images.values.first(where: { $0.record.repoTags.contains(tag) })
            {
                return found
            }
        }
        return uniqueIDPrefix(reference)
    }

    func uniqueIDPrefix(_ hex: String) -> StoredImage? {
        guard hex.count >= 12, hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        let matches = images.values.filter { $0.record.id.dropFirst(7).hasPrefix(hex) }
        return matches.count == 1 ? matches.first : nil
    }

    // MARK: - Recording

    /// Records an image with these parts, merging names with an existing record of the same id
    /// and moving its tags away from any other image; saves the index.
    func commit(
        id: String, repoTags: [String], repoDigests: [String], size: Int64, config: ImageConfig, diffIDs: [String],
        blobs: [String]
    ) throws -> ImageRecord {
        var changed = false
        for (otherID, var other) in images where otherID != id {
            let before = other.record.repoTags.count
            other.record.repoTags.removeAll { repoTags.contains($0) }
            if other.record.repoTags.count != before {
                images[otherID] = other
                changed = true
            }
        }
        let previous = images[id]
        var stored = previous ?? StoredImage(
            record: ImageRecord(id: id, repoTags: [], repoDigests: [], size: size, config: config, layers: diffIDs),
            blobs: [])
        for tag in repoTags where !stored.record.repoTags.contains(tag) { stored.record.repoTags.append(tag) }
        for digest in repoDigests where !stored.record.repoDigests.contains(digest) { stored.record.repoDigests.append(digest) }
        for blob in blobs where !stored.blobs.contains(blob) { stored.blobs.append(blob) }
        images[id] = stored
        // A pull of an image already stored as it is (`:latest` under imagePullPolicy Always, each
        // pod) leaves the index as it was: no rewrite.
        if changed || stored != previous { try saveIndex() }
        return stored.record
    }

    /// Writes `index.json` atomically (a new file renamed over the old).
    func saveIndex() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let index = IndexFile(images: images.values.sorted { $0.record.id < $1.record.id })
        do {
            try encoder.encode(index).write(to: URL(fileURLWithPath: "\(root)/index.json"), options: .atomic)
        } catch {
            throw RuntimeError(.other, "write image index \(root)/index.json", cause: error)
        }
    }
}
