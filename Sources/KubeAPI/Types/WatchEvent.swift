/// The `type` of a watch event, as written on the wire.
public enum WatchEventType: String, Codable, Sendable, Hashable, CaseIterable {
    /// An object was created (or listed at the start of a watch).
    case added = "ADDED"
    /// An object changed.
    case modified = "MODIFIED"
    /// An object was deleted; the event carries its last state.
    case deleted = "DELETED"
    /// A progress marker: only `metadata.resourceVersion` of the object is meaningful.
    case bookmark = "BOOKMARK"
    /// The watch failed; the event carries a `Status` (410 Gone when the revision was compacted).
    case error = "ERROR"
}

/// meta/v1 WatchEvent: one line of a watch stream, `{"type": ..., "object": ...}`.
///
/// `ERROR` events carry a `Status`, not an `Object`, so the event is an enum: decoding reads the
/// object as `Status` for `ERROR` and as `Object` otherwise. An unknown `type` fails to decode.
public enum WatchEvent<Object: Codable & Sendable>: Codable, Sendable {
    /// `ADDED` with the new object.
    case added(Object)
    /// `MODIFIED` with the new state.
    case modified(Object)
    /// `DELETED` with the last state before deletion.
    case deleted(Object)
    /// `BOOKMARK` with an object carrying only the resource version.
    case bookmark(Object)
    /// `ERROR` with the failure.
    case error(Status)

    /// The event type.
    public var type: WatchEventType {
        switch self {
        case .added: return .added
        case .modified: return .modified
        case .deleted: return .deleted
        case .bookmark: return .bookmark
        case .error: return .error
        }
    }

    /// The object, for every type but `ERROR`.
    public var object: Object? {
        switch self {
        case .added(let o), .modified(let o), .deleted(let o), .bookmark(let o): return o
        case .error: return nil
        }
    }

    /// The failure, for `ERROR`.
    public var status: Status? {
        if case .error(let s) = self { return s }
        return nil
    }

    /// An event of `type` carrying `object`; nil for `.error`, which carries a `Status` instead.
    public init?(type: WatchEventType, object: Object) {
        switch type {
        case .added: self = .added(object)
        case .modified: self = .modified(object)
        case .deleted: self = .deleted(object)
        case .bookmark: self = .bookmark(object)
        case .error: return nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case type, object
    }

    /// Decodes `type`, then `object` as `Status` for `ERROR` and as `Object` otherwise.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(WatchEventType.self, forKey: .type)
        if type == .error {
            self = .error(try c.decode(Status.self, forKey: .object))
        } else if let event = WatchEvent(type: type, object: try c.decode(Object.self, forKey: .object)) {
            self = event
        } else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unexpected event type")
        }
    }

    /// Encodes `{"type": ..., "object": ...}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        switch self {
        case .added(let o), .modified(let o), .deleted(let o), .bookmark(let o):
            try c.encode(o, forKey: .object)
        case .error(let s):
            try c.encode(s, forKey: .object)
        }
    }
}

extension WatchEvent: Equatable where Object: Equatable {}
extension WatchEvent: Hashable where Object: Hashable {}
