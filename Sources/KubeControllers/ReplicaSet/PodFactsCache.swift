import KubeAPI
import KubeClient
import Synchronization

/// `PodFacts` by pod key, kept while the pod's resourceVersion is unchanged, so that a sync of
/// an owner with 10,000 pods reads each pod's JSON once per change of that pod, not once per sync.
final class PodFactsCache: Sendable {
    private let entries = Mutex<[String: (resourceVersion: String, facts: PodFacts)]>([:])

    /// The facts of each of `pods`, computing only those not cached at their resourceVersion.
    func facts(_ pods: [JSONValue]) -> [PodFacts] {
        entries.withLock { cache in
            pods.map { pod in
                let key = Lister.key(of: pod)
                let version = pod.resourceVersion
                if let hit = cache[key], hit.resourceVersion == version { return hit.facts }
                let facts = PodFacts(pod)
                cache[key] = (version, facts)
                return facts
            }
        }
    }

    /// Forgets the pod `key` (it was deleted).
    func remove(_ key: String) { _ = entries.withLock { $0.removeValue(forKey: key) } }
}
