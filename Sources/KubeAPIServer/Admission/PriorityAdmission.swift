import KubeAPI

/// A PriorityClass as priority admission reads it.
struct PriorityClassEntry: Sendable, Equatable {
    /// `metadata.name`.
    var name: String
    /// The priority its pods receive.
    var value: Int64
    /// Its preemption policy; nil when the class has none.
    var preemptionPolicy: String?
    /// Whether pods without a class name get this one.
    var globalDefault: Bool

    /// The entry of a cached class, from the values the watch cache indexes.
    init(_ cached: CachedObject) {
        name = cached.name
        value = JSONValue.number(cached.fields["value"] ?? "0").intValue ?? 0
        let policy = cached.fields["preemptionPolicy"] ?? ""
        preemptionPolicy = policy.isEmpty ? nil : policy
        globalDefault = cached.fields["globalDefault"] == "true"
    }

    /// The entry of a class read from the store.
    init(_ object: JSONValue) {
        name = object.name
        value = object["value"]?.intValue ?? 0
        preemptionPolicy = object["preemptionPolicy"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        globalDefault = object["globalDefault"]?.boolValue ?? false
    }
}

/// Kubernetes' `Priority` admission plugin: resolves a new pod's `priorityClassName` into
/// `spec.priority` and `spec.preemptionPolicy`, and lets only one PriorityClass be the global
/// default. Classes are read from the watch cache, so a pod create costs no store read.
extension Registry {
    /// The served `priorityclasses` resource.
    static let priorityClasses = ResourceCatalog.lookup(group: "scheduling.k8s.io", version: "v1", resource: "priorityclasses")

    /// Whether `r` is the PriorityClass resource.
    static func isPriorityClasses(_ r: ResourceInfo) -> Bool {
        r.group == "scheduling.k8s.io" && r.resource == "priorityclasses"
    }

    /// The class called `name`: from the cache, or from the store when the cache has not seen it
    /// yet (a class created a moment ago); nil when there is none.
    func priorityClass(named name: String) async throws(APIError) -> PriorityClassEntry? {
        guard let r = Self.priorityClasses else { return nil }
        return try await cachedOrStored(r, namespace: nil, name: name).map(PriorityClassEntry.init)
    }

    /// The global default class; when a race left several, the one with the lowest value.
    func defaultPriorityClass() throws(APIError) -> PriorityClassEntry? {
        guard let r = Self.priorityClasses else { return nil }
        let marked = try cache(r).list(ObjectFilter(fields: { $0["globalDefault"] == "true" })).objects
        return marked.map(PriorityClassEntry.init).min { $0.value < $1.value }
    }

    /// Resolves a new pod's priority (`admitPod` on create). `requestName` names the pod in errors:
    /// its name, or its `generateName` when the name is still to be generated.
    func admitPodPriority(_ pod: inout JSONValue, requestName: String) async throws(APIError) {
        guard case .object(var spec)? = pod["spec"] else { return }
        let forbidden = { (why: String) in
            APIError.forbidden(resource: "pods", name: requestName, reason: why)
        }
        var className = ""
        switch spec["priorityClassName"] {
        case .string(let s)?: className = s
        case nil, .null?: break
        default: return  // not a string: validation reports it
        }
        let value: Int64
        var policy: String?
        if className.isEmpty {
            if let fallback = try defaultPriorityClass() {
                className = fallback.name
                (value, policy) = (fallback.value, fallback.preemptionPolicy)
            } else {
                (value, policy) = (0, PriorityClass.defaultPreemptionPolicy)
            }
        } else {
            guard let pc = try await priorityClass(named: className) else {
                throw forbidden("no PriorityClass with name \(className) was found")
            }
            (value, policy) = (pc.value, pc.preemptionPolicy)
        }
        if let given = spec["priority"], !given.isNull {
            guard let number = given.intValue else { return }  // not an integer: validation reports it
            if number != value {
                throw forbidden(
                    "the integer value of priority (\(number)) must not be provided in pod spec; priority admission controller computed \(value) from the given PriorityClass name"
                )
            }
        }
        if let policy, let given = spec["preemptionPolicy"], !given.isNull {
            guard let text = given.stringValue else { return }
            if text != policy {
                throw forbidden(
                    "the string value of PreemptionPolicy (\(text)) must not be provided in pod spec; priority admission controller computed \(policy) from the given PriorityClass name"
                )
            }
        }
        pod["spec"] = .null  // release the pod's reference so that `spec` is changed in place
        if !className.isEmpty { spec["priorityClassName"] = .string(className) }
        spec["priority"] = .int(value)
        if let policy { spec["preemptionPolicy"] = .string(policy) }
        pod["spec"] = .object(spec)
    }

    /// Keeps the priority a pod was admitted with when an update leaves it out.
    static func preservePodPriority(_ pod: inout JSONValue, old: JSONValue) {
        for key in ["priority", "preemptionPolicy"] {
            let current = pod["spec"]?[key]
            guard current == nil || current?.isNull == true, let previous = old["spec"]?[key], !previous.isNull else {
                continue
            }
            pod.set(previous, at: ["spec", key])
        }
    }

    /// Refuses a second global default class (`validatePriorityClass`): on create whenever one
    /// exists, on update when it is another class.
    func checkSingleGlobalDefault(_ pc: JSONValue, creating: Bool) throws(APIError) {
        guard pc["globalDefault"]?.boolValue == true, let existing = try defaultPriorityClass() else { return }
        if creating || existing.name != pc.name {
            throw APIError.forbidden(
                group: "scheduling.k8s.io", resource: "priorityclasses", name: pc.name,
                reason: "PriorityClass \(existing.name) is already marked as default. Only one default can exist")
        }
    }

    /// Refuses to delete a built-in class (the PriorityClass REST storage's `Delete`).
    static func checkPriorityClassDelete(name: String) throws(APIError) {
        guard PriorityClass.systemClass(named: name) != nil else { return }
        throw APIError.forbidden(
            group: "scheduling.k8s.io", resource: "priorityclasses", name: name,
            reason: "this is a system priority class and cannot be deleted")
    }
}
