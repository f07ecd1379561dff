import Crypto
import Foundation
import KubeAPI

/// Compact JSON Web Tokens signed with ES256 (ECDSA P-256, SHA-256), the form of Kubernetes'
/// service account tokens when the signing key is an EC key.
struct JSONWebToken: Sendable {
    /// The signing key's raw bytes (Crypto's keys are not `Sendable`).
    let keyBytes: [UInt8]
    /// The key id written into each header: base64url of the SHA-256 of the public key's DER.
    let keyID: String

    init(key: P256.Signing.PrivateKey) {
        keyBytes = Array(key.rawRepresentation)
        keyID = Self.base64url(Array(SHA256.hash(data: key.publicKey.derRepresentation)))
    }

    var key: P256.Signing.PrivateKey {
        get throws { try P256.Signing.PrivateKey(rawRepresentation: keyBytes) }
    }

    /// The token carrying `claims`.
    func sign(_ claims: JSONValue) throws -> String {
        let header = JSONValue.object(JSONObject([("alg", .string("ES256")), ("kid", .string(keyID))]))
        let signingInput = Self.base64url(header.serialized()) + "." + Self.base64url(claims.serialized())
        let signature = try key.signature(for: Array(signingInput.utf8))
        return signingInput + "." + Self.base64url(Array(signature.rawRepresentation))
    }

    /// Why a token was not accepted.
    enum Rejection: Error, Equatable {
        /// Not three base64url parts with JSON header and claims: not a JWT at all.
        case malformed
        /// A JWT, but not signed by this key.
        case badSignature
    }

    /// The claims of a token this key signed.
    func verify(_ token: String) throws(Rejection) -> JSONValue {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Self.decode(parts[0]), let claimBytes = Self.decode(parts[1]),
            let signatureBytes = Self.decode(parts[2]),
            let header = try? JSONValue.parse(headerBytes), let claims = try? JSONValue.parse(claimBytes),
            claims.objectValue != nil
        else { throw .malformed }
        guard header["alg"]?.stringValue == "ES256",
            let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signatureBytes),
            let publicKey = try? key.publicKey, publicKey.isValidSignature(signature, for: Array("\(parts[0]).\(parts[1])".utf8))
        else { throw .badSignature }
        return claims
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ part: Substring) -> [UInt8]? {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text).map { Array($0) }
    }
}
