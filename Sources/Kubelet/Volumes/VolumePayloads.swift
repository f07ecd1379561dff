import KubeAPI

/// The files of configMap, secret, downwardAPI and projected volumes, as Kubernetes computes
/// their payloads: every key (or the listed `items`, each with its path and mode), modes from
/// the item, else the volume's `defaultMode`, else 0644; missing required sources fail with
/// Kubernetes' messages.
enum VolumePayloads {
    /// The default file mode of these volumes (0644).
    static let defaultMode = 0o644

    /// The files of a ConfigMap's or Secret's `data`, limited to `items` when given. `kind` is
    /// `configmap` or `secret` (for messages).
    static func keyed(
        _ data: [String: [UInt8]]?, kind: String, name: String, items: [KeyToPath]?, defaultMode: Int?, optional: Bool?
    ) throws -> [VolumeFile] {
        let mode = defaultMode ?? Self.defaultMode
        guard let data else {
            if optional == true { return [] }
            throw KubeletError(.volume, "\(kind) \"\(name)\" not found")
        }
        guard let items, !items.isEmpty else {
            return data.keys.sorted().map { VolumeFile(path: $0, bytes: data[$0] ?? [], mode: mode) }
        }
        var files: [VolumeFile] = []
        for item in items {
            guard let bytes = data[item.key] else {
                if optional == true { continue }
                throw KubeletError(.volume, "\(kind) references non-existent \(kind == "secret" ? "secret" : "config") key: \(item.key)")
            }
            files.append(VolumeFile(path: item.path, bytes: bytes, mode: item.mode ?? mode))
        }
        return files
    }

    /// The files of a downwardAPI volume (or projection) for `pod`.
    static func downwardAPI(
        _ items: [DownwardAPIVolumeFile], defaultMode: Int?, spec: PodSpec, values: DownwardAPIValues
    ) throws -> [VolumeFile] {
        try items.map { item in
            let text: String
            if let field = item.fieldRef {
                text = try values.field(field.fieldPath, allowMaps: true)
            } else if let field = item.resourceFieldRef {
                let container = spec.containers.first { $0.name == field.containerName }
                    ?? spec.initContainers?.first { $0.name == field.containerName }
                text = try values.resource(field.resource, divisor: field.divisor, container: container)
            } else {
                text = ""
            }
            return VolumeFile(path: item.path, bytes: Array(text.utf8), mode: item.mode ?? defaultMode ?? Self.defaultMode)
        }
    }

    /// The files of a projected volume: its sources' files together, with service account tokens
    /// requested from the API server, bound to the pod.
    static func projected(
        _ source: ProjectedVolumeSource, namespace: String, spec: PodSpec, values: DownwardAPIValues, configs: any ConfigSource
    ) async throws -> [VolumeFile] {
        let mode = source.defaultMode ?? Self.defaultMode
        var files: [VolumeFile] = []
        for projection in source.sources ?? [] {
            if let cm = projection.configMap {
                let name = cm.name ?? ""
                let data = try await configs.configMap(namespace: namespace, name: name)
                files += try keyed(data, kind: "configmap", name: name, items: cm.items, defaultMode: mode, optional: cm.optional)
            } else if let secret = projection.secret {
                let name = secret.name ?? ""
                let data = try await configs.secret(namespace: namespace, name: name)
                files += try keyed(data, kind: "secret", name: name, items: secret.items, defaultMode: mode, optional: secret.optional)
            } else if let downward = projection.downwardAPI {
                files += try downwardAPI(downward.items ?? [], defaultMode: mode, spec: spec, values: values)
            } else if let token = projection.serviceAccountToken {
                let account = spec.serviceAccountName ?? ""
                let request = ServiceAccountTokenRequest(
                    namespace: namespace, serviceAccount: account.isEmpty ? "default" : account,
                    audiences: token.audience.map { [$0] } ?? [], expirationSeconds: token.expirationSeconds ?? 3600,
                    podName: values.pod.name, podUID: values.pod.uid)
                files.append(VolumeFile(path: token.path, bytes: try await configs.serviceAccountToken(request).token, mode: mode))
            }
        }
        return files
    }
}
