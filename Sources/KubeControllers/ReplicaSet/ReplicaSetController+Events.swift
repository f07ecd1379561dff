import KubeAPI
import KubeClient

extension ReplicaSetController {
    /// Queues an owner when it changes, and the owners of pods that appear, change or go (an
    /// orphan's matching owners, which may adopt it); pod events also settle expectations.
    public func register(queue: WorkQueue<String>) {
        owners.addHandler { [self] event in
            switch event {
            case .added(let o), .updated(_, let o): enqueue(o, queue)
            case .deleted(let o):
                let key = Lister.key(of: o)
                expectations.remove(key)
                deletions.remove(key)
            }
        }
        pods.addHandler { [self] event in
            switch event {
            case .added(let pod): podAdded(pod, queue)
            case .updated(let old, let new): podUpdated(old, new, queue)
            case .deleted(let pod):
                podFacts.remove(Lister.key(of: pod))
                podGone(pod, queue)
            }
        }
    }

    func enqueue(_ owner: JSONValue, _ queue: WorkQueue<String>, after delay: Duration? = nil) {
        let key = Lister.key(of: owner)
        Task {
            if let delay { try? await Task.sleep(for: delay) }
            await queue.add(key)
        }
    }

    /// The cached owner a controller reference names, when it is one of ours with that uid.
    func owner(of ref: JSONValue, namespace: String) -> JSONValue? {
        guard ref["kind"]?.stringValue == kind.kind, let name = ref["name"]?.stringValue,
            let owner = owners.lister.get("\(namespace)/\(name)"), owner.uid == ref["uid"]?.stringValue
        else { return nil }
        return owner
    }

    /// The owners in the pod's namespace whose selector matches an orphan pod.
    func matchingOwners(_ pod: JSONValue) -> [JSONValue] {
        let labels = pod.labels
        return owners.lister.byIndex(Lister.namespaceIndex, pod.namespace).filter {
            kind.selector($0)?.matches(labels) ?? false
        }
    }

    func podAdded(_ pod: JSONValue, _ queue: WorkQueue<String>) {
        if pod.deletionTimestamp != nil { return podGone(pod, queue) }
        if let ref = ControllerRef.of(pod) {
            guard let owner = owner(of: ref, namespace: pod.namespace) else { return }
            expectations.creationObserved(Lister.key(of: owner))
            enqueue(owner, queue)
            return
        }
        for owner in matchingOwners(pod) { enqueue(owner, queue) }
    }

    func podUpdated(_ old: JSONValue, _ new: JSONValue, _ queue: WorkQueue<String>) {
        if old.resourceVersion == new.resourceVersion { return }
        let labelsChanged = old.labels != new.labels
        if new.deletionTimestamp != nil {
            podGone(new, queue)
            if labelsChanged { podGone(old, queue) }
            return
        }
        let oldRef = ControllerRef.of(old)
        let newRef = ControllerRef.of(new)
        let refChanged = oldRef?["uid"] != newRef?["uid"]
        if refChanged, let oldRef, let owner = owner(of: oldRef, namespace: old.namespace) { enqueue(owner, queue) }
        if let newRef {
            guard let owner = owner(of: newRef, namespace: new.namespace) else { return }
            enqueue(owner, queue)
            let minReady = owner["spec"]?["minReadySeconds"]?.intValue ?? 0
            if minReady > 0, !old.isPodReady, new.isPodReady { enqueue(owner, queue, after: .seconds(minReady)) }
            return
        }
        if labelsChanged || refChanged {
            for owner in matchingOwners(new) { enqueue(owner, queue) }
        }
    }

    /// A pod marked for deletion or removed: a deletion this controller expected is observed once.
    func podGone(_ pod: JSONValue, _ queue: WorkQueue<String>) {
        guard let ref = ControllerRef.of(pod), let owner = owner(of: ref, namespace: pod.namespace) else { return }
        let key = Lister.key(of: owner)
        if deletions.observe(key, podKey: Lister.key(of: pod)) { expectations.deletionObserved(key) }
        enqueue(owner, queue)
    }
}
