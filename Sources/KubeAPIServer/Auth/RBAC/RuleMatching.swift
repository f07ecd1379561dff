import KubeAPI

/// Kubernetes' RBAC rule semantics (`RuleAllows`, `VerbMatches`, `ResourceMatches`, ...):
/// `*` matches every verb, group, resource or URL; `pods/log` names a subresource and `*/scale`
/// that subresource of every resource; resourceNames limit a rule to those objects; a
/// non-resource URL ending in `*` matches every path it prefixes.
public enum RuleMatching {
    /// Whether `rule` allows the request `attributes` describes.
    public static func allows(_ rule: PolicyRule, _ attributes: AuthorizationAttributes) -> Bool {
        guard verbMatches(rule, attributes.verb) else { return false }
        guard attributes.isResourceRequest else { return nonResourceURLMatches(rule, attributes.path) }
        let combined =
            attributes.subresource.isEmpty ? attributes.resource : attributes.resource + "/" + attributes.subresource
        return apiGroupMatches(rule, attributes.apiGroup)
            && resourceMatches(rule, combined, subresource: attributes.subresource)
            && resourceNameMatches(rule, attributes.name)
    }

    /// `*` or the verb itself.
    public static func verbMatches(_ rule: PolicyRule, _ verb: String) -> Bool {
        rule.verbs.contains { $0 == "*" || $0 == verb }
    }

    /// `*` or the group itself.
    public static func apiGroupMatches(_ rule: PolicyRule, _ group: String) -> Bool {
        (rule.apiGroups ?? []).contains { $0 == "*" || $0 == group }
    }

    /// `*`, the resource (with its subresource, `pods/log`), or `*/<subresource>`.
    public static func resourceMatches(_ rule: PolicyRule, _ combined: String, subresource: String) -> Bool {
        for r in rule.resources ?? [] {
            if r == "*" || r == combined { return true }
            if !subresource.isEmpty, r.utf8.count == subresource.utf8.count + 2, r.hasPrefix("*/"),
                r.hasSuffix(subresource)
            {
                return true
            }
        }
        return false
    }

    /// No resourceNames (every object), or the name among them.
    public static func resourceNameMatches(_ rule: PolicyRule, _ name: String) -> Bool {
        let names = rule.resourceNames ?? []
        return names.isEmpty || names.contains(name)
    }

    /// `*`, the path itself, or a prefix of it followed by `*`.
    public static func nonResourceURLMatches(_ rule: PolicyRule, _ path: String) -> Bool {
        for url in rule.nonResourceURLs ?? [] {
            if url == "*" || url == path { return true }
            if url.hasSuffix("*"), path.hasPrefix(String(url.dropLast())) { return true }
        }
        return false
    }
}

extension RuleMatching {
    /// Whether `owner` rules together grant everything `servant` rules grant (`Covers`), and the
    /// pieces of `servant` they do not.
    public static func covers(_ owner: [PolicyRule], _ servant: [PolicyRule]) -> (covered: Bool, missing: [PolicyRule]) {
        var missing: [PolicyRule] = []
        for rule in servant {
            for piece in breakdown(rule) where !owner.contains(where: { ruleCovers($0, piece) }) {
                missing.append(piece)
            }
        }
        return (missing.isEmpty, missing)
    }

    /// One rule per group, resource, name and verb (or per URL and verb), as `BreakdownRule` splits them.
    static func breakdown(_ rule: PolicyRule) -> [PolicyRule] {
        var out: [PolicyRule] = []
        for group in rule.apiGroups ?? [] {
            for resource in rule.resources ?? [] {
                let names = rule.resourceNames ?? []
                if names.isEmpty {
                    for verb in rule.verbs {
                        out.append(PolicyRule(verbs: [verb], apiGroups: [group], resources: [resource]))
                    }
                } else {
                    for name in names {
                        for verb in rule.verbs {
                            out.append(
                                PolicyRule(verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [name]))
                        }
                    }
                }
            }
        }
        for url in rule.nonResourceURLs ?? [] {
            for verb in rule.verbs { out.append(PolicyRule(verbs: [verb], nonResourceURLs: [url])) }
        }
        return out
    }

    /// Whether `owner` grants all of `servant` (`ruleCovers`).
    static func ruleCovers(_ owner: PolicyRule, _ servant: PolicyRule) -> Bool {
        let verbs = owner.verbs.contains("*") || servant.verbs.allSatisfy { owner.verbs.contains($0) }
        let ownerGroups = owner.apiGroups ?? []
        let groups = ownerGroups.contains("*") || (servant.apiGroups ?? []).allSatisfy { ownerGroups.contains($0) }
        let resources = (servant.resources ?? []).allSatisfy { resourceCovers(owner.resources ?? [], $0) }
        let urls = (servant.nonResourceURLs ?? []).allSatisfy { url in
            (owner.nonResourceURLs ?? []).contains { $0 == url || ($0.hasSuffix("*") && url.hasPrefix(String($0.dropLast()))) }
        }
        let ownerNames = owner.resourceNames ?? []
        let names = ownerNames.isEmpty || (servant.resourceNames ?? []).allSatisfy { ownerNames.contains($0) }
        // A rule naming objects never covers one that names none (every object).
        let namesSpecific = ownerNames.isEmpty || !(servant.resourceNames ?? []).isEmpty
        return verbs && groups && resources && urls && names && namesSpecific
    }

    private static func resourceCovers(_ owner: [String], _ resource: String) -> Bool {
        if owner.contains("*") || owner.contains(resource) { return true }
        if let slash = resource.firstIndex(of: "/"), owner.contains("*/" + resource[resource.index(after: slash)...]) {
            return true
        }
        return false
    }

    /// Rules with one group and one resource (and no names or URLs) merged by group and
    /// resource, their verbs appended in order (`CompactRules`).
    static func compact(_ rules: [PolicyRule]) -> [PolicyRule] {
        var out: [PolicyRule] = []
        var index: [String: Int] = [:]
        for rule in rules {
            let groups = rule.apiGroups ?? []
            let resources = rule.resources ?? []
            let simple =
                groups.count == 1 && resources.count == 1 && (rule.resourceNames ?? []).isEmpty
                && (rule.nonResourceURLs ?? []).isEmpty
            guard simple else {
                out.append(rule)
                continue
            }
            let key = groups[0] + "\u{0}" + resources[0]
            if let i = index[key] {
                for verb in rule.verbs where !out[i].verbs.contains(verb) { out[i].verbs.append(verb) }
            } else {
                index[key] = out.count
                out.append(rule)
            }
        }
        return out
    }

    /// A rule as `CompactString` prints it: `{APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}`.
    public static func compactString(_ rule: PolicyRule) -> String {
        func quoted(_ list: [String]) -> String { "[" + list.map { goQuoted($0) }.joined(separator: " ") + "]" }
        var parts: [String] = []
        if let g = rule.apiGroups, !g.isEmpty { parts.append("APIGroups:" + quoted(g)) }
        if let r = rule.resources, !r.isEmpty { parts.append("Resources:" + quoted(r)) }
        if let u = rule.nonResourceURLs, !u.isEmpty { parts.append("NonResourceURLs:" + quoted(u)) }
        if let n = rule.resourceNames, !n.isEmpty { parts.append("ResourceNames:" + quoted(n)) }
        if !rule.verbs.isEmpty { parts.append("Verbs:" + quoted(rule.verbs)) }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
