import KubeAPI
import KubeClient

/// Creates and deletes the pods of one owner (a Job, a DaemonSet) the way Kubernetes' workload
/// controllers do: creations in slow-start batches, deletions concurrently, each recorded as a
/// `SuccessfulCreate`/`SuccessfulDelete` event (or `FailedCreate`/`FailedDelete`), with the
/// owner's expectations lowered for every write that will never be observed.
struct OwnedPodWriter: Sendable {
    let client: KubeClient
    let recorder: EventRecorder
    let expectations: Expectations
    /// The owner, its kind and API version (for events).
    let owner: JSONValue
    let kind: String
    let apiVersion: String
    /// The owner's expectations key.
    let key: String

    func record(_ type: String, _ reason: String, _ message: String) {
        recorder.record(owner, kind: kind, apiVersion: apiVersion, type: type, reason: reason, message: message)
    }

    /// Creates `pods` (expectations must already expect them); throws the first failure.
    func create(_ pods: [JSONValue]) async throws {
        let expectations = expectations, key = key
        try await SlowStart.run(pods.count, skipped: { n in for _ in 0..<n { expectations.creationObserved(key) } }) { i in
            do {
                let created = try await client.create(.pods, namespace: owner.namespace, pods[i], keeping: KubeClient.createdName)
                record("Normal", "SuccessfulCreate", "Created pod: \(created.name)")
            } catch {
                expectations.creationObserved(key)
                record("Warning", "FailedCreate", "Error creating: \(error)")
                throw error
            }
        }
    }

    /// Deletes the named pods concurrently (expectations must already expect them).
    func delete(_ names: [String]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for name in names {
                group.addTask {
                    do {
                        try await client.delete(.pods, namespace: owner.namespace, name: name)
                        record("Normal", "SuccessfulDelete", "Deleted pod: \(name)")
                    } catch let e as ClientError where e.code == 404 {
                        expectations.deletionObserved(key)
                    } catch {
                        expectations.deletionObserved(key)
                        record("Warning", "FailedDelete", "Error deleting: \(error)")
                        throw error
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

extension Expectations {
    /// Adds a handler to `pods` that turns pod events into owner keys on `queue`: `ownerKey`
    /// names the owner (`namespace/name`) controlling a pod, if the controller cares about it;
    /// creations and deletions lower this owner's expectations; an update queues the owner when
    /// `matters(old, new)` or the pod started terminating.
    func watch(
        _ pods: Informer, queue: WorkQueue<String>, ownerKey: @escaping @Sendable (JSONValue) -> String?,
        matters: @escaping @Sendable (JSONValue, JSONValue) -> Bool
    ) {
        pods.addHandler { [self] event in
            switch event {
            case .added(let p):
                guard let key = ownerKey(p) else { return }
                creationObserved(key)
                Task { await queue.add(key) }
            case .updated(let old, let new):
                guard let key = ownerKey(new) else { return }
                let started = old.deletionTimestamp == nil && new.deletionTimestamp != nil
                if started { deletionObserved(key) }
                if started || matters(old, new) { Task { await queue.add(key) } }
            case .deleted(let p):
                guard let key = ownerKey(p) else { return }
                if p.deletionTimestamp == nil { deletionObserved(key) }
                Task { await queue.add(key) }
            }
        }
    }
}
