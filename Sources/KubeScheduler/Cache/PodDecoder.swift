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
            metadata: try present(o["metadata"]).map { try decoder.decode(ObjectMeta.self, from: $0) } ?? ObjectMeta(),
            spec: try present(o["spec"]).map(spec),
            status: try present(o["status"]).map { try decoder.decode(PodStatus.self, from: $0) })
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
