import Foundation
import KubeAPI
import KubeClient
import KubePKI

/// Approves kubelet certificate requests, as Kubernetes' csrapproving controller does: a
/// `kubernetes.io/kube-apiserver-client-kubelet` request for a node client certificate is
/// approved when its requester may create `certificatesigningrequests/nodeclient` (a new node,
/// with a bootstrap token) or, for a certificate naming the requester itself,
/// `certificatesigningrequests/selfnodeclient` (a node renewing) — asked of the API server by a
/// SubjectAccessReview. Besides (as k3s does, where Kubernetes leaves it to the admin), a
/// `kubernetes.io/kubelet-serving` request a node makes for itself is approved when it names that
/// node only by its name and addresses. Requests it does not recognise are left alone.
public struct CSRApprovingController: Reconciler {
    /// `csrapproving`.
    public let name = "csrapproving"
    let client: KubeClient
    let requests: Informer
    let nodes: Informer
    /// The CertificateSigningRequest informer (and the Node informer, for serving names).
    public var informers: [Informer] { [requests, nodes] }

    /// A controller over `context`'s shared informers.
    public init(context: ControllerContext) {
        client = context.client
        requests = context.informers.informer(.certificateSigningRequests)
        nodes = context.informers.informer(.nodes)
    }

    /// Queues a request by name when it appears or changes.
    public func register(queue: WorkQueue<String>) {
        requests.addHandler { event in
            switch event {
            case .added(let csr), .updated(_, let csr): Task { await queue.add(csr.name) }
            case .deleted: break
            }
        }
    }

    /// Approves the request `key` when it qualifies; leaves it alone otherwise.
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let object = requests.lister.get(key) else { return .done }
        let csr = SigningRequest(object: object)
        guard !csr.isApproved, !csr.isDenied, !csr.hasCertificate, let request = csr.request else { return .done }
        switch csr.signerName {
        case SigningRequest.kubeletClientSigner:
            guard SigningRequest.kubeletClientProblem(request, usages: csr.usages) == nil else { return .done }
            let isSelf = request.commonName == csr.username
            if isSelf, try await allowed(csr, subresource: "selfnodeclient") {
                return try await approve(object, message: "Auto approving self kubelet client certificate after SubjectAccessReview.")
            }
            if try await allowed(csr, subresource: "nodeclient") {
                return try await approve(object, message: "Auto approving kubelet client certificate after SubjectAccessReview.")
            }
        case SigningRequest.kubeletServingSigner:
            guard SigningRequest.kubeletServingProblem(request, usages: csr.usages) == nil,
                request.commonName == csr.username, csr.groups.contains("system:nodes"),
                namesOwnAddresses(request, node: String(csr.username.dropFirst("system:node:".count)))
            else { return .done }
            return try await approve(object, message: "Auto approving self kubelet serving certificate: it names only its own node.")
        default:
            break
        }
        return .done
    }

    /// Whether the requester of `csr` may create `certificatesigningrequests/<subresource>`.
    func allowed(_ csr: SigningRequest, subresource: String) async throws -> Bool {
        var spec: JSONValue = [
            "user": .string(csr.username), "groups": .array(csr.groups.map { .string($0) }),
            "resourceAttributes": [
                "group": "certificates.k8s.io", "resource": "certificatesigningrequests", "verb": "create",
                "subresource": .string(subresource),
            ],
        ]
        if !csr.uid.isEmpty { spec["uid"] = .string(csr.uid) }
        if let extra = csr.extra { spec["extra"] = extra }
        let review: JSONValue = ["apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview", "spec": spec]
        let bytes = try await client.request(.POST, "/apis/authorization.k8s.io/v1/subjectaccessreviews", body: review.serialized())
        return (try JSONValue.parse(bytes))["status"]?["allowed"]?.boolValue == true
    }

    /// Whether every DNS name of a serving request is the node's name or one of its hostname
    /// addresses, and every IP is loopback or one of its addresses. A node not registered yet
    /// (an agent fetches its serving certificate before its kubelet starts) has only its name.
    func namesOwnAddresses(_ request: CertificateRequest, node: String) -> Bool {
        let names = request.alternativeNames
        let addresses = (nodes.lister.get(node)?["status"]?["addresses"]?.arrayValue ?? [])
        let hostnames = Set([node] + addresses.filter { $0["type"]?.stringValue == "Hostname" }.compactMap { $0["address"]?.stringValue })
        let ips = Set(addresses.filter { $0["type"]?.stringValue != "Hostname" }.compactMap { $0["address"]?.stringValue })
        let registered = nodes.lister.get(node) != nil
        guard names.dns.allSatisfy({ hostnames.contains($0) || $0 == "localhost" }) else { return false }
        return names.ips.allSatisfy { $0 == "127.0.0.1" || $0 == "::1" || ips.contains($0) || !registered }
    }

    /// Adds the Approved condition through `/approval`.
    func approve(_ object: JSONValue, message: String) async throws -> Requeue {
        var updated = object
        var conditions = object["status"]?["conditions"]?.arrayValue ?? []
        conditions.append(["type": "Approved", "status": "True", "reason": "AutoApproved", "message": .string(message)])
        updated.set(.array(conditions), at: ["status", "conditions"])
        return try await client.writeSigningRequest(updated, subresource: "approval")
    }
}
