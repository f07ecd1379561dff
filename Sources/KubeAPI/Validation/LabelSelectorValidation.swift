/// `metav1.LabelSelector` validation and matching, as workloads use them.
enum LabelSelectorValidation {
    static let operators = ["In", "NotIn", "Exists", "DoesNotExist"]

    /// Validates a selector object at `path`; returns false when Kubernetes could not turn it
    /// into a selector at all (then it matches nothing).
    @discardableResult
    static func validate(_ sel: JSONObject, _ path: String, into list: inout CauseList) -> Bool {
        var convertible = true
        let before = list.causes.count
        MetadataValidation.validateLabels(
            in: sel, "matchLabels", parent: path, reportAt: path + ".matchLabels", into: &list)
        if list.causes.count != before { convertible = false }
        for (i, entry) in (list.array(sel, "matchExpressions", path) ?? []).enumerated() {
            let p = FieldPath.index(path + ".matchExpressions", i)
            guard let e = list.element(entry, p) else {
                convertible = false
                continue
            }
            let before = list.causes.count
            let op = list.string(e, "operator", p) ?? ""
            let values = list.stringArray(e, "values", p) ?? []
            switch op {
            case "In", "NotIn":
                if values.isEmpty {
                    list.add(FieldError.required(p + ".values", "must be specified when `operator` is 'In' or 'NotIn'"))
                }
            case "Exists", "DoesNotExist":
                if !values.isEmpty {
                    list.add(
                        FieldError.forbidden(
                            p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
                }
            default:
                list.add(FieldError.invalid(p + ".operator", string: op, "not a valid selector operator"))
            }
            let key = list.string(e, "key", p) ?? ""
            list.invalid(p + ".key", string: key, NameValidation.isQualifiedName(key))
            for (j, v) in values.enumerated() {
                list.invalid(FieldPath.index(p + ".values", j), string: v, NameValidation.isValidLabelValue(v))
            }
            if list.causes.count != before { convertible = false }
        }
        return convertible
    }

    /// True when the selector has neither match labels nor expressions (it selects everything).
    static func isEmpty(_ sel: JSONObject) -> Bool {
        (sel["matchLabels"]?.objectValue?.isEmpty ?? true) && (sel["matchExpressions"]?.arrayValue?.isEmpty ?? true)
    }

    /// Whether the selector selects an object with `labels`.
    static func matches(_ sel: JSONObject, _ labels: [String: String]) -> Bool {
        for m in sel["matchLabels"]?.objectValue?.members ?? [] {
            guard let want = m.value.stringValue, labels[m.key] == want else { return false }
        }
        for e in sel["matchExpressions"]?.arrayValue ?? [] {
            let key = e["key"]?.stringValue ?? ""
            let values = (e["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            let have = labels[key]
            switch e["operator"]?.stringValue ?? "" {
            case "In": guard let h = have, values.contains(h) else { return false }
            case "NotIn": if let h = have, values.contains(h) { return false }
            case "Exists": if have == nil { return false }
            case "DoesNotExist": if have != nil { return false }
            default: return false
            }
        }
        return true
    }

    /// Whether a plain map selector (ReplicationController, Service) selects `labels`.
    static func mapMatches(_ selector: [(key: String, value: String)], _ labels: [String: String]) -> Bool {
        selector.allSatisfy { labels[$0.key] == $0.value }
    }

    /// The selector as Go's JSON encoder writes it (fields in declaration order, map keys sorted),
    /// for messages.
    static func rendered(_ sel: JSONObject?) -> JSONValue {
        guard let sel else { return .null }
        var out = JSONObject()
        if let labels = sel["matchLabels"]?.objectValue, !labels.isEmpty { out["matchLabels"] = sortedMap(labels) }
        if let exprs = sel["matchExpressions"]?.arrayValue, !exprs.isEmpty {
            out["matchExpressions"] = .array(
                exprs.map { e in
                    var o = JSONObject()
                    o["key"] = e["key"] ?? .string("")
                    o["operator"] = e["operator"] ?? .string("")
                    if let v = e["values"]?.arrayValue, !v.isEmpty { o["values"] = .array(v) }
                    return .object(o)
                })
        }
        return .object(out)
    }

    /// Two selectors equal up to how empty parts are written, as Kubernetes' semantic equality sees them.
    static func semanticallyEqual(_ a: JSONObject?, _ b: JSONObject?) -> Bool {
        rendered(a) == rendered(b)
    }

    /// A string map with keys sorted, as Go's JSON encoder writes maps.
    static func sortedMap(_ obj: JSONObject) -> JSONValue {
        .object(JSONObject(obj.members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }

    /// The template's labels as a dictionary (non-strings skipped).
    static func labels(of template: JSONObject?) -> [String: String] {
        var out: [String: String] = [:]
        for m in template?["metadata"]?["labels"]?.objectValue?.members ?? [] {
            if let s = m.value.stringValue { out[m.key] = s }
        }
        return out
    }

    /// The template's labels rendered for messages (`null` when absent).
    static func renderedLabels(of template: JSONObject?) -> JSONValue {
        guard let labels = template?["metadata"]?["labels"]?.objectValue else { return .null }
        return sortedMap(labels)
    }
}
