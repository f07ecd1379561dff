@testable import Kubelet

/// ConfigMaps and Secrets held in memory, by `namespace/name`.
struct TestConfigSource: ConfigSource {
    var configMaps: [String: [String: String]] = [:]
    var secrets: [String: [String: String]] = [:]

    func configMap(namespace: String, name: String) async throws -> [String: [UInt8]]? {
        configMaps["\(namespace)/\(name)"].map { $0.mapValues { Array($0.utf8) } }
    }

    func secret(namespace: String, name: String) async throws -> [String: [UInt8]]? {
        secrets["\(namespace)/\(name)"].map { $0.mapValues { Array($0.utf8) } }
    }
}
