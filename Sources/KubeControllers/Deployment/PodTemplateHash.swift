import KubeAPI

/// The `pod-template-hash` of a Deployment's pod template and how templates are compared,
/// as Kubernetes' `ComputeHash` and `EqualIgnoreHash` do.
enum PodTemplateHash {
    /// Kubernetes' `SafeEncodeString` alphabet: no vowels, no 0/1/3, so no words and no confusables.
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// A stable hash of `template` and `collisionCount`: 32-bit FNV-1a over the template's
    /// canonical JSON (keys sorted, nulls and empty values dropped) followed by the collision
    /// count as four little-endian bytes, printed in decimal and each digit mapped through the
    /// safe alphabet, as Kubernetes renders it.
    static func compute(_ template: JSONValue, collisionCount: Int?) -> String {
        var bytes = canonical(template).serialized()
        if let collisionCount {
            let c = UInt32(truncatingIfNeeded: collisionCount)
            bytes += [UInt8(c & 0xff), UInt8((c >> 8) & 0xff), UInt8((c >> 16) & 0xff), UInt8(c >> 24)]
        }
        return safeEncode(String(fnv1a32(bytes)))
    }

    /// 32-bit FNV-1a.
    static func fnv1a32(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for b in bytes {
            hash ^= UInt32(b)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// Kubernetes' `rand.SafeEncodeString`: each byte mapped to the alphabet.
    static func safeEncode(_ s: String) -> String {
        String(s.utf8.map { alphabet[Int($0) % alphabet.count] })
    }

    /// `value` with object keys sorted and null members, empty objects and empty arrays
    /// dropped, so semantically equal templates serialize alike.
    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o):
            var out: [(String, JSONValue)] = []
            for m in o.members.sorted(by: { $0.key < $1.key }) {
                let v = canonical(m.value)
                if v.isNull { continue }
                if case .object(let inner) = v, inner.isEmpty { continue }
                if case .array(let items) = v, items.isEmpty { continue }
                out.append((m.key, v))
            }
            return .object(JSONObject(out))
        case .array(let items):
            return .array(items.map(canonical))
        default:
            return value
        }
    }

    /// `template` without the `pod-template-hash` label, canonical.
    static func withoutHash(_ template: JSONValue) -> JSONValue {
        var t = template
        t.set(nil, at: ["metadata", "labels", DeploymentKeys.podTemplateHash])
        return canonical(t)
    }

    /// Whether two pod templates are equal once the `pod-template-hash` label is ignored.
    static func equalIgnoringHash(_ a: JSONValue, _ b: JSONValue) -> Bool {
        withoutHash(a) == withoutHash(b)
    }

    /// A label selector object with `key=value` added to `matchLabels`.
    static func addingLabel(_ selector: JSONValue?, _ key: String, _ value: String) -> JSONValue {
        var s = selector ?? [:]
        s.set(.string(value), at: ["matchLabels", key])
        return s
    }
}
