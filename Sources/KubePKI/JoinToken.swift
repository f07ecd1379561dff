import Crypto
import Foundation

/// A k3s-style join token: `K10<sha256 hex of the server CA bundle>::<credentials>`, where the
/// credentials are a bootstrap token `<id>.<secret>`. The hash lets a joining agent trust the CA
/// bundle it fetches from `/cacerts` before it trusts anything the server says.
public struct JoinToken: Sendable, Hashable {
    /// The lower-case hex SHA-256 of the CA bundle's bytes.
    public var caHash: String
    /// What follows `::`: the bootstrap token.
    public var credentials: String

    /// A token with this CA hash and these credentials.
    public init(caHash: String, credentials: String) {
        self.caHash = caHash
        self.credentials = credentials
    }

    /// The token for a CA bundle and credentials.
    public init(caBundle: String, credentials: String) {
        self.init(caHash: Self.hash(caBundle), credentials: credentials)
    }

    /// The lower-case hex SHA-256 of `bundle`'s UTF-8 bytes.
    public static func hash(_ bundle: String) -> String {
        SHA256.hash(data: Data(bundle.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `K10<hash>::<credentials>`.
    public var text: String { "K10\(caHash)::\(credentials)" }

    /// Parses `K10<64 hex>::<credentials>` (surrounding whitespace ignored); throws, saying what
    /// is wrong, for anything else.
    public init(parsing raw: String) throws(PKIError) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("K10"), let separator = text.range(of: "::") else {
            throw PKIError("the join token is not of the form K10<CA hash>::<id>.<secret> (read it from <data-dir>/server/token)")
        }
        let hash = String(text[text.index(text.startIndex, offsetBy: 3)..<separator.lowerBound]).lowercased()
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else {
            throw PKIError("the join token's CA hash is not 64 hexadecimal digits")
        }
        let credentials = String(text[separator.upperBound...])
        guard !credentials.isEmpty else { throw PKIError("the join token has no credentials after ::") }
        self.init(caHash: hash, credentials: credentials)
    }

    /// Throws unless `bundle` hashes to this token's CA hash.
    public func verify(caBundle bundle: String) throws(PKIError) {
        let actual = Self.hash(bundle)
        guard actual == caHash else {
            throw PKIError(
                "the server's CA certificate (sha256 \(actual)) does not match the join token's CA hash \(caHash): wrong server or wrong token")
        }
    }
}
