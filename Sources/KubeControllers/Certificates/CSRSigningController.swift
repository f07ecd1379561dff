import Foundation
import KubeAPI
import KubeClient
import KubePKI

/// Issues certificates for approved requests, as Kubernetes' csrsigning controller does for
/// its built-in signers: `kubernetes.io/kube-apiserver-client` and
/// `kubernetes.io/kube-apiserver-client-kubelet` with the client CA,
/// `kubernetes.io/kubelet-serving` with the server CA. The certificate is valid for
/// `spec.expirationSeconds` when given, never longer than the signing duration (one year). A
/// request its signer's rules refuse gets a `Failed` condition with reason
/// `SignerValidationFailure`. Without signing keys it does nothing.
public struct CSRSigningController: Reconciler {
    /// `csrsigning`.
    public let name = "csrsigning"
    let client: KubeClient
    let keys: ClusterSigningKeys?
    let requests: Informer
    /// The CertificateSigningRequest informer.
    public var informers: [Informer] { [requests] }

    /// A controller over `context`'s shared informers signing with `context.options.clusterSigning`.
    public init(context: ControllerContext) {
        client = context.client
        keys = context.options.clusterSigning
        requests = context.informers.informer(.certificateSigningRequests)
    }

    /// Queues a request by name when it appears or changes.
    public func register(queue: WorkQueue<String>) {
        guard keys != nil else { return }
        requests.addHandler { event in
            switch event {
            case .added(let csr), .updated(_, let csr): Task { await queue.add(csr.name) }
            case .deleted: break
            }
        }
    }

    /// Issues (or fails) the approved request `key`.
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let keys, let object = requests.lister.get(key) else { return .done }
        let csr = SigningRequest(object: object)
        guard csr.isApproved, !csr.isDenied, !csr.isFailed, !csr.hasCertificate else { return .done }
        let outcome = Self.sign(csr, keys: keys)
        var updated = object
        switch outcome {
        case .none:
            return .done
        case .issued(let pem):
            updated.set(.string(Data(pem.utf8).base64EncodedString()), at: ["status", "certificate"])
        case .failed(let message):
            var conditions = object["status"]?["conditions"]?.arrayValue ?? []
            conditions.append(["type": "Failed", "status": "True", "reason": "SignerValidationFailure", "message": .string(message)])
            updated.set(.array(conditions), at: ["status", "conditions"])
        }
        return try await client.writeSigningRequest(updated, subresource: "status")
    }

    /// What signing a request comes to.
    enum Outcome: Equatable {
        /// Not for a signer this controller serves (or not parseable): left alone.
        case none
        /// The issued certificate, PEM.
        case issued(String)
        /// The signer's rules refuse the request, for this reason.
        case failed(String)
    }

    /// Checks `csr` against its signer's rules and signs it with the matching CA. Pure apart from
    /// the clock in `keys`, so tests check subjects, usages and expiry directly.
    static func sign(_ csr: SigningRequest, keys: ClusterSigningKeys) -> Outcome {
        let authority: CertificateAuthority
        let problem: String?
        guard let request = csr.request else {
            return [SigningRequest.kubeletClientSigner, SigningRequest.clientSigner, SigningRequest.kubeletServingSigner]
                .contains(csr.signerName) ? .failed("unable to parse csr") : .none
        }
        switch csr.signerName {
        case SigningRequest.kubeletClientSigner:
            authority = keys.clientCA
            problem = SigningRequest.kubeletClientProblem(request, usages: csr.usages)
        case SigningRequest.clientSigner:
            authority = keys.clientCA
            problem = SigningRequest.clientProblem(csr.usages)
        case SigningRequest.kubeletServingSigner:
            authority = keys.serverCA
            problem = SigningRequest.kubeletServingProblem(request, usages: csr.usages)
        default:
            return .none
        }
        if let problem { return .failed(problem) }
        var validity = keys.duration
        if let seconds = csr.expirationSeconds, seconds > 0 { validity = min(validity, TimeInterval(seconds)) }
        do {
            return .issued(try authority.sign(request, usages: csr.usages.sorted(), validity: validity, now: keys.now()))
        } catch {
            return .failed("\(error)")
        }
    }
}
