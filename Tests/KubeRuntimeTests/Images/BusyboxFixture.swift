import Foundation

@testable import KubeRuntime

/// The busybox test image and local registry of `scripts/busybox-image.sh`, for tests: a real
/// Debian `docker-registry` on loopback holding `library/busybox:latest`, built from Debian's
/// `/bin/busybox` and pushed with `skopeo`. Missing tools make the script, and so the test, fail.
struct BusyboxFixture {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The repository root (this file is Tests/KubeRuntimeTests/Images/BusyboxFixture.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Runs `scripts/busybox-image.sh arguments` and returns its stdout, trimmed.
    @discardableResult
    static func script(_ arguments: [String]) throws -> String {
        try run("/bin/bash", ["\(repositoryRoot)/scripts/busybox-image.sh"] + arguments)
    }

    /// Runs a command and returns its stdout, trimmed; throws with its stderr when it fails.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let err = try FileHandle(forWritingTo: errFile)
        defer { try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed: \(stderr)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ prefix: String = "skiff-img-test") throws -> String {
        let path = "/tmp/\(prefix)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A running local registry holding `library/busybox:latest`; `stop()` when done.
struct LocalRegistry {
    /// `127.0.0.1:PORT`.
    let address: String

    /// Starts a registry (Debian's docker-registry) and pushes the busybox image to it.
    static func start() throws -> LocalRegistry {
        LocalRegistry(address: try BusyboxFixture.script(["start"]))
    }

    /// User and password of the registry `startWithBasicAuth` starts.
    static let user = "skiff", password = "s3cret"

    /// Starts a registry that demands basic auth as `user`/`password` (an htpasswd bcrypt line).
    static func startWithBasicAuth() throws -> LocalRegistry {
        let htpasswd = "/tmp/skiff-htpasswd-\(UUID().uuidString.prefix(8))"
        try Data("skiff:$2b$05$99xYxdHoqp0aSSKsf.V6lO5/o0JuXl4QIwUnR8uhzfOoTfriYL5Be\n".utf8).write(to: URL(fileURLWithPath: htpasswd))
        defer { try? FileManager.default.removeItem(atPath: htpasswd) }
        return LocalRegistry(
            address: try BusyboxFixture.script(["start", "--htpasswd", htpasswd, "--creds", "\(user):\(password)"]))
    }

    /// Starts a registry that demands bearer tokens from its own token service (the
    /// distribution token protocol, as Docker Hub's).
    static func startWithTokenAuth() throws -> LocalRegistry {
        LocalRegistry(address: try BusyboxFixture.script(["start", "--token"]))
    }

    /// Starts a registry serving HTTPS with a self-signed certificate (`certificate`).
    static func startWithTLS() throws -> LocalRegistry {
        LocalRegistry(address: try BusyboxFixture.script(["start", "--tls"]))
    }

    /// The PEM certificate of a registry started with `startWithTLS`.
    var certificate: String { "/tmp/skiff-registry-\(address.split(separator: ":").last ?? "")/tls/cert.pem" }

    /// Pushes the busybox image again as `repoTag` (e.g. `library/busybox:1.36`).
    func push(_ repoTag: String) throws {
        try BusyboxFixture.script(["push", address, repoTag])
    }

    /// Stops the registry and deletes its storage.
    func stop() {
        _ = try? BusyboxFixture.script(["stop", address])
    }

    /// The registry's storage directory (the filesystem driver's root).
    var storage: String { "/tmp/skiff-registry-\(address.split(separator: ":").last ?? "")/data" }

    /// Where the registry keeps blob `digest`.
    func blobFile(_ digest: String) -> String {
        let hex = digest.dropFirst(7)
        return "\(storage)/docker/registry/v2/blobs/sha256/\(hex.prefix(2))/\(hex)/data"
    }

    /// A registries.yaml mirroring docker.io to this registry only (never Docker Hub itself).
    var dockerHubMirror: RegistryConfig {
        get throws {
            var config = try RegistryConfig(yaml: """
                mirrors:
                  docker.io:
                    endpoint:
                      - "http://\(address)"
                """)
            config.disableDefaultEndpoint = true
            return config
        }
    }
}

/// Writes OCI image layouts from directories, for import tests.
enum LayoutWriter {
    /// Writes an OCI layout at `dir` with one image of these layer directories (base first), named
    /// `name` by its `io.containerd.image.name` annotation; returns the image config digest.
    @discardableResult
    static func write(_ dir: String, layers: [String], cmd: [String], name: String?) throws -> String {
        try FileManager.default.createDirectory(atPath: "\(dir)/blobs/sha256", withIntermediateDirectories: true)
        var diffIDs: [String] = []
        var layerDescriptors: [String] = []
        for layer in layers {
            let tar = "\(dir)/layer.tar"
            try BusyboxFixture.run(
                "/usr/bin/tar", ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "-C", layer, "-cf", tar, "."])
            let tarBytes = try Data(contentsOf: URL(fileURLWithPath: tar))
            diffIDs.append(ContentDigest.of(tarBytes))
            try BusyboxFixture.run("/usr/bin/gzip", ["-n", "-f", tar])
            let gz = try Data(contentsOf: URL(fileURLWithPath: tar + ".gz"))
            let digest = try put(gz, in: dir)
            try FileManager.default.removeItem(atPath: tar + ".gz")
            layerDescriptors.append(
                #"{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"\#(digest)","size":\#(gz.count)}"#)
        }
        let cmdJSON = String(decoding: try JSONEncoder().encode(cmd), as: UTF8.self)
        let diffJSON = String(decoding: try JSONEncoder().encode(diffIDs), as: UTF8.self)
        let config = Data(
            #"{"architecture":"\#(ImagePlatform.architecture)","os":"linux","config":{"Cmd":\#(cmdJSON)},"rootfs":{"type":"layers","diff_ids":\#(diffJSON)}}"#
                .utf8)
        let configDigest = try put(config, in: dir)
        let manifest = Data(
            #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\#(configDigest)","size":\#(config.count)},"layers":[\#(layerDescriptors.joined(separator: ","))]}"#
                .utf8)
        let manifestDigest = try put(manifest, in: dir)
        let annotations = name.map { #","annotations":{"io.containerd.image.name":"\#($0)"}"# } ?? ""
        let index = #"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(manifestDigest)","size":\#(manifest.count)\#(annotations)}]}"#
        try Data(index.utf8).write(to: URL(fileURLWithPath: "\(dir)/index.json"))
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: URL(fileURLWithPath: "\(dir)/oci-layout"))
        return configDigest
    }

    /// Stores `data` as a blob of the layout at `dir`; returns its digest.
    static func put(_ data: Data, in dir: String) throws -> String {
        let digest = ContentDigest.of(data)
        try data.write(to: URL(fileURLWithPath: "\(dir)/blobs/sha256/\(digest.dropFirst(7))"))
        return digest
    }
}
