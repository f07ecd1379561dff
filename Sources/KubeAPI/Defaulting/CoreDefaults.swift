import Foundation

/// Defaults of Namespace, Secret, Node, Endpoints, EndpointSlice and PriorityClass.
enum CoreDefaults {
    /// A new Namespace carries the `kubernetes` finalizer, starts `Active`, and is labelled with
    /// its own name (`kubernetes.io/metadata.name`).
    static func applyNamespace(_ obj: inout JSONObject) {
        let name = obj["metadata"]?["name"]?.stringValue ?? ""
        if !name.isEmpty {
            obj.withObject("metadata", create: true) { meta in
                meta.withObject("labels", create: true) { $0["kubernetes.io/metadata.name"] = .string(name) }
            }
        }
        obj.withObject("spec", create: true) { $0.setDefault("finalizers", ["kubernetes"]) }
        obj.withObject("status", create: true) { $0.setDefaultString("phase", "Active") }
    }

    /// `type: Opaque`, and `stringData` merged into `data` (base64) as the v1 conversion does.
    static func applySecret(_ obj: inout JSONObject) {
        obj.setDefaultString("type", "Opaque")
        guard case .object(let stringData)? = obj["stringData"] else { return }
        var ok = true
        for m in stringData.members where m.value.stringValue == nil && !m.value.isNull { ok = false }
        guard ok else { return }  // leave malformed stringData for validation to report
        obj.withObject("data", create: true) { data in
            for m in stringData.members {
                data[m.key] = .string(Data((m.value.stringValue ?? "").utf8).base64EncodedString())
            }
        }
        obj["stringData"] = nil
    }

    /// A node without `status.allocatable` may allocate its whole capacity.
    static func applyNode(_ obj: inout JSONObject) {
        obj.withObject("status", create: false) { status in
            if status.isUnset("allocatable"), case .object(let capacity)? = status["capacity"] {
                status["allocatable"] = .object(capacity)
            }
        }
    }

    static func applyEndpoints(_ obj: inout JSONObject) {
        obj.withEach("subsets") { subset in subset.withEach("ports") { $0.setDefaultString("protocol", "TCP") } }
    }

    /// `preemptionPolicy: PreemptLowerPriority` when unset, and `value: 0` when absent: the int32
    /// is not a pointer, so Kubernetes decodes a missing value as 0 and writes it back.
    static func applyPriorityClass(_ obj: inout JSONObject) {
        obj.setDefault("value", 0)
        obj.setDefault("preemptionPolicy", .string(PriorityClass.defaultPreemptionPolicy))
    }

    static func applyEndpointSlice(_ obj: inout JSONObject) {
        obj.withEach("ports") { port in
            port.setDefault("name", "")
            port.setDefault("protocol", "TCP")
        }
    }
}
