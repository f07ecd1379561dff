/// The one error type of KubeRuntime: what failed, in words a pod's status can carry, and why.
public struct RuntimeError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; the kubelet maps some kinds to container reasons.
    public enum Code: String, Sendable {
        /// The object (sandbox, container, image) does not exist.
        case notFound
        /// An image reference could not be parsed (InvalidImageName).
        case invalidImageName
        /// Pulling an image failed (ErrImagePull).
        case imagePull
        /// Preparing or creating a container failed (CreateContainerError).
        case createContainer
        /// Starting a container failed (RunContainerError).
        case runContainer
        /// A command (runc, tar, ...) failed.
        case command
        /// Anything else.
        case other
    }

    /// The kind of failure.
    public var code: Code
    /// A one-line message for logs, events and container status messages.
    public var message: String
    /// What caused it, when it came from below.
    public var cause: (any Error)?

    /// An error of kind `code` saying `message`.
    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        if let cause { return "\(message): \(cause)" }
        return message
    }
}
