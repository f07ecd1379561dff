import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// tmpfs mounts for Memory-medium emptyDirs and secret volumes, and their removal.
enum TmpfsMounts {
    /// Mounts a tmpfs at `path` (created if needed) unless one is there already; `sizeBytes`
    /// limits it.
    static func mount(at path: String, sizeBytes: Int64?) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if isMountPoint(path) { return }
        let options = sizeBytes.map { "size=\($0),mode=0777" } ?? "mode=0777"
        guard Glibc.mount("tmpfs", path, "tmpfs", 0, options) == 0 else {
            throw KubeletError(.volume, "mount -t tmpfs \(path) failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Unmounts every mount at or below `path`, deepest first.
    static func unmountAll(under path: String) {
        for point in mountPoints(under: path).sorted(by: { $0.count > $1.count }) {
            _ = umount2(point, Int32(MNT_DETACH))
        }
    }

    /// Whether a file system is mounted at `path`: it is on another device than its parent (a
    /// `stat` each instead of reading mountinfo, which grows with every container's mounts).
    static func isMountPoint(_ path: String) -> Bool {
        var own = stat()
        var parent = stat()
        guard stat(path, &own) == 0, stat((path as NSString).deletingLastPathComponent, &parent) == 0 else { return false }
        return own.st_dev != parent.st_dev
    }

    /// Mount points at or below `path`, from /proc/self/mountinfo.
    static func mountPoints(under path: String) -> [String] {
        guard let text = ProcFile.read("/proc/self/mountinfo") else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { return nil }
            let point = unescape(String(fields[4]))
            return point == path || point.hasPrefix(path + "/") ? point : nil
        }
    }

    /// Decodes mountinfo's octal escapes (`\040` for a space).
    private static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = [UInt8]()
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == 0x5C, i + 3 < b.count, let v = UInt8(String(decoding: b[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                out.append(v)
                i += 4
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Kubelet {
    /// Unmounts every volume mount left under the kubelet's root directory: `skiff killall`
    /// calls it once the pods' containers are gone, for pods whose volumes an agent stopped
    /// mid-way did not tear down.
    public static func unmountVolumes(rootDirectory: String) {
        TmpfsMounts.unmountAll(under: rootDirectory)
    }
}
