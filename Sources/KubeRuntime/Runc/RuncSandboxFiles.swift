import Foundation

/// The files a sandbox gives its containers: /etc/hosts, /etc/hostname, /etc/resolv.conf.
enum RuncSandboxFiles {
    /// Writes the files (all, or those named in `only`) into `dir`, in place so bind mounts see them.
    static func write(into dir: String, hostname: String, podIPs: [String], only: Set<String>? = nil) throws {
        var files: [String: String] = [
            "hosts": hosts(hostname: hostname, podIPs: podIPs),
            "hostname": hostname + "\n",
            "resolv.conf": (try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8)) ?? "",
        ]
        if let only { files = files.filter { only.contains($0.key) } }
        for (name, text) in files {
            let path = "\(dir)/\(name)"
            if FileManager.default.fileExists(atPath: path) {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                try handle.truncate(atOffset: 0)
                try handle.write(contentsOf: Data(text.utf8))
                try handle.close()
            } else {
                guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644])
                else { throw RuntimeError(.other, "cannot write \(path)") }
            }
        }
    }

    /// The kubelet's managed hosts file.
    static func hosts(hostname: String, podIPs: [String]) -> String {
        var text = """
            # Kubernetes-managed hosts file.
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            fe00::0\tip6-mcastprefix
            fe00::1\tip6-allnodes
            fe00::2\tip6-allrouters

            """
        for ip in podIPs { text += "\(ip)\t\(hostname)\n" }
        return text
    }
}
