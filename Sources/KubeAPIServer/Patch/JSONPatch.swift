import KubeAPI

/// Why a JSON patch could not be applied (the detail Kubernetes keeps to itself: its reply is a
/// generic 422).
struct JSONPatchError: Error, Equatable, CustomStringConvertible {
    /// What went wrong, naming the operation and pointer.
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// JSON patch (RFC 6902), the `application/json-patch+json` patch type: a list of `add`,
/// `remove`, `replace`, `move`, `copy` and `test` operations applied in order, all or nothing.
public enum JSONPatch {
    /// The most operations one patch may hold (Kubernetes' limit).
    public static let maximumOperations = 10_000

    /// The most bytes `copy` operations may add in total (Kubernetes' default limit).
    public static let maximumCopyBytes = 3 * 1024 * 1024

    /// Applies the operations in `operations` (a JSON array of operation objects) to `document`.
    ///
    /// Errors match Kubernetes: a body that is not an array of objects is 400 BadRequest; more
    /// than `maximumOperations` operations is 413 RequestEntityTooLarge; any operation that
    /// cannot be applied (unknown `op`, bad or missing pointer, missing target, failed `test`,
    /// copies beyond `maximumCopyBytes`, a result nested too deeply) is 422 Invalid with
    /// Kubernetes' generic message "the server rejected our request due to an error in our
    /// request".
    public static func apply(_ operations: JSONValue, to document: JSONValue) throws(APIError) -> JSONValue {
        let ops = try decode(operations)
        do {
            return try applyDecoded(ops, to: document)
        } catch {
            throw APIError(
                code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request")
        }
    }

    /// Checks the shape of a patch document: an array of at most `maximumOperations` objects.
    static func decode(_ operations: JSONValue) throws(APIError) -> [JSONObject] {
        guard case .array(let items) = operations else {
            throw APIError.badRequest(
                "json: cannot unmarshal \(operations.typeName) into Go value of type jsonpatch.Patch")
        }
        var ops: [JSONObject] = []
        ops.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .object(let o): ops.append(o)
            case .null: ops.append(JSONObject())
            default:
                throw APIError.badRequest(
                    "json: cannot unmarshal \(item.typeName) into Go value of type jsonpatch.Operation")
            }
        }
        if ops.count > maximumOperations {
            throw APIError(
                code: 413, reason: "RequestEntityTooLarge",
                message:
                    "Request entity too large: The allowed maximum operations in a JSON patch is \(maximumOperations), got \(ops.count)"
            )
        }
        guard PatchSupport.depth(of: operations) != nil else {
            throw APIError.badRequest("the patch is nested too deeply")
        }
        return ops
    }

    /// Applies decoded operations, reporting the precise reason for a failure.
    static func applyDecoded(_ ops: [JSONObject], to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        guard PatchSupport.depth(of: document) != nil else { throw JSONPatchError("the document is nested too deeply") }
        var doc = document
        var copiedBytes = 0
        for (n, op) in ops.enumerated() {
            do {
                try applyOne(op, to: &doc, copiedBytes: &copiedBytes)
            } catch {
                throw JSONPatchError("operation \(n): \(error.message)")
            }
        }
        return doc
    }

    /// Applies one operation to `doc`.
    static func applyOne(_ op: JSONObject, to doc: inout JSONValue, copiedBytes: inout Int) throws(JSONPatchError) {
        guard case .string(let name)? = op["op"] else { throw JSONPatchError("missing or invalid \"op\"") }
        let path = try pointer(op, "path")
        switch name {
        case "add":
            try add(try value(op, name), at: path, in: &doc)
        case "remove":
            _ = try remove(at: path, in: &doc)
        case "replace":
            try replace(with: try value(op, name), at: path, in: &doc)
        case "move":
            let from = try pointer(op, "from")
            if path.hasPrefix(from) && path != from {
                throw JSONPatchError("move: \"from\" \(from) is a prefix of \"path\" \(path)")
            }
            if path == from {
                guard from.resolve(in: doc) != nil else { throw JSONPatchError("move: missing value at \(from)") }
                return
            }
            let moved = try remove(at: from, in: &doc)
            try add(moved, at: path, in: &doc)
        case "copy":
            let from = try pointer(op, "from")
            guard let copied = from.resolve(in: doc) else { throw JSONPatchError("copy: missing value at \(from)") }
            copiedBytes += copied.serialized().count
            if copiedBytes > maximumCopyBytes {
                throw JSONPatchError(
                    "Unable to complete the copy, the accumulated size increase of copy is \(copiedBytes), exceeding the limit \(maximumCopyBytes)"
                )
            }
            try add(copied, at: path, in: &doc)
        case "test":
            let expected = try value(op, name)
            guard let actual = path.resolve(in: doc) else { throw JSONPatchError("test: missing value at \(path)") }
            guard PatchSupport.equal(actual, expected) else { throw JSONPatchError("testing value \(path) failed") }
        default:
            throw JSONPatchError("Unexpected kind: \(name)")
        }
    }

    private static func pointer(_ op: JSONObject, _ member: String) throws(JSONPatchError) -> JSONPatchPointer {
        guard let raw = op[member] else { throw JSONPatchError("missing \"\(member)\"") }
        guard case .string(let text) = raw else { throw JSONPatchError("\"\(member)\" must be a string") }
        return try JSONPatchPointer(text)
    }

    private static func value(_ op: JSONObject, _ name: String) throws(JSONPatchError) -> JSONValue {
        guard let v = op["value"] else { throw JSONPatchError("\(name): missing \"value\"") }
        return v
    }

    /// RFC 6902 `add`: sets an object member (replacing it) or inserts into an array.
    static func add(_ value: JSONValue, at path: JSONPatchPointer, in doc: inout JSONValue) throws(JSONPatchError) {
        try checkDepth(value, at: path)
        guard let last = path.tokens.last else {
            doc = value
            return
        }
        try withValue(at: path.tokens.dropLast()[...], in: &doc, path: path) { (parent) throws(JSONPatchError) in
            switch parent {
            case .object(var o):
                parent = .null
                o[last] = value
                parent = .object(o)
            case .array(var items):
                let i = try JSONPatchPointer.index(last, count: items.count, allowEnd: true)
                parent = .null
                items.insert(value, at: i)
                parent = .array(items)
            default:
                throw JSONPatchError("add: cannot add to a \(parent.typeName) at \(path)")
            }
        }
    }

    /// RFC 6902 `remove`: deletes an existing member or element and returns it.
    static func remove(at path: JSONPatchPointer, in doc: inout JSONValue) throws(JSONPatchError) -> JSONValue {
        guard let last = path.tokens.last else { throw JSONPatchError("remove: cannot remove the whole document") }
        var removed: JSONValue = .null
        try withValue(at: path.tokens.dropLast()[...], in: &doc, path: path) { (parent) throws(JSONPatchError) in
            switch parent {
            case .object(var o):
                guard let existing = o[last] else { throw JSONPatchError("remove: missing key at \(path)") }
                removed = existing
                parent = .null
                o[last] = nil
                parent = .object(o)
            case .array(var items):
                let i = try JSONPatchPointer.index(last, count: items.count, allowEnd: false)
                removed = items[i]
                parent = .null
                items.remove(at: i)
                parent = .array(items)
            default:
                throw JSONPatchError("remove: cannot remove from a \(parent.typeName) at \(path)")
            }
        }
        return removed
    }

    /// RFC 6902 `replace`: replaces an existing member or element.
    static func replace(with value: JSONValue, at path: JSONPatchPointer, in doc: inout JSONValue) throws(JSONPatchError) {
        try checkDepth(value, at: path)
        guard let last = path.tokens.last else {
            doc = value
            return
        }
        try withValue(at: path.tokens.dropLast()[...], in: &doc, path: path) { (parent) throws(JSONPatchError) in
            switch parent {
            case .object(var o):
                guard o[last] != nil else { throw JSONPatchError("replace: missing key at \(path)") }
                parent = .null
                o[last] = value
                parent = .object(o)
            case .array(var items):
                let i = try JSONPatchPointer.index(last, count: items.count, allowEnd: false)
                parent = .null
                items[i] = value
                parent = .array(items)
            default:
                throw JSONPatchError("replace: cannot replace in a \(parent.typeName) at \(path)")
            }
        }
    }

    /// Keeps the document within the nesting limit: a value placed at `path` must fit below it.
    private static func checkDepth(_ value: JSONValue, at path: JSONPatchPointer) throws(JSONPatchError) {
        let room = PatchSupport.maximumDepth - path.tokens.count
        guard room > 0, PatchSupport.depth(of: value, limit: room) != nil else {
            throw JSONPatchError("the value at \(path) would nest the document too deeply")
        }
    }

    /// Runs `body` on the value `tokens` lead to inside `value`, writing the change back. Each step
    /// detaches the child before mutating it so that nothing is copied.
    private static func withValue(
        at tokens: ArraySlice<String>, in value: inout JSONValue, path: JSONPatchPointer,
        _ body: (inout JSONValue) throws(JSONPatchError) -> Void
    ) throws(JSONPatchError) {
        guard let token = tokens.first else {
            try body(&value)
            return
        }
        switch value {
        case .object(var o):
            guard var child = o[token] else { throw JSONPatchError("missing path \(path)") }
            value = .null
            o[token] = .null
            try withValue(at: tokens.dropFirst(), in: &child, path: path, body)
            o[token] = child
            value = .object(o)
        case .array(var items):
            let i = try JSONPatchPointer.index(token, count: items.count, allowEnd: false)
            var child = items[i]
            value = .null
            items[i] = .null
            try withValue(at: tokens.dropFirst(), in: &child, path: path, body)
            items[i] = child
            value = .array(items)
        default:
            throw JSONPatchError("missing path \(path): \(value.typeName) has no members")
        }
    }
}

/// A JSON pointer (RFC 6901): a sequence of reference tokens, each naming an object member or
/// an array index.
struct JSONPatchPointer: Equatable, CustomStringConvertible {
    /// The unescaped reference tokens; empty for the whole document.
    var tokens: [String]

    /// The pointer text it was parsed from.
    let text: String

    /// Parses pointer text: empty for the whole document, otherwise `/`-separated tokens with
    /// `~1` for `/` and `~0` for `~`. Any other `~` sequence is an error.
    init(_ text: String) throws(JSONPatchError) {
        self.text = text
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw JSONPatchError("JSON pointer \(PatchSupport.quote(text)) must be empty or start with \"/\"")
        }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var chars = raw.makeIterator()
            while let c = chars.next() {
                guard c == "~" else {
                    token.append(c)
                    continue
                }
                switch chars.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw JSONPatchError("JSON pointer \(PatchSupport.quote(text)) has an invalid escape")
                }
            }
            result.append(token)
        }
        tokens = result
    }

    var description: String { text }

    /// True when `self` is `other` or lies inside it.
    func hasPrefix(_ other: JSONPatchPointer) -> Bool {
        tokens.count >= other.tokens.count && Array(tokens.prefix(other.tokens.count)) == other.tokens
    }

    /// The array index a token names within an array of `count` elements: decimal digits
    /// without leading zeros. `allowEnd` accepts `count` itself (an insertion point) and `-`.
    static func index(_ token: String, count: Int, allowEnd: Bool) throws(JSONPatchError) -> Int {
        if token == "-" {
            guard allowEnd else { throw JSONPatchError("array index \"-\" is only valid for add") }
            return count
        }
        let digits = token.utf8
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            digits.count == 1 || digits.first != 0x30, digits.count <= 18, let i = Int(token)
        else {
            throw JSONPatchError("invalid array index \(PatchSupport.quote(token))")
        }
        guard i < count || (allowEnd && i == count) else {
            throw JSONPatchError("array index \(i) out of bounds (length \(count))")
        }
        return i
    }

    /// The value the pointer refers to in `document`, or nil when it does not exist.
    func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let o):
                guard let next = o[token] else { return nil }
                current = next
            case .array(let items):
                guard let i = try? JSONPatchPointer.index(token, count: items.count, allowEnd: false) else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }
}
