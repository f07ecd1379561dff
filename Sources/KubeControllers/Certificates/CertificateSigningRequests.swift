import Foundation
import KubeAPI
import KubeClient
import KubePKI

/// The keys the CSR signer signs with, and how long what it signs lasts
/// (kube-controller-manager's `--cluster-signing-*` flags).
public struct ClusterSigningKeys: Sendable {
    /// Signs `kubernetes.io/kube-apiserver-client` and `kubernetes.io/kube-apiserver-client-kubelet`.
    public var clientCA: CertificateAuthority
    /// Signs `kubernetes.io/kubelet-serving`.
    public var serverCA: CertificateAuthority
    /// `--cluster-signing-duration`: the longest validity issued (one year); a request's
    /// `spec.expirationSeconds` may only shorten it.
    public var duration: TimeInterval
    /// The current time (injected, so that tests can check expiry).
    public var now: @Sendable () -> Date

    /// Signing keys valid for `duration` (one year) at the time `now` gives.
    public init(
        clientCA: CertificateAuthority, serverCA: CertificateAuthority, duration: TimeInterval = CertificateProfile.oneYear,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.clientCA = clientCA
        self.serverCA = serverCA
        self.duration = duration
        self.now = now
    }
}

/// What the CSR controllers read of a certificates.k8s.io/v1 CertificateSigningRequest.
struct SigningRequest {
    /// `kubernetes.io/kube-apiserver-client-kubelet`.
    static let kubeletClientSigner = "kubernetes.io/kube-apiserver-client-kubelet"
    /// `kubernetes.io/kube-apiserver-client`.
    static let clientSigner = "kubernetes.io/kube-apiserver-client"
    /// `kubernetes.io/kubelet-serving`.
    static let kubeletServingSigner = "kubernetes.io/kubelet-serving"

    let object: JSONValue

    var name: String { object.name }
    var signerName: String { object["spec"]?["signerName"]?.stringValue ?? "" }
    var username: String { object["spec"]?["username"]?.stringValue ?? "" }
    var uid: String { object["spec"]?["uid"]?.stringValue ?? "" }
    var groups: [String] { (object["spec"]?["groups"]?.arrayValue ?? []).compactMap(\.stringValue) }
    var extra: JSONValue? { object["spec"]?["extra"] }
    var usages: Set<String> { Set((object["spec"]?["usages"]?.arrayValue ?? []).compactMap(\.stringValue)) }
    var expirationSeconds: Int64? { object["spec"]?["expirationSeconds"]?.intValue }

    private var conditionTypes: Set<String> {
        Set((object["status"]?["conditions"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue })
    }
    var isApproved: Bool { conditionTypes.contains("Approved") }
    var isDenied: Bool { conditionTypes.contains("Denied") }
    var isFailed: Bool { conditionTypes.contains("Failed") }
    var hasCertificate: Bool { !(object["status"]?["certificate"]?.stringValue ?? "").isEmpty }

    /// The parsed PKCS#10 request; nil when it does not parse.
    var request: CertificateRequest? {
        guard let b64 = object["spec"]?["request"]?.stringValue, let bytes = Data(base64Encoded: b64) else { return nil }
        return try? CertificateRequest(pem: String(decoding: bytes, as: UTF8.self))
    }

    /// Why `request` is not a kubelet client certificate request (`O=system:nodes`,
    /// `CN=system:node:<name>`, only client usages, no subject alternative names); nil when it is.
    static func kubeletClientProblem(_ request: CertificateRequest, usages: Set<String>) -> String? {
        guard request.organizations == ["system:nodes"] else { return "subject organization is not system:nodes" }
        guard request.commonName.hasPrefix("system:node:"), request.commonName.count > "system:node:".count else {
            return "subject common name does not begin with system:node:"
        }
        let names = request.alternativeNames
        guard names.dns.isEmpty, names.ips.isEmpty, names.emails.isEmpty, names.uris.isEmpty else {
            return "subject alternative names are not allowed"
        }
        return usageProblem(usages, required: ["digital signature", "client auth"], allowed: ["key encipherment"], kind: "client")
    }

    /// Why `request` is not a kubelet serving certificate request (`O=system:nodes`,
    /// `CN=system:node:<name>`, server usages, DNS or IP names only); nil when it is.
    static func kubeletServingProblem(_ request: CertificateRequest, usages: Set<String>) -> String? {
        guard request.organizations == ["system:nodes"] else { return "subject organization is not system:nodes" }
        guard request.commonName.hasPrefix("system:node:"), request.commonName.count > "system:node:".count else {
            return "subject common name does not begin with system:node:"
        }
        let names = request.alternativeNames
        guard names.emails.isEmpty, names.uris.isEmpty else { return "email and URI subjectAltNames are not allowed" }
        guard !names.dns.isEmpty || !names.ips.isEmpty else { return "at least one DNS or IP subjectAltName is required" }
        return usageProblem(usages, required: ["digital signature", "server auth"], allowed: ["key encipherment"], kind: "serving")
    }

    /// Why `usages` are not those of a plain client certificate; nil when they are.
    static func clientProblem(_ usages: Set<String>) -> String? {
        usageProblem(usages, required: ["client auth"], allowed: ["digital signature", "key encipherment"], kind: "client")
    }

    private static func usageProblem(_ usages: Set<String>, required: Set<String>, allowed: Set<String>, kind: String) -> String? {
        if let extra = usages.subtracting(required).subtracting(allowed).sorted().first {
            return "invalid usage for \(kind) certificate: \(extra)"
        }
        if let missing = required.subtracting(usages).sorted().first { return "missing required usage for \(kind) certificate: \(missing)" }
        return nil
    }
}

extension KubeClient {
    /// Writes `object` through the CSR subresource `subresource` (`approval` or `status`): a
    /// conflict looks again shortly, a request deleted meanwhile is done.
    func writeSigningRequest(_ object: JSONValue, subresource: String) async throws -> Requeue {
        do {
            _ = try await update(.certificateSigningRequests, object, subresource: subresource)
        } catch let e as ClientError where e.code == 409 {
            return .after(.milliseconds(200))
        } catch let e as ClientError where e.code == 404 {
            return .done
        }
        return .done
    }
}
