import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// A client of the distribution (registry v2) API: resolves references to this platform's image
/// manifest through the configured mirrors, and downloads blobs with their digests verified.
/// Errors are `RuntimeError(.imagePull)` worded as containerd's.
public final class RegistryClient: Sendable {
    /// The mirrors and credentials used.
    public let config: RegistryConfig
    let plainClient: HTTPClient
    let tlsClients = Mutex<[RegistryConfig.TLS: HTTPClient]>([:])
    /// `Authorization` header values by `host repository`, learned from challenges.
    let authorizations = Mutex<[String: String]>([:])

    /// The largest manifest or token response read.
    static let maxDocument = 4 * 1024 * 1024

    /// A client using `config`'s mirrors and credentials. Call `shutdown` when done.
    public init(config: RegistryConfig = RegistryConfig()) {
        self.config = config
        plainClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.configuration(tls: nil))
    }

    /// Closes the client's connections.
    public func shutdown() async {
        try? await plainClient.shutdown()
        for client in tlsClients.withLock({ Array($0.values) }) { try? await client.shutdown() }
    }

    /// Where a resolved image comes from, and its platform manifest.
    struct ResolvedImage: Sendable {
        /// The endpoint that answered.
        var endpoint: RegistryEndpoint
        /// The repository at that endpoint (after rewrites).
        var repository: String
        /// Digest of what the reference names (an index or a manifest): the repo digest.
        var digest: String
        /// Digest of the platform manifest.
        var manifestDigest: String
        /// The platform manifest.
        var manifest: OCIManifest
    }

    /// Resolves `reference` to the manifest for linux on this architecture, trying each endpoint
    /// in order. Throws `RuntimeError(.imagePull)` saying why it cannot.
    func resolve(_ reference: ImageReference) async throws -> ResolvedImage {
        let ref = reference.description
        var lastError: RuntimeError?
        for endpoint in config.endpoints(for: reference.domain) {
            let repository = endpoint.isDefault ? reference.path : endpoint.rewrite(reference.path)
            do {
                guard let top = try await fetchManifest(endpoint, repository, reference.manifestReference) else {
                    continue  // not found here; try the next endpoint
                }
                if let pinned = reference.digest, pinned != top.digest {
                    throw RuntimeError(.imagePull, "unexpected manifest digest \(top.digest), expected \(pinned)")
                }
                var manifestDigest = top.digest
                var bytes = top.bytes
                if MediaType.isIndex(top.mediaType) {
                    let index = try OCIJSON.decode(OCIIndex.self, bytes, what: "image index", code: .imagePull)
                    guard let chosen = ImagePlatform.choose(from: index) else {
                        throw RuntimeError(
                            .imagePull, "no match for platform in manifest \(top.digest): not found")
                    }
                    guard let platform = try await fetchManifest(endpoint, repository, chosen.digest) else {
                        throw RuntimeError(.imagePull, "\(reference.name)@\(chosen.digest): not found")
                    }
                    guard platform.digest == chosen.digest else {
                        throw RuntimeError(.imagePull, "unexpected manifest digest \(platform.digest), expected \(chosen.digest)")
                    }
                    manifestDigest = platform.digest
                    bytes = platform.bytes
                } else if !MediaType.isManifest(top.mediaType) {
                    throw RuntimeError(.imagePull, "unsupported manifest media type \(top.mediaType)")
                }
                let manifest = try OCIJSON.decode(OCIManifest.self, bytes, what: "image manifest", code: .imagePull)
                return ResolvedImage(
                    endpoint: endpoint, repository: repository, digest: top.digest, manifestDigest: manifestDigest,
                    manifest: manifest)
            } catch let error as RuntimeError {
                lastError = error
            }
        }
        if let lastError {
            throw RuntimeError(.imagePull, "failed to resolve reference \"\(ref)\": \(lastError.message)", cause: lastError.cause)
        }
        throw RuntimeError(.imagePull, "failed to resolve reference \"\(ref)\": \(ref): not found")
    }

    /// A manifest document as the registry served it.
    struct FetchedManifest: Sendable {
        var digest: String
        var mediaType: String
        var bytes: [UInt8]
    }

    /// The manifest `reference` (tag or digest) of `repository`, or nil when the endpoint says 404.
    func fetchManifest(_ endpoint: RegistryEndpoint, _ repository: String, _ reference: String) async throws -> FetchedManifest? {
        let url = "\(endpoint.baseURL)/\(repository)/manifests/\(reference)"
        let response = try await send(url, endpoint: endpoint, repository: repository, accept: MediaType.manifestAccept, timeout: .seconds(60))
        if response.status == .notFound { return nil }
        try Self.check(response, url: url)
        let bytes: [UInt8]
        do {
            bytes = Array(try await response.body.collect(upTo: Self.maxDocument).readableBytesView)
        } catch {
            throw RuntimeError(.imagePull, "failed to read manifest from \(url)", cause: error)
        }
        let declared = response.headers.first(name: "Content-Type").flatMap { $0.split(separator: ";").first }
            .map { String($0).trimmingCharacters(in: .whitespaces) }
        let mediaType = OCIJSON.mediaType(of: bytes) ?? declared ?? MediaType.ociManifest
        if mediaType == MediaType.dockerSchema1 {
            throw RuntimeError(.imagePull, "\(repository):\(reference): Docker image manifest schema 1 is not supported")
        }
        return FetchedManifest(digest: ContentDigest.of(bytes), mediaType: mediaType, bytes: bytes)
    }

    /// Downloads the blob `descriptor` of `repository` at `endpoint` to `path` (replaced
    /// atomically), verifying its size and digest.
    func fetchBlob(_ descriptor: OCIDescriptor, endpoint: RegistryEndpoint, repository: String, to path: String) async throws {
        var url = "\(endpoint.baseURL)/\(repository)/blobs/\(descriptor.digest)"
        var response = try await send(url, endpoint: endpoint, repository: repository, accept: ["*/*"], timeout: .hours(2))
        var redirects = 0
        while [301, 302, 303, 307, 308].contains(response.status.code), let location = response.headers.first(name: "Location"),
            redirects < 5
        {
            redirects += 1
            url = URL(string: location, relativeTo: URL(string: url))?.absoluteString ?? location
            // Storage back ends (S3, CDNs) get no registry credentials.
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "User-Agent", value: Self.userAgent)
            do {
                response = try await client(for: endpoint).execute(request, timeout: .hours(2))
            } catch {
                throw RuntimeError(.imagePull, "failed to do request: Get \"\(url)\": \(Self.describe(error, url: url))")
            }
        }
        if response.status == .notFound {
            throw RuntimeError(.imagePull, "failed to copy: httpReadSeeker: failed open: content at \(url) not found: not found")
        }
        try Self.check(response, url: url)
        let temp = "\(path).partial-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temp, contents: nil), let handle = FileHandle(forWritingAtPath: temp) else {
            throw RuntimeError(.other, "create \(temp)")
        }
        var keep = false
        defer {
            try? handle.close()
            if !keep { try? FileManager.default.removeItem(atPath: temp) }
        }
        var hasher = SHA256()
        var size: Int64 = 0
        do {
            for try await chunk in response.body {
                chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                try handle.write(contentsOf: Data(chunk.readableBytesView))
                size += Int64(chunk.readableBytes)
                if size > descriptor.size { break }
            }
        } catch {
            throw RuntimeError(.imagePull, "failed to copy \(descriptor.digest): reading from \(url)", cause: error)
        }
        let digest = "sha256:" + ContentDigest.hex(hasher.finalize())
        guard size == descriptor.size, digest == descriptor.digest else {
            let got = size == descriptor.size ? "digest \(digest)" : "size \(size)"
            throw RuntimeError(
                .imagePull,
                "failed to copy \(descriptor.digest): unexpected commit \(got), expected \(descriptor.digest) of size \(descriptor.size): failed precondition")
        }
        try handle.close()
        guard rename(temp, path) == 0 else { throw RuntimeError(.other, "rename \(temp) to \(path)") }
        keep = true
    }

    static let userAgent = "skiff"

    /// A transport error as Go's net package words it (`dial tcp 127.0.0.1:9: connect:
    /// connection refused`), which is what containerd's messages carry.
    static func describe(_ error: any Error, url: String) -> String {
        guard let io = error as? IOError else { return "\(error)" }
        let parsed = URL(string: url)
        let port = parsed?.port ?? (parsed?.scheme == "https" ? 443 : 80)
        let host = parsed?.host.map { "\($0):\(port)" } ?? url
        return "dial tcp \(host): connect: \(String(cString: strerror(io.errnoCode)).lowercased())"
    }

    /// Throws the containerd-worded error for a non-2xx response.
    static func check(_ response: HTTPClientResponse, url: String) throws {
        let code = response.status.code
        if (200..<300).contains(code) { return }
        if code == 401 || code == 403 {
            throw RuntimeError(
                .imagePull,
                "pull access denied, repository does not exist or may require authorization: unexpected status from GET request to \(url): \(code) \(response.status.reasonPhrase)")
        }
        throw RuntimeError(.imagePull, "unexpected status from GET request to \(url): \(code) \(response.status.reasonPhrase)")
    }

    static func configuration(tls: RegistryConfig.TLS?) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        // Fail at once when a registry refuses connections (the pool would retry until the
        // connect timeout); the caller tries the next endpoint.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        if let tls {
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            if tls.insecureSkipVerify { tlsConfiguration.certificateVerification = .none }
            if let ca = tls.caFile { tlsConfiguration.trustRoots = .file(ca) }
            if let cert = tls.certFile, let key = tls.keyFile, let chain = try? NIOSSLCertificate.fromPEMFile(cert) {
                tlsConfiguration.certificateChain = chain.map { .certificate($0) }
                tlsConfiguration.privateKey = .file(key)
            }
            configuration.tlsConfiguration = tlsConfiguration
        }
        return configuration
    }

    /// The HTTP client for `endpoint`'s TLS settings.
    func client(for endpoint: RegistryEndpoint) -> HTTPClient {
        guard let tls = endpoint.tls, !endpoint.isPlainHTTP else { return plainClient }
        return tlsClients.withLock { clients in
            if let client = clients[tls] { return client }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.configuration(tls: tls))
            clients[tls] = client
            return client
        }
    }
}
