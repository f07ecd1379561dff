import Foundation
import KubeRuntime
import Logging
import Synchronization
import Testing

@testable import Kubelet
@testable import KubeRuntime

/// Image GC over the real content-addressed image store: the busybox image built by
/// `scripts/busybox-image.sh` and an image derived from it (same layer, another config).
@Suite struct ImageGCStoreTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Writes the busybox OCI layout at `dir` (the script fails, and so the test, without busybox-static).
    static func busyboxLayout(_ dir: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["\(repositoryRoot)/scripts/busybox-image.sh", "oci", dir]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "scripts/busybox-image.sh oci \(dir) failed") }
    }

    /// Copies the layout at `source` to `target` with a config that differs by a label, named `name`.
    static func deriveLayout(from source: String, to target: String, name: String) throws {
        let fm = FileManager.default
        try fm.copyItem(atPath: source, toPath: target)
        func blob(_ digest: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: "\(target)/blobs/sha256/\(digest.dropFirst(7))")) }
        func put(_ data: Data) throws -> String {
            let digest = ContentDigest.of(data)
            try data.write(to: URL(fileURLWithPath: "\(target)/blobs/sha256/\(digest.dropFirst(7))"))
            return digest
        }
        func object(_ data: Data) throws -> [String: Any] {
            guard let value = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw Failure(description: "not a JSON object") }
            return value
        }
        var index = try object(Data(contentsOf: URL(fileURLWithPath: "\(target)/index.json")))
        guard var descriptor = (index["manifests"] as? [[String: Any]])?.first, let manifestDigest = descriptor["digest"] as? String else {
            throw Failure(description: "layout has no manifest")
        }
        var manifest = try object(blob(manifestDigest))
        guard var configDescriptor = manifest["config"] as? [String: Any], let configDigest = configDescriptor["digest"] as? String else {
            throw Failure(description: "manifest has no config")
        }
        var config = try object(blob(configDigest))
        var runtimeConfig = config["config"] as? [String: Any] ?? [:]
        runtimeConfig["Labels"] = ["variant": "derived"]
        config["config"] = runtimeConfig
        let configData = try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])
        configDescriptor["digest"] = try put(configData)
        configDescriptor["size"] = configData.count
        manifest["config"] = configDescriptor
        let manifestData = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
        descriptor["digest"] = try put(manifestData)
        descriptor["size"] = manifestData.count
        descriptor["annotations"] = ["io.containerd.image.name": name]
        index["manifests"] = [descriptor]
        try JSONSerialization.data(withJSONObject: index, options: [.sortedKeys]).write(to: URL(fileURLWithPath: "\(target)/index.json"))
    }

    @Test func unusedImagesGoAndLayersAreFreedWhenNoImageUsesThem() async throws {
        let work = NSTemporaryDirectory() + "skiff-imagegc-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: work) }
        try Self.busyboxLayout("\(work)/busybox")
        try Self.deriveLayout(from: "\(work)/busybox", to: "\(work)/derived", name: "example.com/derived:v1")
        let store = try ImageStore(root: "\(work)/store")
        let fm = FileManager.default
        let layers = { try fm.contentsOfDirectory(atPath: "\(work)/store/layers").count }
        let blobs = { try fm.contentsOfDirectory(atPath: "\(work)/store/blobs/sha256").count }
        do {
            let busybox = try #require(try await store.importImages(from: "\(work)/busybox").first)
            let derived = try #require(try await store.importImages(from: "\(work)/derived").first)
            #expect(busybox.id != derived.id)
            #expect(try layers() == 1)
            #expect(try blobs() == 3)  // two configs, one shared layer

            let runtime = InMemoryRuntime()
            let sandbox = try await runtime.runPodSandbox(PodSandboxConfig(name: "p", namespace: "default", uid: "u1", hostname: "p", logDirectory: ""))
            let container = try await runtime.createContainer(
                sandboxID: sandbox,
                ContainerConfig(name: "app", image: "busybox", imageID: busybox.id, layerPaths: try await store.layerPaths(busybox), argv: ["httpd", "-f"], logPath: ""))
            try await runtime.startContainer(container)

            // The filesystem reads as full (its real capacity, nothing available): every
            // eligible image goes, and freeing less than asked is reported.
            let events = ImageGCTests.Recorder()
            var logger = Logger(label: "test.imagegc")
            logger.logLevel = .critical
            let gc = ImageGC(
                images: store, runtime: runtime, policy: ImageGC.Policy(highThresholdPercent: 85, lowThresholdPercent: 80, minimumAge: .zero),
                usage: { FilesystemUsage(capacityBytes: try await store.imageFilesystem().capacityBytes, availableBytes: 0) },
                warn: { reason, _ in events.events.withLock { $0.append(reason) } }, logger: logger)
            await #expect(throws: KubeletError.self) { try await gc.garbageCollect() }
            #expect(try await store.listImages().map(\.id) == [busybox.id])
            #expect(try layers() == 1)  // busybox still uses the layer
            #expect(try blobs() == 2)
            #expect(events.events.withLock { $0 } == ["FreeDiskSpaceFailed"])

            try await runtime.removeContainer(container)
            await #expect(throws: KubeletError.self) { try await gc.garbageCollect() }
            #expect(try await store.listImages().isEmpty)
            #expect(try layers() == 0)
            #expect(try blobs() == 0)
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}
