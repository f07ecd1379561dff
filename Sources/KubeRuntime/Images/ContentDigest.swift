import Crypto
import Foundation

/// SHA-256 content digests (`sha256:<hex>`) of bytes and files, and chain ids of layer stacks.
enum ContentDigest {
    /// `sha256:<hex>` of `bytes`.
    static func of(_ bytes: some DataProtocol) -> String {
        "sha256:" + hex(SHA256.hash(data: bytes))
    }

    /// `sha256:<hex>` and byte count of the file at `path`, read in chunks.
    static func ofFile(_ path: String) throws -> (digest: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RuntimeError(.other, "open \(path): no such file or directory")
        }
        defer { try? handle.close() }
        return try ofStream(handle)
    }

    /// `sha256:<hex>` and byte count of everything `handle` yields until end of file.
    static func ofStream(_ handle: FileHandle) throws -> (digest: String, size: Int64) {
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            guard let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return ("sha256:" + hex(hasher.finalize()), size)
    }

    /// The hex part of a `sha256:<hex>` digest; throws unless it is exactly that form (so it is
    /// safe as a file name).
    static func hexPart(_ digest: String) throws -> String {
        guard digest.hasPrefix("sha256:") else {
            throw RuntimeError(.other, "unsupported digest algorithm in \"\(digest)\"")
        }
        let hex = String(digest.dropFirst(7))
        guard hex.count == 64, hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw RuntimeError(.other, "invalid digest \"\(digest)\"")
        }
        return hex
    }

    /// The chain ids of layers with these diff ids, base first: the first is its diff id, each
    /// next is `sha256(parent + " " + diffID)` (OCI image spec).
    static func chainIDs(_ diffIDs: [String]) -> [String] {
        var result: [String] = []
        for diffID in diffIDs {
            if let parent = result.last {
                result.append(of(Array("\(parent) \(diffID)".utf8)))
            } else {
                result.append(diffID)
            }
        }
        return result
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        var s = ""
        s.reserveCapacity(64)
        for byte in digest {
            s.append(digits[Int(byte >> 4)])
            s.append(digits[Int(byte & 0xf)])
        }
        return s
    }
}
