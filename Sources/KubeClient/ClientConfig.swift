import Foundation
import KubeAPI
import Yams

/// Where the API server is and how to talk to it.
public struct ClientConfig: Sendable {
    /// The server's base URL, e.g. `http://127.0.0.1:6443`.
    public var server: String
    /// The `User-Agent` sent with each request (also the default field manager).
    public var userAgent: String
    /// The namespace of the current context.
    public var namespace: String

    public init(server: String, userAgent: String = "skiff", namespace: String = "default") {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.userAgent = userAgent
        self.namespace = namespace
    }

    /// Reads the current context of a kubeconfig file.
    public static func fromKubeconfig(path: String, userAgent: String = "skiff") throws -> ClientConfig {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let doc = try Yams.load(yaml: text) as? [String: Any] else {
            throw ClientError(code: 0, message: "kubeconfig \(path) is not a YAML mapping")
        }
        let current = doc["current-context"] as? String
        let contexts = doc["contexts"] as? [[String: Any]] ?? []
        let context = contexts.first { ($0["name"] as? String) == current } ?? contexts.first
        let contextBody = context?["context"] as? [String: Any]
        let clusterName = contextBody?["cluster"] as? String
        let clusters = doc["clusters"] as? [[String: Any]] ?? []
        let cluster = clusters.first { ($0["name"] as? String) == clusterName } ?? clusters.first
        guard let server = (cluster?["cluster"] as? [String: Any])?["server"] as? String else {
            throw ClientError(code: 0, message: "kubeconfig \(path) names no cluster server")
        }
        return ClientConfig(server: server, userAgent: userAgent, namespace: contextBody?["namespace"] as? String ?? "default")
    }
}
