import Foundation
import Yams

/// How much of a request the audit log records (audit.k8s.io/v1 `Level`).
public enum AuditLevel: String, Sendable, Comparable {
    /// Nothing.
    case none = "None"
    /// Who, what, when and the response code; no bodies.
    case metadata = "Metadata"
    /// Metadata plus the request body.
    case request = "Request"
    /// Metadata plus the request and response bodies.
    case requestResponse = "RequestResponse"

    public static func < (a: AuditLevel, b: AuditLevel) -> Bool {
        let order: [AuditLevel] = [.none, .metadata, .request, .requestResponse]
        return order.firstIndex(of: a) ?? 0 < order.firstIndex(of: b) ?? 0
    }
}

/// An audit `Policy` (audit.k8s.io/v1): the first rule that matches a request sets its level;
/// a request no rule matches is not recorded.
public struct AuditPolicy: Sendable, Equatable {
    /// One rule; empty lists match everything.
    public struct Rule: Sendable, Equatable {
        /// The level of the requests this rule matches.
        public var level: AuditLevel
        public var users: [String] = []
        public var userGroups: [String] = []
        public var verbs: [String] = []
        /// (group, resources, resourceNames) triples; `resources` may name `pods/log` or `*`.
        public var resources: [(group: String, resources: [String], resourceNames: [String])] = []
        public var namespaces: [String] = []
        /// Paths, a trailing `*` matching any suffix.
        public var nonResourceURLs: [String] = []

        public init(level: AuditLevel) {
            self.level = level
        }

        public static func == (a: Rule, b: Rule) -> Bool {
            a.level == b.level && a.users == b.users && a.userGroups == b.userGroups && a.verbs == b.verbs
                && a.namespaces == b.namespaces && a.nonResourceURLs == b.nonResourceURLs
                && a.resources.map { "\($0.group)|\($0.resources)|\($0.resourceNames)" }
                    == b.resources.map { "\($0.group)|\($0.resources)|\($0.resourceNames)" }
        }
    }

    /// The rules, in order.
    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// Records every request at `Metadata`: no request or response bodies, so no Secret data.
    public static let metadataForAll = AuditPolicy(rules: [Rule(level: .metadata)])

    /// A policy file problem, naming the field.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Parses a policy file's text (YAML or JSON).
    public init(parsing text: String) throws(Invalid) {
        guard let root = (try? Yams.load(yaml: text)) as? [String: Any] else {
            throw Invalid(description: "audit policy is not a YAML or JSON mapping")
        }
        guard root["kind"] as? String == "Policy" else { throw Invalid(description: "kind: must be Policy") }
        guard let entries = root["rules"] as? [[String: Any]], !entries.isEmpty else {
            throw Invalid(description: "rules: Required value")
        }
        var rules: [Rule] = []
        for (i, entry) in entries.enumerated() {
            let levelText = entry["level"] as? String ?? ""
            guard let level = AuditLevel(rawValue: levelText) else {
                throw Invalid(
                    description: "rules[\(i)].level: Unsupported value: \"\(levelText)\": supported values: "
                        + "\"None\", \"Metadata\", \"Request\", \"RequestResponse\"")
            }
            var rule = Rule(level: level)
            rule.users = entry["users"] as? [String] ?? []
            rule.userGroups = entry["userGroups"] as? [String] ?? []
            rule.verbs = entry["verbs"] as? [String] ?? []
            rule.namespaces = entry["namespaces"] as? [String] ?? []
            rule.nonResourceURLs = entry["nonResourceURLs"] as? [String] ?? []
            for group in entry["resources"] as? [[String: Any]] ?? [] {
                rule.resources.append(
                    (group["group"] as? String ?? "", group["resources"] as? [String] ?? [], group["resourceNames"] as? [String] ?? []))
            }
            guard rule.resources.isEmpty && rule.namespaces.isEmpty || rule.nonResourceURLs.isEmpty else {
                throw Invalid(description: "rules[\(i)]: rules cannot apply to both regular resources and non-resource URLs")
            }
            rules.append(rule)
        }
        self.rules = rules
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(Invalid) -> AuditPolicy {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Invalid(description: "cannot read audit policy \(path)")
        }
        return try AuditPolicy(parsing: text)
    }

    /// The level of a request: the first matching rule's, or `.none`.
    public func level(for a: AuthorizationAttributes) -> AuditLevel {
        rules.first { $0.matches(a) }?.level ?? .none
    }
}

extension AuditPolicy.Rule {
    func matches(_ a: AuthorizationAttributes) -> Bool {
        if !users.isEmpty, !users.contains(a.user.username) { return false }
        if !userGroups.isEmpty, !userGroups.contains(where: a.user.groups.contains) { return false }
        if !verbs.isEmpty, !verbs.contains(a.verb) { return false }
        guard a.isResourceRequest else {
            if !resources.isEmpty || !namespaces.isEmpty { return false }
            return nonResourceURLs.isEmpty || nonResourceURLs.contains { pattern in
                pattern.hasSuffix("*") ? a.path.hasPrefix(pattern.dropLast()) : a.path == pattern
            }
        }
        if !nonResourceURLs.isEmpty { return false }
        if !namespaces.isEmpty, !namespaces.contains(a.namespace) { return false }
        guard !resources.isEmpty else { return true }
        let full = a.subresource.isEmpty ? a.resource : "\(a.resource)/\(a.subresource)"
        return resources.contains { entry in
            guard entry.group == a.apiGroup || entry.group == "*" else { return false }
            let resourceMatch = entry.resources.isEmpty || entry.resources.contains { name in
                name == full || name == "*" || (name == "*/\(a.subresource)" && !a.subresource.isEmpty)
                    || (name == "\(a.resource)/*" && !a.subresource.isEmpty)
            }
            return resourceMatch && (entry.resourceNames.isEmpty || entry.resourceNames.contains(a.name))
        }
    }
}
