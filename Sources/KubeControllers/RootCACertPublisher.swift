import KubeAPI
import KubeClient

/// Keeps the `kube-root-ca.crt` ConfigMap, holding the cluster CA bundle under `ca.crt`, in
/// every active namespace, as Kubernetes' root-ca-cert-publisher does: pods read it through the
/// service account volume to verify the API server. Does nothing without `--root-ca-file`.
public struct RootCACertPublisher: Reconciler {
    /// `root-ca-cert-publisher`.
    public let name = "root-ca-cert-publisher"
    /// The ConfigMap's name.
    public static let configMapName = "kube-root-ca.crt"
    /// The annotation Kubernetes puts on it.
    static let description =
        "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."
    let client: KubeClient
    let rootCA: String?
    let namespaces: Informer
    let configMaps: Informer
    /// Namespaces and ConfigMaps.
    public var informers: [Informer] { [namespaces, configMaps] }

    /// A controller over `context`'s shared informers, publishing `context.options.rootCACertificate`.
    public init(context: ControllerContext) {
        client = context.client
        rootCA = context.options.rootCACertificate
        namespaces = context.informers.informer(.namespaces)
        configMaps = context.informers.informer(.configMaps)
    }

    /// Queues a namespace when it appears and when its ConfigMap changes or goes.
    public func register(queue: WorkQueue<String>) {
        guard rootCA != nil else { return }
        namespaces.addHandler { event in
            if case .added(let ns) = event { Task { await queue.add(ns.name) } }
        }
        configMaps.addHandler { event in
            switch event {
            case .updated(_, let cm) where cm.name == Self.configMapName: Task { await queue.add(cm.namespace) }
            case .deleted(let cm) where cm.name == Self.configMapName: Task { await queue.add(cm.namespace) }
            default: break
            }
        }
    }

    /// Creates the ConfigMap in namespace `key`, or puts the CA back when it differs.
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let rootCA, let ns = namespaces.lister.get(key), ns.deletionTimestamp == nil,
            ns["status"]?["phase"]?.stringValue != "Terminating"
        else { return .done }
        let wanted: JSONValue = ["ca.crt": .string(rootCA)]
        do {
            if var existing = configMaps.lister.get("\(key)/\(Self.configMapName)") {
                guard existing["data"] != wanted else { return .done }
                existing["data"] = wanted
                _ = try await client.update(.configMaps, namespace: key, existing)
            } else {
                let configMap: JSONValue = [
                    "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": [
                        "name": .string(Self.configMapName), "namespace": .string(key),
                        "annotations": ["kubernetes.io/description": .string(Self.description)],
                    ],
                    "data": wanted,
                ]
                _ = try await client.create(.configMaps, namespace: key, configMap)
            }
        } catch let e as ClientError where e.code == 409 {
            return .after(.seconds(1))  // someone else wrote it meanwhile: look again
        } catch let e as ClientError where e.code == 404 || (e.code == 403 && e.message.contains("being terminated")) {
            // The namespace is gone or terminating.
        }
        return .done
    }
}
