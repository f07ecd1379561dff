import Foundation
import KubeAPI
import KubeClient

/// Where a pod's ConfigMaps, Secrets and service account tokens come from (env, envFrom and
/// volumes).
public protocol ConfigSource: Sendable {
    /// ConfigMap `name`'s data and binaryData (decoded), or nil when it does not exist.
    func configMap(namespace: String, name: String) async throws -> [String: [UInt8]]?
    /// Secret `name`'s data (decoded from base64), or nil when it does not exist.
    func secret(namespace: String, name: String) async throws -> [String: [UInt8]]?
    /// A token for a projected `serviceAccountToken` source, bound to the pod; throws
    /// `KubeletError` with the reason when the API server issues none.
    func serviceAccountToken(_ request: ServiceAccountTokenRequest) async throws -> ServiceAccountToken
}

/// A token the API server issued (a TokenRequest's `status`).
public struct ServiceAccountToken: Sendable, Equatable {
    /// The token's bytes, as written to the pod's file.
    public var token: [UInt8]
    /// When it stops being valid (`status.expirationTimestamp`).
    public var expiration: Date

    public init(token: [UInt8], expiration: Date) {
        self.token = token
        self.expiration = expiration
    }
}

/// What a pod's projected token asks the API server for (a TokenRequest bound to the pod).
public struct ServiceAccountTokenRequest: Sendable, Hashable {
    public var namespace: String
    public var serviceAccount: String
    /// The token's audiences; empty for the API server's own.
    public var audiences: [String]
    public var expirationSeconds: Int
    public var podName: String
    public var podUID: String

    public init(namespace: String, serviceAccount: String, audiences: [String], expirationSeconds: Int, podName: String, podUID: String) {
        self.namespace = namespace
        self.serviceAccount = serviceAccount
        self.audiences = audiences
        self.expirationSeconds = expirationSeconds
        self.podName = podName
        self.podUID = podUID
    }
}

/// Reads ConfigMaps and Secrets from the API server, one GET each.
struct APIConfigSource: ConfigSource {
    let client: KubeClient

    static let secrets: ResourceInfo? = ResourceCatalog.all.first { $0.group == "" && $0.resource == "secrets" }

    func configMap(namespace: String, name: String) async throws -> [String: [UInt8]]? {
        guard let object = try await get(.configMaps, namespace: namespace, name: name) else { return nil }
        var data: [String: [UInt8]] = [:]
        for m in object["data"]?.objectValue ?? JSONObject() { data[m.key] = Array((m.value.stringValue ?? "").utf8) }
        for m in object["binaryData"]?.objectValue ?? JSONObject() {
            data[m.key] = Data(base64Encoded: m.value.stringValue ?? "").map { Array($0) } ?? []
        }
        return data
    }

    func secret(namespace: String, name: String) async throws -> [String: [UInt8]]? {
        guard let resource = Self.secrets else { throw KubeletError(.other, "secrets are not served") }
        guard let object = try await get(resource, namespace: namespace, name: name) else { return nil }
        var data: [String: [UInt8]] = [:]
        for m in object["data"]?.objectValue ?? JSONObject() {
            data[m.key] = Data(base64Encoded: m.value.stringValue ?? "").map { Array($0) } ?? []
        }
        return data
    }

    func serviceAccountToken(_ request: ServiceAccountTokenRequest) async throws -> ServiceAccountToken {
        var spec: JSONValue = [
            "expirationSeconds": .int(request.expirationSeconds),
            "boundObjectRef": ["kind": "Pod", "apiVersion": "v1", "name": .string(request.podName), "uid": .string(request.podUID)],
        ]
        if !request.audiences.isEmpty { spec["audiences"] = .array(request.audiences.map { .string($0) }) }
        let body: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": spec]
        let path = ResourceInfo.serviceAccounts.objectPath(namespace: request.namespace, name: request.serviceAccount) + "/token"
        let answer: JSONValue
        do {
            answer = try JSONValue.parse(try await client.request(.POST, path, body: body.serialized()))
        } catch let error as ClientError {
            throw KubeletError(.other, "failed to fetch token: \(error.message)")
        }
        guard let token = answer["status"]?["token"]?.stringValue else {
            throw KubeletError(.other, "failed to fetch token: the TokenRequest answer carries no token")
        }
        let expiration = answer["status"]?["expirationTimestamp"]?.stringValue.flatMap(Timestamp.parse)
        return ServiceAccountToken(token: Array(token.utf8), expiration: expiration ?? Date(timeIntervalSinceNow: Double(request.expirationSeconds)))
    }

    private func get(_ resource: ResourceInfo, namespace: String, name: String) async throws -> JSONValue? {
        do {
            return try await client.get(resource, namespace: namespace, name: name)
        } catch let error as ClientError where error.code == 404 {
            return nil
        }
    }
}
