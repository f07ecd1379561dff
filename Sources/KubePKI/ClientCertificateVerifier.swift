import Foundation
import Synchronization
import X509

/// Client certificate checks against one CA, with each certificate's signature verified once.
///
/// Clients send the same certificate on every request of a connection and on every connection;
/// verifying its ECDSA signature each time cost about 7% of the API server's CPU per pod create.
/// A certificate that verified is kept (by its DER bytes) with its validity period, so later
/// requests only compare the time; rejected certificates are not kept.
public final class ClientCertificateVerifier: Sendable {
    /// The CA whose client certificates are accepted.
    public let authority: CertificateAuthority
    /// How many verified certificates are kept (all are dropped when it is reached).
    public let capacity: Int

    private struct Verified {
        var identity: ClientIdentity
        var notValidBefore, notValidAfter: Date
    }

    /// DER bytes as a dictionary key, hashed in one pass over the bytes (an array of bytes is
    /// hashed one element at a time, and every request looks its certificate up).
    private struct DERKey: Hashable {
        var der: [UInt8]

        func hash(into hasher: inout Hasher) {
            der.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private let verified = Mutex<[DERKey: Verified]>([:])

    public init(authority: CertificateAuthority, capacity: Int = 4096) {
        self.authority = authority
        self.capacity = capacity
    }

    /// The user and groups of the DER client certificate `der`, as
    /// `CertificateAuthority.verifyClient(der:at:)` answers for time `now`.
    public func verifyClient(der: [UInt8], at now: Date) throws(CertificateAuthority.Rejection) -> ClientIdentity {
        if let known = verified.withLock({ $0[DERKey(der: der)] }) {
            guard now >= known.notValidBefore else { throw .notYetValid }
            guard now <= known.notValidAfter else { throw .expired }
            return known.identity
        }
        let certificate = try authority.verify(der: der, at: now, usage: .client)
        let identity = try CertificateAuthority.clientIdentity(of: certificate)
        let entry = Verified(identity: identity, notValidBefore: certificate.notValidBefore, notValidAfter: certificate.notValidAfter)
        verified.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[DERKey(der: der)] = entry
        }
        return identity
    }

    /// How many verified certificates are kept (for tests).
    public var count: Int { verified.withLock { $0.count } }
}
