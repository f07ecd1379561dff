import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What this machine is, as a Node reports it: capacity, identity and addresses, read from
/// `/proc`, `/etc`, `statfs` and `uname`.
public struct NodeFacts: Sendable, Hashable {
    /// Online CPUs.
    public var cpus: Int
    /// `MemTotal` from `/proc/meminfo`, in KiB.
    public var memoryKi: Int64
    /// Size of the filesystem holding the kubelet's root directory, in bytes.
    public var ephemeralStorageBytes: Int64
    /// `/etc/machine-id`, the DMI product UUID, `/proc/sys/kernel/random/boot_id`.
    public var machineID: String
    public var systemUUID: String
    public var bootID: String
    /// `uname -r`, and the OS's `PRETTY_NAME`.
    public var kernelVersion: String
    public var osImage: String
    /// GOARCH-style architecture (`amd64`, `arm64`).
    public var architecture: String
    /// The host name, and the node's InternalIP.
    public var hostname: String
    public var internalIP: String

    /// Facts with every field given.
    public init(
        cpus: Int, memoryKi: Int64, ephemeralStorageBytes: Int64, machineID: String, systemUUID: String, bootID: String,
        kernelVersion: String, osImage: String, architecture: String, hostname: String, internalIP: String
    ) {
        self.cpus = cpus
        self.memoryKi = memoryKi
        self.ephemeralStorageBytes = ephemeralStorageBytes
        self.machineID = machineID
        self.systemUUID = systemUUID
        self.bootID = bootID
        self.kernelVersion = kernelVersion
        self.osImage = osImage
        self.architecture = architecture
        self.hostname = hostname
        self.internalIP = internalIP
    }

    /// Reads this machine's facts; the InternalIP is the source address of the route to
    /// `apiServer` (a URL) when that is not loopback, else the first non-loopback IPv4 address,
    /// else 127.0.0.1.
    public static func read(rootDirectory: String, apiServer: String) -> NodeFacts {
        let uts = unameFields()
        return NodeFacts(
            cpus: ProcessInfo.processInfo.activeProcessorCount,
            memoryKi: memTotalKi(),
            ephemeralStorageBytes: filesystemBytes(rootDirectory),
            machineID: firstLine("/etc/machine-id"),
            systemUUID: firstLine("/sys/class/dmi/id/product_uuid"),
            bootID: firstLine("/proc/sys/kernel/random/boot_id"),
            kernelVersion: uts.release,
            osImage: osRelease()["PRETTY_NAME"] ?? "Linux",
            architecture: goArch(uts.machine),
            hostname: ProcessInfo.processInfo.hostName,
            internalIP: NodeAddresses.internalIP(apiServer: apiServer))
    }

    static func firstLine(_ path: String) -> String {
        guard let text = ProcFile.read(path) else { return "" }
        return String(text.split(separator: "\n").first ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// `MemTotal` in KiB (0 when unreadable).
    static func memTotalKi() -> Int64 {
        guard let text = ProcFile.read("/proc/meminfo") else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kib = Int64(fields[1]) { return kib }
        }
        return 0
    }

    /// The size in bytes of the filesystem holding `path` (or its nearest existing parent).
    static func filesystemBytes(_ path: String) -> Int64 {
        var candidate = path
        while !FileManager.default.fileExists(atPath: candidate), candidate != "/" {
            candidate = (candidate as NSString).deletingLastPathComponent
            if candidate.isEmpty { candidate = "/" }
        }
        var info = statvfs()
        guard statvfs(candidate, &info) == 0 else { return 0 }
        return Int64(info.f_blocks) * Int64(info.f_frsize)
    }

    /// `/etc/os-release` as a map, quotes removed.
    static func osRelease() -> [String: String] {
        guard let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return [:] }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            var value = String(line[line.index(after: eq)...])
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            fields[String(line[..<eq])] = value
        }
        return fields
    }

    static func unameFields() -> (release: String, machine: String) {
        var uts = utsname()
        guard uname(&uts) == 0 else { return ("", "") }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return (text(uts.release), text(uts.machine))
    }

    /// Go's name for a `uname -m` machine.
    static func goArch(_ machine: String) -> String {
        switch machine {
        case "x86_64": return "amd64"
        case "aarch64", "arm64": return "arm64"
        case "i386", "i686": return "386"
        case "armv7l", "armv6l": return "arm"
        case "ppc64le": return "ppc64le"
        case "s390x": return "s390x"
        case "riscv64": return "riscv64"
        default: return machine
        }
    }
}
