import KubeAPI
import KubeClient
import Synchronization

/// Deletes objects whose owners are gone (background cascade), deletes the dependents of an
/// owner marked `foregroundDeletion` before letting it go, and detaches the dependents of an
/// owner marked `orphan`. Works from informers over every served resource.
public struct GarbageCollector: Reconciler {
    public let name = "garbage-collector"
    let client: KubeClient
    let watched: [Informer]
    public var informers: [Informer] { watched }

    /// A collector over every served resource but events, through `context`'s shared informers.
    public init(context: ControllerContext) {
        client = context.client
        watched = ResourceCatalog.all.filter { $0.resource != "events" && $0.isStored }.map { context.informers.informer($0) }
        for informer in watched { informer.lister.indexByOwner() }
    }

    /// The queue key of an object: `index|namespace|name` (index into `watched`).
    static func key(_ index: Int, _ object: JSONValue) -> String { "\(index)|\(object.namespace)|\(object.name)" }

    public func register(queue: WorkQueue<String>) {
        for (i, informer) in watched.enumerated() {
            informer.addHandler { [watched] event in
                switch event {
                case .added(let o), .updated(_, let o):
                    let hasOwners = !(o["metadata"]?["ownerReferences"]?.arrayValue ?? []).isEmpty
                    if hasOwners || o.deletionTimestamp != nil { Task { await queue.add(Self.key(i, o)) } }
                    if o.deletionTimestamp != nil {
                        for d in Self.dependents(of: o.uid, in: watched) { Task { await queue.add(d) } }
                    }
                case .deleted(let o):
                    for d in Self.dependents(of: o.uid, in: watched) { Task { await queue.add(d) } }
                }
            }
        }
    }

    /// Keys of the cached objects that name `uid` as an owner.
    static func dependents(of uid: String, in informers: [Informer]) -> [String] {
        var out: [String] = []
        for (i, informer) in informers.enumerated() {
            for o in informer.lister.byIndex(Lister.ownerIndex, uid) { out.append(key(i, o)) }
        }
        return out
    }

    public func reconcile(_ key: String) async throws -> Requeue {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let index = Int(parts[0]), watched.indices.contains(index) else { return .done }
        let informer = watched[index]
        let cacheKey = parts[1].isEmpty ? parts[2] : "\(parts[1])/\(parts[2])"
        guard let object = informer.lister.get(cacheKey) else { return .done }
        let resource = informer.resource
        let namespace = parts[1].isEmpty ? nil : parts[1]
        if object.deletionTimestamp != nil {
            if object.finalizers.contains("orphan") {
                try await orphanDependents(of: object)
                try await removeFinalizer("orphan", resource, namespace: namespace, name: object.name)
            }
            if object.finalizers.contains("foregroundDeletion") {
                let deps = Self.dependents(of: object.uid, in: watched)
                if !deps.isEmpty {
                    for d in deps { try await deleteByKey(d) }
                    return .after(.milliseconds(200))
                }
                try await removeFinalizer("foregroundDeletion", resource, namespace: namespace, name: object.name)
            }
            return .done
        }
        let owners = object["metadata"]?["ownerReferences"]?.arrayValue ?? []
        guard !owners.isEmpty else { return .done }
        for owner in owners where try await ownerExists(owner, namespace: namespace) { return .done }
        try await deleteByKey(key)
        return .done
    }

    /// Whether the owner named by an ownerReference still exists with that uid: the cache answers
    /// when it holds the owner; otherwise a live read decides, as the cache may lag.
    func ownerExists(_ ref: JSONValue, namespace: String?) async throws -> Bool {
        guard let apiVersion = ref["apiVersion"]?.stringValue, let kind = ref["kind"]?.stringValue,
            let name = ref["name"]?.stringValue, let uid = ref["uid"]?.stringValue,
            let r = ResourceCatalog.lookup(apiVersion: apiVersion, kind: kind)
        else { return false }
        if let informer = watched.first(where: { $0.resource.group == r.group && $0.resource.resource == r.resource }) {
            let cacheKey = r.namespaced ? "\(namespace ?? "")/\(name)" : name
            if informer.lister.get(cacheKey)?.uid == uid { return true }
        }
        do {
            let owner = try await client.get(r, namespace: r.namespaced ? namespace : nil, name: name)
            return owner.uid == uid
        } catch let e as ClientError where e.code == 404 {
            return false
        }
    }

    func deleteByKey(_ key: String) async throws {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let index = Int(parts[0]), watched.indices.contains(index) else { return }
        do {
            try await client.delete(
                watched[index].resource, namespace: parts[1].isEmpty ? nil : parts[1], name: parts[2], propagationPolicy: "Background")
        } catch let e as ClientError where e.code == 404 {
            return
        }
    }

    func orphanDependents(of owner: JSONValue) async throws {
        for d in Self.dependents(of: owner.uid, in: watched) {
            let parts = d.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let index = Int(parts[0]) else { continue }
            let r = watched[index].resource
            let ns = parts[1].isEmpty ? nil : parts[1]
            var current = try await client.get(r, namespace: ns, name: parts[2])
            let kept = (current["metadata"]?["ownerReferences"]?.arrayValue ?? []).filter { $0["uid"]?.stringValue != owner.uid }
            current.setMetadata("ownerReferences", kept.isEmpty ? nil : .array(kept))
            _ = try await client.update(r, namespace: ns, current)
        }
    }

    func removeFinalizer(_ finalizer: String, _ r: ResourceInfo, namespace: String?, name: String) async throws {
        var current = try await client.get(r, namespace: namespace, name: name)
        let kept = current.finalizers.filter { $0 != finalizer }
        current.setMetadata("finalizers", .array(kept.map { .string($0) }))
        do {
            _ = try await client.update(r, namespace: namespace, current)
        } catch let e as ClientError where e.code == 404 {
            return
        }
    }
}
