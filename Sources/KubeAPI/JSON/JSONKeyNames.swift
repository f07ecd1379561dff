/// The names of a `JSONKeyFilter`'s children as UTF-8 bytes, so that the parser can tell
/// which child an object key names from the key's text: a key that names none is skipped
/// without a `String` being made of it, and one that does is stored under the filter's own
/// copy of its name.
///
/// Bytes decide only for ASCII: two ASCII strings are equal exactly when their bytes are, while
/// a key with other bytes may still equal a name under Unicode canonical equivalence (U+212A
/// KELVIN SIGN equals "K"). The parser therefore reads a key with non-ASCII bytes as a string
/// and looks it up in `children`; and names that are not all ASCII turn the table off.
struct JSONKeyNames: Sendable, Hashable {
    /// The names in byte order, each with its child filter; empty when the table is off.
    let entries: [(name: String, filter: JSONKeyFilter)]
    /// The UTF-8 bytes of each name, in the order of `entries`.
    private let bytes: [[UInt8]]
    /// False when some name is not ASCII: the parser must look every key up as a string.
    let usable: Bool

    init(_ children: [String: JSONKeyFilter]) {
        let ascii = children.keys.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        let sorted = ascii ? children.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : []
        entries = sorted.map { (name: $0.key, filter: $0.value) }
        bytes = sorted.map { Array($0.key.utf8) }
        usable = ascii
    }

    /// The index in `entries` of the name spelled by `key`, if any.
    func index(of key: UnsafeRawBufferPointer) -> Int? {
        for (i, name) in bytes.enumerated() where name.count == key.count && name.elementsEqual(key) {
            return i
        }
        return nil
    }

    /// Always equal: the table is derived from `JSONKeyFilter.children`, which the filter's own
    /// equality compares (as strings: `["K"]` equals `["\u{212A}"]`, whose tables differ).
    static func == (a: JSONKeyNames, b: JSONKeyNames) -> Bool { true }

    /// Adds nothing, as equality reads nothing.
    func hash(into hasher: inout Hasher) {}
}
