/// Collects causes while reading an object's JSON, turning every value of the wrong JSON type
/// into a `FieldValueTypeInvalid` cause instead of a crash or a silent skip.
///
/// Absent members and explicit `null` read as "not set" (`nil`), as Kubernetes' decoder treats them.
struct CauseList {
    /// The causes found so far, in the order found.
    var causes: [StatusCause] = []
    /// Fields already reported as holding the wrong JSON type; later causes about the same field
    /// (such as "Required value" for the value that could not be read) are dropped.
    private var typeErrorFields: Set<String> = []

    /// Appends one cause, unless its field already has a type cause.
    @inline(__always)
    mutating func add(_ cause: StatusCause) {
        if !typeErrorFields.isEmpty && typeErrorFields.contains(cause.field) { return }
        causes.append(cause)
    }

    /// Appends several causes.
    mutating func add(contentsOf more: [StatusCause]) {
        for c in more { add(c) }
    }

    /// Appends everything another list found, keeping its record of type causes.
    mutating func merge(_ other: CauseList) {
        add(contentsOf: other.causes)
        typeErrorFields.formUnion(other.typeErrorFields)
    }

    /// Appends `Invalid value` causes for each message about a string value; the field path is
    /// only built when there is something to report.
    @inline(__always)
    mutating func invalid(_ field: @autoclosure () -> String, string value: String, _ messages: [String]) {
        guard !messages.isEmpty else { return }
        let f = field()
        for m in messages { add(FieldError.invalid(f, string: value, m)) }
    }

    /// Reports `value` at `field` as having the wrong JSON type.
    mutating func typeError(_ field: String, _ value: JSONValue, expected: String) {
        if typeErrorFields.contains(field) { return }
        causes.append(FieldError.typeInvalid(field, value, expected: expected))
        typeErrorFields.insert(field)
    }

    /// The member `key` of `obj` if present and not null.
    @inline(__always)
    static func member(_ obj: JSONObject?, _ key: String) -> JSONValue? {
        guard let v = obj?.fastMember(key) else { return nil }
        if case .null = v { return nil }
        return v
    }

    /// A string member; a value of another type adds a type cause and reads as nil.
    mutating func string(_ obj: JSONObject?, _ key: String, _ parent: String) -> String? {
        guard let v = CauseList.member(obj, key) else { return nil }
        if case .string(let s) = v { return s }
        typeError(FieldPath.child(parent, key), v, expected: "string")
        return nil
    }

    /// An integer member; a value of another type adds a type cause and reads as nil.
    mutating func int(_ obj: JSONObject?, _ key: String, _ parent: String) -> Int64? {
        guard let v = CauseList.member(obj, key) else { return nil }
        if let i = v.intValue { return i }
        typeError(FieldPath.child(parent, key), v, expected: "integer")
        return nil
    }

    /// A boolean member; a value of another type adds a type cause and reads as nil.
    mutating func bool(_ obj: JSONObject?, _ key: String, _ parent: String) -> Bool? {
        guard let v = CauseList.member(obj, key) else { return nil }
        if case .bool(let b) = v { return b }
        typeError(FieldPath.child(parent, key), v, expected: "boolean")
        return nil
    }

    /// An object member; a value of another type adds a type cause and reads as nil.
    mutating func object(_ obj: JSONObject?, _ key: String, _ parent: String) -> JSONObject? {
        guard let v = CauseList.member(obj, key) else { return nil }
        if case .object(let o) = v { return o }
        typeError(FieldPath.child(parent, key), v, expected: "object")
        return nil
    }

    /// An array member; a value of another type adds a type cause and reads as nil.
    mutating func array(_ obj: JSONObject?, _ key: String, _ parent: String) -> [JSONValue]? {
        guard let v = CauseList.member(obj, key) else { return nil }
        if case .array(let a) = v { return a }
        typeError(FieldPath.child(parent, key), v, expected: "array")
        return nil
    }

    /// An array element that must be an object; other types add a type cause and read as nil.
    mutating func element(_ v: JSONValue, _ path: String) -> JSONObject? {
        if case .object(let o) = v { return o }
        if case .null = v { return JSONObject() }
        typeError(path, v, expected: "object")
        return nil
    }

    /// An array element that must be a string; other types add a type cause and read as nil.
    mutating func stringElement(_ v: JSONValue, _ path: String) -> String? {
        if case .string(let s) = v { return s }
        typeError(path, v, expected: "string")
        return nil
    }

    /// A string-to-string map member (labels, selectors, data); entries of another type add a
    /// type cause and are left out.
    mutating func stringMap(_ obj: JSONObject?, _ key: String, _ parent: String) -> [(key: String, value: String)]? {
        guard let m = object(obj, key, parent) else { return nil }
        var out: [(key: String, value: String)] = []
        out.reserveCapacity(m.count)
        for member in m.members {
            switch member.value {
            case .string(let s): out.append((member.key, s))
            case .null: out.append((member.key, ""))
            default:
                let path = FieldPath.key(FieldPath.child(parent, key), member.key)
                typeError(path, member.value, expected: "string")
            }
        }
        return out
    }

    /// An array of strings; non-string entries add a type cause and are left out.
    mutating func stringArray(_ obj: JSONObject?, _ key: String, _ parent: String) -> [String]? {
        guard let a = array(obj, key, parent) else { return nil }
        var out: [String] = []
        out.reserveCapacity(a.count)
        let path = FieldPath.child(parent, key)
        for (i, v) in a.enumerated() {
            if let s = stringElement(v, FieldPath.index(path, i)) { out.append(s) }
        }
        return out
    }

    /// Checks that the member is an array of strings without collecting it; returns its length.
    @discardableResult
    mutating func checkStringArray(_ obj: JSONObject?, _ key: String, _ parent: String) -> Int {
        guard let a = array(obj, key, parent) else { return 0 }
        for (i, v) in a.enumerated() {
            if case .string = v { continue }
            typeError(FieldPath.index(FieldPath.child(parent, key), i), v, expected: "string")
        }
        return a.count
    }

    /// An int-or-string member (ports, percentages); other types add a type cause.
    mutating func intOrString(_ obj: JSONObject?, _ key: String, _ parent: String) -> IntOrString? {
        guard let v = CauseList.member(obj, key) else { return nil }
        if case .string(let s) = v { return .string(s) }
        if let i = v.intValue { return .int(i) }
        typeError(FieldPath.child(parent, key), v, expected: "integer or string")
        return nil
    }
}

extension JSONObject {
    /// The member `key`, found by comparing lengths before contents (cheaper than the general
    /// subscript on the validation hot path, where most probes miss).
    @inline(__always)
    func fastMember(_ key: String) -> JSONValue? {
        let n = key.utf8.count
        return members.withUnsafeBufferPointer { buf -> JSONValue? in
            for i in buf.indices where buf[i].key.utf8.count == n && buf[i].key == key { return buf[i].value }
            return nil
        }
    }
}

extension JSONValue {
    /// Deep equality in which object members match by key whatever their order (as
    /// `JSONValue ==`), with cheaper member lookups.
    static func deepEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            if x.sharesMembers(with: y) { return true }
            for m in x.members {
                guard let other = y.fastMember(m.key), deepEqual(m.value, other) else { return false }
            }
            return true
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            for i in x.indices where !deepEqual(x[i], y[i]) { return false }
            return true
        default:
            return a == b
        }
    }
}
