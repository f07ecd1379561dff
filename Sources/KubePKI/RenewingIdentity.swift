import Foundation

/// An identity issued by this machine's `ClusterPKI` that renews itself: holds the current leaf
/// `<name>`, reissues it when within 90 days of expiry, and presents it through a `LiveIdentity`.
public final class RenewingIdentity: Sendable {
    /// The file name of the leaf under the PKI folder, e.g. `serving-kube-apiserver`.
    public let name: String
    /// What the leaf must say.
    public let profile: CertificateProfile
    /// What TLS presents.
    public let live: LiveIdentity
    private let pki: ClusterPKI

    /// Loads (or issues) the leaf at `now`.
    public init(pki: ClusterPKI, name: String, profile: CertificateProfile, now: Date) throws(PKIError) {
        self.pki = pki
        self.name = name
        self.profile = profile
        live = try LiveIdentity(try pki.leaf(name, profile, now: now))
    }

    /// The certificate and key handshakes use now.
    public var current: CertifiedKey { live.current }

    /// Reissues the leaf when it is within 90 days of expiry at `now`; true when it did.
    @discardableResult
    public func renewIfNeeded(now: Date) throws(PKIError) -> Bool {
        guard current.needsRenewal(now: now) else { return false }
        try live.replace(with: try pki.leaf(name, profile, now: now))
        return true
    }
}
