import Foundation

/// Writes the kubeconfigs that kubectl, client libraries and the components read.
enum Kubeconfig {
    /// How a kubeconfig holds the CA, certificate and key: inline (`-data`, base64) or as paths.
    enum Credentials {
        /// PEM text embedded as `certificate-authority-data`, `client-certificate-data`, `client-key-data`.
        case embedded(caPEM: String, certificatePEM: String, keyPEM: String)
        /// Paths written as `certificate-authority`, `client-certificate`, `client-key`.
        case files(ca: String, certificate: String, key: String)
    }

    /// Writes a kubeconfig for `server` with `credentials` to `path` (mode 0600), creating its folder.
    static func write(server: String, credentials: Credentials, user: String = "skiff-admin", to path: String) throws {
        let cluster: String
        let userBody: String
        switch credentials {
        case .embedded(let ca, let certificate, let key):
            cluster = "certificate-authority-data: \(base64(ca))"
            userBody = "client-certificate-data: \(base64(certificate))\n    client-key-data: \(base64(key))"
        case .files(let ca, let certificate, let key):
            cluster = "certificate-authority: \(ca)"
            userBody = "client-certificate: \(certificate)\n    client-key: \(key)"
        }
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: skiff
              cluster:
                server: \(server)
                \(cluster)
            users:
            - name: \(user)
              user:
                \(userBody)
            contexts:
            - name: skiff
              context:
                cluster: skiff
                user: \(user)
                namespace: default
            current-context: skiff

            """
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    private static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
