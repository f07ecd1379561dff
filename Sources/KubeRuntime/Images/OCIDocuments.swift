import Foundation

/// The media types of the manifests, configs and layers Skiff reads (OCI and Docker schema 2).
enum MediaType {
    static let ociIndex = "application/vnd.oci.image.index.v1+json"
    static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    static let dockerSchema1 = "application/vnd.docker.distribution.manifest.v1+prettyjws"

    /// Every manifest kind, in the `Accept` header of a manifest request.
    static let manifestAccept = [ociIndex, ociManifest, dockerManifestList, dockerManifest]

    static func isIndex(_ type: String) -> Bool { type == ociIndex || type == dockerManifestList }
    static func isManifest(_ type: String) -> Bool { type == ociManifest || type == dockerManifest }
}

/// A content descriptor: what a blob is, its digest and size.
struct OCIDescriptor: Codable, Sendable, Hashable {
    var mediaType: String?
    var digest: String
    var size: Int64
    var annotations: [String: String]?
    var platform: OCIPlatform?
    var urls: [String]?
}

/// The platform of one manifest in an index.
struct OCIPlatform: Codable, Sendable, Hashable {
    var architecture: String
    var os: String
    var variant: String?
}

/// An image index (OCI) or manifest list (Docker).
struct OCIIndex: Codable, Sendable {
    var schemaVersion: Int
    var mediaType: String?
    var manifests: [OCIDescriptor]
    var annotations: [String: String]?
}

/// An image manifest (OCI or Docker schema 2): one config and the layers, base first.
struct OCIManifest: Codable, Sendable {
    var schemaVersion: Int
    var mediaType: String?
    var config: OCIDescriptor
    var layers: [OCIDescriptor]
}

/// The parts of an image config file Skiff uses.
struct OCIImageConfigFile: Codable, Sendable {
    struct RootFS: Codable, Sendable {
        var type: String
        var diff_ids: [String]
    }
    var architecture: String?
    var os: String?
    var config: ImageConfig?
    var rootfs: RootFS
}

/// The platform this process runs on, in OCI terms, and how to choose it from an index.
enum ImagePlatform {
    /// `amd64`, `arm64`, `arm`, ... for the machine Skiff was built for.
    static var architecture: String {
        #if arch(x86_64)
            return "amd64"
        #elseif arch(arm64)
            return "arm64"
        #elseif arch(arm)
            return "arm"
        #elseif arch(s390x)
            return "s390x"
        #elseif arch(powerpc64le)
            return "ppc64le"
        #else
            return "unknown"
        #endif
    }

    /// The manifest for linux on this architecture (preferring arm64's `v8` variant or none),
    /// or nil when the index has none.
    static func choose(from index: OCIIndex) -> OCIDescriptor? {
        let matching = index.manifests.filter {
            $0.platform?.os == "linux" && $0.platform?.architecture == architecture
                && MediaType.isManifest($0.mediaType ?? MediaType.ociManifest)
        }
        return matching.first { $0.platform?.variant == nil || $0.platform?.variant == "v8" } ?? matching.first
    }
}

/// Decodes registry and image-layout JSON documents.
enum OCIJSON {
    /// The media type a manifest document declares, or nil when it has none.
    static func mediaType(of bytes: [UInt8]) -> String? {
        struct Probe: Decodable {
            var mediaType: String?
            var manifests: [OCIDescriptor]?
            var config: OCIDescriptor?
        }
        guard let probe = try? JSONDecoder().decode(Probe.self, from: Data(bytes)) else { return nil }
        if let mediaType = probe.mediaType { return mediaType }
        if probe.manifests != nil { return MediaType.ociIndex }
        if probe.config != nil { return MediaType.ociManifest }
        return nil
    }

    /// `bytes` decoded as `type`, or a `RuntimeError(code)` saying what `what` is.
    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], what: String, code: RuntimeError.Code) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw RuntimeError(code, "invalid \(what)", cause: error)
        }
    }
}
