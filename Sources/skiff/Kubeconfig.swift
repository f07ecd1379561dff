import Foundation

/// Writes the admin kubeconfig that kubectl and client libraries read.
enum Kubeconfig {
    /// Writes a kubeconfig for `server` to `path` (mode 0600), creating its folder.
    static func write(server: String, to path: String) throws {
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: skiff
              cluster:
                server: \(server)
            users:
            - name: skiff-admin
              user: {}
            contexts:
            - name: skiff
              context:
                cluster: skiff
                user: skiff-admin
                namespace: default
            current-context: skiff

            """
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
