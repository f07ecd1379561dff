import Foundation

/// Importing images for air-gapped nodes: `docker save` tarballs (`manifest.json` with Config,
/// RepoTags and Layers) and OCI image layouts (`oci-layout`, `index.json`, `blobs/sha256`), as
/// tarballs (optionally gzip-compressed) or directories.
extension ImageStore {
    /// Imports every image in the archive (or image-layout directory) at `path` and returns them.
    /// Names come from `RepoTags` or from the `io.containerd.image.name` /
    /// `org.opencontainers.image.ref.name` annotations. Every blob's digest is verified.
    public func importImages(from path: String) async throws -> [ImageRecord] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RuntimeError(.notFound, "open \(path): no such file or directory")
        }
        if isDirectory.boolValue { return try await importLayout(path, owned: false) }
        let temp = "\(scratch)/import-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        try await ImageToolProcess.run(ImageToolProcess.tool("tar"), ["-x", "--no-same-owner", "-f", path, "-C", temp])
        return try await importLayout(temp, owned: true)
    }

    /// Imports from an unpacked archive; `owned` means its files may be moved into the store.
    func importLayout(_ dir: String, owned: Bool) async throws -> [ImageRecord] {
        let fm = FileManager.default
        if fm.fileExists(atPath: "\(dir)/oci-layout"), fm.fileExists(atPath: "\(dir)/index.json") {
            return try await importOCILayout(dir, owned: owned)
        }
        if fm.fileExists(atPath: "\(dir)/manifest.json") {
            return try await importDockerSave(dir, owned: owned)
        }
        throw RuntimeError(.other, "unrecognised image archive: neither index.json with oci-layout nor manifest.json")
    }

    // MARK: - OCI image layout

    func importOCILayout(_ dir: String, owned: Bool) async throws -> [ImageRecord] {
        let index = try OCIJSON.decode(OCIIndex.self, try readFile("\(dir)/index.json"), what: "index.json", code: .other)
        var records: [ImageRecord] = []
        for descriptor in index.manifests {
            let name = try Self.imageName(descriptor.annotations ?? [:])
            var manifestDescriptor = descriptor
            if MediaType.isIndex(descriptor.mediaType ?? "") {
                let nested = try OCIJSON.decode(
                    OCIIndex.self, try layoutBlob(dir, descriptor), what: "image index \(descriptor.digest)", code: .other)
                guard let chosen = ImagePlatform.choose(from: nested) else {
                    throw RuntimeError(.other, "no match for platform in manifest \(descriptor.digest): not found")
                }
                manifestDescriptor = chosen
            }
            let manifest = try OCIJSON.decode(
                OCIManifest.self, try layoutBlob(dir, manifestDescriptor), what: "image manifest", code: .other)
            let sources = [manifest.config] + manifest.layers
            let blobs = sources.map(\.digest)
            lease(blobs)
            defer { release(blobs) }
            for blob in sources {
                let source = try "\(dir)/blobs/sha256/\(ContentDigest.hexPart(blob.digest))"
                try await adoptBlob(source, digest: blob.digest, size: blob.size, move: owned)
            }
            let configFile = try readConfig(at: try blobPath(manifest.config.digest))
            let diffIDs = configFile.rootfs.diff_ids
            guard diffIDs.count == manifest.layers.count else {
                throw RuntimeError(.other, "image config has \(diffIDs.count) diff ids for \(manifest.layers.count) layers")
            }
            let paths = try manifest.layers.map { try blobPath($0.digest) }
            try await unpackLayers(diffIDs: diffIDs, blobs: paths, fetch: { _ in }, blobDigests: { manifest.layers[$0].digest })
            records.append(
                try commit(
                    id: manifest.config.digest, repoTags: name?.repoTag.map { [$0] } ?? [],
                    repoDigests: name.map { [$0.repoDigest(descriptor.digest)] } ?? [],
                    size: manifest.layers.reduce(0) { $0 + $1.size }, config: configFile.config ?? ImageConfig(),
                    diffIDs: diffIDs, blobs: blobs))
        }
        return records
    }

    /// The image name in a layout's annotations: `io.containerd.image.name`, else
    /// `org.opencontainers.image.ref.name` when it is a full reference (a bare tag names nothing).
    static func imageName(_ annotations: [String: String]) throws -> ImageReference? {
        if let name = annotations["io.containerd.image.name"] { return try ImageReference(parsing: name) }
        guard let refName = annotations["org.opencontainers.image.ref.name"],
            refName.contains(":") || refName.contains("/") || refName.contains("@")
        else { return nil }
        return try ImageReference(parsing: refName)
    }

    /// The bytes of a small layout blob (index or manifest), digest-verified.
    nonisolated func layoutBlob(_ dir: String, _ descriptor: OCIDescriptor) throws -> [UInt8] {
        let bytes = try readFile("\(dir)/blobs/sha256/\(ContentDigest.hexPart(descriptor.digest))")
        guard ContentDigest.of(bytes) == descriptor.digest else {
            throw RuntimeError(.other, "blob \(descriptor.digest) in image archive has digest \(ContentDigest.of(bytes))")
        }
        return bytes
    }

    // MARK: - docker save

    func importDockerSave(_ dir: String, owned: Bool) async throws -> [ImageRecord] {
        struct Entry: Decodable {
            var Config: String
            var RepoTags: [String]?
            var Layers: [String]
        }
        let entries = try OCIJSON.decode([Entry].self, try readFile("\(dir)/manifest.json"), what: "manifest.json", code: .other)
        var records: [ImageRecord] = []
        for entry in entries {
            let tags = try (entry.RepoTags ?? []).compactMap { try ImageReference(parsing: $0).repoTag }
            let configSource = try Self.inside(dir, entry.Config)
            let configDigest = try await ImageToolProcess.onBlockingThread { try ContentDigest.ofFile(configSource) }
            var layerDigests: [(digest: String, size: Int64)] = []
            for layer in entry.Layers {
                let source = try Self.inside(dir, layer)
                layerDigests.append(try await ImageToolProcess.onBlockingThread { try ContentDigest.ofFile(source) })
            }
            let blobs = [configDigest.digest] + layerDigests.map(\.digest)
            lease(blobs)
            defer { release(blobs) }
            try await adoptBlob(configSource, digest: configDigest.digest, size: configDigest.size, move: owned)
            for (layer, digest) in zip(entry.Layers, layerDigests) {
                try await adoptBlob(try Self.inside(dir, layer), digest: digest.digest, size: digest.size, move: owned)
            }
            let configFile = try readConfig(at: try blobPath(configDigest.digest))
            let diffIDs = configFile.rootfs.diff_ids
            guard diffIDs.count == entry.Layers.count else {
                throw RuntimeError(.other, "image config has \(diffIDs.count) diff ids for \(entry.Layers.count) layers")
            }
            let paths = try layerDigests.map { try blobPath($0.digest) }
            try await unpackLayers(diffIDs: diffIDs, blobs: paths, fetch: { _ in }, blobDigests: { layerDigests[$0].digest })
            let manifest = try storeDockerManifest(config: configDigest, layers: layerDigests, layerPaths: paths)
            let names = try (entry.RepoTags ?? []).map { try ImageReference(parsing: $0) }
            records.append(
                try commit(
                    id: configDigest.digest, repoTags: tags, repoDigests: names.map { $0.repoDigest(manifest) },
                    size: layerDigests.reduce(0) { $0 + $1.size }, config: configFile.config ?? ImageConfig(),
                    diffIDs: diffIDs, blobs: blobs + [manifest]))
        }
        return records
    }

    /// Writes the Docker schema 2 manifest of a `docker save` image (which has none) as a blob,
    /// as containerd's importer does, so the image has a manifest digest; returns that digest.
    func storeDockerManifest(
        config: (digest: String, size: Int64), layers: [(digest: String, size: Int64)], layerPaths: [String]
    ) throws -> String {
        let layerDescriptors = zip(layers, layerPaths).map { layer, path in
            let compressed = LayerUnpacker.Compression.detect(path) == .gzip
            return OCIDescriptor(
                mediaType: "application/vnd.docker.image.rootfs.diff.tar\(compressed ? ".gzip" : "")",
                digest: layer.digest, size: layer.size)
        }
        let manifest = OCIManifest(
            schemaVersion: 2, mediaType: MediaType.dockerManifest,
            config: OCIDescriptor(mediaType: "application/vnd.docker.container.image.v1+json", digest: config.digest, size: config.size),
            layers: layerDescriptors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = try encoder.encode(manifest)
        let digest = ContentDigest.of(bytes)
        let path = try blobPath(digest)
        if !FileManager.default.fileExists(atPath: path) {
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        return digest
    }

    /// `dir/relative` with symlinks resolved (skopeo's archives link `<id>/layer.tar` to the
    /// blob), refusing paths that leave `dir`.
    static func inside(_ dir: String, _ relative: String) throws -> String {
        let base = URL(fileURLWithPath: dir).resolvingSymlinksInPath().path
        let resolved = URL(fileURLWithPath: "\(dir)/\(relative)").resolvingSymlinksInPath().path
        guard resolved.hasPrefix(base + "/") else {
            throw RuntimeError(.other, "path \"\(relative)\" in image archive leaves the archive")
        }
        return resolved
    }

    // MARK: - Blobs

    /// Puts the file at `source` into the store as blob `digest` (moved when `move`, else copied)
    /// after checking its size and digest; a blob already stored is kept.
    func adoptBlob(_ source: String, digest: String, size: Int64, move: Bool) async throws {
        let target = try blobPath(digest)
        let scratch = self.scratch
        try await ensureBlob(digest) {
            try await ImageToolProcess.onBlockingThread {
                let actual = try ContentDigest.ofFile(source)
                guard actual.digest == digest, actual.size == size else {
                    throw RuntimeError(
                        .other, "blob \(digest) in image archive has digest \(actual.digest) and size \(actual.size), expected size \(size)")
                }
                let fm = FileManager.default
                if move {
                    guard rename(source, target) == 0 else { throw RuntimeError(.other, "rename \(source) to \(target)") }
                } else {
                    let temp = "\(scratch)/blob-\(UUID().uuidString)"
                    try fm.copyItem(atPath: source, toPath: temp)
                    guard rename(temp, target) == 0 else {
                        try? fm.removeItem(atPath: temp)
                        throw RuntimeError(.other, "rename \(temp) to \(target)")
                    }
                }
            }
        }
    }

    nonisolated func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError(.other, "image archive has no \(path.split(separator: "/").last ?? "")")
        }
        return Array(data)
    }
}
