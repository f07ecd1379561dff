import Foundation
import KubeAPI
import KubePKI

/// Authenticates requests by the client certificate their TLS connection presented, as
/// Kubernetes' `--client-ca-file` does: a certificate the client CA issued, valid now and
/// allowed for client authentication, names the user in its CN and the groups in its O values.
/// A certificate of another CA, an expired or not-yet-valid one, or a serving certificate is
/// 401 Unauthorized; a request without a certificate is left to the next authenticator.
public struct X509Authenticator: Authenticator {
    /// The CA whose client certificates are accepted.
    public let clientCA: CertificateAuthority
    /// The current time (injected, so that tests can expire certificates).
    public let now: @Sendable () -> Date

    /// Verifies each certificate's signature once.
    private let verifier: ClientCertificateVerifier

    public init(clientCA: CertificateAuthority, now: @escaping @Sendable () -> Date = { Date() }) {
        self.clientCA = clientCA
        self.now = now
        verifier = ClientCertificateVerifier(authority: clientCA)
    }

    public func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
        guard let leaf = request.peerCertificates.first else { return nil }
        do {
            let identity = try verifier.verifyClient(der: leaf, at: now())
            return UserInfo(username: identity.user, groups: identity.groups)
        } catch {
            throw APIError.unauthorized
        }
    }
}
