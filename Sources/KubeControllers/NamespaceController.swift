import KubeAPI
import KubeClient

/// Empties a namespace being deleted: deletes every namespaced object in it, then removes the
/// `kubernetes` finalizer through `namespaces/NAME/finalize` so the namespace itself goes.
public struct NamespaceController: Reconciler {
    public let name = "namespace"
    let client: KubeClient
    let namespaces: Informer
    public var informers: [Informer] { [namespaces] }

    /// A controller reading namespaces from `context`'s shared informers.
    public init(context: ControllerContext) {
        client = context.client
        namespaces = context.informers.informer(.namespaces)
    }

    public func register(queue: WorkQueue<String>) {
        namespaces.addHandler { event in
            switch event {
            case .added(let o), .updated(_, let o):
                if o.deletionTimestamp != nil { Task { await queue.add(o.name) } }
            case .deleted: break
            }
        }
    }

    public func reconcile(_ key: String) async throws -> Requeue {
        guard let ns = namespaces.lister.get(key), ns.deletionTimestamp != nil else { return .done }
        // As Kubernetes' namespace deleter: one DELETE per collection, then count what is left
        // (objects held by finalizers or grace periods) and look again until nothing is.
        var remaining = 0
        for r in ResourceCatalog.all where r.namespaced && r.isStored {
            do {
                try await client.deleteCollection(r, namespace: key, propagationPolicy: "Background")
            } catch let e as ClientError where e.code == 404 || e.code == 409 {
                // Gone meanwhile, or held by a precondition: counted below.
            }
            remaining += try await client.list(r, namespace: key, options: ListOptions(limit: 1)).items.count
        }
        if remaining > 0 { return .after(.milliseconds(200)) }
        var finalize = ns
        let kept = (ns["spec"]?["finalizers"]?.arrayValue ?? []).filter { $0.stringValue != "kubernetes" }
        finalize.set(.array(kept), at: ["spec", "finalizers"])
        do {
            _ = try await client.update(.namespaces, finalize, subresource: "finalize")
        } catch let e as ClientError where e.code == 404 {
            return .done
        }
        return .done
    }
}
