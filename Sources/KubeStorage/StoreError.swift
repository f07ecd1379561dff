/// The storage module's error.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// `create` on a key that exists.
        case keyExists
        /// The key does not exist.
        case notFound
        /// A mod-revision precondition failed.
        case conflict
        /// The requested revision was compacted away.
        case compacted
        /// The requested revision has not been written yet.
        case futureRevision
        /// The store is closed.
        case closed
        /// The backend failed (I/O, corruption, ...).
        case backend
    }

    /// What went wrong.
    public var code: Code
    /// Details.
    public var message: String
    /// For `.conflict`: the key's current state; for `.keyExists`: the existing value.
    public var current: KeyValue?
    /// For `.compacted`: the compacted revision.
    public var compactedRevision: Int64?

    public init(_ code: Code, _ message: String, current: KeyValue? = nil, compactedRevision: Int64? = nil) {
        self.code = code
        self.message = message
        self.current = current
        self.compactedRevision = compactedRevision
    }

    public var description: String { "\(code): \(message)" }
}
