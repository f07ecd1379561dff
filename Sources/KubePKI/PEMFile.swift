import Foundation

/// Reading and writing the PEM files of the PKI: certificates world-readable (0644), private
/// keys readable by their owner only (0600).
enum PEMFile {
    /// The text of `path`, or nil when there is no such file.
    static func read(_ path: String) throws(PKIError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw PKIError("cannot read \(path)", cause: error)
        }
    }

    /// Writes `text` to `path` atomically with `mode`, creating the folder (mode 0700).
    static func write(_ text: String, to path: String, mode: Int) throws(PKIError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = path + ".tmp"
            FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: mode])
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: temporary)
            guard rename(temporary, path) == 0 else { throw PKIError("rename failed with errno \(errno)") }
        } catch {
            throw PKIError("cannot write \(path)", cause: error)
        }
    }

    /// Reads the certificate `<base>.crt` and key `<base>.key`; nil when either is missing.
    static func readPair(_ base: String) throws(PKIError) -> CertifiedKey? {
        guard let cert = try read(base + ".crt"), let key = try read(base + ".key") else { return nil }
        do { return try CertifiedKey(certificatePEM: cert, keyPEM: key) } catch {
            throw PKIError("cannot load \(base).crt / \(base).key", cause: error)
        }
    }

    /// Writes the key (0600) and then the certificate (0644) of `pair` under `base`.
    static func writePair(_ pair: CertifiedKey, to base: String) throws(PKIError) {
        try write(pair.keyPEM, to: base + ".key", mode: 0o600)
        try write(pair.certificatePEM, to: base + ".crt", mode: 0o644)
    }
}
