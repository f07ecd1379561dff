import Foundation
import Hummingbird
import HummingbirdTesting
import KubeAPI
import KubeAPIServer
import KubeStorage
import NIOCore

/// Runs an `APIServer` over an in-memory store behind Hummingbird's router test client.
struct APIServerHarness {
    let server: APIServer
    let client: any TestClientProtocol

    /// Starts a server (following its store in a task), runs `body`, and stops it.
    static func run<T: Sendable>(
        store: any KeyValueStore = MemoryStore(), configuration: APIServerConfiguration = APIServerConfiguration(),
        _ body: @Sendable (APIServerHarness) async throws -> T
    ) async throws -> T {
        let server = try await APIServer.start(store: store, configuration: configuration)
        let follower = Task { try await server.run() }
        defer { follower.cancel() }
        let app = Application(responder: server.responder)
        return try await app.test(.router) { client in
            try await body(APIServerHarness(server: server, client: client))
        }
    }

    /// Sends a request and returns the status code and the parsed JSON body.
    func send(
        _ method: HTTPRequest.Method, _ path: String, _ body: JSONValue? = nil, contentType: String = "application/json",
        headers extra: HTTPFields = [:]
    ) async throws -> (Int, JSONValue) {
        var headers = extra
        if body != nil { headers[.contentType] = contentType }
        return try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0.serialized()) }
        ) { response in
            let bytes = Array(response.body.readableBytesView)
            return (Int(response.status.code), (try? JSONValue.parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self)))
        }
    }

    /// Sends raw bytes.
    func sendRaw(_ method: HTTPRequest.Method, _ path: String, _ bytes: [UInt8], contentType: String = "application/json") async throws -> (Int, JSONValue) {
        try await client.execute(uri: path, method: method, headers: [.contentType: contentType], body: ByteBuffer(bytes: bytes)) { response in
            let out = Array(response.body.readableBytesView)
            return (Int(response.status.code), (try? JSONValue.parse(out)) ?? .string(String(decoding: out, as: UTF8.self)))
        }
    }
}

/// A small object of each kind the tests use.
enum Fixtures {
    static func configMap(_ name: String, data: JSONValue = [:]) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": data]
    }

    static func service(_ name: String, type: String = "ClusterIP", clusterIP: String? = nil) -> JSONValue {
        var spec: JSONValue = ["type": .string(type), "ports": [["port": 80]], "selector": ["app": "x"]]
        if let clusterIP { spec["clusterIP"] = .string(clusterIP) }
        return ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)], "spec": spec]
    }

    static func deployment(_ name: String, replicas: Int = 1, image: String = "nginx:1") -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
            "spec": [
                "replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [["name": "c", "image": .string(image)]]],
                ],
            ],
        ]
    }
}
