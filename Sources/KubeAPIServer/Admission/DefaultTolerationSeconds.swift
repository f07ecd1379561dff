import KubeAPI

/// Kubernetes' `DefaultTolerationSeconds` admission plugin: a new pod that does not already
/// tolerate the `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable` `NoExecute`
/// taints gets tolerations for them with a time limit (300 s unless configured), so taint-based
/// eviction moves it off a failed node after that long.
struct DefaultTolerationSeconds: Sendable, Equatable {
    /// `--default-not-ready-toleration-seconds`.
    var notReady: Int64 = 300
    /// `--default-unreachable-toleration-seconds`.
    var unreachable: Int64 = 300

    /// Adds the missing tolerations to `pod` (not-ready first, then unreachable). A toleration
    /// with an empty key or the taint's key, and an empty or `NoExecute` effect, counts as
    /// tolerating the taint already.
    func admit(_ pod: inout JSONValue) {
        guard case .object(var spec)? = pod["spec"] else { return }
        var tolerations: [JSONValue]
        switch spec["tolerations"] {
        case nil, .null?: tolerations = []
        case .array(let a)?: tolerations = a
        default: return  // not a list: validation reports it
        }
        func tolerated(_ key: String) -> Bool {
            tolerations.contains { t in
                let k = t["key"]?.stringValue ?? ""
                let effect = t["effect"]?.stringValue ?? ""
                return (k.isEmpty || k == key) && (effect.isEmpty || effect == "NoExecute")
            }
        }
        let addNotReady = !tolerated(Self.notReadyKey)
        let addUnreachable = !tolerated(Self.unreachableKey)
        guard addNotReady || addUnreachable else { return }
        pod["spec"] = .null  // release the pod's reference so that `spec` is changed in place
        spec["tolerations"] = nil  // and spec's, so that the list grows in place
        if addNotReady { tolerations.append(Self.toleration(Self.notReadyKey, notReady)) }
        if addUnreachable { tolerations.append(Self.toleration(Self.unreachableKey, unreachable)) }
        spec["tolerations"] = .array(tolerations)
        pod["spec"] = .object(spec)
    }

    private static let notReadyKey = "node.kubernetes.io/not-ready"
    private static let unreachableKey = "node.kubernetes.io/unreachable"
    /// The two tolerations with the default 300 s, built once and shared by every pod's copy.
    private static let defaults = (notReady: make(notReadyKey, 300), unreachable: make(unreachableKey, 300))

    /// The toleration of `key`'s `NoExecute` taint for `seconds`.
    private static func toleration(_ key: String, _ seconds: Int64) -> JSONValue {
        switch (key, seconds) {
        case (notReadyKey, 300): return defaults.notReady
        case (unreachableKey, 300): return defaults.unreachable
        default: return make(key, seconds)
        }
    }

    private static func make(_ key: String, _ seconds: Int64) -> JSONValue {
        ["key": .string(key), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": .int(seconds)]
    }
}
