import Foundation

extension ClusterPKI {
    /// `skiff certificate rotate`, as k3s' `certificate rotate`: copies `<data-dir>/server/tls`
    /// to `<data-dir>/server/tls-<unix time>` and removes the leaf certificates and keys (all, or
    /// those whose file name without extension is in `names`), so that the next server start
    /// issues new ones. The CAs are kept. Returns the backup folder and the names removed.
    public static func rotate(dataDir: String, names: Set<String> = [], now: Date) throws(PKIError) -> (backup: String, removed: [String]) {
        let directory = "\(dataDir)/server/tls"
        let backup = "\(dataDir)/server/tls-\(Int(now.timeIntervalSince1970))"
        let files = FileManager.default
        guard files.fileExists(atPath: directory) else { throw PKIError("no certificates under \(directory)") }
        do {
            try files.copyItem(atPath: directory, toPath: backup)
            var removed: [String] = []
            for file in try files.contentsOfDirectory(atPath: directory).sorted() where file.hasSuffix(".crt") {
                let name = String(file.dropLast(".crt".count))
                guard !["server-ca", "client-ca"].contains(name), names.isEmpty || names.contains(name) else { continue }
                try files.removeItem(atPath: "\(directory)/\(file)")
                if files.fileExists(atPath: "\(directory)/\(name).key") { try files.removeItem(atPath: "\(directory)/\(name).key") }
                removed.append(name)
            }
            return (backup, removed)
        } catch {
            throw PKIError("cannot rotate the certificates under \(directory)", cause: error)
        }
    }
}
