import KubeAPI

/// Strategic merge patch, the `application/strategic-merge-patch+json` patch type, applied as
/// Kubernetes' `strategicpatch` package applies it on the server, driven by Skiff's schema.
///
/// Objects merge recursively and a `null` member deletes. A list whose schema strategy is
/// `.map(key:)` merges its elements by the merge key, `.set` merges scalars as a union, and any
/// other list (atomic, or a field the schema does not model) is replaced. Elements the patch
/// adds come first, followed by the elements only the original had, unless
/// `$setElementOrder/<list>` gives the order. Directives: `$patch: replace | delete | merge`
/// on objects and as list elements, `$deleteFromPrimitiveList/<list>`, `$setElementOrder/<list>`
/// and `$retainKeys`. Members the schema does not model merge like a JSON merge patch.
public enum StrategicMergePatch {
    /// Applies `patch` to `original`, both JSON objects; `root` names the definition in `schema`
    /// that describes them (e.g. `io.k8s.api.apps.v1.Deployment`).
    ///
    /// Errors: a patch that is not an object, a malformed directive, a list element without its
    /// merge key or lists whose elements mix types are 400 BadRequest with Kubernetes' messages
    /// (where Kubernetes itself answers some of these with a 500); lists of lists are 422
    /// Invalid, as in Kubernetes. Never traps on any input.
    public static func apply(
        _ patch: JSONValue, to original: JSONValue, schema: SchemaRegistry, root: String
    ) throws(APIError) -> JSONValue {
        guard case .object(let patchObject) = patch else {
            throw APIError.badRequest(
                "json: cannot unmarshal \(patch.typeName) into Go value of type map[string]interface {}")
        }
        let originalObject: JSONObject
        switch original {
        case .object(let o): originalObject = o
        case .null: originalObject = JSONObject()
        default: throw APIError.badRequest("invalid JSON document")
        }
        // The merge descends only where the patch does, so the patch's depth bounds it; the
        // original is not walked (it was parsed within the parser's own depth limit).
        guard PatchSupport.depth(of: patch) != nil else {
            throw APIError.badRequest("the patch is nested too deeply")
        }
        let engine = StrategicMergeEngine(registry: schema)
        do {
            return .object(try engine.mergeMap(originalObject, patchObject, type: .ref(root)))
        } catch {
            throw error.apiError
        }
    }
}

/// Why a strategic merge patch could not be applied.
struct StrategicMergePatchError: Error, Equatable, CustomStringConvertible {
    /// The HTTP status: 400, or 422 for the errors Kubernetes reports as unprocessable.
    var code: Int
    /// Kubernetes' message for the failure.
    var message: String

    var description: String { message }

    /// The API error clients see.
    var apiError: APIError {
        if code == 422 {
            return APIError(
                code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request")
        }
        return APIError.badRequest(message)
    }

    static func bad(_ message: String) -> StrategicMergePatchError {
        StrategicMergePatchError(code: 400, message: message)
    }

    static let listsOfLists = StrategicMergePatchError(code: 422, message: "lists of lists are not supported")
    static let badRetainKeys = bad("invalid patch format of retainKeys")
    static let badSetElementOrder = bad("invalid patch format of setElementOrder list")
    static let badPrimitiveList = bad("invalid patch format of primitive list")

    static func noMergeKey(_ element: JSONValue, _ key: String) -> StrategicMergePatchError {
        bad("map: \(PatchSupport.goFormat(element)) does not contain declared merge key: \(key)")
    }

    static func badArgType(expected: String, _ actual: JSONValue?) -> StrategicMergePatchError {
        bad("expected a \(expected), but received a \(PatchSupport.goTypeName(actual))")
    }

    static func unknownPatchType(_ directive: JSONValue, in map: JSONObject) -> StrategicMergePatchError {
        bad("unknown patch type: \(PatchSupport.goFormat(directive)) in map: \(PatchSupport.goFormat(.object(map)))")
    }
}

/// The directive names of strategic merge patch.
enum SMPDirective {
    static let patch = "$patch"
    static let retainKeys = "$retainKeys"
    static let deleteFromPrimitiveList = "$deleteFromPrimitiveList"
    static let setElementOrder = "$setElementOrder"

    /// True for member names that carry a directive rather than data.
    static func isDirectiveKey(_ key: String) -> Bool {
        key == patch || key == retainKeys || key.hasPrefix(deleteFromPrimitiveList) || key.hasPrefix(setElementOrder)
    }

    /// True when some member name of `object` could be a directive (every directive starts
    /// with `$`): an object without one is plain data, merged member by member.
    static func mayHoldDirectives(_ object: JSONObject) -> Bool {
        object.members.contains { $0.key.utf8.first == UInt8(ascii: "$") }
    }
}

/// The merge itself: the original and the patch walked together under the schema.
struct StrategicMergeEngine {
    let registry: SchemaRegistry

    /// Merges `patch` into `original`, where both are objects of type `type` (nil: untyped).
    func mergeMap(_ original: JSONObject, _ patch: JSONObject, type: SchemaType?) throws(StrategicMergePatchError)
        -> JSONObject
    {
        let shape = registry.shape(of: type)
        guard SMPDirective.mayHoldDirectives(patch) else {
            var original = original
            for m in patch.members {
                try mergeMember(m.key, m.value, into: &original, shape: shape, isDeleteList: false)
            }
            return original
        }
        var patch = patch
        if let directive = patch[SMPDirective.patch] {
            switch directive {
            case "replace":
                patch[SMPDirective.patch] = nil
                return cleanObject(patch)
            case "delete":
                return JSONObject()
            case "merge":
                patch[SMPDirective.patch] = nil
            default:
                throw .unknownPatchType(directive, in: patch)
            }
        }
        var original = original
        try applyRetainKeys(&original, &patch)
        try applySetElementOrder(&original, &patch, type: type)

        var deletions: [(key: String, value: JSONValue)] = []
        for m in patch.members {
            if m.key.hasPrefix(SMPDirective.deleteFromPrimitiveList) {
                deletions.append((try listKey(m.key, prefix: SMPDirective.deleteFromPrimitiveList), m.value))
                continue
            }
            try mergeMember(m.key, m.value, into: &original, shape: shape, isDeleteList: false)
        }
        for d in deletions {
            try mergeMember(d.key, d.value, into: &original, shape: shape, isDeleteList: true)
        }
        return original
    }

    /// Merges one patch member into `original`, an object of `shape`.
    private func mergeMember(
        _ key: String, _ patchValue: JSONValue, into original: inout JSONObject, shape: MergeShape, isDeleteList: Bool
    ) throws(StrategicMergePatchError) {
        if case .null = patchValue {
            original[key] = nil
            return
        }
        guard let current = original[key], PatchSupport.kind(current) == PatchSupport.kind(patchValue) else {
            if !isDeleteList { original[key] = clean(patchValue) }
            return
        }
        let memberType = registry.memberType(of: shape, named: key)
        switch (current, patchValue) {
        case (.object(let o), .object(let p)):
            let merged = try mergeMap(o, p, type: memberType)
            original[key] = .object(merged)
        case (.array(let o), .array(let p)):
            let listShape = registry.shape(of: memberType)
            if listShape.isAssociativeList {
                original[key] = .array(try mergeList(o, p, shape: listShape, name: key, isDeleteList: isDeleteList))
            } else if isDeleteList {
                original[key] = .array(try mergeList(o, p, shape: .setList(element: .any), name: key, isDeleteList: true))
            } else {
                original[key] = clean(patchValue)
            }
        default:
            original[key] = clean(patchValue)
        }
    }

    /// The list name after a `$deleteFromPrimitiveList/` or `$setElementOrder/` prefix.
    func listKey(_ key: String, prefix: String) throws(StrategicMergePatchError) -> String {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == prefix else {
            throw prefix == SMPDirective.setElementOrder ? .badSetElementOrder : .badPrimitiveList
        }
        return String(parts[1])
    }

    /// A patch value as it is stored when nothing in the original merges with it: `null`
    /// members and directive members dropped, objects marked `$patch: delete` (and any list
    /// element carrying `$patch`) removed. Returns nil when the value itself is removed. A value
    /// with nothing to drop is returned as it is, sharing its storage.
    func clean(_ value: JSONValue, inList: Bool = false) -> JSONValue? {
        switch cleaning(value, inList: inList) {
        case .kept: return value
        case .removed: return nil
        case .replaced(let cleaned): return cleaned
        }
    }

    /// `clean` for the members of an object.
    func cleanObject(_ o: JSONObject) -> JSONObject {
        cleanedMembers(o) ?? o
    }

    /// What cleaning does to a value.
    private enum Cleaned {
        case kept
        case removed
        case replaced(JSONValue)
    }

    private func cleaning(_ value: JSONValue, inList: Bool) -> Cleaned {
        switch value {
        case .object(let o):
            if let directive = o[SMPDirective.patch], inList || directive == "delete" { return .removed }
            return cleanedMembers(o).map { .replaced(.object($0)) } ?? .kept
        case .array(let items):
            // Members are copied only from the first one that changes.
            var out: [JSONValue]?
            for (i, item) in items.enumerated() {
                let result = cleaning(item, inList: true)
                if case .kept = result {
                    out?.append(item)
                    continue
                }
                if out == nil { out = Array(items[..<i]) }
                if case .replaced(let cleaned) = result { out?.append(cleaned) }
            }
            return out.map { .replaced(.array($0)) } ?? .kept
        default:
            return .kept
        }
    }

    /// The members of `o` cleaned, or nil when none changes.
    private func cleanedMembers(_ o: JSONObject) -> JSONObject? {
        var out: [JSONObject.Member]?
        for (i, m) in o.members.enumerated() {
            let result = m.value.isNull || SMPDirective.isDirectiveKey(m.key) ? .removed : cleaning(m.value, inList: false)
            if case .kept = result {
                out?.append(m)
                continue
            }
            if out == nil { out = Array(o.members[..<i]) }
            if case .replaced(let cleaned) = result { out?.append(JSONObject.Member(key: m.key, value: cleaned)) }
        }
        // The members of an object are distinct, and cleaning only drops some.
        return out.map { JSONObject(uniqueKeys: $0) }
    }
}
