/// Which parts of a JSON object to keep when parsing only part of it: for each key named in
/// `children` what to keep below it, and for the other keys either the whole value
/// (`keepsOthers`) or nothing.
public struct JSONKeyFilter: Sendable, Hashable {
    /// Named keys and what to keep below each.
    public private(set) var children: [String: JSONKeyFilter] {
        didSet { names = JSONKeyNames(children) }
    }
    /// `children` as bytes, for the parser to match a key in the text without making a string.
    private(set) var names = JSONKeyNames([:])
    /// Keep the value whole.
    public var keepAll: Bool
    /// Keys not in `children` are kept whole (true) or skipped (false).
    public var keepsOthers = false
    /// The value is skipped without being built.
    public var skips = false

    /// A filter keeping the given nested paths (each a list of keys); a path ends in a kept value.
    public init(paths: [[String]]) {
        children = [:]
        keepAll = false
        for p in paths { add(p[...]) }
    }

    /// A filter keeping everything except the given nested paths (each a list of keys), which
    /// are skipped without being built: `[["metadata", "managedFields"]]` parses an object but
    /// its managed fields.
    public init(omitting paths: [[String]]) {
        children = [:]
        keepAll = false
        keepsOthers = true
        for p in paths { omit(p[...]) }
    }

    private init(keepAll: Bool) {
        children = [:]
        self.keepAll = keepAll
    }

    private mutating func omit(_ path: ArraySlice<String>) {
        guard let first = path.first else {
            skips = true
            return
        }
        var child = children[first] ?? JSONKeyFilter(omitting: [])
        child.omit(path.dropFirst())
        children[first] = child
    }

    private mutating func add(_ path: ArraySlice<String>) {
        guard let first = path.first else {
            keepAll = true
            return
        }
        var child = children[first] ?? JSONKeyFilter(keepAll: false)
        if !child.keepAll { child.add(path.dropFirst()) }
        children[first] = child
    }
}

extension JSONKeyFilter {
    /// Keeps the whole value.
    public static let whole = JSONKeyFilter(paths: [[]])

    /// Nothing of an object: its text is skipped, with only its brackets and strings checked
    /// (an empty object stands for it).
    public static let nothing = JSONKeyFilter(paths: [])

    /// Skips the value without building it (as a child of an object filter).
    public static let skipped: JSONKeyFilter = {
        var f = nothing
        f.skips = true
        return f
    }()

    /// An object's `keys`, each kept whole; its other keys skipped.
    public static func keys(_ keys: [String]) -> JSONKeyFilter {
        JSONKeyFilter(paths: keys.map { [$0] })
    }

    /// An object whose named keys are each filtered by their own filter, and whose other keys
    /// are kept whole (`keepingOthers`) or skipped. Applied to an array, it filters each item.
    public static func object(_ children: [String: JSONKeyFilter], keepingOthers: Bool = false) -> JSONKeyFilter {
        var f = nothing
        f.children = children
        f.keepsOthers = keepingOthers
        return f
    }

    /// `metadata.managedFields`, which no component reads, skipped; everything else kept.
    public static let withoutManagedFields = JSONKeyFilter(omitting: [["metadata", "managedFields"]])
}

extension JSONValue {
    /// The parts of this value that `filter` keeps, as `JSONValue.parse(_:keeping:)` would have
    /// built them from this value's text: one definition of what a component keeps serves both
    /// the parser and objects that arrive already parsed.
    public func filtered(by filter: JSONKeyFilter) -> JSONValue {
        if filter.keepAll { return self }
        switch self {
        case .array(let items):
            return .array(items.map { $0.filtered(by: filter) })
        case .object(let members):
            var out: [JSONObject.Member] = []
            out.reserveCapacity(members.count)
            for m in members {
                if let child = filter.children[m.key] {
                    if !child.skips { out.append(JSONObject.Member(key: m.key, value: m.value.filtered(by: child))) }
                } else if filter.keepsOthers {
                    out.append(m)
                }
            }
            return .object(JSONObject(uniqueKeys: out))
        default:
            return self
        }
    }
}
