/// The parts of the OCI runtime spec (config.json) that the runc runtime writes.
struct OCISpec: Codable, Sendable {
    struct User: Codable, Sendable {
        var uid: UInt32
        var gid: UInt32
    }

    struct Capabilities: Codable, Sendable {
        var bounding: [String]
        var effective: [String]
        var permitted: [String]
    }

    struct Process: Codable, Sendable {
        var terminal: Bool
        var user: User
        var args: [String]
        var env: [String]
        var cwd: String
        var capabilities: Capabilities
        var noNewPrivileges: Bool
    }

    struct Root: Codable, Sendable {
        var path: String
        var readonly: Bool
    }

    struct Mount: Codable, Sendable {
        var destination: String
        var type: String
        var source: String
        var options: [String]
    }

    struct Namespace: Codable, Sendable {
        var type: String
        var path: String?
    }

    struct DeviceRule: Codable, Sendable {
        var allow: Bool
        var access: String
    }

    struct Memory: Codable, Sendable {
        var limit: Int64?
        var swap: Int64?
    }

    struct CPU: Codable, Sendable {
        var shares: UInt64?
        var quota: Int64?
        var period: UInt64?
    }

    struct Resources: Codable, Sendable {
        var devices: [DeviceRule]
        var memory: Memory?
        var cpu: CPU?
    }

    struct Linux: Codable, Sendable {
        var namespaces: [Namespace]
        var cgroupsPath: String
        var resources: Resources
        var maskedPaths: [String]
        var readonlyPaths: [String]
    }

    var ociVersion = "1.0.2"
    var process: Process
    var root: Root
    var mounts: [Mount]
    var linux: Linux
}

/// Kubernetes' (containerd's) defaults for an OCI spec.
enum OCIDefaults {
    /// containerd's default capability set.
    static let capabilities = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
        "CAP_AUDIT_WRITE",
    ]

    /// runc's and containerd's default masked paths.
    static let maskedPaths = [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
    ]

    /// runc's and containerd's default read-only paths.
    static let readonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]

    /// PATH when neither the image nor the pod sets one.
    static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The kernel filesystems every container gets (before /dev/shm and the pod's files).
    static let systemMounts: [OCISpec.Mount] = [
        .init(destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"]),
        .init(
            destination: "/dev", type: "tmpfs", source: "tmpfs",
            options: ["nosuid", "strictatime", "mode=755", "size=65536k"]),
        .init(
            destination: "/dev/pts", type: "devpts", source: "devpts",
            options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
        .init(destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"]),
        .init(destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"]),
        .init(
            destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup",
            options: ["nosuid", "noexec", "nodev", "relatime", "ro"]),
    ]
}
