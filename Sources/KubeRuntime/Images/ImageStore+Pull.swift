import Foundation

/// Pulling from registries, and the coalesced blob downloads and layer unpacks pulls and imports
/// share.
extension ImageStore {
    /// Pulls `reference` through the configured mirrors, downloading only blobs not already here
    /// and unpacking only layers not already unpacked.
    public func pullImage(_ reference: String) async throws -> ImageRecord {
        let ref = try ImageReference(parsing: reference)
        do {
            return try await pull(ref)
        } catch let error as RuntimeError where error.code == .imagePull || error.code == .command || error.code == .other {
            throw RuntimeError(.imagePull, "failed to pull and unpack image \"\(ref)\": \(error.message)", cause: error.cause)
        }
    }

    func pull(_ ref: ImageReference) async throws -> ImageRecord {
        if let digest = ref.digest, let present = stored("\(ref.name)@\(digest)"),
            (try? await layerPaths(present.record)) != nil
        {
            // Content pinned by digest cannot change: nothing to ask the registry.
            return try commit(
                id: present.record.id, repoTags: ref.repoTag.map { [$0] } ?? [], repoDigests: [], size: present.record.size,
                config: present.record.config, diffIDs: present.record.layers, blobs: [])
        }
        logger.info("pulling image", metadata: ["image": "\(ref)"])
        let resolved = try await registry.resolve(ref)
        let manifest = resolved.manifest
        let registry = self.registry
        let configPath = try blobPath(manifest.config.digest)
        let blobs = [manifest.config.digest] + manifest.layers.map(\.digest)
        lease(blobs)
        defer { release(blobs) }
        try await ensureBlob(manifest.config.digest) {
            try await registry.fetchBlob(manifest.config, endpoint: resolved.endpoint, repository: resolved.repository, to: configPath)
        }
        let configFile = try readConfig(at: configPath)
        let diffIDs = configFile.rootfs.diff_ids
        guard diffIDs.count == manifest.layers.count else {
            throw RuntimeError(.imagePull, "image config has \(diffIDs.count) diff ids for \(manifest.layers.count) layers")
        }
        let layers = try manifest.layers.map { descriptor in
            (descriptor: descriptor, path: try blobPath(descriptor.digest))
        }
        try await unpackLayers(diffIDs: diffIDs, blobs: layers.map(\.path)) { index in
            let layer = layers[index]
            try await registry.fetchBlob(layer.descriptor, endpoint: resolved.endpoint, repository: resolved.repository, to: layer.path)
        } blobDigests: { manifest.layers[$0].digest }
        let record = try commit(
            id: manifest.config.digest, repoTags: ref.repoTag.map { [$0] } ?? [],
            repoDigests: [ref.repoDigest(resolved.digest)], size: manifest.layers.reduce(0) { $0 + $1.size },
            config: configFile.config ?? ImageConfig(), diffIDs: diffIDs, blobs: blobs)
        logger.info("pulled image", metadata: ["image": "\(ref)", "id": "\(record.id)"])
        return record
    }

    /// Makes sure every layer is unpacked: for each layer (concurrently), downloads its blob with
    /// `fetch(i)` if missing, then unpacks it under its chain id if not unpacked yet.
    func unpackLayers(
        diffIDs: [String], blobs: [String], fetch: @escaping @Sendable (Int) async throws -> Void,
        blobDigests: (Int) -> String
    ) async throws {
        let chainIDs = ContentDigest.chainIDs(diffIDs)
        lease(chainIDs)
        defer { release(chainIDs) }
        var missing: [(index: Int, digest: String, chainID: String)] = []
        for index in diffIDs.indices {
            let chainID = chainIDs[index]
            if FileManager.default.fileExists(atPath: try layerPath(chainID)) { continue }
            missing.append((index, blobDigests(index), chainID))
        }
        // At most `layerParallelism` layers download and unpack at once, as containerd's
        // max_concurrent_downloads; the first failure cancels the rest.
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for layer in missing {
                if running >= Self.layerParallelism {
                    try await group.next()
                    running -= 1
                }
                group.addTask {
                    try await self.ensureBlob(layer.digest) { try await fetch(layer.index) }
                    try await self.ensureLayer(layer.chainID, blob: blobs[layer.index], diffID: diffIDs[layer.index])
                }
                running += 1
            }
            try await group.waitForAll()
        }
    }

    /// How many layers of one image are fetched and unpacked at once.
    static let layerParallelism = 3

    /// Runs `fetch` to bring the blob `digest` into the store unless it is there; concurrent
    /// callers for the same digest share one fetch.
    func ensureBlob(_ digest: String, fetch: @escaping @Sendable () async throws -> Void) async throws {
        let path = try blobPath(digest)
        if FileManager.default.fileExists(atPath: path) { return }
        try await coalesced("blob \(digest)") { try await fetch() }
    }

    /// Unpacks the layer blob at `blob` under `chainID` unless it is unpacked; concurrent callers
    /// for the same chain id share one unpack.
    func ensureLayer(_ chainID: String, blob: String, diffID: String) async throws {
        let target = try layerPath(chainID)
        if FileManager.default.fileExists(atPath: target) { return }
        let scratch = self.scratch
        try await coalesced("layer \(chainID)") {
            try await LayerUnpacker.unpack(blob: blob, diffID: diffID, into: target, scratch: scratch)
        }
        logger.debug("unpacked layer", metadata: ["chainID": "\(chainID)"])
    }

    /// Runs `work` once for every concurrent caller with the same `key`.
    func coalesced(_ key: String, _ work: @escaping @Sendable () async throws -> Void) async throws {
        if let running = inFlight[key] {
            try await running.value
            return
        }
        let task = Task { try await work() }
        inFlight[key] = task
        defer { inFlight[key] = nil }
        try await task.value
    }

    /// Keeps `keys` (blob digests or chain ids) from removal until released.
    func lease(_ keys: [String]) {
        for key in keys { leases[key, default: 0] += 1 }
    }

    func release(_ keys: [String]) {
        for key in keys {
            let count = (leases[key] ?? 1) - 1
            leases[key] = count > 0 ? count : nil
        }
    }

    /// The image config file stored at `path`.
    nonisolated func readConfig(at path: String) throws -> OCIImageConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError(.imagePull, "image config \(path) is missing")
        }
        return try OCIJSON.decode(OCIImageConfigFile.self, Array(data), what: "image config", code: .imagePull)
    }
}
