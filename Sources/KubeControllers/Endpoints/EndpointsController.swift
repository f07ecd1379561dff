import Foundation
import KubeAPI
import KubeClient

/// Keeps an Endpoints object for every Service with a selector, listing the addresses and ports
/// of the pods it selects, as Kubernetes' endpoints controller does. Services without a selector
/// are left alone; the Endpoints of a deleted Service are deleted. Writes only on change.
public struct EndpointsController: Reconciler {
    /// `endpoint`, as kube-controller-manager names it.
    public let name = "endpoint"
    let client: KubeClient
    let triggers: ServiceTriggers
    let endpoints: Informer
    let started = Date()
    /// Services, pods and Endpoints.
    public var informers: [Informer] { [triggers.services, triggers.pods, endpoints] }

    /// A controller over `context`'s shared informers.
    public init(context: ControllerContext) {
        client = context.client
        triggers = ServiceTriggers(context: context)
        endpoints = context.informers.informer(.endpoints)
    }

    /// Queues Services on Service and pod changes, and on deletion of their Endpoints; Endpoints
    /// left over from before this controller started are queued once, to be deleted when their
    /// Service is gone (Kubernetes' `checkLeftoverEndpoints`).
    public func register(queue: WorkQueue<String>) {
        triggers.register(queue: queue)
        endpoints.addHandler { [started] event in
            switch event {
            case .deleted(let e): Task { await queue.add(Lister.key(of: e)) }
            case .added(let e):
                let created = e["metadata"]?["creationTimestamp"]?.stringValue.flatMap(Timestamp.parse) ?? started
                if created < started { Task { await queue.add(Lister.key(of: e)) } }
            case .updated: break
            }
        }
    }

    /// Brings the Endpoints of Service `key` (`namespace/name`) in line with its pods.
    public func reconcile(_ key: String) async throws -> Requeue {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .done }
        let (namespace, name) = (parts[0], parts[1])
        guard let service = triggers.services.lister.get(key) else {
            guard endpoints.lister.get(key) != nil else { return .done }
            do {
                try await client.delete(.endpoints, namespace: namespace, name: name)
            } catch let e as ClientError where e.code == 404 {}
            return .done
        }
        guard let pods = triggers.selectedPods(of: service) else { return .done }
        let existing = endpoints.lister.get(key)
        guard let desired = EndpointsPlan.desired(service: service, pods: pods, existing: existing) else { return .done }
        if existing == nil {
            do {
                _ = try await client.create(.endpoints, namespace: namespace, desired)
            } catch let e as ClientError where e.code == 409 {
                // Our cache lags: read the live object and retry.
                let live = try await client.get(.endpoints, namespace: namespace, name: name)
                if let retry = EndpointsPlan.desired(service: service, pods: pods, existing: live) {
                    _ = try await client.update(.endpoints, namespace: namespace, retry)
                }
            }
        } else {
            _ = try await client.update(.endpoints, namespace: namespace, desired)
        }
        return .done
    }
}
