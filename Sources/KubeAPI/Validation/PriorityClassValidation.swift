/// PriorityClass validation (`ValidatePriorityClass`, `ValidatePriorityClassUpdate`). The rule
/// that only one class may be the global default is admission's, checked by the API server.
enum PriorityClassValidation {
    /// Validates a class: its metadata, then on create the reserved `system-` names, the highest
    /// user value and the preemption policy; on update, only that value and policy stay.
    static func validate(_ obj: JSONObject, old: JSONObject?, into list: inout CauseList) {
        MetadataValidation.validateCreate(obj, namespaced: false, nameRule: .dnsSubdomain, into: &list)
        let value = list.int(obj, "value", "")
        let policy = list.string(obj, "preemptionPolicy", "")
        let globalDefault = list.bool(obj, "globalDefault", "") ?? false
        _ = list.string(obj, "description", "")
        if let old {
            validateUpdate(value: value, policy: policy, old: old, into: &list)
            return
        }
        let name = obj["metadata"]?["name"]?.stringValue ?? ""
        if name.hasPrefix(PriorityClass.systemPrefix) {
            if let error = systemClassError(name: name, value: value ?? 0, globalDefault: globalDefault) {
                list.add(
                    FieldError.forbidden(
                        "metadata.name",
                        "priority class names with '\(PriorityClass.systemPrefix)' prefix are reserved for system use only. error: "
                            + error))
            }
        } else if let value, value > PriorityClass.highestUserDefinablePriority {
            list.add(
                FieldError.forbidden(
                    "value",
                    "maximum allowed value of a user defined priority is \(PriorityClass.highestUserDefinablePriority)"))
        }
        if let policy { validatePreemptionPolicy(policy, "preemptionPolicy", into: &list) }
    }

    /// `value` and `preemptionPolicy` never change once the class exists.
    static func validateUpdate(value: Int64?, policy: String?, old: JSONObject, into list: inout CauseList) {
        if (value ?? 0) != (old["value"]?.intValue ?? 0) {
            list.add(FieldError.forbidden("value", "may not be changed in an update."))
        }
        let oldPolicy = old["preemptionPolicy"]?.stringValue
        if policy != oldPolicy {
            list.add(FieldError.invalid("preemptionPolicy", policy.map(JSONValue.string) ?? .null, "field is immutable"))
        }
    }

    /// Why a `system-` class is not one of the built-in ones (`IsKnownSystemPriorityClass`), or nil.
    static func systemClassError(name: String, value: Int64, globalDefault: Bool) -> String? {
        guard let known = PriorityClass.systemClass(named: name) else {
            return "\(name) is not a known system priority class"
        }
        if Int64(known.value) != value { return "value of \(name) PriorityClass must be \(known.value)" }
        if (known.globalDefault ?? false) != globalDefault {
            return "globalDefault of \(name) PriorityClass must be \(known.globalDefault ?? false)"
        }
        return nil
    }

    /// `ValidatePreemptionPolicy`, shared by pods and classes: required when empty, else one of
    /// `PreemptLowerPriority` and `Never`.
    static func validatePreemptionPolicy(_ policy: String, _ field: String, into list: inout CauseList) {
        if policy.isEmpty {
            list.add(FieldError.required(field))
        } else if !PriorityClass.preemptionPolicies.contains(policy) {
            list.add(FieldError.notSupported(field, string: policy, PriorityClass.preemptionPolicies))
        }
    }
}
