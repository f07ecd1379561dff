import Foundation
import Testing

@testable import KubeNetwork

/// Network namespaces a test creates for itself (`skiff-test-<random>`, under /run/netns) so that
/// nothing it does reaches the machine's own namespace; `removeAll()` deletes them (call it in a
/// defer).
final class TestNamespaces {
    private(set) var names: [String] = []
    private let prefix = "skiff-test-" + String(UInt32.random(in: 0..<UInt32.max), radix: 16)

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// Fails, saying what is missing, unless `ip`, `nsenter` and `/bin/busybox` are installed.
    static func requireTools() throws {
        for tool in ["/usr/sbin/ip", "/usr/bin/nsenter", "/bin/busybox"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw Missing(description: "\(tool) is missing: install iproute2, util-linux and busybox-static")
        }
    }

    /// Creates a namespace and returns its path (`/run/netns/<name>`).
    func add(_ role: String) throws -> String {
        let name = "\(prefix)-\(role)"
        let result = Self.run(["ip", "netns", "add", name])
        guard result.status == 0 else { throw Missing(description: "ip netns add \(name): \(result.output)") }
        names.append(name)
        // The namespace's own loopback, so that local tools behave.
        _ = Self.run(["ip", "-n", name, "link", "set", "lo", "up"])
        return "/run/netns/\(name)"
    }

    /// Deletes every namespace this object created.
    func removeAll() {
        for name in names { _ = Self.run(["ip", "netns", "del", name]) }
        names.removeAll()
    }

    /// Runs `command` inside the namespace at `path` and returns its status and output.
    static func run(in path: String, _ command: [String]) -> (status: Int32, output: String) {
        run(["nsenter", "--net=\(path)"] + command)
    }

    /// Runs `argv` (looked up in PATH) and returns its status and combined output.
    static func run(_ argv: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal"] + argv  // unblocks the signals test threads block (ping's alarm)
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Pings `address` once from the namespace at `path`; true when it answered.
    static func ping(from path: String, _ address: String) -> Bool {
        run(in: path, ["timeout", "-s", "KILL", "5", "/bin/busybox", "ping", "-c1", "-W2", address]).status == 0
    }

    /// A fresh temporary directory for a network's state.
    static func stateDirectory() -> String {
        let path = NSTemporaryDirectory() + "skiff-net-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A simulated node for one test: a namespace for the node side, one per pod, a state directory
/// and a `BridgeNetwork` over them. `cleanUp()` removes it all (call it in a defer).
struct NetworkFixture {
    let namespaces = TestNamespaces()
    let node: String
    /// Pod namespace paths by the names given.
    let pods: [String: String]
    let state = TestNamespaces.stateDirectory()
    let network: BridgeNetwork

    init(pods names: [String], bridgeName: String = "skiff0") throws {
        try TestNamespaces.requireTools()
        do {
            node = try namespaces.add("node")
            var pods: [String: String] = [:]
            for name in names { pods[name] = try namespaces.add(name) }
            self.pods = pods
        } catch {
            namespaces.removeAll()
            throw error
        }
        network = BridgeNetwork(stateDirectory: state, bridgeName: bridgeName, hostNetnsPath: node)
    }

    /// The namespace path of pod `name`.
    func pod(_ name: String) -> String { pods[name] ?? "/run/netns/missing-\(name)" }

    /// Another network on the same state directory and node: the kubelet after a restart.
    func restarted() -> BridgeNetwork { BridgeNetwork(stateDirectory: state, bridgeName: network.bridgeName, hostNetnsPath: node) }

    func cleanUp() {
        namespaces.removeAll()
        try? FileManager.default.removeItem(atPath: state)
    }
}
