import Foundation
import KubeAPI
import KubeClient

extension ReplicaSetController {
    /// The owner's active pods after adopting matching orphans and releasing owned pods that no
    /// longer match (Kubernetes' `claimPods` over `FilterActivePods`), and how many of its
    /// matching pods are terminating.
    func claimPods(_ owner: JSONValue, selector: LabelSelector) async throws -> (active: [PodFacts], terminating: Int) {
        var kept: [PodFacts] = []
        var terminating = 0
        var adopt: [JSONValue] = []
        var release: [JSONValue] = []
        let deleting = owner.deletionTimestamp != nil
        let pods = candidates(owner)
        for (pod, facts) in zip(pods, podFacts.facts(pods)) {
            guard facts.isActive else {
                if facts.terminating, facts.phase != "Succeeded", facts.phase != "Failed",
                    facts.controllerUID == owner.uid, selector.matches(facts.labels)
                {
                    terminating += 1
                }
                continue
            }
            let claim = ReplicaPlan.claim(
                controller: facts.controllerUID, labels: facts.labels, podDeleting: facts.terminating,
                ownerUID: owner.uid, ownerDeleting: deleting, selector: selector)
            switch claim {
            case .keep: kept.append(facts)
            case .adopt: adopt.append(pod)
            case .release: release.append(pod)
            case .ignore: break
            }
        }
        if !release.isEmpty {
            let uid = owner.uid
            try firstError(
                await concurrently(release) { pod in
                    try await patchPod(pod, ["metadata": ["ownerReferences": [["$patch": "delete", "uid": .string(uid)]], "uid": .string(pod.uid)]])
                })
        }
        if !adopt.isEmpty, try await canAdopt(owner) {
            let ref = ControllerRef.make(for: owner, apiVersion: kind.apiVersion, kind: kind.kind)
            let results = await concurrently(adopt) { pod in
                try await patchPod(pod, ["metadata": ["ownerReferences": [ref], "uid": .string(pod.uid)]])
            }
            try firstError(results)
            kept += adopt.map(PodFacts.init)
        }
        return (kept, terminating)
    }

    /// Whether the owner, read fresh from the server, is still the same object and not being
    /// deleted (Kubernetes rechecks before adopting, as the cache may lag).
    func canAdopt(_ owner: JSONValue) async throws -> Bool {
        do {
            let fresh = try await client.get(kind.resource, namespace: owner.namespace, name: owner.name)
            return fresh.uid == owner.uid && fresh.deletionTimestamp == nil
        } catch let e as ClientError where e.code == 404 {
            return false
        }
    }

    /// A strategic merge patch of a pod's ownerReferences; a pod already gone is fine.
    func patchPod(_ pod: JSONValue, _ patch: JSONValue) async throws {
        do {
            _ = try await client.patch(.pods, namespace: pod.namespace, name: pod.name, type: .strategic, patch)
        } catch let e as ClientError where e.code == 404 {
            return
        }
    }

    /// Creates or deletes pods toward `desired`; the failure, if any, for the ReplicaFailure condition.
    func manageReplicas(_ owner: JSONValue, key: String, active: [PodFacts], desired: Int, now: Date) async -> ReplicaStatus.Failure? {
        switch ReplicaPlan.action(desired: desired, active: active, now: now) {
        case .none: return nil
        case .create(let count): return await createPods(owner, key: key, count: count)
        case .delete(let victims): return await deletePods(owner, key: key, victims: victims)
        }
    }

    /// Creates `count` pods from the template in slow-start batches, stopping at the first failed
    /// batch; creations that failed or were skipped are no longer expected.
    func createPods(_ owner: JSONValue, key: String, count: Int) async -> ReplicaStatus.Failure? {
        expectations.expect(key, adds: count)
        let ref = ControllerRef.make(for: owner, apiVersion: kind.apiVersion, kind: kind.kind)
        let pod = PodTemplates.pod(
            from: owner["spec"]?["template"] ?? [:], namespace: owner.namespace, generateName: owner.name, controllerRef: ref)
        var created = 0
        var failed = 0
        for size in ReplicaPlan.slowStartBatches(count) {
            let results = await concurrently(Array(repeating: pod, count: size)) { pod in
                try await client.create(.pods, namespace: owner.namespace, pod, keeping: KubeClient.createdName)
            }
            var firstFailure: Error?
            for result in results {
                switch result {
                case .success(let made):
                    created += 1
                    record(owner, type: "Normal", reason: "SuccessfulCreate", message: "Created pod: \(made.name)")
                case .failure(let error) where Self.namespaceTerminating(error):
                    // Kubernetes counts these as done: nothing can be created there any more.
                    created += 1
                case .failure(let error):
                    failed += 1
                    expectations.creationObserved(key)
                    record(owner, type: "Warning", reason: "FailedCreate", message: "Error creating: \(Self.message(error))")
                    firstFailure = firstFailure ?? error
                }
            }
            if let firstFailure {
                for _ in 0..<max(0, count - created - failed) { expectations.creationObserved(key) }
                return ReplicaStatus.Failure(reason: "FailedCreate", message: Self.message(firstFailure))
            }
        }
        return nil
    }

    /// Deletes `victims` concurrently; a pod already gone counts as deleted.
    func deletePods(_ owner: JSONValue, key: String, victims: [PodFacts]) async -> ReplicaStatus.Failure? {
        deletions.expect(key, podKeys: victims.map(\.key))
        expectations.expect(key, deletes: victims.count)
        let results = await concurrently(victims) { victim in
            let name = String(victim.key.split(separator: "/", maxSplits: 1).last ?? "")
            do {
                try await client.delete(.pods, namespace: owner.namespace, name: name)
                record(owner, type: "Normal", reason: "SuccessfulDelete", message: "Deleted pod: \(name)")
            } catch {
                if deletions.observe(key, podKey: victim.key) { expectations.deletionObserved(key) }
                if let e = error as? ClientError, e.code == 404 { return }
                record(owner, type: "Warning", reason: "FailedDelete", message: "Error deleting: \(Self.message(error))")
                throw error
            }
        }
        guard let error = results.compactMap({ result -> Error? in
            if case .failure(let e) = result { return e }
            return nil
        }).first else { return nil }
        return ReplicaStatus.Failure(reason: "FailedDelete", message: Self.message(error))
    }

    /// Writes `status` through the status subresource, re-reading the owner once on a conflict.
    func writeStatus(_ owner: JSONValue, _ status: ReplicaStatus) async throws {
        var updated = owner
        updated["status"] = status.json
        do {
            _ = try await client.update(kind.resource, namespace: owner.namespace, updated, subresource: "status")
        } catch let e as ClientError where e.code == 409 {
            var fresh = try await client.get(kind.resource, namespace: owner.namespace, name: owner.name)
            guard fresh.uid == owner.uid else { return }
            fresh["status"] = status.json
            _ = try await client.update(kind.resource, namespace: owner.namespace, fresh, subresource: "status")
        } catch let e as ClientError where e.code == 404 {
            return
        }
    }

    func record(_ owner: JSONValue, type: String, reason: String, message: String) {
        recorder.record(owner, kind: kind.kind, apiVersion: kind.apiVersion, type: type, reason: reason, message: message)
    }

    /// Whether a create failed because the namespace is being deleted.
    static func namespaceTerminating(_ error: Error) -> Bool {
        guard let e = error as? ClientError, e.code == 403 else { return false }
        return e.message.contains("because it is being terminated")
    }

    /// An error as Kubernetes' `err.Error()` reads: the server's message when it sent one.
    static func message(_ error: Error) -> String {
        (error as? ClientError).map { $0.message.isEmpty ? $0.description : $0.message } ?? "\(error)"
    }
}

/// Runs `body` over every item concurrently; the results in item order.
func concurrently<T: Sendable, R: Sendable>(
    _ items: [T], _ body: @escaping @Sendable (T) async throws -> R
) async -> [Result<R, Error>] {
    await withTaskGroup(of: (Int, Result<R, Error>).self) { group in
        for (i, item) in items.enumerated() {
            group.addTask {
                do { return (i, .success(try await body(item))) } catch { return (i, .failure(error)) }
            }
        }
        var out = [Result<R, Error>?](repeating: nil, count: items.count)
        for await (i, result) in group { out[i] = result }
        return out.compactMap { $0 }
    }
}

/// Throws the first failure among `results`.
func firstError<R>(_ results: [Result<R, Error>]) throws {
    for case .failure(let error) in results { throw error }
}
