import Foundation
import Testing

@testable import KubeRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// Imports of `docker save` and OCI-layout tarballs, whiteouts, and removal.
@Suite struct ImageImportTests {
    /// Runs `body` with an empty store in a temporary directory.
    func withStore(_ body: (ImageStore, String) async throws -> Void) async throws {
        let root = try BusyboxFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try ImageStore(root: root)
        do {
            try await body(store, root)
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }

    /// The image config digest of the busybox layout the script builds.
    func busyboxID(_ work: String) throws -> String {
        try BusyboxFixture.script(["oci", "\(work)/layout"])
        let index = try JSONDecoder().decode(OCIIndex.self, from: Data(contentsOf: URL(fileURLWithPath: "\(work)/layout/index.json")))
        let manifestDigest = try #require(index.manifests.first?.digest)
        let manifest = try JSONDecoder().decode(
            OCIManifest.self,
            from: Data(contentsOf: URL(fileURLWithPath: "\(work)/layout/blobs/sha256/\(manifestDigest.dropFirst(7))")))
        return manifest.config.digest
    }

    /// `docker save` (via skopeo's docker-archive) and OCI-layout tarballs of the busybox image.
    @Test(arguments: ["docker-archive", "oci-archive"])
    func importsABusyboxTarball(kind: String) async throws {
        let work = try BusyboxFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let archive = "\(work)/busybox-\(kind).tar"
        try BusyboxFixture.script([kind, archive])
        let expectedID = try busyboxID(work)
        try await withStore { store, root in
            let records = try await store.importImages(from: archive)
            let record = try #require(records.first)
            #expect(records.count == 1)
            #expect(record.id == expectedID)
            #expect(record.repoTags == ["docker.io/library/busybox:latest"])
            #expect(record.config.cmd == ["sh"])
            // docker save has no manifest; one is written, as containerd's importer does.
            #expect(record.repoDigests.count == 1)
            #expect(record.repoDigests.first?.hasPrefix("docker.io/library/busybox@sha256:") == true)
            let layer = try #require(try await store.layerPaths(record).first)
            #expect(FileManager.default.isExecutableFile(atPath: "\(layer)/bin/busybox"))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(layer)/bin/sleep") == "busybox")
            #expect(try await store.image("busybox")?.id == expectedID)
            // Importing again changes nothing.
            _ = try await store.importImages(from: archive)
            #expect(try await store.listImages() == [record])
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/tmp").isEmpty)
        }
    }

    @Test func rejectsALayoutWithATamperedBlob() async throws {
        let work = try BusyboxFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let base = "\(work)/base"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: "\(base)/hello"))
        try LayoutWriter.write("\(work)/layout", layers: [base], cmd: ["cat", "/hello"], name: "example.com/tampered:v1")
        let blobs = try FileManager.default.contentsOfDirectory(atPath: "\(work)/layout/blobs/sha256")
        // The gzip blob is the layer; flip its last byte.
        let layer = try #require(blobs.first { LayerUnpacker.Compression.detect("\(work)/layout/blobs/sha256/\($0)") == .gzip })
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "\(work)/layout/blobs/sha256/\(layer)"))
        bytes[bytes.count - 1] ^= 0xff
        try bytes.write(to: URL(fileURLWithPath: "\(work)/layout/blobs/sha256/\(layer)"))
        try await withStore { (store: ImageStore, root: String) async throws in
            let rejected = await #expect(throws: RuntimeError.self) { _ = try await store.importImages(from: "\(work)/layout") }
            #expect(rejected?.message.contains("has digest") == true)
            #expect(try await store.listImages().isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/layers").isEmpty)
        }
    }

    @Test func convertsWhiteoutsForOverlayfs() async throws {
        let work = try BusyboxFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let fm = FileManager.default
        let base = "\(work)/base", upper = "\(work)/upper"
        for dir in ["\(base)/dir", "\(upper)/dir"] { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        for file in ["\(base)/gone", "\(base)/kept", "\(base)/dir/old", "\(upper)/dir/new", "\(upper)/.wh.gone", "\(upper)/dir/.wh..wh..opq"] {
            try Data("x\n".utf8).write(to: URL(fileURLWithPath: file))
        }
        try LayoutWriter.write("\(work)/layout", layers: [base, upper], cmd: ["sh"], name: "example.com/whiteouts:v1")
        try await withStore { store, _ in
            let record = try #require(try await store.importImages(from: "\(work)/layout").first)
            let paths = try await store.layerPaths(record)
            #expect(paths.count == 2)
            let (lower, top) = (paths[0], paths[1])
            #expect(fm.fileExists(atPath: "\(lower)/gone"))
            #expect(fm.fileExists(atPath: "\(lower)/dir/old"))

            var info = stat()
            #expect(lstat("\(top)/gone", &info) == 0)
            #expect(info.st_mode & S_IFMT == S_IFCHR)
            #expect(info.st_rdev == 0)
            #expect(!fm.fileExists(atPath: "\(top)/.wh.gone"))
            #expect(!fm.fileExists(atPath: "\(top)/dir/.wh..wh..opq"))
            var value = [UInt8](repeating: 0, count: 8)
            let length = linuxGetxattr("\(top)/dir", "trusted.overlay.opaque", &value, value.count)
            #expect(length == 1 && value[0] == UInt8(ascii: "y"))
            #expect(linuxGetxattr("\(lower)/dir", "trusted.overlay.opaque", &value, value.count) < 0)

            // As overlayfs lower directories (top first), in a private mount namespace that
            // takes the mount away when the command exits: the whiteouts hide what they should.
            let merged = "\(work)/merged"
            try fm.createDirectory(atPath: merged, withIntermediateDirectories: true)
            let listing = try BusyboxFixture.run(
                "/usr/bin/unshare",
                [
                    "-m", "--propagation", "private", "/bin/sh", "-c",
                    "mount -t overlay overlay -o lowerdir=\(top):\(lower) \(merged) && cd \(merged) && find . | sort",
                ])
            #expect(listing.split(separator: "\n") == [".", "./dir", "./dir/new", "./kept"])
        }
    }

    @Test func removeFreesWhatNoOtherImageUses() async throws {
        let work = try BusyboxFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let fm = FileManager.default
        let shared = "\(work)/shared", own = "\(work)/own"
        for dir in [shared, own] { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try Data("shared\n".utf8).write(to: URL(fileURLWithPath: "\(shared)/shared"))
        try Data("own\n".utf8).write(to: URL(fileURLWithPath: "\(own)/own"))
        try LayoutWriter.write("\(work)/a", layers: [shared], cmd: ["a"], name: "example.com/a:v1")
        try LayoutWriter.write("\(work)/b", layers: [shared, own], cmd: ["b"], name: "example.com/b:v1")
        try await withStore { store, root in
            let a = try #require(try await store.importImages(from: "\(work)/a").first)
            let b = try #require(try await store.importImages(from: "\(work)/b").first)
            let blobs = { try fm.contentsOfDirectory(atPath: "\(root)/blobs/sha256").count }
            let layers = { try fm.contentsOfDirectory(atPath: "\(root)/layers").count }
            #expect(try blobs() == 4)  // two configs, two layers
            #expect(try layers() == 2)
            let bPaths = try await store.layerPaths(b)

            try await store.removeImage("example.com/b:v1")
            #expect(try await store.image("example.com/b:v1") == nil)
            #expect(try blobs() == 2)  // a's config and the shared layer
            #expect(try layers() == 1)
            #expect(try await store.layerPaths(a) == [bPaths[0]])
            #expect(!fm.fileExists(atPath: bPaths[1]))

            try await store.removeImage(a.id)
            #expect(try blobs() == 0)
            #expect(try layers() == 0)
            #expect(try await store.listImages().isEmpty)
            let error = await #expect(throws: RuntimeError.self) { try await store.removeImage("example.com/a:v1") }
            #expect(error?.code == .notFound)
        }
    }
}

/// `getxattr(2)`, which Glibc's module map does not export.
@_silgen_name("getxattr")
private func linuxGetxattr(
    _ path: UnsafePointer<CChar>, _ name: UnsafePointer<CChar>, _ value: UnsafeMutableRawPointer, _ size: Int
) -> Int
