/// Pod and pod-template validation (`ValidatePodCreate`, `ValidatePodUpdate`, `ValidatePodTemplateSpec`).
enum PodValidation {
    static let updatableFields = [
        "`spec.containers[*].image`", "`spec.initContainers[*].image`", "`spec.activeDeadlineSeconds`",
        "`spec.tolerations` (only additions to existing tolerations)",
        "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
    ]

    /// A Pod's metadata and spec; `creating` adds the create-only rules.
    static func validate(_ pod: JSONObject, creating: Bool, into list: inout CauseList) {
        MetadataValidation.validateCreate(pod, namespaced: true, nameRule: .dnsSubdomain, into: &list)
        let spec = list.object(pod, "spec", "") ?? JSONObject()
        PodSpecValidation.validate(spec, "spec", isPod: true, into: &list)
        guard creating else { return }
        if !(spec["ephemeralContainers"]?.arrayValue ?? []).isEmpty {
            list.add(FieldError.forbidden("spec.ephemeralContainers", "cannot be set on create"))
        }
        if !(spec["nodeName"]?.stringValue ?? "").isEmpty && !(spec["schedulingGates"]?.arrayValue ?? []).isEmpty {
            list.add(FieldError.forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"))
        }
    }

    /// A pod template embedded at `path` (e.g. `spec.template`) of a workload.
    static func validateTemplate(_ template: JSONObject, _ path: String, into list: inout CauseList) {
        let meta = list.object(template, "metadata", path) ?? JSONObject()
        let metaPath = path + ".metadata"
        MetadataValidation.validateLabels(in: meta, "labels", parent: metaPath, reportAt: path + ".labels", into: &list)
        MetadataValidation.validateAnnotations(
            in: meta, "annotations", parent: metaPath, reportAt: path + ".annotations", into: &list)
        let spec = list.object(template, "spec", path) ?? JSONObject()
        PodSpecValidation.validate(spec, path + ".spec", isPod: false, into: &list)
        if !(spec["ephemeralContainers"]?.arrayValue ?? []).isEmpty {
            list.add(
                FieldError.forbidden(
                    path + ".spec.ephemeralContainers", "ephemeral containers not allowed in pod template"))
        }
    }

    /// The update rules: only images, activeDeadlineSeconds, added tolerations and removed
    /// scheduling gates may change.
    static func validateUpdate(_ pod: JSONObject, old: JSONObject, into list: inout CauseList) {
        let spec = pod["spec"]?.objectValue ?? JSONObject()
        let oldSpec = old["spec"]?.objectValue ?? JSONObject()
        for key in PodSpecValidation.containerLists {
            let new = spec[key]?.arrayValue ?? []
            let previous = oldSpec[key]?.arrayValue ?? []
            if new.count != previous.count {
                list.add(FieldError.forbidden("spec." + key, "pod updates may not add or remove containers"))
                return
            }
            for (i, c) in new.enumerated() {
                let image = c["image"]?.stringValue ?? ""
                let p = FieldPath.index("spec." + key, i) + ".image"
                if image.isEmpty { list.add(FieldError.required(p)) }
                if image != image.trimmingWhitespace {
                    list.add(FieldError.invalid(p, string: image, "must not have leading or trailing whitespace"))
                }
            }
        }
        let newDeadline = CauseList.member(spec, "activeDeadlineSeconds")?.intValue
        let oldDeadline = CauseList.member(oldSpec, "activeDeadlineSeconds")?.intValue
        if let n = newDeadline {
            if n < 0 || n > 2_147_483_647 {
                list.add(
                    FieldError.invalid(
                        "spec.activeDeadlineSeconds", int: n, NameValidation.inclusiveRangeError(0, 2_147_483_647)))
                return
            }
            if let o = oldDeadline, o < n {
                list.add(
                    FieldError.invalid(
                        "spec.activeDeadlineSeconds", int: n, "must be less than or equal to previous value"))
                return
            }
        } else if oldDeadline != nil {
            list.add(
                FieldError.invalid(
                    "spec.activeDeadlineSeconds", .null, "must not update from a positive integer to nil value"))
        }
        let newTolerations = spec["tolerations"]?.arrayValue ?? []
        for oldToleration in oldSpec["tolerations"]?.arrayValue ?? [] {
            let found = newTolerations.contains { t in
                var a = t
                var b = oldToleration
                a["tolerationSeconds"] = nil
                b["tolerationSeconds"] = nil
                return JSONValue.deepEqual(a, b)
            }
            if !found {
                list.add(
                    FieldError.forbidden(
                        "spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"))
                break
            }
        }
        let oldGates = Set((oldSpec["schedulingGates"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        for (i, gate) in (spec["schedulingGates"]?.arrayValue ?? []).enumerated() {
            let name = gate["name"]?.stringValue ?? ""
            if !oldGates.contains(name) {
                list.add(
                    FieldError.forbidden(
                        FieldPath.index("spec.schedulingGates", i) + ".name",
                        "only deletion is allowed, but found new scheduling gate '\(name)'"))
            }
        }
        // Compare everything else with the updatable fields taken from the stored spec.
        var munged = spec
        for key in PodSpecValidation.containerLists {
            guard let containers = munged[key]?.arrayValue, let previous = oldSpec[key]?.arrayValue else { continue }
            var copy = containers
            for i in copy.indices where i < previous.count { copy[i]["image"] = previous[i]["image"] }
            munged[key] = .array(copy)
        }
        munged["activeDeadlineSeconds"] = oldSpec["activeDeadlineSeconds"]
        munged["schedulingGates"] = oldSpec["schedulingGates"]
        munged["tolerations"] = oldSpec["tolerations"]
        if let o = oldSpec["terminationGracePeriodSeconds"]?.intValue, o < 0,
            munged["terminationGracePeriodSeconds"]?.intValue == 1
        {
            munged["terminationGracePeriodSeconds"] = oldSpec["terminationGracePeriodSeconds"]
        }
        if !(oldSpec["schedulingGates"]?.arrayValue ?? []).isEmpty {
            // Gated pods may add node selector entries.
            let oldSelector = oldSpec["nodeSelector"]?.objectValue ?? JSONObject()
            let newSelector = munged["nodeSelector"]?.objectValue ?? JSONObject()
            if oldSelector.members.allSatisfy({ newSelector[$0.key] == $0.value }) {
                munged["nodeSelector"] = oldSpec["nodeSelector"]
            } else {
                list.add(
                    FieldError.invalid(
                        "spec.nodeSelector", .object(newSelector),
                        "only additions to spec.nodeSelector are allowed (no mutations or deletions)"))
                munged["nodeSelector"] = oldSpec["nodeSelector"]
            }
        }
        if !JSONValue.deepEqual(.object(munged), .object(oldSpec)) {
            var lines: [String] = []
            SpecDiff.diff(.object(oldSpec), .object(munged), "spec", into: &lines)
            let message =
                "pod updates may not change fields other than " + updatableFields.joined(separator: ",")
                + "\n" + lines.joined(separator: "\n")
            list.add(FieldError.forbidden("spec", message))
        }
    }
}

/// A short line-per-field description of how two JSON trees differ, standing in for the Go
/// struct diff Kubernetes appends to some messages.
enum SpecDiff {
    static let maxLines = 20

    static func diff(_ a: JSONValue, _ b: JSONValue, _ path: String, into lines: inout [String]) {
        guard lines.count < maxLines, a != b else { return }
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for m in x.members { diff(m.value, y[m.key] ?? .null, FieldPath.child(path, m.key), into: &lines) }
            for m in y.members where x[m.key] == nil {
                diff(.null, m.value, FieldPath.child(path, m.key), into: &lines)
            }
        case (.array(let x), .array(let y)) where x.count == y.count:
            for i in x.indices { diff(x[i], y[i], FieldPath.index(path, i), into: &lines) }
        default:
            if !a.isNull { lines.append("- \(path): \(a.jsonString)") }
            if !b.isNull { lines.append("+ \(path): \(b.jsonString)") }
        }
    }
}
