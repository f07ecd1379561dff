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
        var added: [JSONValue] = []
        for (key, seconds) in [("node.kubernetes.io/not-ready", notReady), ("node.kubernetes.io/unreachable", unreachable)]
        where !tolerated(key) {
            added.append(["key": .string(key), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": .int(seconds)])
        }
        guard !added.isEmpty else { return }
        pod["spec"] = .null  // release the pod's reference so that `spec` is changed in place
        spec["tolerations"] = .array(tolerations + added)
        pod["spec"] = .object(spec)
    }
}
