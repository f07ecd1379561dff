import KubeAPI

/// A set of field paths, stored as a tree: each entry says whether the path ending there is a
/// member and which longer paths continue from it. This is structured-merge-diff's
/// `fieldpath.Set`, the content of a `managedFields` entry's `fieldsV1`.
///
/// Like structured-merge-diff, each level is an array sorted by path element, so set
/// operations are merge joins and lookups binary searches. Invariant: entries are sorted,
/// unique and never empty (each is a member or has children), so equal sets compare equal.
struct ManagedFieldSet: Hashable, Sendable {
    /// One step of the tree.
    struct Entry: Hashable, Sendable {
        /// The path element leading to this entry.
        var element: ManagedPathElement
        /// True when the path ending here is in the set.
        var member: Bool
        /// The paths that continue from here.
        var children: ManagedFieldSet

        /// True when the entry holds nothing.
        var isEmpty: Bool { !member && children.isEmpty }
    }

    /// The entries of this level, sorted by element.
    private(set) var entries: [Entry]

    init() { entries = [] }

    /// A set from entries in any order; empty entries are dropped, repeated elements merged.
    init(unsorted: [Entry]) {
        if unsorted.isStrictlySortedAndFull {
            entries = unsorted
            return
        }
        var list = unsorted.filter { !$0.isEmpty }
        list.sort { ManagedPathElement.compare($0.element, $1.element) < 0 }
        var result: [Entry] = []
        result.reserveCapacity(list.count)
        for entry in list {
            if let last = result.last, last.element == entry.element {
                result[result.count - 1] = Entry(
                    element: entry.element, member: last.member || entry.member,
                    children: last.children.union(entry.children))
            } else {
                result.append(entry)
            }
        }
        entries = result
    }

    /// A set from entries already sorted, unique and non-empty.
    private init(sorted: [Entry]) { entries = sorted }

    /// A set holding exactly `paths`.
    init(_ paths: [ManagedFieldPath]) {
        self.init()
        for p in paths { insert(p) }
    }

    /// True when the set holds no path.
    var isEmpty: Bool { entries.isEmpty }

    /// The index of `element`'s entry, or where it would be inserted.
    private func position(of element: ManagedPathElement) -> (index: Int, found: Bool) {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            let c = ManagedPathElement.compare(entries[mid].element, element)
            if c == 0 { return (mid, true) }
            if c < 0 { low = mid + 1 } else { high = mid }
        }
        return (low, false)
    }

    /// The entry for `element`, if any.
    func entry(for element: ManagedPathElement) -> Entry? {
        let (i, found) = position(of: element)
        return found ? entries[i] : nil
    }

    /// Adds `path`; the empty path is ignored (the root is never a member).
    mutating func insert(_ path: ManagedFieldPath) {
        insert(path[...])
    }

    private mutating func insert(_ path: ArraySlice<ManagedPathElement>) {
        guard let first = path.first else { return }
        let (i, found) = position(of: first)
        if !found {
            entries.insert(Entry(element: first, member: false, children: ManagedFieldSet()), at: i)
        }
        if path.count == 1 {
            entries[i].member = true
        } else {
            entries[i].children.insert(path.dropFirst())
        }
    }

    /// True when `path` is a member.
    func contains(_ path: ManagedFieldPath) -> Bool {
        var current = self
        for (i, element) in path.enumerated() {
            guard let entry = current.entry(for: element) else { return false }
            if i == path.count - 1 { return entry.member }
            current = entry.children
        }
        return false
    }

    /// True when `element` (a direct child) is a member.
    func hasMember(_ element: ManagedPathElement) -> Bool { entry(for: element)?.member ?? false }

    /// The paths continuing from `element`, with `element` removed from their front.
    func children(of element: ManagedPathElement) -> ManagedFieldSet {
        entry(for: element)?.children ?? ManagedFieldSet()
    }

    /// Every path in either set.
    func union(_ other: ManagedFieldSet) -> ManagedFieldSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var out: [Entry] = []
        out.reserveCapacity(entries.count + other.entries.count)
        var i = 0
        var j = 0
        while i < entries.count && j < other.entries.count {
            let c = ManagedPathElement.compare(entries[i].element, other.entries[j].element)
            if c < 0 {
                out.append(entries[i])
                i += 1
            } else if c > 0 {
                out.append(other.entries[j])
                j += 1
            } else {
                let a = entries[i]
                let b = other.entries[j]
                out.append(Entry(element: a.element, member: a.member || b.member, children: a.children.union(b.children)))
                i += 1
                j += 1
            }
        }
        out.append(contentsOf: entries[i...])
        out.append(contentsOf: other.entries[j...])
        return ManagedFieldSet(sorted: out)
    }

    /// The paths in both sets.
    func intersection(_ other: ManagedFieldSet) -> ManagedFieldSet {
        if isEmpty || other.isEmpty { return ManagedFieldSet() }
        var out: [Entry] = []
        var i = 0
        var j = 0
        while i < entries.count && j < other.entries.count {
            let c = ManagedPathElement.compare(entries[i].element, other.entries[j].element)
            if c < 0 {
                i += 1
            } else if c > 0 {
                j += 1
            } else {
                let a = entries[i]
                let b = other.entries[j]
                let e = Entry(
                    element: a.element, member: a.member && b.member, children: a.children.intersection(b.children))
                if !e.isEmpty { out.append(e) }
                i += 1
                j += 1
            }
        }
        return ManagedFieldSet(sorted: out)
    }

    /// The paths of this set that `other` lacks (a path is removed only when it is itself in
    /// `other`; its descendants are compared one by one). When nothing is removed the result
    /// is this set itself, sharing its storage, down to each unchanged subtree.
    func subtracting(_ other: ManagedFieldSet) -> ManagedFieldSet {
        if isEmpty || other.isEmpty { return self }
        // The entries before `i` are kept as they are until the first change copies them.
        var out: [Entry]?
        var i = 0
        var j = 0
        while i < entries.count && j < other.entries.count {
            let c = ManagedPathElement.compare(entries[i].element, other.entries[j].element)
            if c < 0 {
                out?.append(entries[i])
                i += 1
            } else if c > 0 {
                j += 1
            } else {
                let a = entries[i]
                let b = other.entries[j]
                let e = Entry(
                    element: a.element, member: a.member && !b.member, children: a.children.subtracting(b.children))
                if out == nil, e.member != a.member || !e.children.sharesStorage(with: a.children) {
                    out = Array(entries[..<i])
                }
                if !e.isEmpty { out?.append(e) }
                i += 1
                j += 1
            }
        }
        guard var out else { return self }
        out.append(contentsOf: entries[i...])
        return ManagedFieldSet(sorted: out)
    }

    /// True when both sets hold the very same entries storage (or are both empty), which
    /// makes them equal without comparing.
    func sharesStorage(with other: ManagedFieldSet) -> Bool {
        entries.withUnsafeBufferPointer { a in other.entries.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
            || (isEmpty && other.isEmpty)
    }

    /// The address of the entries' storage, which names a non-empty set while that storage
    /// lives; nil for an empty set.
    var storageAddress: Int? {
        guard !isEmpty else { return nil }
        return entries.withUnsafeBufferPointer { $0.baseAddress.map { Int(bitPattern: $0) } }
    }

    /// This set without `prefix` and every path under it.
    func removingSubtree(_ prefix: ManagedFieldPath) -> ManagedFieldSet {
        guard let first = prefix.first else { return self }
        let (i, found) = position(of: first)
        guard found else { return self }
        var result = self
        if prefix.count == 1 {
            result.entries.remove(at: i)
        } else {
            result.entries[i].children = entries[i].children.removingSubtree(Array(prefix.dropFirst()))
            if result.entries[i].isEmpty { result.entries.remove(at: i) }
        }
        return result
    }

    /// This set with every entry transformed by `transform` (which must keep the element).
    func mapEntries(_ transform: (Entry) -> Entry) -> ManagedFieldSet {
        ManagedFieldSet(sorted: entries.map(transform).filter { !$0.isEmpty })
    }

    /// Every member path, in structured-merge-diff's iteration order: at each level the members
    /// first, then the longer paths under each child.
    var paths: [ManagedFieldPath] {
        var out: [ManagedFieldPath] = []
        appendPaths(prefix: [], to: &out)
        return out
    }

    private func appendPaths(prefix: ManagedFieldPath, to out: inout [ManagedFieldPath]) {
        for entry in entries where entry.member { out.append(prefix + [entry.element]) }
        for entry in entries where !entry.children.isEmpty {
            entry.children.appendPaths(prefix: prefix + [entry.element], to: &out)
        }
    }

    /// The number of member paths.
    var count: Int {
        entries.reduce(0) { $0 + ($1.member ? 1 : 0) + $1.children.count }
    }
}

extension Array where Element == ManagedFieldSet.Entry {
    /// True when the entries are non-empty and in strictly increasing element order.
    fileprivate var isStrictlySortedAndFull: Bool {
        for i in indices {
            if self[i].isEmpty { return false }
            if i > 0 && ManagedPathElement.compare(self[i - 1].element, self[i].element) >= 0 { return false }
        }
        return true
    }
}

/// The `fieldsV1` encoding of a field set: a JSON object whose keys are serialized path
/// elements (`f:spec`, `k:{"name":"x"}`, `v:"a"`, `i:0`), each holding the set under it, with
/// `".": {}` marking an entry that is also a member itself and `{}` a member leaf.
extension ManagedFieldSet {
    /// The set as a `fieldsV1` object, keys in structured-merge-diff's order.
    /// The sets directly under the top level (a created object's `spec`) may be shared ones
    /// (`SharedFieldSetEncodings`), encoded once.
    var fieldsV1: JSONValue { fieldsV1(sharing: .shared) }

    /// The set as a `fieldsV1` object, the sets directly under the top level looked up in
    /// `shared` (nil: all encoded here).
    func fieldsV1(sharing shared: SharedFieldSetEncodings?) -> JSONValue {
        .object(encodeContents(includeSelf: false, shared: shared))
    }

    private func encodeContents(includeSelf: Bool, shared: SharedFieldSetEncodings? = nil) -> JSONObject {
        var members: [JSONObject.Member] = []
        members.reserveCapacity(entries.count + 1)
        if includeSelf { members.append(.init(key: ".", value: .object(JSONObject()))) }
        for entry in entries {
            let children = entry.children
            let inner: JSONObject
            if children.isEmpty {
                inner = JSONObject()
            } else if let shared,
                let known = shared.encoding(
                    of: children, includeSelf: entry.member, encode: { children.encodeContents(includeSelf: entry.member) })
            {
                inner = known
            } else {
                inner = children.encodeContents(includeSelf: entry.member)
            }
            members.append(.init(key: entry.element.serialized, value: .object(inner)))
        }
        // The entries are distinct path elements, so their keys are too.
        return JSONObject(uniqueKeys: members)
    }

    /// Reads a `fieldsV1` object. Keys of unknown element types are skipped, as
    /// structured-merge-diff does; a malformed key or a non-object value is an error.
    init(fieldsV1 value: JSONValue) throws(ManagedFieldsError) {
        guard case .object(let o) = value else { throw ManagedFieldsError("fieldsV1 must be an object") }
        guard PatchSupport.depth(of: value) != nil else { throw ManagedFieldsError("fieldsV1 is nested too deeply") }
        self = try ManagedFieldSet.decodeContents(o).children
    }

    /// Decodes one level: the children found, and whether the level marks itself a member
    /// (`"."`, or holding no children).
    private static func decodeContents(_ o: JSONObject) throws(ManagedFieldsError) -> (
        children: ManagedFieldSet, isMember: Bool
    ) {
        var entries: [Entry] = []
        var isMember = false
        for m in o.members {
            if m.key == "." {
                isMember = true
                continue
            }
            guard let element = try ManagedPathElement.parse(m.key) else { continue }
            guard case .object(let inner) = m.value else {
                throw ManagedFieldsError("fieldsV1 value for \(m.key) must be an object")
            }
            let (grandchildren, childIsMember) = try decodeContents(inner)
            entries.append(Entry(element: element, member: childIsMember, children: grandchildren))
        }
        let children = ManagedFieldSet(unsorted: entries)
        if children.isEmpty { isMember = true }
        return (children, isMember)
    }
}
