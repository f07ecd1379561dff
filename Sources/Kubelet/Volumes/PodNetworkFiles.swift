import Foundation
import KubeAPI
import KubeRuntime

/// The `/etc/hosts` and `/etc/resolv.conf` the kubelet gives every container of a pod, written
/// under the pod's directory and bind-mounted (as Kubernetes' kubelet mounts its managed
/// `etc-hosts`).
enum PodNetworkFiles {
    /// Kubernetes' managed hosts file for a pod with `podIPs`: the localhost lines, the pod's
    /// own name (`hostname[.subdomain.namespace.svc.cluster.local]`), then `hostAliases`.
    static func hosts(_ pod: JSONValue, spec: PodSpec, podIPs: [String], hostname: String) -> String {
        var lines = [
            "# Kubernetes-managed hosts file.", "127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback",
            "fe00::0\tip6-localnet", "fe00::0\tip6-mcastprefix", "fe00::1\tip6-allnodes", "fe00::2\tip6-allrouters",
        ]
        var names = hostname
        if let subdomain = spec.subdomain, !subdomain.isEmpty {
            names = "\(hostname).\(subdomain).\(pod.namespace).svc.cluster.local\t\(hostname)"
        }
        for ip in podIPs { lines.append("\(ip)\t\(names)") }
        if let aliases = spec.hostAliases, !aliases.isEmpty {
            lines.append("")
            lines.append("# Entries added by HostAliases.")
            for alias in aliases {
                lines.append("\(alias.ip)\t\((alias.hostnames ?? []).joined(separator: "\t"))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The pod's resolv.conf: from `dnsConfig` alone with dnsPolicy `None`, else the node's
    /// `hostResolvConf` with `dnsConfig`'s nameservers, searches and options added (Skiff runs no
    /// cluster DNS yet, so ClusterFirst falls back to the node's, as the kubelet does without
    /// `--cluster-dns`).
    static func resolvConf(spec: PodSpec, hostResolvConf: String) -> String {
        var nameservers: [String] = []
        var searches: [String] = []
        var options: [String] = []
        if spec.dnsPolicy != "None" {
            for line in hostResolvConf.split(separator: "\n") {
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard let key = fields.first else { continue }
                switch key {
                case "nameserver": nameservers += fields.dropFirst()
                case "search", "domain": searches += fields.dropFirst()
                case "options": options += fields.dropFirst()
                default: continue
                }
            }
        }
        if let config = spec.dnsConfig {
            nameservers += config.nameservers ?? []
            searches += config.searches ?? []
            options += (config.options ?? []).map { option in option.value.map { "\(option.name ?? ""):\($0)" } ?? (option.name ?? "") }
        }
        var lines: [String] = []
        if !searches.isEmpty { lines.append("search " + searches.joined(separator: " ")) }
        lines += nameservers.prefix(3).map { "nameserver \($0)" }
        if !options.isEmpty { lines.append("options " + options.joined(separator: " ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the pod's hosts and resolv.conf files and returns the mounts for them; a host
    /// network pod gets the node's `/etc/hosts`.
    static func write(_ pod: JSONValue, spec: PodSpec, podIPs: [String], hostname: String, podDirectory: String) throws -> [KubeRuntime.Mount] {
        try FileManager.default.createDirectory(atPath: podDirectory, withIntermediateDirectories: true)
        let hostsPath = "\(podDirectory)/etc-hosts"
        let hostsText = spec.hostNetwork == true
            ? (try? String(contentsOfFile: "/etc/hosts", encoding: .utf8)) ?? ""
            : hosts(pod, spec: spec, podIPs: podIPs, hostname: hostname)
        let resolvPath = "\(podDirectory)/resolv.conf"
        let resolvText = resolvConf(spec: spec, hostResolvConf: (try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8)) ?? "")
        try hostsText.write(toFile: hostsPath, atomically: true, encoding: .utf8)
        try resolvText.write(toFile: resolvPath, atomically: true, encoding: .utf8)
        return [
            KubeRuntime.Mount(containerPath: "/etc/hosts", hostPath: hostsPath),
            KubeRuntime.Mount(containerPath: "/etc/resolv.conf", hostPath: resolvPath),
        ]
    }
}
