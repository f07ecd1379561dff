/// The one error type of the Kubelet module: what failed, in the words a pod's status or an
/// event carries (Kubernetes' messages, which already name their cause).
public struct KubeletError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; some kinds are container waiting reasons or event reasons.
    public enum Code: String, Sendable {
        /// A container's environment or volume source is missing (CreateContainerConfigError).
        case createContainerConfig = "CreateContainerConfigError"
        /// A volume could not be set up (FailedMount).
        case volume = "FailedMount"
        /// A field path or resource name the downward API does not support.
        case unsupportedField = "UnsupportedField"
        /// Anything else.
        case other = "Error"
    }

    /// The kind of failure.
    public var code: Code
    /// One line, in Kubernetes' words where Kubernetes has them (`configmap "x" not found`).
    public var message: String

    /// An error of kind `code` saying `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
