/// A Kubernetes label selector: a conjunction of requirements on an object's labels.
///
/// Built from the query-string form (`labelSelector=app=web,tier in (a,b),!legacy`, see
/// `init(parsing:)`) or from a `metav1.LabelSelector` object (`matchLabels` / `matchExpressions`,
/// see `init(selectorObject:)`). Requirements are kept sorted by key, as Kubernetes keeps them, and
/// `description` prints the canonical string form (`a=b,c in (x,y),!d`).
///
/// An empty selector (no requirements, `everything`) matches every object. Note the Kubernetes
/// convention for selector *objects*: an empty object `{}` selects everything, while a missing
/// (`nil`/`null`) selector selects nothing in most controllers (ReplicaSet, Deployment, Service
/// endpoints, ...). That decision belongs to the caller, which sees whether the field is present;
/// this type only models selectors that exist.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// A comparison in a label requirement, with Kubernetes' `selection.Operator` spelling as raw value.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// The label is present (`key`).
        case exists = "exists"
        /// The label is absent (`!key`).
        case doesNotExist = "!"
        /// The label equals the single value (`key=value`).
        case equals = "="
        /// The label equals the single value (`key==value`).
        case doubleEquals = "=="
        /// The label is absent or differs from the single value (`key!=value`).
        case notEquals = "!="
        /// The label is present with one of the values (`key in (a,b)`).
        case `in` = "in"
        /// The label is absent or has none of the values (`key notin (a,b)`).
        case notIn = "notin"
        /// The label is present and, read as an integer, greater than the single value (`key>5`).
        case greaterThan = "gt"
        /// The label is present and, read as an integer, less than the single value (`key<5`).
        case lessThan = "lt"
    }

    /// One condition on one label key.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        /// The label key.
        public let key: String
        /// The comparison.
        public let `operator`: Operator
        /// The values compared against, in the order given (empty for `exists`/`doesNotExist`).
        public let values: [String]

        /// A validated requirement, with the checks of Kubernetes' `NewRequirement`: the key and
        /// each value must be a valid label key/value; `in`/`notin` need at least one value; the
        /// equality operators and `gt`/`lt` exactly one (an integer for `gt`/`lt`); `exists` and
        /// `doesNotExist` none. Throws 400 BadRequest with Kubernetes' aggregated message.
        public init(key: String, operator op: Operator, values: [String]) throws(APIError) {
            let problems = Requirement.problems(key: key, operator: op, values: values, nilValues: false)
            if let message = aggregateMessage(problems) { throw .badRequest(message) }
            self.init(unchecked: key, operator: op, values: values)
        }

        init(unchecked key: String, operator op: Operator, values: [String]) {
            self.key = key
            self.operator = op
            self.values = values
        }

        /// Kubernetes' field errors for a requirement; `nilValues` mimics how Go prints an absent
        /// value list (`[]string(nil)`) versus an empty one (`[]string{}`).
        static func problems(key: String, operator op: Operator, values: [String], nilValues: Bool) -> [String] {
            var problems: [String] = []
            let keyErrors = LabelValidation.labelKeyErrors(key)
            if !keyErrors.isEmpty {
                problems.append("key: Invalid value: \(goQuoted(key)): " + keyErrors.joined(separator: "; "))
            }
            var shown: String {
                values.isEmpty && nilValues
                    ? "[]string(nil)" : "[]string{" + values.map(goQuoted).joined(separator: ", ") + "}"
            }
            switch op {
            case .in, .notIn:
                if values.isEmpty {
                    problems.append("values: Invalid value: \(shown): for 'in', 'notin' operators, values set can't be empty")
                }
            case .equals, .doubleEquals, .notEquals:
                if values.count != 1 {
                    problems.append("values: Invalid value: \(shown): exact-match compatibility requires one single value")
                }
            case .exists, .doesNotExist:
                if !values.isEmpty {
                    problems.append("values: Invalid value: \(shown): values set must be empty for exists and does not exist")
                }
            case .greaterThan, .lessThan:
                if values.count != 1 {
                    problems.append("values: Invalid value: \(shown): for 'Gt', 'Lt' operators, exactly one value is required")
                }
                for (i, value) in values.enumerated() where Int64(value) == nil {
                    problems.append(
                        "values[\(i)]: Invalid value: \(goQuoted(value)): for 'Gt', 'Lt' operators, the value must be an integer")
                }
            }
            for (i, value) in values.enumerated() {
                let errors = LabelValidation.labelValueErrors(value)
                if !errors.isEmpty {
                    problems.append("values[\(i)][\(key)]: Invalid value: \(goQuoted(value)): " + errors.joined(separator: "; "))
                }
            }
            return problems
        }

        /// Whether `labels` satisfy this requirement (Kubernetes' `Requirement.Matches`).
        public func matches(_ labels: [String: String]) -> Bool {
            matches(labelValue: { labels[$0] })
        }

        /// Whether an object satisfies this requirement, reading its labels through `labelValue`
        /// (which returns a label's value, or `nil` when the object has no such label).
        public func matches(labelValue: (String) -> String?) -> Bool {
            switch self.operator {
            case .in, .equals, .doubleEquals:
                guard let value = labelValue(key) else { return false }
                return values.contains(value)
            case .notIn, .notEquals:
                guard let value = labelValue(key) else { return true }
                return !values.contains(value)
            case .exists:
                return labelValue(key) != nil
            case .doesNotExist:
                return labelValue(key) == nil
            case .greaterThan, .lessThan:
                guard let text = labelValue(key), let actual = Int64(text) else { return false }
                guard values.count == 1, let bound = Int64(values[0]) else { return false }
                return self.operator == .greaterThan ? actual > bound : actual < bound
            }
        }

        /// The requirement in selector syntax: `!k`, `k`, `k=v`, `k==v`, `k!=v`, `k>v`, `k<v`,
        /// `k in (a,b)`, `k notin (a,b)`; several values print sorted.
        public var description: String {
            switch self.operator {
            case .doesNotExist: return "!" + key
            case .exists: return key
            default: break
            }
            let joined = values.count == 1 ? values[0] : values.sorted().joined(separator: ",")
            switch self.operator {
            case .equals: return key + "=" + joined
            case .doubleEquals: return key + "==" + joined
            case .notEquals: return key + "!=" + joined
            case .greaterThan: return key + ">" + joined
            case .lessThan: return key + "<" + joined
            case .in: return key + " in (" + joined + ")"
            default: return key + " notin (" + joined + ")"
            }
        }
    }

    /// The requirements, sorted by key (ties keep their original order).
    public let requirements: [Requirement]

    /// The selector with no requirements; it matches every label set.
    public static let everything = LabelSelector(requirements: [])

    /// A selector that requires all of `requirements`, sorted by key.
    public init(requirements: [Requirement]) {
        self.requirements = requirements.enumerated()
            .sorted { $0.element.key != $1.element.key ? $0.element.key < $1.element.key : $0.offset < $1.offset }
            .map(\.element)
    }

    /// A selector requiring each key to equal its value (Kubernetes' `SelectorFromSet`), validated.
    public init(matchLabels: [String: String]) throws(APIError) {
        var requirements: [Requirement] = []
        for key in matchLabels.keys.sorted() {
            requirements.append(try Requirement(key: key, operator: .equals, values: [matchLabels[key] ?? ""]))
        }
        self.init(requirements: requirements)
    }

    /// True when the selector has no requirements and so matches everything.
    public var isEmpty: Bool { requirements.isEmpty }

    /// Whether `labels` satisfy every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labelValue: { labels[$0] }) }
    }

    /// Whether an object satisfies every requirement, reading its labels through `labelValue`
    /// (a label's value, or `nil` when absent); lets callers match stored JSON without copying
    /// its labels into a dictionary.
    public func matches(labelValue: (String) -> String?) -> Bool {
        requirements.allSatisfy { $0.matches(labelValue: labelValue) }
    }

    /// The single value `key` must have for this selector to match, if the first requirement on
    /// `key` is an equality (or a one-value `in`); lets callers use an index.
    public func requiredValue(for key: String) -> String? {
        guard let requirement = requirements.first(where: { $0.key == key }) else { return nil }
        switch requirement.operator {
        case .equals, .doubleEquals, .in:
            return requirement.values.count == 1 ? requirement.values[0] : nil
        default:
            return nil
        }
    }

    /// The canonical string form: requirements in key order joined by `,` (empty for `everything`).
    public var description: String { requirements.map(\.description).joined(separator: ",") }
}

/// Kubernetes' aggregate error text: nil for no problems, the message for one distinct problem,
/// and `[a, b]` for several.
func aggregateMessage(_ problems: [String]) -> String? {
    var seen = Set<String>()
    let distinct = problems.filter { seen.insert($0).inserted }
    switch distinct.count {
    case 0: return nil
    case 1: return distinct[0]
    default: return "[" + distinct.joined(separator: ", ") + "]"
    }
}
