import KubeAPI

/// What the pods of a whole snapshot carry in affinity terms, kept by the nodes as pods come and
/// go: how many pods have terms at all (inter-pod affinity skips its walk over every node when
/// none do), and each distinct term of an existing pod with how many times pods on each node
/// carry it. Pods of one workload share their terms, so PreFilter and PreScore evaluate each
/// distinct term once against the incoming pod instead of once per existing pod; the sums they
/// build are the same. It also indexes the labels of the non-terminating pods by node, so that
/// the incoming pod's own terms visit only the nodes whose pods they could select.
final class AffinityTally {
    /// A term of an existing pod that scores an incoming pod it selects: a required affinity
    /// term (`weight` nil, scored with the plugin's `hardPodAffinityWeight`) or a preferred term
    /// with its signed weight (negative for anti-affinity).
    struct ScoringTerm: Hashable {
        let term: AffinityTerm
        let weight: Int?
    }

    /// How many times pods on each node (by name) carry one term.
    typealias Holders = [String: Int]

    /// Pods with any pod affinity or anti-affinity term.
    private(set) var podsWithAffinity = 0
    /// Pods with a required anti-affinity term.
    private(set) var podsWithRequiredAntiAffinity = 0
    /// The required anti-affinity terms of existing pods.
    private(set) var requiredAntiAffinityTerms: [AffinityTerm: Holders] = [:]
    /// The keys of `requiredAntiAffinityTerms` by a label a pod must carry to be selected: each
    /// term with a single-value equality requirement and no namespace selector, under that
    /// label in each of its namespaces (see `requiredAntiAffinityTerms(possiblySelecting:)`).
    private var antiAffinityTermsByLabel: [LabelIndexKey: Set<AffinityTerm>] = [:]
    /// The keys of `requiredAntiAffinityTerms` not in `antiAffinityTermsByLabel`.
    private var unindexedAntiAffinityTerms: Set<AffinityTerm> = []
    /// The terms of existing pods that score an incoming pod (see `ScoringTerm`).
    private(set) var scoringTerms: [ScoringTerm: Holders] = [:]
    /// The labels of non-terminating pods (as `NodeInfo.labelCounts`, over every node): how many
    /// pods on each node carry each one.
    private(set) var podLabels: [LabelIndexKey: Holders] = [:]

    /// Counts `pod`, placed on the node named `node`, in (`sign` 1) or out (-1).
    func count(_ pod: PodInfo, _ sign: Int, on node: String) {
        if pod.pod.metadata.deletionTimestamp == nil {
            for (key, value) in pod.labels { Self.add(sign, LabelIndexKey(pod.namespace, key, value), node, to: &podLabels) }
        }
        guard pod.hasAffinity else { return }
        podsWithAffinity += sign
        if !pod.requiredAntiAffinityTerms.isEmpty { podsWithRequiredAntiAffinity += sign }
        for term in pod.requiredAntiAffinityTerms {
            let known = requiredAntiAffinityTerms[term] != nil
            Self.add(sign, term, node, to: &requiredAntiAffinityTerms)
            if known != (requiredAntiAffinityTerms[term] != nil) { index(term, in: !known) }
        }
        for term in pod.requiredAffinityTerms { Self.add(sign, ScoringTerm(term: term, weight: nil), node, to: &scoringTerms) }
        for t in pod.preferredAffinityTerms { Self.add(sign, ScoringTerm(term: t.term, weight: t.weight), node, to: &scoringTerms) }
        for t in pod.preferredAntiAffinityTerms { Self.add(sign, ScoringTerm(term: t.term, weight: -t.weight), node, to: &scoringTerms) }
    }

    /// The names of the nodes holding a non-terminating pod, in `namespaces`, that `selector`
    /// could match: those with a pod carrying the label of its equality requirement held by the
    /// fewest nodes. Nil when the selector has no single-value equality requirement (then any node
    /// may hold a match). Nodes left out are those where `NodeInfo.matchingUpperBound` is 0.
    func nodesPossiblyMatching(_ selector: LabelSelector, namespaces: Set<String>) -> Set<String>? {
        var best: Set<String>?
        for (key, value) in selector.singleValueEqualities {
            var names = Set<String>()
            for ns in namespaces {
                if let holders = podLabels[LabelIndexKey(ns, key, value)] { names.formUnion(holders.keys) }
            }
            if let current = best, current.count <= names.count { continue }
            best = names
        }
        return best
    }

    /// The entries of `requiredAntiAffinityTerms` whose term may select a pod in `namespace`
    /// with `labels`: every term that does not need one of the pod's labels it lacks. A term
    /// left out cannot match the pod; one given may still not (the caller matches it).
    func requiredAntiAffinityTerms(possiblySelecting labels: [String: String], namespace: String) -> [(term: AffinityTerm, holders: Holders)] {
        var found: [(term: AffinityTerm, holders: Holders)] = []
        func take(_ term: AffinityTerm) {
            if let holders = requiredAntiAffinityTerms[term] { found.append((term, holders)) }
        }
        for term in unindexedAntiAffinityTerms { take(term) }
        if !antiAffinityTermsByLabel.isEmpty {
            for (key, value) in labels {
                for term in antiAffinityTermsByLabel[LabelIndexKey(namespace, key, value)] ?? [] { take(term) }
            }
        }
        return found
    }

    /// Adds (`inserting`) or removes `term` in the index of anti-affinity terms by label.
    private func index(_ term: AffinityTerm, in inserting: Bool) {
        guard term.namespaceSelector == nil, let (key, value) = term.selector?.singleValueEqualities.first else {
            if inserting { unindexedAntiAffinityTerms.insert(term) } else { unindexedAntiAffinityTerms.remove(term) }
            return
        }
        for ns in term.namespaces {
            let label = LabelIndexKey(ns, key, value)
            var terms = antiAffinityTermsByLabel.removeValue(forKey: label) ?? []
            if inserting { terms.insert(term) } else { terms.remove(term) }
            if !terms.isEmpty { antiAffinityTermsByLabel[label] = terms }
        }
    }

    /// Counts a whole node's pods out (the node left the snapshot).
    func remove(_ node: NodeInfo) {
        for pod in node.pods.values { count(pod, -1, on: node.name) }
    }

    /// Adds `delta` to `key`'s count on `node`, dropping counts and keys that reach zero.
    private static func add<Key: Hashable>(_ delta: Int, _ key: Key, _ node: String, to index: inout [Key: Holders]) {
        var holders = index.removeValue(forKey: key) ?? [:]
        let n = (holders[node] ?? 0) + delta
        holders[node] = n != 0 ? n : nil
        if !holders.isEmpty { index[key] = holders }
    }
}
