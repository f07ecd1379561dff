import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Unpacks one layer blob into a directory overlayfs can use as a lower directory: GNU tar
/// extracts it (numeric owners, xattrs), the uncompressed stream is checked against the layer's
/// diff id, and OCI whiteouts become overlayfs whiteouts.
enum LayerUnpacker {
    /// How a layer blob is compressed, from its first bytes.
    enum Compression: Sendable {
        case none, gzip, zstd

        /// The compression of the file at `path`.
        static func detect(_ path: String) -> Compression {
            guard let handle = FileHandle(forReadingAtPath: path) else { return .none }
            defer { try? handle.close() }
            let magic = [UInt8]((try? handle.read(upToCount: 4)) ?? Data())
            if magic.starts(with: [0x1f, 0x8b]) { return .gzip }
            if magic.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) { return .zstd }
            return .none
        }
    }

    /// The diff id (digest of the uncompressed tar) of the layer blob at `path`.
    static func diffID(ofBlob path: String) async throws -> String {
        switch Compression.detect(path) {
        case .none: return try await ImageToolProcess.onBlockingThread { try ContentDigest.ofFile(path).digest }
        case .gzip: return try await ImageToolProcess.digestOfOutput(ImageToolProcess.tool("gzip"), ["-dc", path]).digest
        case .zstd: return try await ImageToolProcess.digestOfOutput(ImageToolProcess.tool("zstd"), ["-dcq", path]).digest
        }
    }

    /// Unpacks the layer blob at `blob` into `target` (created by an atomic rename of a
    /// temporary directory under `scratch`), after checking that its uncompressed content has
    /// digest `diffID`. When `target` already exists it is left as it is.
    static func unpack(blob: String, diffID: String, into target: String, scratch: String) async throws {
        let fm = FileManager.default
        let temp = "\(scratch)/unpack-\(UUID().uuidString)"
        try fm.createDirectory(atPath: temp, withIntermediateDirectories: true)
        var done = false
        defer { if !done { try? fm.removeItem(atPath: temp) } }
        var args = ["-x", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-f", blob, "-C", temp]
        switch Compression.detect(blob) {
        case .gzip: args.insert("-z", at: 1)
        case .zstd: args.insert("--zstd", at: 1)
        case .none: break
        }
        async let extracted: Void = ImageToolProcess.run(ImageToolProcess.tool("tar"), args)
        async let actual = Self.diffID(ofBlob: blob)
        try await extracted
        let digest = try await actual
        guard digest == diffID else {
            throw RuntimeError(.imagePull, "failed to unpack layer \(diffID): wrong diff id: got \(digest)")
        }
        try await ImageToolProcess.onBlockingThread { try convertWhiteouts(in: temp) }
        if rename(temp, target) != 0 {
            let err = errno
            if err == EEXIST || err == ENOTEMPTY { return }  // unpacked by another process meanwhile
            throw RuntimeError(.other, "rename \(temp) to \(target): \(String(cString: strerror(err)))")
        }
        done = true
    }

    /// Replaces OCI whiteouts below `root` by overlayfs ones: `.wh.NAME` becomes a character
    /// device 0/0 named NAME, `.wh..wh..opq` becomes `trusted.overlay.opaque=y` on its directory.
    static func convertWhiteouts(in root: String) throws {
        let entries = try FileManager.default.contentsOfDirectory(atPath: root)
        for entry in entries {
            let path = "\(root)/\(entry)"
            if entry == ".wh..wh..opq" {
                try removeFile(path)
                guard linuxSetxattr(root, "trusted.overlay.opaque", "y", 1, 0) == 0 else {
                    throw RuntimeError(.other, "setxattr trusted.overlay.opaque on \(root): \(String(cString: strerror(errno)))")
                }
            } else if entry.hasPrefix(".wh..wh.") {
                try removeFile(path)  // other AUFS metadata (e.g. .wh..wh.plnk) has no overlay meaning
            } else if entry.hasPrefix(".wh.") {
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                try removeFile(path)
                let whited = "\(root)/\(entry.dropFirst(4))"
                var existing = stat()
                if lstat(whited, &existing) == 0 { continue }  // the same layer also adds it back
                guard mknod(whited, S_IFCHR | 0o000, 0) == 0 else {
                    throw RuntimeError(.other, "mknod whiteout \(whited): \(String(cString: strerror(errno)))")
                }
                _ = lchown(whited, info.st_uid, info.st_gid)
            } else {
                var info = stat()
                if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                    try convertWhiteouts(in: path)
                }
            }
        }
    }

    static func removeFile(_ path: String) throws {
        guard unlink(path) == 0 else {
            throw RuntimeError(.other, "remove \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// `setxattr(2)`, which Glibc's module map does not export (it lives in <sys/xattr.h>).
@_silgen_name("setxattr")
private func linuxSetxattr(
    _ path: UnsafePointer<CChar>, _ name: UnsafePointer<CChar>, _ value: UnsafeRawPointer, _ size: Int, _ flags: Int32
) -> Int32
