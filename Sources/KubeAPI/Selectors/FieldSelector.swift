/// A Kubernetes field selector: a conjunction of equality tests on an object's selectable fields,
/// such as `metadata.name=web,spec.nodeName!=,status.phase==Running`.
///
/// Parsing follows Kubernetes' `fields.ParseSelector`: terms are separated by unescaped commas and
/// sorted; each term splits at its first `!=`, `==` or `=` (field names are taken literally); in
/// values, `\\`, `\,` and `\=` escape a backslash, comma and equals sign, and any other escape or an
/// unescaped `,`/`=` is an error. A term with an empty field and an empty value (`=`) is ignored.
///
/// The selector does not know which fields a resource supports; the API server checks
/// `requirements` (or calls `validate(supportedFields:)`) and answers an unknown field with
/// 400 BadRequest `field label not supported: X`, as Kubernetes does.
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    /// The comparisons a field selector supports.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// The field's value equals the requirement's (`=` or `==`).
        case equals = "="
        /// The field's value differs from the requirement's (`!=`).
        case notEquals = "!="
    }

    /// One test on one field.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        /// The field path, e.g. `metadata.name`.
        public let field: String
        /// The comparison.
        public let `operator`: Operator
        /// The value compared against, unescaped.
        public let value: String

        /// A requirement; no validation (field support is the caller's check).
        public init(field: String, operator op: Operator, value: String) {
            self.field = field
            self.operator = op
            self.value = value
        }

        /// Whether a field whose current value is `actual` passes (`nil` counts as "").
        public func matches(_ actual: String?) -> Bool {
            let current = actual ?? ""
            return self.operator == .equals ? current == value : current != value
        }

        /// The term as Kubernetes prints it: `field=value` or `field!=value`, value escaped.
        public var description: String {
            field + self.operator.rawValue + FieldSelector.escape(value)
        }
    }

    /// The requirements, in the order Kubernetes keeps them (terms sorted as written).
    public let requirements: [Requirement]

    /// The selector with no requirements; it matches every object.
    public static let everything = FieldSelector(requirements: [])

    /// A selector requiring all of `requirements`, kept in the given order.
    public init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// Parses the string form (see the type's documentation). The empty string is `everything`.
    /// Throws 400 BadRequest with Kubernetes' message: `invalid selector: 'S'; can't understand 'T'`,
    /// `invalid field selector: invalid escape sequence: \x`, or `invalid field selector: unescaped
    /// character in value: N` (N is the character's code point, as Kubernetes prints it).
    public init(parsing text: String) throws(APIError) {
        let bytes = Array(text.utf8)
        let terms = FieldSelector.splitTerms(bytes).sorted { bytes[$0].lexicographicallyPrecedes(bytes[$1]) }
        var requirements: [Requirement] = []
        for term in terms where !term.isEmpty {
            guard let (field, op, rawValue) = FieldSelector.splitTerm(bytes, term) else {
                let termText = String(decoding: bytes[term], as: UTF8.self)
                throw .badRequest("invalid selector: '\(text)'; can't understand '\(termText)'")
            }
            let value = try FieldSelector.unescape(bytes[rawValue])
            if field.isEmpty && value.isEmpty { continue }
            requirements.append(Requirement(field: field, operator: op, value: value))
        }
        self.init(requirements: requirements)
    }

    /// The field names the requirements test, in requirement order (possibly repeated); what the
    /// API server checks against a resource's selectable fields.
    public var fieldNames: [String] { requirements.map(\.field) }

    /// True when there are no requirements.
    public var isEmpty: Bool { requirements.isEmpty }

    /// Whether an object passes every requirement; `value` returns a field's current string value
    /// for a field name, or `nil` when the object has none (treated as "").
    public func matches(_ value: (String) -> String?) -> Bool {
        requirements.allSatisfy { $0.matches(value($0.field)) }
    }

    /// The value `field` must equal for this selector to match, if some requirement demands it;
    /// lets callers use an index (e.g. `spec.nodeName` for a kubelet's pod watch).
    public func requiredValue(for field: String) -> String? {
        requirements.first { $0.field == field && $0.operator == .equals }?.value
    }

    /// Throws 400 BadRequest `field label not supported: X` for the first requirement whose field
    /// is not in `supportedFields`.
    public func validate(supportedFields: Set<String>) throws(APIError) {
        for requirement in requirements where !supportedFields.contains(requirement.field) {
            throw .badRequest("field label not supported: \(requirement.field)")
        }
    }

    /// The canonical string: requirements joined by `,`, values escaped (empty for `everything`).
    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// Escapes `\`, `,` and `=` in a value with a backslash, so it can be written in a selector.
    public static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x2C || $0 == 0x3D }) else { return value }
        var out = ""
        for character in value.unicodeScalars {
            if character == "\\" || character == "," || character == "=" { out += "\\" }
            out.unicodeScalars.append(character)
        }
        return out
    }

    /// Reverses `escape`, rejecting unknown escapes, a trailing backslash, and bare `,`/`=`.
    static func unescape(_ raw: String) throws(APIError) -> String {
        try unescape(Array(raw.utf8)[...])
    }

    private static let backslash = UInt8(ascii: "\\"), comma = UInt8(ascii: ","), equals = UInt8(ascii: "=")

    /// `unescape` over UTF-8 bytes.
    static func unescape(_ raw: ArraySlice<UInt8>) throws(APIError) -> String {
        guard raw.contains(where: { $0 == backslash || $0 == comma || $0 == equals }) else {
            return String(decoding: raw, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            let b = raw[i]
            if b == backslash {
                guard i + 1 < raw.endIndex else {
                    throw .badRequest("invalid field selector: invalid escape sequence: \\")
                }
                let next = raw[i + 1]
                guard next == backslash || next == comma || next == equals else {
                    // Report the whole character after the backslash.
                    var end = i + 2
                    while end < raw.endIndex, raw[end] & 0xC0 == 0x80 { end += 1 }
                    let character = String(decoding: raw[(i + 1)..<end], as: UTF8.self)
                    throw .badRequest("invalid field selector: invalid escape sequence: \\\(character)")
                }
                out.append(next)
                i += 2
                continue
            }
            if b == comma || b == equals {
                throw .badRequest("invalid field selector: unescaped character in value: \(b)")
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Ranges of the terms between commas not preceded by an escaping backslash (escapes stay).
    static func splitTerms(_ bytes: [UInt8]) -> [Range<Int>] {
        guard !bytes.isEmpty else { return [] }
        var terms: [Range<Int>] = []
        var start = 0
        var escaping = false
        for (i, b) in bytes.enumerated() {
            if escaping {
                escaping = false
            } else if b == backslash {
                escaping = true
            } else if b == comma {
                terms.append(start..<i)
                start = i + 1
            }
        }
        terms.append(start..<bytes.count)
        return terms
    }

    /// Splits a term at the first position where `!=`, `==` or `=` begins (checked in that order),
    /// giving the field, the operator and the range of the raw value.
    static func splitTerm(_ bytes: [UInt8], _ term: Range<Int>) -> (String, Operator, Range<Int>)? {
        for i in term {
            let next: UInt8? = i + 1 < term.upperBound ? bytes[i + 1] : nil
            let length: Int
            let op: Operator
            if bytes[i] == UInt8(ascii: "!") && next == equals {
                (length, op) = (2, .notEquals)
            } else if bytes[i] == equals && next == equals {
                (length, op) = (2, .equals)
            } else if bytes[i] == equals {
                (length, op) = (1, .equals)
            } else {
                continue
            }
            let field = String(decoding: bytes[term.lowerBound..<i], as: UTF8.self)
            return (field, op, (i + length)..<term.upperBound)
        }
        return nil
    }
}
