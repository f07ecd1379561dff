import Crypto
import Foundation
import KubeStorage

/// Encrypts and decrypts one resource's stored values with the providers of an
/// `EncryptionConfiguration`, in kube-apiserver's format: `k8s:enc:aesgcm:v1:<key name>:`
/// followed by the 12-byte nonce, the ciphertext and the 16-byte tag, with the storage key as
/// authenticated data (a value moved to another key does not decrypt).
public struct ValueTransformer: Sendable {
    /// The providers; the first encrypts writes.
    public let providers: [EncryptionProvider]

    /// The transformer for `providers` (at least one).
    public init(providers: [EncryptionProvider]) {
        self.providers = providers
    }

    static let encryptedMarker = Array("k8s:enc:".utf8)

    static func prefix(_ key: EncryptionKey) -> [UInt8] { Array("k8s:enc:aesgcm:v1:\(key.name):".utf8) }

    /// `plaintext` as stored under `storageKey`, encrypted by the first provider.
    public func encrypt(_ plaintext: [UInt8], storageKey: String) throws(StoreError) -> [UInt8] {
        switch providers.first {
        case .none, .identity: return plaintext
        case .aesgcm(let keys):
            guard let key = keys.first else { return plaintext }
            do {
                let sealed = try AES.GCM.seal(
                    plaintext, using: SymmetricKey(data: key.secret), nonce: AES.GCM.Nonce(),
                    authenticating: Array(storageKey.utf8))
                guard let combined = sealed.combined else { throw StoreError(.backend, "AES-GCM produced no output") }
                return Self.prefix(key) + Array(combined)
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(.backend, "encrypting \(storageKey) failed: \(error)")
            }
        }
    }

    /// The plaintext of a value stored under `storageKey`, and whether it was written by some
    /// provider other than the current write key (so it should be rewritten). Fails for values
    /// no configured provider can read.
    public func decrypt(_ stored: [UInt8], storageKey: String) throws(StoreError) -> (plaintext: [UInt8], stale: Bool) {
        let encrypted = stored.starts(with: Self.encryptedMarker)
        for (index, provider) in providers.enumerated() {
            switch provider {
            case .identity:
                if !encrypted { return (stored, index != 0) }
            case .aesgcm(let keys):
                for (keyIndex, key) in keys.enumerated() {
                    let prefix = Self.prefix(key)
                    guard stored.starts(with: prefix) else { continue }
                    do {
                        let box = try AES.GCM.SealedBox(combined: stored[prefix.count...])
                        let plain = try AES.GCM.open(box, using: SymmetricKey(data: key.secret), authenticating: Array(storageKey.utf8))
                        return (Array(plain), index != 0 || keyIndex != 0)
                    } catch {
                        throw StoreError(.backend, "decrypting \(storageKey) with key \(key.name) failed: \(error)")
                    }
                }
            }
        }
        throw StoreError(.backend, "no configured encryption provider can read \(storageKey)")
    }
}
