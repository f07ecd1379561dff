import Foundation
import KubeAPI
import KubeClient

/// Where a pod's ConfigMaps and Secrets are read from (env, envFrom and volumes).
public protocol ConfigSource: Sendable {
    /// ConfigMap `name`'s data and binaryData (decoded), or nil when it does not exist.
    func configMap(namespace: String, name: String) async throws -> [String: [UInt8]]?
    /// Secret `name`'s data (decoded from base64), or nil when it does not exist.
    func secret(namespace: String, name: String) async throws -> [String: [UInt8]]?
}

/// Reads ConfigMaps and Secrets from the API server, one GET each.
struct APIConfigSource: ConfigSource {
    let client: KubeClient

    static let secrets: ResourceInfo? = ResourceCatalog.all.first { $0.group == "" && $0.resource == "secrets" }

    func configMap(namespace: String, name: String) async throws -> [String: [UInt8]]? {
        guard let object = try await get(.configMaps, namespace: namespace, name: name) else { return nil }
        var data: [String: [UInt8]] = [:]
        for (key, value) in object["data"]?.objectValue ?? JSONObject() { data[key] = Array((value.stringValue ?? "").utf8) }
        for (key, value) in object["binaryData"]?.objectValue ?? JSONObject() {
            data[key] = Data(base64Encoded: value.stringValue ?? "").map { Array($0) } ?? []
        }
        return data
    }

    func secret(namespace: String, name: String) async throws -> [String: [UInt8]]? {
        guard let resource = Self.secrets else { throw KubeletError(.other, "secrets are not served") }
        guard let object = try await get(resource, namespace: namespace, name: name) else { return nil }
        var data: [String: [UInt8]] = [:]
        for (key, value) in object["data"]?.objectValue ?? JSONObject() {
            data[key] = Data(base64Encoded: value.stringValue ?? "").map { Array($0) } ?? []
        }
        return data
    }

    private func get(_ resource: ResourceInfo, namespace: String, name: String) async throws -> JSONValue? {
        do {
            return try await client.get(resource, namespace: namespace, name: name)
        } catch let error as ClientError where error.code == 404 {
            return nil
        }
    }
}
