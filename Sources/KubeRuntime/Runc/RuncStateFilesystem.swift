import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The tmpfs under the runtime's state (records, bundles, runc's state, namespace files).
///
/// containerd and runc keep the same state under /run, a tmpfs on most hosts. Here it is a tmpfs
/// of its own, so that it is memory whatever /run is: every record rewrite (temp file + rename)
/// frees an inode, and on an ext4 without a journal each allocation then scans past every inode
/// freed in the last minutes (`recently_deleted`), which made inode allocation the kubelet's
/// largest cost in a burst of pod starts. The writable layers stay on disk.
enum RuncStateFilesystem {
    /// Mounts a tmpfs (mode 0711) on `path` unless one is mounted there already (a restarted
    /// agent finds the one it mounted before, with the records of the running containers).
    static func mount(at path: String) throws {
        try RuncHost.makeDirectory(path, mode: 0o711)
        if isTmpfsMountPoint(path) { return }
        let flags = UInt(MS_NOSUID | MS_NODEV | MS_NOEXEC)
        guard Glibc.mount("skiff-state", path, "tmpfs", flags, "mode=0711") == 0 else {
            throw RuntimeError(.other, "mount the runtime's state tmpfs on \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Unmounts the tmpfs on `path` (lazily: namespace files still mounted in it go with it).
    static func unmount(_ path: String) {
        if isTmpfsMountPoint(path) { RuncHost.unmount(path) }
    }

    /// Whether the topmost mount on `path` is a tmpfs (from /proc/self/mountinfo, read only when
    /// a runtime starts or the state is released).
    static func isTmpfsMountPoint(_ path: String) -> Bool {
        let target = URL(fileURLWithPath: path).standardizedFileURL.path
        return RuncHost.mounts().last { $0.point == target }?.type == "tmpfs"
    }
}
