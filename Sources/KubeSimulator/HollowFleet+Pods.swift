import Foundation
import KubeAPI
import KubeClient

/// Something a hollow node does for a pod.
enum PodAction: Sendable {
    /// Report the pod Running with `podIP` (nil for host-network pods) on node `nodeIndex`.
    case start(JSONValue, podIP: String?, nodeIndex: Int)
    /// Remove a pod whose deletion was requested.
    case remove(JSONValue)
}

/// The fleet's bookkeeping: node ranges, pod addresses, Lease copies.
struct FleetState {
    let config: HollowNodeConfig
    let range: PodRange
    var indexOfNode: [String: Int] = [:]
    var leases: [Int: JSONValue] = [:]
    /// Next host number and released addresses per node.
    var nextHost: [Int: Int] = [:]
    var freeHosts: [Int: [Int]] = [:]
    /// The node and host number of each started pod, by pod key.
    var addressOfPod: [String: (node: Int, host: Int)] = [:]

    init(config: HollowNodeConfig, range: PodRange) {
        self.config = config
        self.range = range
        for i in 0..<config.count { indexOfNode[config.name(i)] = i }
    }

    func range(ofNode index: Int) -> String { range.subnet(index)?.description ?? "" }

    /// Takes an address for `podKey` on node `index`; nil when the node's /24 is full.
    mutating func allocate(_ podKey: String, node index: Int) -> String? {
        guard let subnet = range.subnet(index) else { return nil }
        if let existing = addressOfPod[podKey] { return subnet.address(existing.host) }
        let host: Int
        if let reused = freeHosts[index]?.popLast() {
            host = reused
        } else {
            host = nextHost[index, default: 2]  // .1 is the node's gateway
            guard host < 255 else { return nil }
            nextHost[index] = host + 1
        }
        addressOfPod[podKey] = (index, host)
        return subnet.address(host)
    }

    /// Returns `podKey`'s address to its node.
    mutating func release(_ podKey: String) {
        guard let a = addressOfPod.removeValue(forKey: podKey) else { return }
        freeHosts[a.node, default: []].append(a.host)
    }
}

extension HollowFleet {
    /// Turns a pod change into an action when the pod is on one of this fleet's nodes.
    func handle(_ event: InformerEvent) {
        switch event {
        case .added(let pod), .updated(_, let pod):
            guard let nodeName = pod["spec"]?["nodeName"]?.stringValue,
                let index = state.withLock({ $0.indexOfNode[nodeName] })
            else { return }
            let key = Lister.key(of: pod)
            if pod["metadata"]?["deletionTimestamp"] != nil {
                actionSink.yield(.remove(pod))
                return
            }
            guard pod["status"]?["phase"]?.stringValue == "Pending", pod["status"]?["startTime"] == nil else { return }
            let hostNetwork = pod["spec"]?["hostNetwork"]?.boolValue == true
            let ip = hostNetwork ? nil : state.withLock { $0.allocate(key, node: index) }
            if !hostNetwork && ip == nil {
                logger.warning("no pod address left on \(nodeName) for \(key)")
                return
            }
            actionSink.yield(.start(pod, podIP: ip, nodeIndex: index))
        case .deleted(let pod):
            let key = Lister.key(of: pod)
            state.withLock { $0.release(key) }
        }
    }

    /// Writes what an action means to the API server.
    func perform(_ action: PodAction) async {
        switch action {
        case .start(let pod, let podIP, let index):
            let status = HollowPodStatus.running(
                pod, podIP: podIP, hostIP: HollowNodeConfig.nodeIP(index), now: Timestamp.format(Date()))
            do {
                _ = try await client.patch(
                    .pods, namespace: pod.namespace, name: pod.name, type: .strategic, ["status": status], subresource: "status",
                    keeping: .nothing)
                noteStarted()
            } catch {
                logger.debug("starting \(pod.namespace)/\(pod.name): \(error)")
            }
        case .remove(let pod):
            let uid = pod["metadata"]?["uid"]?.stringValue
            do {
                try await client.delete(.pods, namespace: pod.namespace, name: pod.name, gracePeriodSeconds: 0, preconditionUID: uid)
            } catch let error as ClientError where error.code == 404 || error.code == 409 {
                // Already gone, or replaced by a new pod of the same name.
            } catch {
                logger.debug("removing \(pod.namespace)/\(pod.name): \(error)")
            }
        }
    }
}
