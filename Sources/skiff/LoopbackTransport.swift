import Foundation
import Hummingbird
import KubeAPI
import KubeAPIServer
import KubeClient
import KubePKI
import Logging
import ServiceLifecycle

/// How the components `skiff server` runs in its own process (the controller manager and the
/// scheduler) reach its API server: plain HTTP/1 on a Unix socket in a folder only the server's
/// user can enter, each component known by a random bearer token made at start and kept in
/// memory only, as kube-apiserver's loopback client is. Their requests and watch events skip
/// TLS on both ends; everything else, the in-process kubelet included, uses the TLS port.
struct LoopbackTransport {
    /// The socket's path, `<data-dir>/server/loopback/api.sock`.
    let socketPath: String
    /// The identity each token stands for.
    let users: [String: UserInfo]
    /// The token of each identity, by user name.
    private let tokens: [String: String]

    /// The longest socket path Linux accepts (`sun_path` holds 108 bytes with the terminator).
    static let maxSocketPath = 107

    /// A loopback for `identities` under `dataDir`; nil when the socket's path would be too long
    /// for a Unix socket (the components then use the TLS port). Makes the folder (mode 0700).
    init?(dataDir: String, identities: [CertificateProfile]) throws {
        let folder = "\(dataDir)/server/loopback"
        let path = "\(folder)/api.sock"
        guard path.utf8.count <= Self.maxSocketPath else { return nil }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        socketPath = path
        var users: [String: UserInfo] = [:]
        var tokens: [String: String] = [:]
        for identity in identities {
            let token = Self.randomToken()
            users[token] = UserInfo(username: identity.commonName, groups: identity.organizations)
            tokens[identity.commonName] = token
        }
        self.users = users
        self.tokens = tokens
    }

    /// 256 bits of the system generator, as hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Accepts the loopback tokens (on either listener).
    var authenticator: StaticTokenAuthenticator { StaticTokenAuthenticator(users: users) }

    /// The client settings of `identity` (one of those given at `init`) over the socket.
    func clientConfig(identity: CertificateProfile, userAgent: String) -> ClientConfig {
        let host = socketPath.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socketPath
        return ClientConfig(server: "http+unix://\(host)", userAgent: userAgent, bearerToken: tokens[identity.commonName])
    }

    /// The listener on the socket, serving `server` (a stale socket file is replaced); fires
    /// `listening` once it accepts connections.
    func application(server: APIServer, listening: ReadySignal, logger: Logger) -> some ServiceLifecycle.Service {
        Application(
            responder: server.responder, server: .http1Direct { await server.respond($0, channel: $1) },
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "skiff"),
            onServerRunning: { _ in listening.fire() }, logger: logger)
    }
}
