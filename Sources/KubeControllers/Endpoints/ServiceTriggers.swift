import KubeAPI
import KubeClient

/// The informer wiring the endpoints and EndpointSlice controllers share: Services and pods
/// indexed by namespace; a Service event queues that Service, a pod event queues the Services in
/// the pod's namespace whose selector matches the pod (before and after the change).
struct ServiceTriggers: Sendable {
    let services: Informer
    let pods: Informer

    /// Wiring over `context`'s shared Service and pod informers; adds their namespace indexes.
    init(context: ControllerContext) {
        services = context.informers.informer(.services)
        pods = context.informers.informer(.pods)
        services.lister.indexByNamespace()
        pods.lister.indexByNamespace()
    }

    /// Adds the handlers that queue Service keys (`namespace/name`) on `queue`.
    func register(queue: WorkQueue<String>) {
        services.addHandler { event in
            switch event {
            case .added(let s), .deleted(let s): Task { await queue.add(Lister.key(of: s)) }
            case .updated(let old, let new):
                if old["spec"] != new["spec"] || old["metadata"]?["labels"] != new["metadata"]?["labels"] {
                    Task { await queue.add(Lister.key(of: new)) }
                }
            }
        }
        pods.addHandler { [services] event in
            var keys = Set<String>()
            switch event {
            case .added(let p), .deleted(let p): keys = Self.services(selecting: p, in: services.lister)
            case .updated(let old, let new):
                guard EndpointPods.fingerprint(old) != EndpointPods.fingerprint(new) else { return }
                keys = Self.services(selecting: old, in: services.lister).union(Self.services(selecting: new, in: services.lister))
            }
            guard !keys.isEmpty else { return }
            Task { for key in keys { await queue.add(key) } }
        }
    }

    /// Keys of the cached Services in `pod`'s namespace whose selector matches its labels.
    static func services(selecting pod: JSONValue, in lister: Lister) -> Set<String> {
        let labels = pod.labels
        var keys = Set<String>()
        for service in lister.byIndex(Lister.namespaceIndex, pod.namespace) {
            if let selector = EndpointPods.selector(of: service), EndpointPods.matches(selector, labels) {
                keys.insert(Lister.key(of: service))
            }
        }
        return keys
    }

    /// The cached pods `service` selects; nil when it has no selector.
    func selectedPods(of service: JSONValue) -> [JSONValue]? {
        guard let selector = EndpointPods.selector(of: service) else { return nil }
        return pods.lister.byIndex(Lister.namespaceIndex, service.namespace).filter { EndpointPods.matches(selector, $0.labels) }
    }
}
