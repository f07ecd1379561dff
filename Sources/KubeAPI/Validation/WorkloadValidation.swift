/// Deployment, ReplicaSet, DaemonSet and ReplicationController validation.
enum WorkloadValidation {
    static let nonNegative = "must be greater than or equal to 0"

    /// An optional integer field that may not be negative.
    static func nonNegative(_ obj: JSONObject?, _ key: String, _ path: String, into list: inout CauseList) {
        if let v = list.int(obj, key, path), v < 0 {
            list.add(FieldError.invalid(FieldPath.child(path, key), int: v, nonNegative))
        }
    }

    /// `spec.selector` of an apps/v1 workload plus the template it must match. `kind` words the
    /// empty-selector and activeDeadlineSeconds messages (Kubernetes says "deployment" for
    /// ReplicaSets too).
    static func validateSelectedTemplate(
        _ spec: JSONObject, requireSelector: Bool, emptyWord: String, deadlineKind: String, into list: inout CauseList
    ) {
        let selector = list.object(spec, "selector", "spec")
        var convertible = true
        if let selector {
            convertible = LabelSelectorValidation.validate(selector, "spec.selector", into: &list)
            if LabelSelectorValidation.isEmpty(selector) {
                list.add(
                    FieldError.invalid(
                        "spec.selector", LabelSelectorValidation.rendered(selector),
                        "empty selector is invalid for \(emptyWord)"))
            }
        } else if requireSelector {
            list.add(FieldError.required("spec.selector"))
        }
        let template = list.object(spec, "template", "spec") ?? JSONObject()
        if !convertible {
            if requireSelector {
                list.add(
                    FieldError.invalid(
                        "spec.selector", LabelSelectorValidation.rendered(selector), "invalid label selector"))
            }
        } else {
            // A missing selector selects nothing; an empty one selects everything.
            let matches =
                selector.map { LabelSelectorValidation.matches($0, LabelSelectorValidation.labels(of: template)) }
                ?? false
            if !matches {
                list.add(
                    FieldError.invalid(
                        "spec.template.metadata.labels", LabelSelectorValidation.renderedLabels(of: template),
                        "`selector` does not match template `labels`"))
            }
        }
        PodValidation.validateTemplate(template, "spec.template", into: &list)
        checkAlwaysRestart(template, deadlineKind: deadlineKind, into: &list)
    }

    /// Long-running workloads' pods restart always and have no deadline.
    static func checkAlwaysRestart(_ template: JSONObject, deadlineKind: String, into list: inout CauseList) {
        let podSpec = template["spec"]?.objectValue
        let policy = podSpec?["restartPolicy"]?.stringValue ?? ""
        if policy != "Always" {
            list.add(FieldError.notSupported("spec.template.spec.restartPolicy", string: policy, ["Always"]))
        }
        if CauseList.member(podSpec, "activeDeadlineSeconds") != nil {
            list.add(
                FieldError.forbidden(
                    "spec.template.spec.activeDeadlineSeconds",
                    "activeDeadlineSeconds in \(deadlineKind) is not Supported"))
        }
    }

    static func validateDeployment(_ obj: JSONObject, old: JSONObject?, into list: inout CauseList) {
        let spec = list.object(obj, "spec", "") ?? JSONObject()
        nonNegative(spec, "replicas", "spec", into: &list)
        validateSelectedTemplate(
            spec, requireSelector: true, emptyWord: "deployment", deadlineKind: "ReplicaSet", into: &list)
        if let strategy = list.object(spec, "strategy", "spec") {
            let type = list.string(strategy, "type", "spec.strategy") ?? ""
            let rolling = list.object(strategy, "rollingUpdate", "spec.strategy")
            switch type {
            case "Recreate":
                if rolling != nil {
                    list.add(
                        FieldError.forbidden(
                            "spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"))
                }
            case "RollingUpdate":
                if let rolling {
                    validateRollingUpdate(rolling, "spec.strategy.rollingUpdate", daemonSet: false, into: &list)
                } else {
                    list.add(
                        FieldError.required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil"))
                }
            default:
                list.add(FieldError.notSupported("spec.strategy", .object(strategy), ["Recreate", "RollingUpdate"]))
            }
        }
        nonNegative(spec, "minReadySeconds", "spec", into: &list)
        nonNegative(spec, "revisionHistoryLimit", "spec", into: &list)
        if let deadline = list.int(spec, "progressDeadlineSeconds", "spec") {
            if deadline < 0 {
                list.add(FieldError.invalid("spec.progressDeadlineSeconds", int: deadline, nonNegative))
            }
            if deadline <= (spec["minReadySeconds"]?.intValue ?? 0) {
                list.add(
                    FieldError.invalid(
                        "spec.progressDeadlineSeconds", int: deadline, "must be greater than minReadySeconds"))
            }
        }
        _ = list.bool(spec, "paused", "spec")
        checkSelectorImmutable(spec, old: old, into: &list)
    }

    static func validateReplicaSet(_ obj: JSONObject, old: JSONObject?, into list: inout CauseList) {
        let spec = list.object(obj, "spec", "") ?? JSONObject()
        nonNegative(spec, "replicas", "spec", into: &list)
        nonNegative(spec, "minReadySeconds", "spec", into: &list)
        validateSelectedTemplate(
            spec, requireSelector: true, emptyWord: "deployment", deadlineKind: "ReplicaSet", into: &list)
        checkSelectorImmutable(spec, old: old, into: &list)
    }

    static func validateDaemonSet(_ obj: JSONObject, old: JSONObject?, into list: inout CauseList) {
        let spec = list.object(obj, "spec", "") ?? JSONObject()
        validateSelectedTemplate(
            spec, requireSelector: false, emptyWord: "daemonset", deadlineKind: "DaemonSet", into: &list)
        nonNegative(spec, "minReadySeconds", "spec", into: &list)
        if let strategy = list.object(spec, "updateStrategy", "spec") {
            let type = list.string(strategy, "type", "spec.updateStrategy") ?? ""
            switch type {
            case "OnDelete":
                break
            case "RollingUpdate":
                if let rolling = list.object(strategy, "rollingUpdate", "spec.updateStrategy") {
                    validateRollingUpdate(rolling, "spec.updateStrategy.rollingUpdate", daemonSet: true, into: &list)
                } else {
                    list.add(FieldError.required("spec.updateStrategy.rollingUpdate"))
                }
            default:
                list.add(
                    FieldError.notSupported("spec.updateStrategy", .object(strategy), ["RollingUpdate", "OnDelete"]))
            }
        }
        nonNegative(spec, "revisionHistoryLimit", "spec", into: &list)
        checkSelectorImmutable(spec, old: old, into: &list)
    }

    static func validateReplicationController(_ obj: JSONObject, into list: inout CauseList) {
        let spec = list.object(obj, "spec", "") ?? JSONObject()
        nonNegative(spec, "minReadySeconds", "spec", into: &list)
        let selector = list.stringMap(spec, "selector", "spec") ?? []
        if selector.isEmpty { list.add(FieldError.required("spec.selector")) }
        nonNegative(spec, "replicas", "spec", into: &list)
        guard let template = list.object(spec, "template", "spec") else {
            list.add(FieldError.required("spec.template"))
            return
        }
        if !selector.isEmpty
            && !LabelSelectorValidation.mapMatches(selector, LabelSelectorValidation.labels(of: template))
        {
            list.add(
                FieldError.invalid(
                    "spec.template.metadata.labels", LabelSelectorValidation.renderedLabels(of: template),
                    "`selector` does not match template `labels`"))
        }
        PodValidation.validateTemplate(template, "spec.template", into: &list)
        checkAlwaysRestart(template, deadlineKind: "ReplicationController", into: &list)
    }

    /// `maxUnavailable` / `maxSurge` of a rolling update.
    static func validateRollingUpdate(_ r: JSONObject, _ path: String, daemonSet: Bool, into list: inout CauseList) {
        let unavailable = list.intOrString(r, "maxUnavailable", path) ?? .int(0)
        let surge = list.intOrString(r, "maxSurge", path) ?? .int(0)
        validatePositiveIntOrPercent(unavailable, path + ".maxUnavailable", into: &list)
        validatePositiveIntOrPercent(surge, path + ".maxSurge", into: &list)
        if daemonSet {
            notMoreThan100Percent(unavailable, path + ".maxUnavailable", into: &list)
            notMoreThan100Percent(surge, path + ".maxSurge", into: &list)
            let hasUnavailable = intOrPercentValue(unavailable) != 0
            let hasSurge = intOrPercentValue(surge) != 0
            if hasUnavailable && hasSurge {
                list.add(
                    FieldError.invalid(path + ".maxSurge", surge.json, "may not be set when maxUnavailable is non-zero")
                )
            } else if !hasUnavailable && !hasSurge {
                list.add(FieldError.required(path + ".maxUnavailable", "cannot be 0 when maxSurge is 0"))
            }
        } else {
            if intOrPercentValue(unavailable) == 0 && intOrPercentValue(surge) == 0 {
                list.add(
                    FieldError.invalid(path + ".maxUnavailable", unavailable.json, "may not be 0 when `maxSurge` is 0"))
            }
            notMoreThan100Percent(unavailable, path + ".maxUnavailable", into: &list)
        }
    }

    static func validatePositiveIntOrPercent(_ v: IntOrString, _ path: String, into list: inout CauseList) {
        switch v {
        case .string(let s):
            for m in NameValidation.isValidPercent(s) { list.add(FieldError.invalid(path, v.json, m)) }
        case .int(let i):
            if i < 0 { list.add(FieldError.invalid(path, int: i, nonNegative)) }
        }
    }

    /// The number in an int or a valid percentage string; 0 for anything else.
    static func intOrPercentValue(_ v: IntOrString) -> Int64 {
        switch v {
        case .int(let i): return i
        case .string(let s):
            guard NameValidation.isValidPercent(s).isEmpty else { return 0 }
            return Int64(s.dropLast()) ?? 0
        }
    }

    static func notMoreThan100Percent(_ v: IntOrString, _ path: String, into list: inout CauseList) {
        guard case .string(let s) = v, NameValidation.isValidPercent(s).isEmpty, let n = Int64(s.dropLast()), n > 100
        else {
            return
        }
        list.add(FieldError.invalid(path, v.json, "must not be greater than 100%"))
    }

    /// apps/v1 selectors cannot change after creation.
    static func checkSelectorImmutable(_ spec: JSONObject, old: JSONObject?, into list: inout CauseList) {
        guard let old else { return }
        let new = spec["selector"]?.objectValue
        let previous = old["spec"]?["selector"]?.objectValue
        if !LabelSelectorValidation.semanticallyEqual(new, previous) {
            list.add(FieldError.invalid("spec.selector", LabelSelectorValidation.rendered(new), "field is immutable"))
        }
    }
}
