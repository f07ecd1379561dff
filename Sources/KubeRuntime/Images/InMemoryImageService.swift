/// An `ImageService` in memory, for tests of what uses images (the kubelet's pull policy, image
/// garbage collection): pulls succeed for the references it `offers` and fail as a registry's
/// "not found" otherwise. No files; `layerPaths` returns made-up directories.
public actor InMemoryImageService: ImageService {
    /// Images a pull can find, by normalised reference (`docker.io/library/busybox:latest`).
    var offered: [String: ImageRecord] = [:]
    /// Stored images by id.
    var stored: [String: ImageRecord] = [:]
    /// Normalised references of every pull asked for, in order.
    public private(set) var pulls: [String] = []

    /// An empty service offering nothing.
    public init() {}

    /// Makes `reference` pullable as an image with this config (and a made-up id and layer).
    @discardableResult
    public func offer(_ reference: String, config: ImageConfig = ImageConfig(cmd: ["sh"])) throws -> ImageRecord {
        let ref = try ImageReference(parsing: reference)
        let id = ContentDigest.of(Array(ref.name.utf8))
        let record = ImageRecord(
            id: id, repoTags: ref.repoTag.map { [$0] } ?? [], repoDigests: [ref.repoDigest(ContentDigest.of(Array(id.utf8)))],
            size: 1024, config: config, layers: [ContentDigest.of(Array("layer \(ref.name)".utf8))])
        offered[ref.description] = record
        return record
    }

    /// The offered image `reference` names, now stored; throws `.imagePull` "not found" otherwise.
    public func pullImage(_ reference: String) async throws -> ImageRecord {
        let ref = try ImageReference(parsing: reference)
        pulls.append(ref.description)
        guard let record = offered[ref.description] else {
            throw RuntimeError(
                .imagePull,
                "failed to pull and unpack image \"\(ref)\": failed to resolve reference \"\(ref)\": \(ref): not found")
        }
        var merged = stored[record.id] ?? record
        for tag in record.repoTags where !merged.repoTags.contains(tag) { merged.repoTags.append(tag) }
        stored[record.id] = merged
        return merged
    }

    /// As `ImageService` says, over the images in memory.
    public func image(_ reference: String) async throws -> ImageRecord? {
        if let byID = stored[reference] { return byID }
        guard let ref = try? ImageReference(parsing: reference) else { return nil }
        return stored.values.first { record in
            ref.repoTag.map(record.repoTags.contains) ?? false
                || ref.digest.map { record.repoDigests.contains(ref.repoDigest($0)) } ?? false
        }
    }

    /// As `ImageService` says, over the images in memory.
    public func listImages() async throws -> [ImageRecord] {
        stored.values.sorted { $0.id < $1.id }
    }

    /// As `ImageService` says, over the images in memory.
    public func removeImage(_ reference: String) async throws {
        guard let record = try await image(reference) else {
            throw RuntimeError(.notFound, "image \"\(reference)\" not found")
        }
        stored[record.id] = nil
    }

    /// As `ImageService` says, over the images in memory.
    public func layerPaths(_ image: ImageRecord) async throws -> [String] {
        try ContentDigest.chainIDs(image.layers).map { "/nonexistent/layers/\(try ContentDigest.hexPart($0))" }
    }
}
