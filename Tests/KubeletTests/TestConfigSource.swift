import Foundation
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

    /// A stand-in token naming what was asked, so tests can see the request.
    func serviceAccountToken(_ r: ServiceAccountTokenRequest) async throws -> ServiceAccountToken {
        ServiceAccountToken(
            token: Array("token:\(r.namespace)/\(r.serviceAccount) pod=\(r.podName)/\(r.podUID) aud=\(r.audiences) exp=\(r.expirationSeconds)".utf8),
            expiration: Date(timeIntervalSinceNow: Double(r.expirationSeconds)))
    }
}
