// Protobuf field numbers of certificates.k8s.io/v1 (k8s.io/api/certificates/v1/generated.proto). Facts
// taken from the published generated.proto and the Go struct tags beside them (non-omitempty strings
// decide `.keep`).

extension ProtobufFieldNumbers {
    /// Field numbers of certificates.k8s.io/v1, by definition name.
    static let certificates: [String: [String: ProtobufField]] = [
        "io.k8s.api.certificates.v1.CertificateSigningRequest": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.certificates.v1.CertificateSigningRequestList": ["metadata": 1, "items": 2],
        "io.k8s.api.certificates.v1.CertificateSigningRequestSpec": [
            "request": 1, "username": 2, "uid": 3, "groups": 4, "usages": 5, "extra": 6, "signerName": .keep(7),
            "expirationSeconds": 8,
        ],
        "io.k8s.api.certificates.v1.CertificateSigningRequestStatus": ["conditions": 1, "certificate": 2],
        "io.k8s.api.certificates.v1.CertificateSigningRequestCondition": [
            "type": .keep(1), "reason": 2, "message": 3, "lastUpdateTime": 4, "lastTransitionTime": 5, "status": .keep(6),
        ],
    ]
}
