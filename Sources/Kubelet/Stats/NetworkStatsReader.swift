import Foundation
import KubeAPI

/// One network interface's counters (`InterfaceStats`).
public struct InterfaceStats: Sendable, Equatable {
    /// The interface's name in its network namespace (`eth0`).
    public var name: String
    /// Bytes received.
    public var rxBytes: UInt64
    /// Receive errors.
    public var rxErrors: UInt64
    /// Bytes sent.
    public var txBytes: UInt64
    /// Transmit errors.
    public var txErrors: UInt64
}

/// A network namespace's counters (`NetworkStats`): those of the default interface (`eth0`)
/// inline, and every interface but loopback, veth and docker ones (cadvisor's ignored devices).
public struct NetworkStats: Sendable, Equatable {
    /// When the sample was taken.
    public var time: Date
    /// The default interface's counters, when it exists.
    public var defaultInterface: InterfaceStats?
    /// Every interface but the ignored ones.
    public var interfaces: [InterfaceStats]
}

/// Reads network counters from a `net/dev` file: a pod's from `/proc/<pid>/net/dev` of a
/// process inside its network namespace (as cadvisor does, so the kubelet never enters the
/// namespace), the node's from the kubelet's own `/proc/net/dev`.
enum NetworkStatsReader {
    /// The kubelet's default interface name (`network.DefaultInterfaceName`).
    static let defaultInterface = "eth0"
    /// Interfaces cadvisor leaves out, by name prefix.
    static let ignoredPrefixes = ["lo", "veth", "docker", "nerdctl"]

    /// The counters of `/proc/<pid>/net/dev` (`pid` nil: `/proc/net/dev`); nil when unreadable.
    static func read(procRoot: String, pid: Int32?, at time: Date) -> NetworkStats? {
        guard let text = ProcFile.read(procRoot + (pid.map { "/\($0)" } ?? "") + "/net/dev") else { return nil }
        let interfaces = parse(text)
        return NetworkStats(time: time, defaultInterface: interfaces.first { $0.name == defaultInterface }, interfaces: interfaces)
    }

    /// The interfaces of a `net/dev` text, ignored ones left out: receive bytes and errors are
    /// columns 1 and 3, transmit bytes and errors 9 and 11.
    static func parse(_ text: String) -> [InterfaceStats] {
        text.split(separator: "\n").dropFirst(2).compactMap { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let columns = parts[1].split(separator: " ").compactMap { UInt64($0) }
            guard !ignoredPrefixes.contains(where: { name.hasPrefix($0) }), columns.count >= 11 else { return nil }
            return InterfaceStats(name: name, rxBytes: columns[0], rxErrors: columns[2], txBytes: columns[8], txErrors: columns[10])
        }
    }
}

extension NetworkStats {
    /// Kubernetes' JSON: `time`, the default interface's fields inline, then `interfaces`.
    var jsonValue: JSONValue {
        let inline = defaultInterface
        return .stats([
            ("time", .time(time)), ("name", inline.map { .string($0.name) }), ("rxBytes", .count(inline?.rxBytes)),
            ("rxErrors", .count(inline?.rxErrors)), ("txBytes", .count(inline?.txBytes)), ("txErrors", .count(inline?.txErrors)),
            ("interfaces", interfaces.isEmpty ? nil : .array(interfaces.map(\.jsonValue))),
        ])
    }
}

extension InterfaceStats {
    var jsonValue: JSONValue {
        .stats([
            ("name", .string(name)), ("rxBytes", .int(rxBytes)), ("rxErrors", .int(rxErrors)), ("txBytes", .int(txBytes)),
            ("txErrors", .int(txErrors)),
        ])
    }
}
