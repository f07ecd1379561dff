extension LabelSelector {
    /// Parses the string form of a label selector, with the grammar and error messages of
    /// Kubernetes' `labels.Parse`:
    ///
    ///     selector    ::= requirement ("," requirement)*
    ///     requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUE ("," VALUE)* ")"
    ///                                | ("=" | "==" | "!=" | ">" | "<") VALUE ]
    ///
    /// Whitespace (space, tab, CR, LF) separates tokens; a bare `KEY` means exists and `!KEY` means
    /// does not exist; a value may be empty (`a=`, `a in (,x)`); `in`/`notin` values are
    /// deduplicated and sorted. Keys and values are validated as label keys and values. The empty
    /// string parses to `everything`. Throws 400 BadRequest with Kubernetes' message, e.g.
    /// `unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt`.
    public init(parsing text: String) throws(APIError) {
        var parser = LabelSelectorParser(tokens: LabelSelectorLexer.tokens(of: text))
        do throws(LabelSelectorParser.Failure) {
            self.init(requirements: try parser.parseSelector())
        } catch {
            throw .badRequest(error.message)
        }
    }

    /// Builds a selector from a `metav1.LabelSelector` JSON object, as Kubernetes'
    /// `LabelSelectorAsSelector` does: each `matchLabels` entry becomes `key=value`, each
    /// `matchExpressions` entry (`key`, `operator` In/NotIn/Exists/DoesNotExist, `values`) becomes
    /// the matching requirement, all validated. An empty object gives `everything`. A missing or
    /// `null` selector is the caller's case (see the type's documentation) and is rejected here,
    /// as is any value of the wrong JSON type; errors are 400 BadRequest.
    public init(selectorObject: JSONValue) throws(APIError) {
        guard case .object(let object) = selectorObject else {
            throw .badRequest("a label selector must be a JSON object, not \(selectorObject.typeName)")
        }
        var requirements: [Requirement] = []
        switch object["matchLabels"] {
        case nil, .null?:
            break
        case .object(let labels)?:
            for key in labels.keys.sorted() {
                guard case .string(let value)? = labels[key] else {
                    throw .badRequest("matchLabels.\(key) must be a string")
                }
                requirements.append(try Requirement(key: key, operator: .equals, values: [value]))
            }
        default:
            throw .badRequest("matchLabels must be an object of strings")
        }
        switch object["matchExpressions"] {
        case nil, .null?:
            break
        case .array(let expressions)?:
            for (index, expression) in expressions.enumerated() {
                requirements.append(try Self.requirement(fromExpression: expression, index: index))
            }
        default:
            throw .badRequest("matchExpressions must be an array")
        }
        self.init(requirements: requirements)
    }

    /// One `matchExpressions` entry as a requirement.
    private static func requirement(fromExpression expression: JSONValue, index: Int) throws(APIError) -> Requirement {
        guard case .object(let fields) = expression else {
            throw .badRequest("matchExpressions[\(index)] must be an object")
        }
        var key = ""
        switch fields["key"] {
        case .string(let text)?: key = text
        case nil, .null?: break
        default: throw .badRequest("matchExpressions[\(index)].key must be a string")
        }
        var operatorName = ""
        switch fields["operator"] {
        case .string(let text)?: operatorName = text
        case nil, .null?: break
        default: throw .badRequest("matchExpressions[\(index)].operator must be a string")
        }
        var values: [String] = []
        switch fields["values"] {
        case nil, .null?:
            break
        case .array(let items)?:
            for item in items {
                guard case .string(let text) = item else {
                    throw .badRequest("matchExpressions[\(index)].values must be an array of strings")
                }
                values.append(text)
            }
        default:
            throw .badRequest("matchExpressions[\(index)].values must be an array of strings")
        }
        let op: Operator
        switch operatorName {
        case "In": op = .in
        case "NotIn": op = .notIn
        case "Exists": op = .exists
        case "DoesNotExist": op = .doesNotExist
        default: throw .badRequest("\(goQuoted(operatorName)) is not a valid label selector operator")
        }
        let problems = Requirement.problems(key: key, operator: op, values: values, nilValues: true)
        if let message = aggregateMessage(problems) { throw .badRequest(message) }
        return Requirement(unchecked: key, operator: op, values: values)
    }
}

/// A token of the label selector language, with the literal text Kubernetes quotes in errors.
enum LabelSelectorToken: Equatable {
    case identifier(String)
    case inKeyword, notInKeyword
    case openParen, closeParen, comma, not
    case equals, doubleEquals, notEquals, greaterThan, lessThan
    case end

    var literal: String {
        switch self {
        case .identifier(let text): return text
        case .inKeyword: return "in"
        case .notInKeyword: return "notin"
        case .openParen: return "("
        case .closeParen: return ")"
        case .comma: return ","
        case .not: return "!"
        case .equals: return "="
        case .doubleEquals: return "=="
        case .notEquals: return "!="
        case .greaterThan: return ">"
        case .lessThan: return "<"
        case .end: return ""
        }
    }

    /// In value position the keywords `in` and `notin` are ordinary identifiers.
    var asValue: LabelSelectorToken {
        switch self {
        case .inKeyword: return .identifier("in")
        case .notInKeyword: return .identifier("notin")
        default: return self
        }
    }
}

/// Splits selector text into tokens: runs of special symbols `= ! ( ) , > <` (longest of `==`,
/// `!=` first), and identifiers made of every other non-whitespace byte.
enum LabelSelectorLexer {
    static func isWhitespace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n")
    }

    static func isSpecial(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: ">"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }

    static func tokens(of text: String) -> [LabelSelectorToken] {
        let bytes = Array(text.utf8)
        var tokens: [LabelSelectorToken] = []
        var pos = 0
        while true {
            while pos < bytes.count, isWhitespace(bytes[pos]) { pos += 1 }
            guard pos < bytes.count else { break }
            let b = bytes[pos]
            if isSpecial(b) {
                let next: UInt8? = pos + 1 < bytes.count ? bytes[pos + 1] : nil
                if b == UInt8(ascii: "="), next == UInt8(ascii: "=") {
                    tokens.append(.doubleEquals)
                    pos += 2
                    continue
                }
                if b == UInt8(ascii: "!"), next == UInt8(ascii: "=") {
                    tokens.append(.notEquals)
                    pos += 2
                    continue
                }
                pos += 1
                switch b {
                case UInt8(ascii: "="): tokens.append(.equals)
                case UInt8(ascii: "!"): tokens.append(.not)
                case UInt8(ascii: "("): tokens.append(.openParen)
                case UInt8(ascii: ")"): tokens.append(.closeParen)
                case UInt8(ascii: ","): tokens.append(.comma)
                case UInt8(ascii: ">"): tokens.append(.greaterThan)
                default: tokens.append(.lessThan)
                }
                continue
            }
            let start = pos
            while pos < bytes.count, !isSpecial(bytes[pos]), !isWhitespace(bytes[pos]) { pos += 1 }
            // Splits happen only at ASCII bytes, so the slice is whole UTF-8.
            let word = String(decoding: bytes[start..<pos], as: UTF8.self)
            switch word {
            case "in": tokens.append(.inKeyword)
            case "notin": tokens.append(.notInKeyword)
            default: tokens.append(.identifier(word))
            }
        }
        tokens.append(.end)
        return tokens
    }
}
