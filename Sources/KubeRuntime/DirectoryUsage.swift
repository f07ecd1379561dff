import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The disk a directory tree takes, as `du` and containerd's snapshotters count it: allocated
/// blocks (512 bytes each) and distinct inodes, the directory itself included, each hard-linked
/// file once. Mount points below the directory are not entered.
public struct DirectoryUsage: Sendable, Equatable {
    /// Bytes allocated to the tree's files and directories.
    public var bytes: UInt64
    /// Distinct inodes in the tree.
    public var inodes: UInt64

    /// Measures the tree at `path`; nil when `path` cannot be read.
    public static func measure(_ path: String) -> DirectoryUsage? {
        var top = stat()
        guard lstat(path, &top) == 0 else { return nil }
        var seen = Set<UInt64>()
        var usage = DirectoryUsage(bytes: 0, inodes: 0)
        usage.count(top, seen: &seen)
        if (top.st_mode & S_IFMT) == S_IFDIR {
            usage.walk(path, device: UInt64(top.st_dev), seen: &seen)
        }
        return usage
    }

    private mutating func count(_ info: stat, seen: inout Set<UInt64>) {
        guard seen.insert(UInt64(info.st_ino)).inserted else { return }
        bytes += UInt64(info.st_blocks) * 512
        inodes += 1
    }

    private mutating func walk(_ directory: String, device: UInt64, seen: inout Set<UInt64>) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(dirfd(dir), name, &info, AT_SYMLINK_NOFOLLOW) == 0, UInt64(info.st_dev) == device else { continue }
            count(info, seen: &seen)
            if (info.st_mode & S_IFMT) == S_IFDIR { walk(directory + "/" + name, device: device, seen: &seen) }
        }
    }
}

/// A container's writable layer on disk (CRI's `WritableLayer` of `ContainerStats`).
public struct WritableLayerUsage: Sendable, Equatable {
    /// A path on the filesystem holding the layer (for its capacity and free space).
    public var mountpoint: String
    /// What the layer's files take.
    public var usage: DirectoryUsage

    public init(mountpoint: String, usage: DirectoryUsage) {
        self.mountpoint = mountpoint
        self.usage = usage
    }
}
