/// The rule an object's `metadata.name` must follow.
public enum NameRule: Sendable {
    /// RFC 1123 subdomain (most kinds).
    case dnsSubdomain
    /// RFC 1123 label (Namespace).
    case dnsLabel
    /// RFC 1035 label (Service).
    case dns1035Label
    /// Any name that is safe as a URL path segment (kinds without a stricter rule).
    case pathSegment

    /// The messages for `name`; `prefix` checks a `generateName` prefix, which may end in '-'.
    public func messages(_ name: String, prefix: Bool) -> [String] {
        switch self {
        case .dnsSubdomain:
            return NameValidation.isDNS1123Subdomain(prefix ? NameValidation.maskTrailingDash(name) : name)
        case .dnsLabel:
            return NameValidation.isDNS1123Label(prefix ? NameValidation.maskTrailingDash(name) : name)
        case .dns1035Label:
            return NameValidation.isDNS1035Label(prefix ? NameValidation.maskTrailingDash(name) : name)
        case .pathSegment:
            return prefix ? NameValidation.isPathSegmentPrefix(name) : NameValidation.isPathSegmentName(name)
        }
    }
}

/// `ObjectMeta` validation on create and update (`ValidateObjectMeta`, `ValidateObjectMetaUpdate`).
enum MetadataValidation {
    /// The largest total size of annotation keys and values, in bytes.
    static let totalAnnotationSizeLimit = 256 * 1024
    static let standardFinalizers: Set<String> = ["kubernetes", "orphan", "foregroundDeletion"]

    /// Validates `metadata` of a new object. `namespaced` nil skips the namespace rule;
    /// `kubeFinalizers` adds the core rule that unprefixed finalizers must be standard ones.
    static func validateCreate(
        _ object: JSONObject?, namespaced: Bool?, nameRule: NameRule, kubeFinalizers: Bool = true,
        into list: inout CauseList
    ) {
        let meta = list.object(object, "metadata", "") ?? JSONObject()
        let path = "metadata"
        if let generateName = list.string(meta, "generateName", path), !generateName.isEmpty {
            list.invalid("metadata.generateName", string: generateName, nameRule.messages(generateName, prefix: true))
        }
        let name = list.string(meta, "name", path) ?? ""
        if name.isEmpty {
            list.add(FieldError.required("metadata.name", "name or generateName is required"))
        } else {
            list.invalid("metadata.name", string: name, nameRule.messages(name, prefix: false))
        }
        let namespace = list.string(meta, "namespace", path) ?? ""
        switch namespaced {
        case .some(true):
            if namespace.isEmpty {
                list.add(FieldError.required("metadata.namespace"))
            } else {
                list.invalid("metadata.namespace", string: namespace, NameValidation.isDNS1123Label(namespace))
            }
        case .some(false):
            if !namespace.isEmpty { list.add(FieldError.forbidden("metadata.namespace", "not allowed on this type")) }
        case .none:
            break
        }
        validateCommon(meta, kubeFinalizers: kubeFinalizers, into: &list)
    }

    /// Checks an update's `metadata` against the stored object: immutable fields, resourceVersion,
    /// generation, and no new finalizers once deletion started. The per-field rules of
    /// `validateCreate` are run separately.
    static func validateUpdate(_ object: JSONObject?, old: JSONObject?, into list: inout CauseList) {
        let meta = CauseList.member(object, "metadata")?.objectValue ?? JSONObject()
        let oldMeta = CauseList.member(old, "metadata")?.objectValue ?? JSONObject()
        let path = "metadata"
        if let deletion = CauseList.member(oldMeta, "deletionTimestamp"), !deletion.isNull {
            let oldFinalizers = Set((oldMeta["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue))
            var added: [String] = []
            for f in (meta["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue) where !oldFinalizers.contains(f) {
                if !added.contains(f) { added.append(f) }
            }
            if !added.isEmpty {
                let rendered = "[]string{" + added.sorted().map(FieldError.goQuote).joined(separator: ", ") + "}"
                list.add(
                    FieldError.forbidden(
                        "metadata.finalizers",
                        "no new finalizers can be added if the object is being deleted, found new finalizers "
                            + rendered))
            }
        }
        let rv = list.string(meta, "resourceVersion", path) ?? ""
        if rv.isEmpty {
            list.add(FieldError.invalid("metadata.resourceVersion", string: "", "must be specified for an update"))
        }
        let generation = meta["generation"]?.intValue ?? 0
        if generation < (oldMeta["generation"]?.intValue ?? 0) {
            list.add(FieldError.invalid("metadata.generation", int: generation, "must not be decremented"))
        }
        for key in ["name", "namespace"] {
            let new = meta[key]?.stringValue ?? ""
            if new != (oldMeta[key]?.stringValue ?? "") {
                list.add(FieldError.invalid("metadata." + key, string: new, "field is immutable"))
            }
        }
        // As the API server does before validating, an omitted uid or timestamp keeps the stored one.
        if let uid = meta["uid"]?.stringValue, !uid.isEmpty, uid != (oldMeta["uid"]?.stringValue ?? "") {
            list.add(FieldError.invalid("metadata.uid", string: uid, "field is immutable"))
        }
        if let old = CauseList.member(oldMeta, "deletionGracePeriodSeconds"),
            let new = CauseList.member(meta, "deletionGracePeriodSeconds"), new.intValue != old.intValue
        {
            list.add(FieldError.invalid("metadata.deletionGracePeriodSeconds", new, "field is immutable"))
        }
    }

    /// Labels, annotations, owner references, finalizers and managed fields.
    static func validateCommon(_ meta: JSONObject, kubeFinalizers: Bool, into list: inout CauseList) {
        let path = "metadata"
        if let generation = list.int(meta, "generation", path), generation < 0 {
            list.add(FieldError.invalid("metadata.generation", int: generation, "must be greater than or equal to 0"))
        }
        validateLabels(in: meta, "labels", parent: path, reportAt: "metadata.labels", into: &list)
        validateAnnotations(in: meta, "annotations", parent: path, reportAt: "metadata.annotations", into: &list)
        if let refs = list.array(meta, "ownerReferences", path) {
            validateOwnerReferences(refs, "metadata.ownerReferences", into: &list)
        }
        if let finalizers = list.stringArray(meta, "finalizers", path) {
            validateFinalizers(finalizers, "metadata.finalizers", kube: kubeFinalizers, into: &list)
        }
        if let managed = list.array(meta, "managedFields", path) {
            for (i, entry) in managed.enumerated() {
                let p = FieldPath.index("metadata.managedFields", i)
                guard let e = list.element(entry, p) else { continue }
                let op = list.string(e, "operation", p) ?? ""
                if op != "Apply" && op != "Update" {
                    list.add(FieldError.invalid(p + ".operation", string: op, "must be `Apply` or `Update`"))
                }
                if let t = list.string(e, "fieldsType", p), !t.isEmpty, t != "FieldsV1" {
                    list.add(FieldError.invalid(p + ".fieldsType", string: t, "must be `FieldsV1`"))
                }
            }
        }
    }

    /// Validates the string map member `key` of `obj` as labels: keys must be qualified names
    /// and values valid label values, both reported at `path` itself, as Kubernetes does.
    static func validateLabels(
        in obj: JSONObject?, _ key: String, parent: String, reportAt path: String, into list: inout CauseList
    ) {
        guard let labels = list.object(obj, key, parent) else { return }
        for m in labels.members {
            let value: String
            switch m.value {
            case .string(let s): value = s
            case .null: value = ""
            default:
                list.typeError(FieldPath.key(FieldPath.child(parent, key), m.key), m.value, expected: "string")
                continue
            }
            list.invalid(path, string: m.key, NameValidation.isQualifiedName(m.key))
            list.invalid(path, string: value, NameValidation.isValidLabelValue(value))
        }
    }

    /// Validates the member `key` of `obj` as annotations: keys are qualified names compared
    /// case-insensitively; the total size is capped.
    static func validateAnnotations(
        in obj: JSONObject?, _ key: String, parent: String, reportAt path: String, into list: inout CauseList
    ) {
        guard let annotations = list.object(obj, key, parent) else { return }
        var total = 0
        for m in annotations.members {
            var size = 0
            switch m.value {
            case .string(let s): size = s.utf8.count
            case .null: break
            default:
                list.typeError(FieldPath.key(FieldPath.child(parent, key), m.key), m.value, expected: "string")
                continue
            }
            let k = m.key
            let lower = k.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? k.lowercased() : k
            list.invalid(path, string: k, NameValidation.isQualifiedName(lower))
            total += k.utf8.count + size
        }
        if total > totalAnnotationSizeLimit { list.add(FieldError.tooLong(path, max: totalAnnotationSizeLimit)) }
    }

    static func validateOwnerReferences(_ refs: [JSONValue], _ path: String, into list: inout CauseList) {
        var firstController = ""
        for (i, ref) in refs.enumerated() {
            guard let r = list.element(ref, FieldPath.index(path, i)) else { continue }
            let p = FieldPath.index(path, i)
            let apiVersion = list.string(r, "apiVersion", p) ?? ""
            let kind = list.string(r, "kind", p) ?? ""
            let name = list.string(r, "name", p) ?? ""
            let uid = list.string(r, "uid", p) ?? ""
            let controller = list.bool(r, "controller", p) ?? false
            _ = list.bool(r, "blockOwnerDeletion", p)
            // `group/version` or `version`; more than one '/' does not parse (no version).
            var versionEmpty = apiVersion.isEmpty
            let utf8 = apiVersion.utf8
            if let slash = utf8.firstIndex(of: 0x2F) {
                let after = utf8.index(after: slash)
                versionEmpty = after == utf8.endIndex || utf8[after...].contains(0x2F)
            }
            // Kubernetes reports these at the list's path, not the element's.
            if versionEmpty {
                list.add(FieldError.invalid(path + ".apiVersion", string: apiVersion, "version must not be empty"))
            }
            if kind.isEmpty { list.add(FieldError.invalid(path + ".kind", string: kind, "must not be empty")) }
            if name.isEmpty { list.add(FieldError.invalid(path + ".name", string: name, "must not be empty")) }
            if uid.isEmpty { list.add(FieldError.invalid(path + ".uid", string: uid, "must not be empty")) }
            if apiVersion == "v1" && kind == "Event" {
                list.add(FieldError.invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner"))
            }
            if controller {
                let current = kind + "/" + name
                if firstController.isEmpty {
                    firstController = current
                } else {
                    list.add(
                        FieldError.invalid(
                            path, .array(refs),
                            "Only one reference can have Controller set to true. Found \"true\" in references for \(firstController) and \(current)"
                        ))
                }
            }
        }
    }

    static func validateFinalizers(_ finalizers: [String], _ path: String, kube: Bool, into list: inout CauseList) {
        var orphan = false
        var foreground = false
        for (i, f) in finalizers.enumerated() {
            list.invalid(path, string: f, NameValidation.isQualifiedName(f))
            if f == "orphan" { orphan = true }
            if f == "foregroundDeletion" { foreground = true }
            if kube && !f.utf8.contains(0x2F) && !standardFinalizers.contains(f) {
                list.add(
                    FieldError.invalid(
                        FieldPath.index(path, i), string: f,
                        "name is neither a standard finalizer name nor is it fully qualified"))
            }
        }
        if orphan && foreground {
            list.add(
                FieldError.invalid(
                    path, .array(finalizers.map { .string($0) }),
                    "finalizer orphan and foregroundDeletion cannot be both set"))
        }
    }
}
