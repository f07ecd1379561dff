/// The outcome of one plugin on one pod (and node): success, or why not.
public struct PluginStatus: Sendable, Equatable {
    /// The kind of outcome, as in the Kubernetes scheduling framework.
    public enum Code: Sendable, Equatable {
        /// The pod may go on.
        case success
        /// The pod does not fit, but preempting pods might make it fit.
        case unschedulable
        /// The pod does not fit, and preemption on this node cannot help.
        case unschedulableAndUnresolvable
        /// The plugin decided to skip this pod (PreFilter/PreScore): its Filter/Score is not run.
        case skip
        /// An internal error; the pod is retried with backoff.
        case error
    }

    /// The kind of outcome.
    public var code: Code
    /// Reasons in Kubernetes' words, e.g. `Insufficient cpu`; each is counted per node in the
    /// FailedScheduling message.
    public var reasons: [String]
    /// The plugin that failed, set by the framework.
    public var plugin: String = ""

    /// Creates a status.
    public init(_ code: Code, _ reasons: [String] = []) {
        self.code = code
        self.reasons = reasons
    }

    /// Success. Made on each use rather than kept in a global: every Filter plugin answers it
    /// for every node, and a global's first-use check is a call each time.
    public static var success: PluginStatus { PluginStatus(.success) }
    /// Skip.
    public static var skip: PluginStatus { PluginStatus(.skip) }

    /// An unschedulable status with the given reasons.
    public static func unschedulable(_ reasons: String...) -> PluginStatus { PluginStatus(.unschedulable, reasons) }

    /// An unresolvable status with the given reasons.
    public static func unresolvable(_ reasons: String...) -> PluginStatus {
        PluginStatus(.unschedulableAndUnresolvable, reasons)
    }

    /// Whether the code is `success`.
    public var isSuccess: Bool { code == .success }
    /// Whether the code is `skip`.
    public var isSkip: Bool { code == .skip }
}
