import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A failure to start or stop the etcd processes of a test.
public struct EtcdTestClusterError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// An error saying `description`.
    public init(description: String) { self.description = description }
}

/// etcd members started by a test: each on free loopback ports with a temporary data folder,
/// forming one cluster, stopped (and their folders removed) by `stop()`.
///
/// Needs the `etcd` binary (Debian's `etcd-server`, installed by `scripts/install-deps.sh`);
/// `start` fails saying so when it is missing.
public final class EtcdTestCluster: @unchecked Sendable {
    /// One member's process and addresses.
    public struct Member: Sendable {
        /// The member's name (`m0`, `m1`, ...).
        public var name: String
        /// Where clients reach it, e.g. `http://127.0.0.1:40123`.
        public var clientURL: String
        /// Where the other members reach it.
        public var peerURL: String
        /// Its data folder.
        public var dataDir: String
    }

    /// Certificates the members serve clients with (`https://` client URLs); clients must present
    /// a certificate signed by `caFile`.
    public struct ServerTLS: Sendable {
        /// The CA that signed the members' and the clients' certificates.
        public var caFile: String
        /// The members' certificate (valid for 127.0.0.1).
        public var certFile: String
        /// Its private key.
        public var keyFile: String

        public init(caFile: String, certFile: String, keyFile: String) {
            self.caFile = caFile
            self.certFile = certFile
            self.keyFile = keyFile
        }
    }

    /// The members, in start order.
    public let members: [Member]
    /// The client TLS the members serve, if any.
    public let tls: ServerTLS?
    /// The client URLs joined by commas, as `--datastore-endpoint` takes them.
    public var endpoints: String { members.map(\.clientURL).joined(separator: ",") }

    private let root: String
    private let lock = NSLock()
    private var processes: [Int: Process] = [:]

    /// Starts `size` members forming one new cluster; returns once every process runs (callers
    /// wait for the cluster to answer through their client).
    public static func start(size: Int, tls: ServerTLS? = nil) throws -> EtcdTestCluster {
        guard let binary = findEtcd() else {
            throw EtcdTestClusterError(
                description: "the etcd binary is missing: install Debian's etcd-server (scripts/install-deps.sh does)")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-etcd-\(UUID().uuidString)").path
        var members: [Member] = []
        for i in 0..<size {
            let ports = try freePorts(2)
            members.append(
                Member(
                    name: "m\(i)", clientURL: "\(tls == nil ? "http" : "https")://127.0.0.1:\(ports[0])", peerURL: "http://127.0.0.1:\(ports[1])",
                    dataDir: "\(root)/m\(i)"))
        }
        let cluster = EtcdTestCluster(members: members, root: root, tls: tls)
        do {
            for i in members.indices { try cluster.launch(i, binary: binary, initial: true) }
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    private init(members: [Member], root: String, tls: ServerTLS?) {
        self.members = members
        self.root = root
        self.tls = tls
    }

    /// Kills member `index` with SIGKILL (as a crash would) and waits for it to exit.
    public func kill(_ index: Int) {
        let p = lock.withLock { processes.removeValue(forKey: index) }
        guard let p else { return }
        Glibc.kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    /// Starts member `index` again on its data folder after `kill`.
    public func restart(_ index: Int) throws {
        guard let binary = Self.findEtcd() else { throw EtcdTestClusterError(description: "the etcd binary is missing") }
        try launch(index, binary: binary, initial: false)
    }

    /// The process IDs of the members running now.
    public var processIDs: [Int32] {
        lock.withLock { processes.values.filter(\.isRunning).map(\.processIdentifier) }
    }

    /// Stops every member and removes their data.
    public func stop() {
        let all = lock.withLock { () -> [Process] in
            let all = Array(processes.values)
            processes.removeAll()
            return all
        }
        for p in all { Glibc.kill(p.processIdentifier, SIGKILL) }
        for p in all { p.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: root)
    }

    deinit { stop() }

    private func launch(_ index: Int, binary: String, initial: Bool) throws {
        let m = members[index]
        try FileManager.default.createDirectory(atPath: m.dataDir, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = [
            "--name", m.name, "--data-dir", m.dataDir,
            "--listen-client-urls", m.clientURL, "--advertise-client-urls", m.clientURL,
            "--listen-peer-urls", m.peerURL, "--initial-advertise-peer-urls", m.peerURL,
            "--initial-cluster", members.map { "\($0.name)=\($0.peerURL)" }.joined(separator: ","),
            "--initial-cluster-state", "new", "--initial-cluster-token", "skiff-test",
            "--log-level", "error", "--logger", "zap",
        ]
        if let tls {
            p.arguments? += [
                "--cert-file", tls.certFile, "--key-file", tls.keyFile, "--trusted-ca-file", tls.caFile,
                "--client-cert-auth",
            ]
        }
        let log = FileHandle(forWritingAtPath: "/dev/null")
        p.standardOutput = log
        FileManager.default.createFile(atPath: "\(m.dataDir).log", contents: nil)
        p.standardError = FileHandle(forWritingAtPath: "\(m.dataDir).log") ?? log
        do {
            try p.run()
        } catch {
            throw EtcdTestClusterError(description: "cannot start \(binary): \(error)")
        }
        lock.withLock { processes[index] = p }
    }

    private static func findEtcd() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(dir)/etcd"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// `count` distinct loopback ports that were free a moment ago (bound to port 0, then closed).
    static func freePorts(_ count: Int) throws -> [Int] {
        var fds: [Int32] = []
        defer { for fd in fds { close(fd) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw EtcdTestClusterError(description: "socket() failed") }
            fds.append(fd)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = 0
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { ptr -> Int32 in
                    guard bind(fd, ptr, len) == 0 else { return -1 }
                    return getsockname(fd, ptr, &len)
                }
            }
            guard bound == 0 else { throw EtcdTestClusterError(description: "cannot bind a loopback port") }
            ports.append(Int(UInt16(bigEndian: addr.sin_port)))
        }
        return ports
    }
}
