import KubeAPI
import KubeClient

/// Keeps the EndpointSlices of every Service with a selector, as Kubernetes' EndpointSlice
/// controller does: slices labelled with the Service's name and this controller as manager,
/// owned by the Service, at most `maxEndpointsPerSlice` endpoints each, rewritten only on change.
public struct EndpointSliceController: Reconciler {
    /// `endpointslice`.
    public let name = "endpointslice"
    /// The index of managed slices by `namespace/service`.
    static let serviceIndex = "endpointslice-service"
    let client: KubeClient
    let triggers: ServiceTriggers
    let slices: Informer
    let nodes: Informer
    let tracker = SliceTracker()
    let maxPerSlice: Int
    /// Services, pods, EndpointSlices and nodes (for zones).
    public var informers: [Informer] { [triggers.services, triggers.pods, slices, nodes] }

    /// A controller over `context`'s shared informers.
    public init(context: ControllerContext) {
        client = context.client
        triggers = ServiceTriggers(context: context)
        slices = context.informers.informer(.endpointSlices)
        nodes = context.informers.informer(.nodes)
        maxPerSlice = context.options.maxEndpointsPerSlice
        slices.lister.addIndex(Self.serviceIndex) { slice in
            guard slice.labels[EndpointSlicePlan.managedByLabel] == EndpointSlicePlan.managerName,
                let service = slice.labels[EndpointSlicePlan.serviceNameLabel]
            else { return [] }
            return ["\(slice.namespace)/\(service)"]
        }
    }

    /// Queues Services on Service and pod changes, and when one of their slices changes or goes.
    public func register(queue: WorkQueue<String>) {
        triggers.register(queue: queue)
        slices.addHandler { event in
            let slice: JSONValue
            switch event {
            case .added(let s), .deleted(let s): slice = s
            case .updated(let old, let new):
                guard old["endpoints"] != new["endpoints"] || old["ports"] != new["ports"]
                    || old["metadata"]?["labels"] != new["metadata"]?["labels"]
                else { return }
                slice = new
            }
            guard slice.labels[EndpointSlicePlan.managedByLabel] == EndpointSlicePlan.managerName,
                let service = slice.labels[EndpointSlicePlan.serviceNameLabel]
            else { return }
            Task { await queue.add("\(slice.namespace)/\(service)") }
        }
    }

    /// Brings the slices of Service `key` (`namespace/name`) in line with its pods.
    public func reconcile(_ key: String) async throws -> Requeue {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .done }
        let namespace = parts[0]
        let existing = slices.lister.byIndex(Self.serviceIndex, key)
        guard tracker.isCurrent(key, cached: existing) else { return .after(.milliseconds(50)) }
        guard let service = triggers.services.lister.get(key) else {
            tracker.remove(key)
            try await apply(EndpointSlicePlan(deletes: existing.map(\.name)), key: key, namespace: namespace)
            return .done
        }
        guard service.deletionTimestamp == nil, let pods = triggers.selectedPods(of: service) else { return .done }
        let groups = EndpointPods.sliceGroups(service: service, pods: pods) { node in
            nodes.lister.get(node)?.labels["topology.kubernetes.io/zone"]
        }
        let plan = EndpointSlicePlan.plan(service: service, groups: groups, existing: existing, maxPerSlice: maxPerSlice)
        try await apply(plan, key: key, namespace: namespace)
        return .done
    }

    /// Runs the plan's writes concurrently and remembers them in the tracker; throws the first
    /// failure after all are done.
    func apply(_ plan: EndpointSlicePlan, key: String, namespace: String) async throws {
        guard plan != EndpointSlicePlan() else { return }
        let client = client
        // Every write that succeeded is remembered, even when another failed, so a retry never
        // creates a slice twice.
        let results = await withTaskGroup(of: Result<JSONValue?, any Error>.self) { group in
            for slice in plan.creates {
                group.addTask { await Result<JSONValue?, any Error>(asyncCatching: { try await client.create(.endpointSlices, namespace: namespace, slice) }) }
            }
            for slice in plan.updates {
                group.addTask { await Result<JSONValue?, any Error>(asyncCatching: { try await client.update(.endpointSlices, namespace: namespace, slice) }) }
            }
            for name in plan.deletes {
                group.addTask {
                    await Result<JSONValue?, any Error>(asyncCatching: {
                        do {
                            try await client.delete(.endpointSlices, namespace: namespace, name: name)
                        } catch let e as ClientError where e.code == 404 {}
                        return nil
                    })
                }
            }
            var out: [Result<JSONValue?, any Error>] = []
            for await item in group { out.append(item) }
            return out
        }
        let written = results.compactMap { try? $0.get() }.compactMap { $0 }
        tracker.wrote(key, written: written, deleted: plan.deletes)
        for case .failure(let error) in results { throw error }
    }
}

extension Result where Failure == any Error {
    /// The outcome of an async throwing `body`.
    init(asyncCatching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
