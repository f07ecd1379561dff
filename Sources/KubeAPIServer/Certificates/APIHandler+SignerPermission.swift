import KubeAPI

extension APIHandler {
    /// Kubernetes' CertificateApproval and CertificateSigning admission: writing a request's
    /// `/approval` needs `approve`, and writing its `/status` needs `sign`, on
    /// `signers.certificates.k8s.io` named after its `signerName` (or `<domain>/*`). Other
    /// requests pass.
    func checkSignerPermission(_ api: APIRequest, _ t: ResourceTarget) async throws(APIError) {
        guard CertificateSigningRequestStrategy.handles(t.resource), api.method == .put || api.method == .patch,
            let name = t.name, let sub = t.subresource, sub == "approval" || sub == "status"
        else { return }
        let (object, _) = try await registry.current(t.resource, namespace: nil, name: name)
        let signer = object["spec"]?["signerName"]?.stringValue ?? ""
        let verb = sub == "approval" ? "approve" : "sign"
        let domain = signer.split(separator: "/").first.map { "\($0)/*" } ?? signer
        for resourceName in [signer, domain] {
            let attributes = AuthorizationAttributes(
                user: api.user, verb: verb, apiGroup: CertificateSigningRequestStrategy.group, resource: "signers", name: resourceName)
            if case .allow = await authorizer.authorize(attributes) { return }
        }
        throw APIError(
            code: 403, reason: "Forbidden",
            message: "certificatesigningrequests.certificates.k8s.io \"\(name)\" is forbidden: user not permitted to \(verb) requests with signerName \"\(signer)\"")
    }
}
