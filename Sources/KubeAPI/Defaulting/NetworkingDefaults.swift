/// Defaults of networking.k8s.io/v1 objects, as `SetDefaults_*` and the Go types' always-written
/// struct fields give them.
enum NetworkingDefaults {
    /// An Ingress always shows `spec` and `status.loadBalancer` (struct fields Go always writes).
    static func applyIngress(_ obj: inout JSONObject) {
        obj.withObject("spec", create: true) { _ in }
        obj.withObject("status", create: true) { $0.withObject("loadBalancer", create: true) { _ in } }
    }

    /// An IngressClass always shows `spec`.
    static func applyIngressClass(_ obj: inout JSONObject) {
        obj.withObject("spec", create: true) { _ in }
    }

    /// `spec.podSelector` is always written; ports default to TCP; without `policyTypes` the
    /// policy isolates ingress, and egress too when it has egress rules.
    static func applyNetworkPolicy(_ obj: inout JSONObject) {
        obj.withObject("spec", create: true) { spec in
            spec.withObject("podSelector", create: true) { _ in }
            for direction in ["ingress", "egress"] {
                spec.withEach(direction) { rule in
                    rule.withEach("ports") { $0.setDefaultString("protocol", "TCP") }
                }
            }
            let types = spec.fastMember("policyTypes")?.arrayValue ?? []
            if types.isEmpty {
                let egress = !(spec.fastMember("egress")?.arrayValue ?? []).isEmpty
                spec["policyTypes"] = .array(egress ? ["Ingress", "Egress"] : ["Ingress"])
            }
        }
    }
}
