
extension Toleration {
    /// Whether this toleration tolerates `taint`, exactly as Kubernetes' `Toleration.ToleratesTaint`
    /// (k8s.io/api/core/v1/toleration.go) decides it:
    /// - a non-empty `effect` must equal the taint's effect (empty matches every effect);
    /// - a non-empty `key` must equal the taint's key (empty matches every key);
    /// - operator `Equal` (also when absent or empty) needs the values to be equal, an absent value
    ///   counting as `""`; `Exists` matches any value; any other operator matches nothing.
    ///
    /// The alpha `Gt`/`Lt` operators (feature gate `TaintTolerationComparisonOperators`, off by
    /// default) are not supported and match nothing, as with the gate off.
    public func tolerates(_ taint: Taint) -> Bool {
        if let effect, !effect.isEmpty, effect != taint.effect { return false }
        if let key, !key.isEmpty, key != taint.key { return false }
        switch self.operator ?? "" {
        case "", "Equal": return (value ?? "") == (taint.value ?? "")
        case "Exists": return true
        default: return false
        }
    }
}

extension Sequence where Element == Toleration {
    /// Whether any toleration in the sequence tolerates `taint` (Kubernetes'
    /// `TolerationsTolerateTaint`). An empty sequence tolerates nothing.
    public func tolerate(_ taint: Taint) -> Bool {
        contains { $0.tolerates(taint) }
    }
}
