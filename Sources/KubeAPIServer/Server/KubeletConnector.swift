import AsyncHTTPClient
import KubeAPI
import NIOSSL

/// How the API server reaches a node's kubelet (for `pods/log`, `exec`, `attach`,
/// `portforward`): the node's `daemonEndpoints.kubeletEndpoint.Port` at its first address of a
/// preferred type; the kubelet running in this process on loopback; or every kubelet at a fixed
/// address (in-process tests).
struct KubeletConnector: Sendable {
    let client: HTTPClient
    /// The TLS settings of kubelet connections (https and wss); nil for plain http and ws.
    let tls: TLSConfiguration?
    /// Used instead of the node's addresses when set.
    let fixedAddress: String?
    /// The node whose kubelet runs in this process: reached on 127.0.0.1.
    let loopbackNode: String?
    /// The address types tried in order (`--kubelet-preferred-address-types`).
    let preferredAddressTypes: [String]
    /// Fires at `shutdown`: the exec, attach and port-forward sessions relayed to kubelets end.
    let stopping = ReadySignal()
    /// Kubernetes' `--kubelet-preferred-address-types` default order.
    static let kubernetesAddressTypes = ["Hostname", "InternalDNS", "InternalIP", "ExternalDNS", "ExternalIP"]

    /// A connector reaching kubelets over TLS with `tls`, or over plain HTTP without.
    init(
        tls: TLSConfiguration?, fixedAddress: String?, loopbackNode: String? = nil,
        preferredAddressTypes: [String] = Self.kubernetesAddressTypes
    ) {
        self.tls = tls
        self.fixedAddress = fixedAddress
        self.loopbackNode = loopbackNode
        self.preferredAddressTypes = preferredAddressTypes
        if let tls {
            var configuration = HTTPClient.Configuration()
            configuration.tlsConfiguration = tls
            client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        } else {
            client = .shared
        }
    }

    /// Ends the relayed sessions and closes the kubelet connections (the TLS client is the
    /// connector's own; the plain one is shared).
    func shutdown() async {
        stopping.fire()
        if tls != nil { try? await client.shutdown() }
    }

    /// `https://host:port` (`http` without TLS) of the kubelet of `node`; 400 when the node does not say where it is.
    func baseURL(of node: JSONValue) throws(APIError) -> String {
        let name = node.name
        guard let port = node["status"]?["daemonEndpoints"]?["kubeletEndpoint"]?["Port"]?.intValue, port > 0 else {
            throw APIError.badRequest("node \"\(name)\" has no kubelet endpoint")
        }
        let host: String
        if let fixedAddress {
            host = fixedAddress
        } else if name == loopbackNode {
            host = "127.0.0.1"
        } else {
            let addresses = node["status"]?["addresses"]?.arrayValue ?? []
            let found = preferredAddressTypes.lazy.compactMap { type in
                addresses.first { $0["type"]?.stringValue == type }?["address"]?.stringValue
            }.first
            guard let found else {
                let known = addresses.map { "{\($0["type"]?.stringValue ?? "") \($0["address"]?.stringValue ?? "")}" }
                throw APIError.badRequest("no preferred addresses found; known addresses: [\(known.joined(separator: " "))]")
            }
            host = found
        }
        return "\(tls == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}
