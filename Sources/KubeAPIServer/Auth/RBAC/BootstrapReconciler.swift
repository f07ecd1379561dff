import KubeAPI

/// How the bootstrap policy is reconciled with what is stored (Kubernetes' `reconcile`
/// without removals): a stored role or binding annotated
/// `rbac.authorization.kubernetes.io/autoupdate: "true"` gains the labels, annotations,
/// aggregation selectors, rules (broken down, as Kubernetes appends them) and subjects it lacks;
/// one annotated otherwise is left as its owner wrote it.
enum BootstrapReconciler {
    static let autoUpdate = "rbac.authorization.kubernetes.io/autoupdate"

    /// Whether the stored object accepts reconciliation.
    static func reconciles(_ stored: ObjectMeta) -> Bool { stored.annotations?[autoUpdate] == "true" }

    /// `stored` with what `expected` adds, or nil when nothing is missing.
    static func role(_ stored: ClusterRole, expected: ClusterRole) -> ClusterRole? {
        var out = stored
        var changed = mergeMeta(&out.metadata, expected.metadata)
        if let wanted = expected.aggregationRule?.clusterRoleSelectors, !wanted.isEmpty {
            var selectors = out.aggregationRule?.clusterRoleSelectors ?? []
            for s in wanted where !selectors.contains(s) {
                selectors.append(s)
                changed = true
            }
            out.aggregationRule = AggregationRule(clusterRoleSelectors: selectors)
        }
        let missing = RuleMatching.covers(stored.rules ?? [], expected.rules ?? []).missing
        if !missing.isEmpty {
            out.rules = (stored.rules ?? []) + missing
            changed = true
        }
        return changed ? out : nil
    }

    /// `stored` with the subjects, labels and annotations `expected` adds, or nil when nothing is missing.
    static func binding(_ stored: ClusterRoleBinding, expected: ClusterRoleBinding) -> ClusterRoleBinding? {
        var out = stored
        var changed = mergeMeta(&out.metadata, expected.metadata)
        var subjects = stored.subjects ?? []
        for s in expected.subjects ?? [] where !subjects.contains(where: { $0.kind == s.kind && $0.name == s.name }) {
            subjects.append(s)
            changed = true
        }
        out.subjects = subjects
        return changed ? out : nil
    }

    /// Adds the labels and annotations of `expected` that `meta` lacks; whether any were added.
    private static func mergeMeta(_ meta: inout ObjectMeta, _ expected: ObjectMeta) -> Bool {
        var changed = false
        for (k, v) in expected.labels ?? [:] where meta.labels?[k] == nil {
            meta.labels = (meta.labels ?? [:]).merging([k: v]) { a, _ in a }
            changed = true
        }
        for (k, v) in expected.annotations ?? [:] where meta.annotations?[k] == nil {
            meta.annotations = (meta.annotations ?? [:]).merging([k: v]) { a, _ in a }
            changed = true
        }
        return changed
    }
}
