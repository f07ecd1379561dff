/// A recursive-descent parser over `LabelSelectorToken`s producing requirements, with Kubernetes'
/// error wording. Keywords `in`/`notin` are operators only right after a key; everywhere else
/// they are plain identifiers (so `in in (in)` is valid).
struct LabelSelectorParser {
    /// A parse failure carrying the complete message.
    struct Failure: Error {
        var message: String
    }

    private let tokens: [LabelSelectorToken]
    private var position = 0

    init(tokens: [LabelSelectorToken]) {
        self.tokens = tokens
    }

    private static let binaryOperatorList = "in, notin, =, ==, !=, gt, lt"

    /// The token at the cursor, seen as a value (keywords demoted to identifiers).
    private func peekValue() -> LabelSelectorToken {
        position < tokens.count ? tokens[position].asValue : .end
    }

    /// Takes the token at the cursor; `asValue` demotes keywords to identifiers.
    private mutating func next(asValue: Bool = true) -> LabelSelectorToken {
        guard position < tokens.count else { return .end }
        let token = tokens[position]
        position += 1
        return asValue ? token.asValue : token
    }

    /// All requirements in input order.
    mutating func parseSelector() throws(Failure) -> [LabelSelector.Requirement] {
        var requirements: [LabelSelector.Requirement] = []
        while true {
            let token = peekValue()
            switch token {
            case .identifier, .not:
                do throws(Failure) {
                    requirements.append(try parseRequirement())
                } catch {
                    throw Failure(message: "unable to parse requirement: " + error.message)
                }
                let separator = next()
                switch separator {
                case .end:
                    return requirements
                case .comma:
                    let following = peekValue()
                    switch following {
                    case .identifier, .not: continue
                    default: throw Failure(message: "found '\(following.literal)', expected: identifier after ','")
                    }
                default:
                    throw Failure(message: "found '\(separator.literal)', expected: ',' or 'end of string'")
                }
            case .end:
                return requirements
            default:
                throw Failure(message: "found '\(token.literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(Failure) -> LabelSelector.Requirement {
        var token = next()
        var negated = false
        if token == .not {
            negated = true
            token = next()
        }
        guard case .identifier(let key) = token else {
            throw Failure(message: "found '\(token.literal)', expected: identifier")
        }
        let keyErrors = LabelValidation.labelKeyErrors(key)
        if !keyErrors.isEmpty {
            throw Failure(message: "<nil>: Invalid value: \(goQuoted(key)): " + keyErrors.joined(separator: "; "))
        }
        let following = peekValue()
        if negated || following == .end || following == .comma {
            // `!key` stands alone; anything after it is reported by the caller.
            return LabelSelector.Requirement(unchecked: key, operator: negated ? .doesNotExist : .exists, values: [])
        }
        let operatorToken = next(asValue: false)
        let op: LabelSelector.Operator
        switch operatorToken {
        case .inKeyword: op = .in
        case .notInKeyword: op = .notIn
        case .equals: op = .equals
        case .doubleEquals: op = .doubleEquals
        case .notEquals: op = .notEquals
        case .greaterThan: op = .greaterThan
        case .lessThan: op = .lessThan
        default:
            throw Failure(message: "found '\(operatorToken.literal)', expected: \(Self.binaryOperatorList)")
        }
        let values = (op == .in || op == .notIn) ? try parseValueSet() : try parseSingleValue()
        let sorted = values.count == 1 ? values : Array(Set(values)).sorted()
        let problems = LabelSelector.Requirement.problems(key: key, operator: op, values: sorted, nilValues: false)
        if let message = aggregateMessage(problems) { throw Failure(message: message) }
        return LabelSelector.Requirement(unchecked: key, operator: op, values: sorted)
    }

    /// `( v1, v2, ... )`, where empty entries stand for the empty value.
    private mutating func parseValueSet() throws(Failure) -> [String] {
        let open = next()
        guard open == .openParen else {
            throw Failure(message: "found '\(open.literal)' expected: '('")
        }
        let first = peekValue()
        switch first {
        case .identifier, .comma:
            let values = try parseValueList()
            _ = next()  // the closing parenthesis the list stopped at
            return values
        case .closeParen:
            _ = next()
            return [""]
        default:
            throw Failure(message: "found '\(first.literal)', expected: ',', ')' or identifier")
        }
    }

    /// The entries of a value set up to (not including) its `)`.
    private mutating func parseValueList() throws(Failure) -> [String] {
        var values: [String] = []
        while true {
            let token = next()
            switch token {
            case .identifier(let value):
                values.append(value)
                let following = peekValue()
                switch following {
                case .comma: continue
                case .closeParen: return values
                default: throw Failure(message: "found '\(following.literal)', expected: ',' or ')'")
                }
            case .comma:
                if values.isEmpty { values.append("") }
                let following = peekValue()
                if following == .closeParen {
                    values.append("")
                    return values
                }
                if following == .comma { values.append("") }
            default:
                throw Failure(message: "found '\(token.literal)', expected: ',', or identifier")
            }
        }
    }

    /// The one value after `=`, `==`, `!=`, `>` or `<`; nothing before `,` or the end means "".
    private mutating func parseSingleValue() throws(Failure) -> [String] {
        let following = peekValue()
        if following == .end || following == .comma { return [""] }
        let token = next()
        guard case .identifier(let value) = token else {
            throw Failure(message: "found '\(token.literal)', expected: identifier")
        }
        return [value]
    }
}
