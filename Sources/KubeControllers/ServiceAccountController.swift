import KubeAPI
import KubeClient

/// Keeps a `default` ServiceAccount in every active namespace, as Kubernetes'
/// ServiceAccountsController does: created when a namespace appears, and again if deleted.
public struct ServiceAccountController: Reconciler {
    /// `serviceaccount`.
    public let name = "serviceaccount"
    /// The ServiceAccount every namespace gets.
    public static let defaultName = "default"
    let client: KubeClient
    let namespaces: Informer
    let serviceAccounts: Informer
    /// Namespaces and ServiceAccounts.
    public var informers: [Informer] { [namespaces, serviceAccounts] }

    /// A controller over `context`'s shared informers.
    public init(context: ControllerContext) {
        client = context.client
        namespaces = context.informers.informer(.namespaces)
        serviceAccounts = context.informers.informer(.serviceAccounts)
    }

    /// Queues a namespace when it appears and when its `default` ServiceAccount is deleted.
    public func register(queue: WorkQueue<String>) {
        namespaces.addHandler { event in
            if case .added(let ns) = event { Task { await queue.add(ns.name) } }
        }
        serviceAccounts.addHandler { event in
            if case .deleted(let sa) = event, sa.name == Self.defaultName { Task { await queue.add(sa.namespace) } }
        }
    }

    /// Creates `default` in namespace `key` when the namespace is active and has none.
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let ns = namespaces.lister.get(key), ns.deletionTimestamp == nil,
            ns["status"]?["phase"]?.stringValue != "Terminating",
            serviceAccounts.lister.get("\(key)/\(Self.defaultName)") == nil
        else { return .done }
        let account: JSONValue = [
            "apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": ["name": .string(Self.defaultName), "namespace": .string(key)],
        ]
        do {
            _ = try await client.create(.serviceAccounts, namespace: key, account)
        } catch let e as ClientError where e.code == 409 || e.code == 404 || e.code == 403 {
            // Already there, the namespace is gone, or it is terminating.
        }
        return .done
    }
}
