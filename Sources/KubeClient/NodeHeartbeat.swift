import Foundation
import KubeAPI

/// What every node agent (the kubelet, hollow nodes) writes to say it is alive: its Lease in
/// `kube-node-lease` and the conditions of a healthy node, as Kubernetes' kubelet writes them.
public enum NodeHeartbeat {
    /// The namespace holding node Leases.
    public static let leaseNamespace = "kube-node-lease"

    /// The node conditions of a healthy node (MemoryPressure, DiskPressure and PIDPressure False,
    /// Ready True) with the kubelet's reasons and messages, heartbeat and transition at `now`.
    public static func healthyConditions(now: String) -> [JSONValue] {
        let healthy: [(String, String, String, String)] = [
            ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ]
        return healthy.map { type, status, reason, message in
            [
                "type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
                "lastHeartbeatTime": .string(now), "lastTransitionTime": .string(now),
            ]
        }
    }
}

extension KubeClient {
    /// Creates or renews node `name`'s Lease (holder the node, renewTime now) and returns it as
    /// stored. `cached`, the copy this call returned last time, saves a read: it is updated in
    /// place; when it is stale (409) or gone (404) the Lease is created or read afresh. With
    /// `nodeUID`, a created Lease is owned by the Node (as the kubelet's are), so it goes with it.
    public func renewNodeLease(name: String, durationSeconds: Int, cached: JSONValue?, nodeUID: String? = nil) async throws -> JSONValue {
        let namespace = NodeHeartbeat.leaseNamespace
        let now = Timestamp.formatMicro(Date())
        if var lease = cached {
            lease["spec"]?["renewTime"] = .string(now)
            do {
                return try await update(.leases, namespace: namespace, lease)
            } catch let error as ClientError where error.code == 409 || error.code == 404 {
                // Fall through: create, or read and overwrite.
            }
        }
        var lease: JSONValue = [
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["holderIdentity": .string(name), "leaseDurationSeconds": .int(durationSeconds), "renewTime": .string(now)],
        ]
        if let nodeUID {
            lease.setMetadata("ownerReferences", [["apiVersion": "v1", "kind": "Node", "name": .string(name), "uid": .string(nodeUID)]])
        }
        do {
            return try await create(.leases, namespace: namespace, lease)
        } catch let error as ClientError where error.code == 409 {
            var existing = try await get(.leases, namespace: namespace, name: name)
            existing["spec"] = lease["spec"]
            return try await update(.leases, namespace: namespace, existing)
        }
    }
}
