import KubeAPI

/// Kubernetes' `ServiceAccount` admission plugin, for new pods: defaults
/// `spec.serviceAccountName` to `default` and, unless the pod or its service account opts out
/// with `automountServiceAccountToken: false`, adds the `kube-api-access-<suffix>` projected
/// volume (a bound token, the cluster CA from the `kube-root-ca.crt` ConfigMap, the namespace)
/// and mounts it read-only at `/var/run/secrets/kubernetes.io/serviceaccount` in every
/// container and init container that does not mount something there already.
enum ServiceAccountAdmission {
    /// Where the token, `ca.crt` and `namespace` appear in containers.
    static let mountPath = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Applies the plugin to `pod`; `accountAutomount` is the service account's
    /// `automountServiceAccountToken` (nil when unset or the account is not found).
    static func admit(_ pod: inout JSONValue, accountAutomount: Bool?, suffix: String) {
        guard case .object(var spec)? = pod["spec"] else { return }
        let account = spec["serviceAccountName"]?.stringValue ?? spec["serviceAccount"]?.stringValue ?? ""
        let name = account.isEmpty ? "default" : account
        spec["serviceAccountName"] = .string(name)
        spec["serviceAccount"] = .string(name)
        let automount = spec["automountServiceAccountToken"]?.boolValue ?? accountAutomount ?? true
        if automount, !hasAccessVolume(spec) {
            let volumeName = "kube-api-access-\(suffix)"
            spec["volumes"] = .array((spec["volumes"]?.arrayValue ?? []) + [volume(volumeName)])
            for list in ["containers", "initContainers"] {
                guard let containers = spec[list]?.arrayValue else { continue }
                spec[list] = .array(containers.map { mounted($0, volume: volumeName) })
            }
        }
        pod["spec"] = .null  // release the pod's reference so that `spec` is changed in place
        pod["spec"] = .object(spec)
    }

    static func hasAccessVolume(_ spec: JSONObject) -> Bool {
        (spec["volumes"]?.arrayValue ?? []).contains { ($0["name"]?.stringValue ?? "").hasPrefix("kube-api-access-") }
    }

    static func mounted(_ container: JSONValue, volume: String) -> JSONValue {
        let mounts = container["volumeMounts"]?.arrayValue ?? []
        guard !mounts.contains(where: { $0["mountPath"]?.stringValue == mountPath }) else { return container }
        var copy = container
        copy["volumeMounts"] = .array(mounts + [["name": .string(volume), "readOnly": true, "mountPath": .string(mountPath)]])
        return copy
    }

    /// The projected volume, as Kubernetes writes it, named `name`. Its sources are built once and
    /// shared by every pod's copy.
    static func volume(_ name: String) -> JSONValue {
        var volume = volumeTemplate
        volume["name"] = .string(name)
        return volume
    }

    private static let volumeTemplate: JSONValue = {
        let token: JSONValue = ["serviceAccountToken": ["expirationSeconds": .int(ServiceAccountTokens.admissionExpirationSeconds), "path": "token"]]
        let ca: JSONValue = ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]]]]
        let namespace: JSONValue = [
            "downwardAPI": ["items": [["path": "namespace", "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"]]]]
        ]
        return ["name": "", "projected": ["defaultMode": 420, "sources": [token, ca, namespace]]]
    }()
}

extension Registry {
    /// Runs `ServiceAccountAdmission` on a new pod when this server issues tokens.
    func admitServiceAccount(_ pod: inout JSONValue) async throws(APIError) {
        guard mountsServiceAccountTokens else { return }
        let name = pod["spec"]?["serviceAccountName"]?.stringValue ?? ""
        let key = ResourceInfo.serviceAccounts.storageKey(namespace: pod.namespace, name: name.isEmpty ? "default" : name)
        let account = try cache(.serviceAccounts).get(key).flatMap { try? $0.parsed() }
        ServiceAccountAdmission.admit(&pod, accountAutomount: account?["automountServiceAccountToken"]?.boolValue, suffix: Self.randomSuffix())
    }
}
