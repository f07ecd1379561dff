import KubeAPI

/// JSON merge patch (RFC 7386), the `application/merge-patch+json` patch type.
///
/// Members of the patch replace members of the target, objects merge recursively and `null`
/// deletes. As in Kubernetes, `null` members inside values that are newly placed (a member the
/// target lacks, or a replaced array's object elements) are dropped rather than stored.
public enum JSONMergePatch {
    /// Applies `patch` to `target` and returns the result.
    ///
    /// The patch must be a JSON object (Kubernetes answers any other patch document with
    /// 400 BadRequest "Invalid JSON Patch"); `target` may be any value, and a non-object target is
    /// replaced by the patch. Inputs nested deeper than the engine's limit are rejected with 400.
    public static func apply(_ patch: JSONValue, to target: JSONValue) throws(APIError) -> JSONValue {
        guard case .object = patch else {
            throw APIError.badRequest("Invalid JSON Patch")
        }
        guard PatchSupport.depth(of: patch) != nil, PatchSupport.depth(of: target) != nil else {
            throw APIError.badRequest("the patch or the object is nested too deeply")
        }
        return merge(patch, into: target)
    }

    /// RFC 7386 `MergePatch(target, patch)` without the object check, for callers that embed it.
    static func merge(_ patch: JSONValue, into target: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else {
            return pruneNulls(patch)
        }
        var result: JSONObject
        if case .object(let t) = target { result = t } else { result = JSONObject() }
        for m in patchObject.members {
            if case .null = m.value {
                result[m.key] = nil
            } else if let existing = result[m.key], !existing.isNull {
                result[m.key] = merge(m.value, into: existing)
            } else {
                result[m.key] = pruneNulls(m.value)
            }
        }
        return .object(result)
    }

    /// Removes `null` members from objects at any depth (array elements that are `null` stay),
    /// as Kubernetes does for values a merge patch places wholesale.
    static func pruneNulls(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let o):
            var out = JSONObject()
            for m in o.members where !m.value.isNull { out[m.key] = pruneNulls(m.value) }
            return .object(out)
        case .array(let items):
            return .array(items.map(pruneNulls))
        default:
            return v
        }
    }
}
