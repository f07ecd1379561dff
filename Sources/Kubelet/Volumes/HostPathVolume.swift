import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// hostPath volumes: the path on the node, checked (or created) according to its `type` as
/// Kubernetes' hostPath type checker does.
enum HostPathVolume {
    /// Checks `path` against `type` (`""`, `DirectoryOrCreate`, `Directory`, `FileOrCreate`,
    /// `File`, `Socket`, `CharDevice`, `BlockDevice`), creating it for the `OrCreate` types.
    static func prepare(path: String, type: String?) throws {
        let fm = FileManager.default
        switch type ?? "" {
        case "":
            return
        case "DirectoryOrCreate":
            if !fm.fileExists(atPath: path) {
                try fm.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            }
            try expect(path, S_IFDIR, "a directory")
        case "Directory":
            try expect(path, S_IFDIR, "a directory")
        case "FileOrCreate":
            if !fm.fileExists(atPath: path) {
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                _ = fm.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644])
            }
            try expect(path, S_IFREG, "a file")
        case "File":
            try expect(path, S_IFREG, "a file")
        case "Socket":
            try expect(path, S_IFSOCK, "a socket file")
        case "CharDevice":
            try expect(path, S_IFCHR, "a character device")
        case "BlockDevice":
            try expect(path, S_IFBLK, "a block device")
        default:
            throw KubeletError(.volume, "hostPath type check failed: unknown type \(type ?? "")")
        }
    }

    private static func expect(_ path: String, _ kind: mode_t, _ what: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw KubeletError(.volume, "hostPath type check failed: \(path) is not \(what)")
        }
        guard info.st_mode & S_IFMT == kind else {
            throw KubeletError(.volume, "hostPath type check failed: \(path) is not \(what)")
        }
    }
}
