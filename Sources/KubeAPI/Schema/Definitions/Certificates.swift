extension SchemaType {
    /// An object of the certificates.k8s.io/v1 type `name`.
    static func certificates(_ name: String) -> SchemaType { .ref("io.k8s.api.certificates.v1." + name) }
}

extension StandardDefinitions {
    /// certificates.k8s.io/v1 CertificateSigningRequest.
    static let certificates: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.certificates.v1.CertificateSigningRequest",
            "A request for an x509 certificate, approved or denied, then issued by the signer it names.",
            gvk: [.init(group: "certificates.k8s.io", version: "v1", kind: "CertificateSigningRequest")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .certificates("CertificateSigningRequestSpec"), "The request; immutable after creation.", required: true),
                .init("status", .certificates("CertificateSigningRequestStatus"), "Approval and the issued certificate."),
            ]),
        listDefinition(
            "io.k8s.api.certificates.v1.CertificateSigningRequest",
            .init(group: "certificates.k8s.io", version: "v1", kind: "CertificateSigningRequest"), of: "certificate signing requests"),
        TypeDefinition(
            "io.k8s.api.certificates.v1.CertificateSigningRequestSpec",
            "The PKCS#10 request, the signer it is for and the usages asked; the requester's identity is set by the server.",
            fields: [
                .init("request", .bytes, "A PEM-encoded PKCS#10 CERTIFICATE REQUEST.", required: true),
                .init("signerName", .str, "The signer asked to issue the certificate.", required: true),
                .init("expirationSeconds", .int32, "The requested validity in seconds (at least 600)."),
                .init("usages", .list(.str), "The key usages and extended key usages asked."),
                .init("username", .str, "The user who created the request (set by the server)."),
                .init("uid", .str, "The uid of that user (set by the server)."),
                .init("groups", .list(.str), "The groups of that user (set by the server)."),
                .init("extra", .map(.list(.str)), "Further attributes of that user (set by the server)."),
            ]),
        TypeDefinition(
            "io.k8s.api.certificates.v1.CertificateSigningRequestStatus",
            "The conditions (Approved, Denied, Failed) and the issued certificate.",
            fields: [
                .init("conditions", .list(.certificates("CertificateSigningRequestCondition")), "Approved, Denied and Failed.")
                    .mapKeys("type"),
                .init("certificate", .bytes, "The issued certificate, PEM-encoded, set by the signer."),
            ]),
        TypeDefinition(
            "io.k8s.api.certificates.v1.CertificateSigningRequestCondition", "One condition of a request.",
            fields: [
                .init("type", .str, "Approved, Denied or Failed.", required: true),
                .init("status", .str, "True, False or Unknown.", required: true),
                .init("reason", .str, "A brief reason."),
                .init("message", .str, "Details."),
                .init("lastUpdateTime", .time, "When the condition was last updated."),
                .init("lastTransitionTime", .time, "When the condition last changed status."),
            ]),
    ]
}
