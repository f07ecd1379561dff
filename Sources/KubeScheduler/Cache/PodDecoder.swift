import KubeAPI
import Synchronization

/// Typed views of watched pods, with each distinct spec decoded once.
///
/// The replicas of one workload carry the same spec until they are bound, and decoding a spec
/// through `Codable` costs several times parsing its text (`skiff bench json`). The decoder keeps
/// the typed spec of each spec tree it has seen, keyed by the tree itself (hashed and compared in
/// key order), so a pod whose spec was seen before decodes only its metadata and status. The memo
/// holds at most `capacity` specs and is emptied when full, so unique specs cannot grow it.
final class PodDecoder: Sendable {
    private let specs = Mutex<[JSONTreeKey: PodSpec]>([:])
    private let capacity: Int

    /// A decoder that remembers at most `capacity` specs at a time.
    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The `Pod` that `object` encodes, equal to `JSONValueDecoder().decode(Pod.self, from: object)`.
    func decode(_ object: JSONValue) throws -> Pod {
        let decoder = JSONValueDecoder()
        guard case .object(let o) = object, Self.isTextOrAbsent(o["apiVersion"]), Self.isTextOrAbsent(o["kind"]) else {
            // Not a pod's shape: the whole-object decoder throws the error that says where.
            return try decoder.decode(Pod.self, from: object)
        }
        return Pod(
            apiVersion: o["apiVersion"]?.stringValue, kind: o["kind"]?.stringValue,
            metadata: try present(o["metadata"]).map { try Self.metadata($0) ?? decoder.decode(ObjectMeta.self, from: $0) } ?? ObjectMeta(),
            spec: try present(o["spec"]).map(spec),
            status: try present(o["status"]).map { try Self.status($0) ?? decoder.decode(PodStatus.self, from: $0) })
    }

    /// The metadata the scheduler keeps (names, uid, resourceVersion, timestamps, labels) read
    /// member by member, when those are all there is and each has its type; nil otherwise, for
    /// the Codable decoder, which reads any member and says where one is wrong.
    static func metadata(_ value: JSONValue) -> ObjectMeta? {
        readMembers(of: value, into: ObjectMeta()) { meta, key, value in
            switch (key, value) {
            case ("name", .string(let s)): meta.name = s
            case ("generateName", .string(let s)): meta.generateName = s
            case ("namespace", .string(let s)): meta.namespace = s
            case ("uid", .string(let s)): meta.uid = s
            case ("resourceVersion", .string(let s)): meta.resourceVersion = s
            case ("creationTimestamp", .string(let s)): meta.creationTimestamp = s
            case ("deletionTimestamp", .string(let s)): meta.deletionTimestamp = s
            case ("labels", .object):
                // A label's value must be a string: null is refused, as Codable refuses it.
                guard let labels = readMembers(of: value, into: [String: String](), skippingNulls: false, { labels, key, value in
                    guard case .string(let v) = value else { return false }
                    labels[key] = v
                    return true
                }) else { return false }
                meta.labels = labels
            default: return false
            }
            return true
        }
    }

    /// The status as `metadata(_:)` reads metadata: only the string members the scheduler's
    /// pods usually carry (the phase); nil for anything else.
    static func status(_ value: JSONValue) -> PodStatus? {
        readMembers(of: value, into: PodStatus()) { status, key, value in
            switch (key, value) {
            case ("phase", .string(let s)): status.phase = s
            case ("nominatedNodeName", .string(let s)): status.nominatedNodeName = s
            case ("qosClass", .string(let s)): status.qosClass = s
            default: return false
            }
            return true
        }
    }

    /// `initial` with every member of the object `value` read into it by `read` (null members
    /// skipped, as an optional field decodes them, unless `skippingNulls` is false); nil when
    /// `value` is not an object or `read` declines a member (returns false).
    private static func readMembers<T>(
        of value: JSONValue, into initial: T, skippingNulls: Bool = true, _ read: (inout T, String, JSONValue) -> Bool
    ) -> T? {
        guard case .object(let o) = value else { return nil }
        var result = initial
        for m in o.members where !(skippingNulls && m.value.isNull) {
            guard read(&result, m.key, m.value) else { return nil }
        }
        return result
    }

    /// The typed spec of `tree`, from the memo or decoded (and remembered).
    private func spec(_ tree: JSONValue) throws -> PodSpec {
        let key = JSONTreeKey(tree)
        if let known = specs.withLock({ $0[key] }) { return known }
        let decoded = try JSONValueDecoder().decode(PodSpec.self, from: tree)
        specs.withLock { specs in
            if specs.count >= capacity { specs.removeAll(keepingCapacity: true) }
            specs[key] = decoded
        }
        return decoded
    }

    /// `value` unless it is missing or null, as `decodeIfPresent` reads a member.
    private func present(_ value: JSONValue?) -> JSONValue? {
        guard let value, value != .null else { return nil }
        return value
    }

    /// Whether `value` is a string, null or missing: what an optional `String` decodes from.
    private static func isTextOrAbsent(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .string?, .null?: return true
        default: return false
        }
    }
}
