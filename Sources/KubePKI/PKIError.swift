/// The error of the KubePKI module: what failed, and the underlying cause.
public struct PKIError: Error, CustomStringConvertible, Sendable {
    /// What failed, e.g. "cannot read /var/lib/skiff/server/tls/server-ca.crt".
    public var message: String
    /// The underlying error, described.
    public var cause: String?

    public init(_ message: String, cause: (any Error)? = nil) {
        self.message = message
        self.cause = cause.map { "\($0)" }
    }

    public var description: String { cause.map { "\(message): \($0)" } ?? message }
}
