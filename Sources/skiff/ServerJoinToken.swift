import Foundation
import KubeAPI
import KubePKI

/// The server's join token, kept as k3s keeps it: `<data-dir>/server/token` (and the same in
/// `node-token`), `K10<sha256 of the server CA>::<id>.<secret>`, made on first start; its
/// bootstrap token's Secret is created by the API server at every start when missing.
enum ServerJoinToken {
    /// Reads the token file, or makes a new token and writes both files (mode 0600). The CA
    /// hash is rewritten when the CA changed; the bootstrap token is kept.
    static func loadOrCreate(dataDir: String, caBundle: String) throws -> BootstrapToken {
        let path = "\(dataDir)/server/token"
        var token: BootstrapToken?
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let join = try JoinToken(parsing: text)
            guard let (id, secret) = BootstrapToken.parse(join.credentials) else {
                throw PKIError("\(path) does not hold a bootstrap token <id>.<secret> after ::")
            }
            token = BootstrapToken(id: id, secret: secret, extraGroups: [BootstrapToken.defaultNodeGroup], description: description)
        }
        let result = token ?? BootstrapToken.generate(description: description)
        let text = JoinToken(caBundle: caBundle, credentials: result.text).text + "\n"
        for file in [path, "\(dataDir)/server/node-token"] where (try? String(contentsOfFile: file, encoding: .utf8)) != text {
            try CredentialFiles.write(text, to: file, mode: 0o600)
        }
        return result
    }

    static let description = "The join token of skiff server (skiff agent --token)."
}
