import KubeAPI

/// One `NodeSelectorTerm` parsed once for matching against many nodes, with the semantics of
/// Kubernetes' component-helpers `nodeaffinity` package:
/// - `matchExpressions` are label requirements (`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`,
///   `Lt`), validated like `labels.NewRequirement`;
/// - `matchFields` support `In`/`NotIn` with exactly one value; the only node field is
///   `metadata.name` (any other key reads as `""`), and field requirements are ignored for a node
///   with an empty name, as Kubernetes does;
/// - all requirements of a term are ANDed;
/// - a term that fails to parse matches no node (`parseError` says why). Callers decide whether
///   an empty term (no expressions and no fields) is meaningful: `RequiredNodeAffinity` and
///   `PreferredNodeAffinity` drop such terms, so they match nothing.
public struct ParsedNodeSelectorTerm: Sendable {
    struct FieldRequirement: Sendable {
        let key: String
        let equals: Bool
        let value: String
    }

    let labelRequirements: [LabelSelector.Requirement]
    let fieldRequirements: [FieldRequirement]
    /// Why the term could not be parsed, or nil when it parsed. An unparsable term matches nothing.
    public let parseError: String?

    /// Parses `term`.
    public init(_ term: NodeSelectorTerm) {
        var labels: [LabelSelector.Requirement] = []
        var fields: [FieldRequirement] = []
        var problem: String?
        expressions: for expr in term.matchExpressions ?? [] {
            let op: LabelSelector.Operator
            switch expr.operator {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            case "Gt": op = .greaterThan
            case "Lt": op = .lessThan
            default:
                problem = "\"\(expr.operator)\" is not a valid node selector operator"
                break expressions
            }
            do {
                labels.append(try LabelSelector.Requirement(key: expr.key, operator: op, values: expr.values ?? []))
            } catch {
                problem = error.message
                break expressions
            }
        }
        if problem == nil {
            for expr in term.matchFields ?? [] {
                guard expr.operator == "In" || expr.operator == "NotIn" else {
                    problem = "\"\(expr.operator)\" is not a valid node field selector operator"
                    break
                }
                let values = expr.values ?? []
                guard values.count == 1 else {
                    problem = "unexpected number of value (\(values.count)) for node field selector operator \"\(expr.operator)\""
                    break
                }
                fields.append(FieldRequirement(key: expr.key, equals: expr.operator == "In", value: values[0]))
            }
        }
        labelRequirements = problem == nil ? labels : []
        fieldRequirements = problem == nil ? fields : []
        parseError = problem
    }

    /// Whether a node with `labels` and name `nodeName` satisfies every requirement of the term
    /// (false when the term did not parse).
    public func matches(labels: [String: String], nodeName: String) -> Bool {
        if parseError != nil { return false }
        for requirement in labelRequirements where !requirement.matches(labelValue: { labels[$0] }) {
            return false
        }
        if !nodeName.isEmpty {
            for field in fieldRequirements {
                let actual = field.key == "metadata.name" ? nodeName : ""
                if (actual == field.value) != field.equals { return false }
            }
        }
        return true
    }

    /// Whether the term has neither label nor field requirements (an empty term selects no node).
    public static func isEmpty(_ term: NodeSelectorTerm) -> Bool {
        (term.matchExpressions ?? []).isEmpty && (term.matchFields ?? []).isEmpty
    }
}

/// A pod's hard node constraints, parsed once: `spec.nodeSelector` (every label must be present
/// with the given value) AND `spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`
/// (the terms are ORed; empty or unparsable terms match nothing, so a required selector with no
/// usable term matches no node). Kubernetes' `nodeaffinity.GetRequiredNodeAffinity`.
public struct RequiredNodeAffinity: Sendable {
    let nodeSelector: [(key: String, value: String)]
    let terms: [ParsedNodeSelectorTerm]?

    /// Parses the constraints of `spec`.
    public init(_ spec: PodSpec?) {
        nodeSelector = (spec?.nodeSelector ?? [:]).sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        if let required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution {
            terms = required.nodeSelectorTerms.filter { !ParsedNodeSelectorTerm.isEmpty($0) }.map(ParsedNodeSelectorTerm.init)
        } else {
            terms = nil
        }
    }

    /// Whether the pod states no hard node constraint at all (every node matches).
    public var isEmpty: Bool { nodeSelector.isEmpty && terms == nil }

    /// Whether a node with `labels` and name `nodeName` satisfies the node selector and the
    /// required node affinity.
    public func matches(labels: [String: String], nodeName: String) -> Bool {
        for (key, value) in nodeSelector where labels[key] != value { return false }
        guard let terms else { return true }
        for term in terms where term.matches(labels: labels, nodeName: nodeName) { return true }
        return false
    }

    /// Whether `node` satisfies the node selector and the required node affinity.
    public func matches(_ node: NodeInfo) -> Bool {
        matches(labels: node.labels, nodeName: node.name)
    }
}

/// A pod's preferred node affinity terms, parsed once (Kubernetes'
/// `nodeaffinity.NewPreferredSchedulingTerms`): terms with weight 0 and empty terms are dropped;
/// terms that fail to parse are dropped and reported in `parseErrors`.
public struct PreferredNodeAffinity: Sendable {
    let terms: [(weight: Int64, term: ParsedNodeSelectorTerm)]
    /// Why terms could not be parsed; Kubernetes fails PreScore with these.
    public let parseErrors: [String]

    /// Parses `terms`.
    public init(_ terms: [PreferredSchedulingTerm]) {
        var parsed: [(weight: Int64, term: ParsedNodeSelectorTerm)] = []
        var errors: [String] = []
        for t in terms where t.weight != 0 && !ParsedNodeSelectorTerm.isEmpty(t.preference) {
            let term = ParsedNodeSelectorTerm(t.preference)
            if let error = term.parseError { errors.append(error) } else { parsed.append((Int64(t.weight), term)) }
        }
        self.terms = parsed
        parseErrors = errors
    }

    /// The sum of the weights of the terms a node with `labels` and name `nodeName` matches.
    public func score(labels: [String: String], nodeName: String) -> Int64 {
        var total: Int64 = 0
        for (weight, term) in terms where term.matches(labels: labels, nodeName: nodeName) { total += weight }
        return total
    }
}
