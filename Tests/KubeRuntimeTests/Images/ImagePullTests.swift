import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import KubeRuntime

/// Pulls from a real local registry (Debian's docker-registry) through a docker.io mirror.
@Suite struct ImagePullTests {
    /// Runs `body` with a fresh registry and a store that mirrors docker.io to it.
    func withRegistry(_ body: (LocalRegistry, ImageStore, String) async throws -> Void) async throws {
        let registry = try LocalRegistry.start()
        defer { registry.stop() }
        let root = try BusyboxFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try ImageStore(root: root, registryConfig: try registry.dockerHubMirror)
        do {
            try await body(registry, store, root)
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }

    @Test func pullsBusyboxThroughADockerHubMirror() async throws {
        try await withRegistry { _, store, root in
            let record = try await store.pullImage("busybox")
            #expect(record.repoTags == ["docker.io/library/busybox:latest"])
            #expect(record.repoDigests.count == 1)
            #expect(record.repoDigests.first?.hasPrefix("docker.io/library/busybox@sha256:") == true)
            #expect(record.config.cmd == ["sh"])
            #expect(record.config.env?.contains { $0.hasPrefix("PATH=") } == true)
            #expect(record.layers.count == 1)
            #expect(record.size > 500_000)

            let paths = try await store.layerPaths(record)
            #expect(paths.count == 1)
            let layer = try #require(paths.first)
            #expect(FileManager.default.isExecutableFile(atPath: "\(layer)/bin/busybox"))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(layer)/bin/sh") == "busybox")
            #expect(try String(contentsOfFile: "\(layer)/etc/passwd", encoding: .utf8).contains("nobody:x:65534"))

            // Found by tag, digest, id and id prefix; the index survives reopening.
            for name in ["busybox", "docker.io/library/busybox:latest", record.id, String(record.id.dropFirst(7).prefix(12))]
                + record.repoDigests
            {
                #expect(try await store.image(name)?.id == record.id, "lookup by \(name)")
            }
            #expect(try await store.image("busybox:1.0") == nil)
            let reopened = try ImageStore(root: root)
            #expect(try await reopened.listImages() == [record])
            await reopened.shutdown()
        }
    }

    @Test func twoTagsOfOneImageShareBlobsAndUnpackOnce() async throws {
        try await withRegistry { registry, store, root in
            try registry.push("library/busybox:1.36")
            async let latest = store.pullImage("busybox:latest")
            async let tagged = store.pullImage("docker.io/library/busybox:1.36")
            let (a, b) = try await (latest, tagged)
            #expect(a.id == b.id)
            let layers = try FileManager.default.contentsOfDirectory(atPath: "\(root)/layers")
            #expect(layers.count == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/blobs/sha256").count == 2)
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/tmp").isEmpty)
            let images = try await store.listImages()
            #expect(images.count == 1)
            #expect(Set(images.first?.repoTags ?? []) == ["docker.io/library/busybox:latest", "docker.io/library/busybox:1.36"])

            // Pulling again downloads nothing new and leaves the unpacked layer and the index as
            // they were (the index is not rewritten when nothing changed).
            let layerDir = "\(root)/layers/\(layers[0])"
            var before = stat()
            var indexBefore = stat()
            #expect(lstat(layerDir, &before) == 0)
            #expect(lstat("\(root)/index.json", &indexBefore) == 0)
            _ = try await store.pullImage("busybox")
            var after = stat()
            var indexAfter = stat()
            #expect(lstat(layerDir, &after) == 0)
            #expect(after.st_ino == before.st_ino)
            #expect(lstat("\(root)/index.json", &indexAfter) == 0)
            #expect(indexAfter.st_ino == indexBefore.st_ino)
        }
    }

    @Test func pullsByDigestAndFromTheRegistryItself() async throws {
        try await withRegistry { registry, store, _ in
            let byTag = try await store.pullImage("busybox")
            let repoDigest = try #require(byTag.repoDigests.first)
            let digest = String(repoDigest.split(separator: "@")[1])
            let direct = try await store.pullImage("\(registry.address)/library/busybox@\(digest)")
            #expect(direct.id == byTag.id)
            #expect(direct.repoDigests.contains("\(registry.address)/library/busybox@\(digest)"))
        }
    }

    @Test func rejectsABlobWhoseDigestDoesNotMatch() async throws {
        try await withRegistry { registry, store, root in
            // Corrupt the layer in the registry's storage, keeping its size.
            let index = try JSONDecoder().decode(
                OCIIndex.self, from: Data(contentsOf: URL(fileURLWithPath: "/tmp/skiff-registry-\(registry.address.split(separator: ":")[1])/oci/index.json")))
            let layoutBlobs = "/tmp/skiff-registry-\(registry.address.split(separator: ":")[1])/oci/blobs/sha256"
            let manifestDigest = try #require(index.manifests.first?.digest)
            let manifest = try JSONDecoder().decode(
                OCIManifest.self, from: Data(contentsOf: URL(fileURLWithPath: "\(layoutBlobs)/\(manifestDigest.dropFirst(7))")))
            let layer = try #require(manifest.layers.first)
            let handle = try #require(FileHandle(forWritingAtPath: registry.blobFile(layer.digest)))
            try handle.seek(toOffset: UInt64(layer.size / 2))
            try handle.write(contentsOf: Data(repeating: 0x5a, count: 64))
            try handle.close()

            let error = await #expect(throws: RuntimeError.self) { _ = try await store.pullImage("busybox") }
            #expect(error?.code == .imagePull)
            #expect(
                error?.message.hasPrefix(
                    "failed to pull and unpack image \"docker.io/library/busybox:latest\": failed to copy \(layer.digest): unexpected commit digest"
                ) == true, "\(String(describing: error))")
            #expect(!FileManager.default.fileExists(atPath: "\(root)/blobs/sha256/\(layer.digest.dropFirst(7))"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/layers").isEmpty)
            #expect(try await store.image("busybox") == nil)
        }
    }

    @Test func saysWhenAnImageIsNotFound() async throws {
        try await withRegistry { _, store, _ in
            let error = await #expect(throws: RuntimeError.self) { _ = try await store.pullImage("nothere:v1") }
            #expect(error?.code == .imagePull)
            #expect(
                error?.message
                    == "failed to pull and unpack image \"docker.io/library/nothere:v1\": failed to resolve reference \"docker.io/library/nothere:v1\": docker.io/library/nothere:v1: not found"
            )
            let invalid = await #expect(throws: RuntimeError.self) { _ = try await store.pullImage("Not/Valid") }
            #expect(invalid?.code == .invalidImageName)
        }
    }

    @Test func authenticatesWithBasicCredentials() async throws {
        let registry = try LocalRegistry.startWithBasicAuth()
        defer { registry.stop() }
        let root = try BusyboxFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let reference = "\(registry.address)/library/busybox:latest"

        let anonymous = try ImageStore(root: root)
        let denied = await #expect(throws: RuntimeError.self) { _ = try await anonymous.pullImage(reference) }
        await anonymous.shutdown()
        #expect(denied?.code == .imagePull)
        #expect(denied?.message.hasSuffix("failed to authorize: no basic auth credentials") == true, "\(String(describing: denied))")

        let config = try RegistryConfig(yaml: """
            configs:
              "\(registry.address)":
                auth:
                  auth: "\(Data("\(LocalRegistry.user):\(LocalRegistry.password)".utf8).base64EncodedString())"
            """)
        let store = try ImageStore(root: root, registryConfig: config)
        do {
            let pulled = try await store.pullImage(reference)
            #expect(pulled.repoTags == [reference])
            #expect(try await store.layerPaths(pulled).count == 1)
        } catch {
            Issue.record(error, "pull with credentials")
        }
        await store.shutdown()
    }

    @Test func fetchesABearerTokenWhenChallenged() async throws {
        let registry = try LocalRegistry.startWithTokenAuth()
        defer { registry.stop() }
        let root = try BusyboxFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try ImageStore(root: root)
        do {
            let record = try await store.pullImage("\(registry.address)/library/busybox")
            #expect(record.config.cmd == ["sh"])
            #expect(try await store.layerPaths(record).count == 1)
        } catch {
            Issue.record(error, "pull from a registry with token auth")
        }
        await store.shutdown()
    }

    @Test func verifiesTheRegistryCertificateAsConfigured() async throws {
        let registry = try LocalRegistry.startWithTLS()
        defer { registry.stop() }
        let root = try BusyboxFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        func pull(tls: String) async throws -> ImageRecord {
            var config = try RegistryConfig(yaml: """
                mirrors:
                  docker.io:
                    endpoint: ["https://\(registry.address)"]
                configs:
                  "\(registry.address)":
                    tls: \(tls)
                """)
            config.disableDefaultEndpoint = true
            let store = try ImageStore(root: root, registryConfig: config)
            do {
                let record = try await store.pullImage("busybox")
                await store.shutdown()
                return record
            } catch {
                await store.shutdown()
                throw error
            }
        }
        let untrusted = await #expect(throws: RuntimeError.self) { _ = try await pull(tls: "{}") }
        #expect(untrusted?.code == .imagePull)
        #expect(try await pull(tls: "{ca_file: \"\(registry.certificate)\"}").repoTags == ["docker.io/library/busybox:latest"])
        #expect(try await pull(tls: "{insecure_skip_verify: true}").repoTags == ["docker.io/library/busybox:latest"])
    }

    @Test func saysWhenTheRegistryCannotBeReached() async throws {
        let root = try BusyboxFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try ImageStore(root: root)
        // Port 9 (discard) on loopback: nothing listens there.
        let error = await #expect(throws: RuntimeError.self) { _ = try await store.pullImage("127.0.0.1:9/library/busybox") }
        #expect(error?.code == .imagePull)
        #expect(
            error?.message.hasPrefix(
                "failed to pull and unpack image \"127.0.0.1:9/library/busybox:latest\": failed to resolve reference \"127.0.0.1:9/library/busybox:latest\": failed to do request: Get \"http://127.0.0.1:9/v2/library/busybox/manifests/latest\": dial tcp 127.0.0.1:9: connect: connection refused"
            ) == true, "\(String(describing: error))")
        await store.shutdown()
    }
}
