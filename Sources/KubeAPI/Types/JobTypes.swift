/// batch/v1 Job: runs pods until a number of them complete successfully.
public struct Job: KubeObject, Hashable {
    /// The API version of every Job: `batch/v1`.
    public static let apiVersion = "batch/v1"
    /// The kind: `Job`.
    public static let kind = "Job"
    /// The plural resource name in URLs: `jobs`.
    public static let resource = "jobs"

    /// The schema version, `batch/v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Job` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Desired execution.
    public var spec: JobSpec?
    /// Observed progress.
    public var status: JobStatus?

    /// Creates a `Job`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = Job.apiVersion, kind: String? = Job.kind, metadata: ObjectMeta = ObjectMeta(),
        spec: JobSpec? = nil, status: JobStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// batch/v1 JobSpec: how many pods to run, how many must succeed, and how failures count.
public struct JobSpec: Codable, Sendable, Hashable {
    /// Most pods running at once; default 1.
    public var parallelism: Int?
    /// Successful pods needed; nil means any one success finishes the job.
    public var completions: Int?
    /// Seconds from start after which the job fails.
    public var activeDeadlineSeconds: Int?
    /// Rules classifying pod failures.
    public var podFailurePolicy: PodFailurePolicy?
    /// When an indexed job counts as succeeded early.
    public var successPolicy: SuccessPolicy?
    /// Retries before the job fails; default 6.
    public var backoffLimit: Int?
    /// Retries per index, for indexed jobs.
    public var backoffLimitPerIndex: Int?
    /// Failed indexes before the job fails.
    public var maxFailedIndexes: Int?
    /// Pods managed; generated unless `manualSelector`.
    public var selector: LabelSelectorObject?
    /// Use the given selector instead of a generated one.
    public var manualSelector: Bool?
    /// Pods to run; `restartPolicy` must be `Never` or `OnFailure`.
    public var template: PodTemplateSpec
    /// Seconds after finishing before the job is deleted.
    public var ttlSecondsAfterFinished: Int?
    /// `NonIndexed` (default) or `Indexed`.
    public var completionMode: String?
    /// True stops creating pods and deletes running ones.
    public var suspend: Bool?
    /// `TerminatingOrFailed` or `Failed`.
    public var podReplacementPolicy: String?
    /// Controller that manages the job; empty means the built-in one.
    public var managedBy: String?

    /// Creates a `JobSpec` from its required fields; every optional field defaults to absent.
    public init(
        parallelism: Int? = nil, completions: Int? = nil, activeDeadlineSeconds: Int? = nil,
        podFailurePolicy: PodFailurePolicy? = nil, successPolicy: SuccessPolicy? = nil, backoffLimit: Int? = nil,
        backoffLimitPerIndex: Int? = nil, maxFailedIndexes: Int? = nil, selector: LabelSelectorObject? = nil,
        manualSelector: Bool? = nil, template: PodTemplateSpec, ttlSecondsAfterFinished: Int? = nil,
        completionMode: String? = nil, suspend: Bool? = nil, podReplacementPolicy: String? = nil,
        managedBy: String? = nil
    ) {
        self.parallelism = parallelism
        self.completions = completions
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.podFailurePolicy = podFailurePolicy
        self.successPolicy = successPolicy
        self.backoffLimit = backoffLimit
        self.backoffLimitPerIndex = backoffLimitPerIndex
        self.maxFailedIndexes = maxFailedIndexes
        self.selector = selector
        self.manualSelector = manualSelector
        self.template = template
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.completionMode = completionMode
        self.suspend = suspend
        self.podReplacementPolicy = podReplacementPolicy
        self.managedBy = managedBy
    }
}

/// batch/v1 JobStatus: observed progress of a job.
public struct JobStatus: Codable, Sendable, Hashable {
    /// `Complete`, `Failed`, `Suspended`, `FailureTarget`, `SuccessCriteriaMet`.
    public var conditions: [JobCondition]?
    /// RFC 3339 time the job started.
    public var startTime: String?
    /// RFC 3339 time the job completed.
    public var completionTime: String?
    /// Pods pending or running.
    public var active: Int?
    /// Pods that succeeded.
    public var succeeded: Int?
    /// Pods that failed.
    public var failed: Int?
    /// Pods terminating.
    public var terminating: Int?
    /// Completed indexes, e.g. `1,3-5`.
    public var completedIndexes: String?
    /// Failed indexes, with `backoffLimitPerIndex`.
    public var failedIndexes: String?
    /// Finished pods not yet counted.
    public var uncountedTerminatedPods: UncountedTerminatedPods?
    /// Ready pods.
    public var ready: Int?

    /// Creates a `JobStatus`; every field defaults to absent.
    public init(
        conditions: [JobCondition]? = nil, startTime: String? = nil, completionTime: String? = nil,
        active: Int? = nil, succeeded: Int? = nil, failed: Int? = nil, terminating: Int? = nil,
        completedIndexes: String? = nil, failedIndexes: String? = nil,
        uncountedTerminatedPods: UncountedTerminatedPods? = nil, ready: Int? = nil
    ) {
        self.conditions = conditions
        self.startTime = startTime
        self.completionTime = completionTime
        self.active = active
        self.succeeded = succeeded
        self.failed = failed
        self.terminating = terminating
        self.completedIndexes = completedIndexes
        self.failedIndexes = failedIndexes
        self.uncountedTerminatedPods = uncountedTerminatedPods
        self.ready = ready
    }
}

/// batch/v1 UncountedTerminatedPods: UIDs of finished pods whose finalizers are being removed before they are counted.
public struct UncountedTerminatedPods: Codable, Sendable, Hashable {
    /// UIDs of succeeded pods.
    public var succeeded: [String]?
    /// UIDs of failed pods.
    public var failed: [String]?

    /// Creates an `UncountedTerminatedPods`; every field defaults to absent.
    public init(succeeded: [String]? = nil, failed: [String]? = nil) {
        self.succeeded = succeeded
        self.failed = failed
    }
}

/// batch/v1 PodFailurePolicy: rules, evaluated in order, that decide what a pod failure means.
public struct PodFailurePolicy: Codable, Sendable, Hashable {
    /// The rules.
    public var rules: [PodFailurePolicyRule]

    /// Creates a `PodFailurePolicy` from its required fields; every optional field defaults to absent.
    public init(rules: [PodFailurePolicyRule]) {
        self.rules = rules
    }
}

/// batch/v1 PodFailurePolicyRule: an action taken when a failed pod matches.
public struct PodFailurePolicyRule: Codable, Sendable, Hashable {
    /// `FailJob`, `FailIndex`, `Ignore` or `Count`.
    public var action: String
    /// Match on container exit codes.
    public var onExitCodes: PodFailurePolicyOnExitCodesRequirement?
    /// Match on pod conditions.
    public var onPodConditions: [PodFailurePolicyOnPodConditionsPattern]?

    /// Creates a `PodFailurePolicyRule` from its required fields; every optional field defaults to absent.
    public init(
        action: String, onExitCodes: PodFailurePolicyOnExitCodesRequirement? = nil,
        onPodConditions: [PodFailurePolicyOnPodConditionsPattern]? = nil
    ) {
        self.action = action
        self.onExitCodes = onExitCodes
        self.onPodConditions = onPodConditions
    }
}

/// batch/v1 PodFailurePolicyOnExitCodesRequirement: matches containers' exit codes.
public struct PodFailurePolicyOnExitCodesRequirement: Codable, Sendable, Hashable {
    /// Only this container; all when absent.
    public var containerName: String?
    /// `In` or `NotIn`.
    public var `operator`: String
    /// Exit codes.
    public var values: [Int]

    /// Creates a `PodFailurePolicyOnExitCodesRequirement` from its required fields; optional fields default to absent.
    public init(containerName: String? = nil, `operator`: String, values: [Int]) {
        self.containerName = containerName
        self.operator = `operator`
        self.values = values
    }
}

/// batch/v1 PodFailurePolicyOnPodConditionsPattern: matches a pod condition.
public struct PodFailurePolicyOnPodConditionsPattern: Codable, Sendable, Hashable {
    /// Condition type, e.g. `DisruptionTarget`.
    public var type: String
    /// Condition status; default `True`.
    public var status: String?

    /// Creates a `PodFailurePolicyOnPodConditionsPattern` from its required fields; optional fields default to absent.
    public init(type: String, status: String? = nil) {
        self.type = type
        self.status = status
    }
}

/// batch/v1 SuccessPolicy: rules, any of which makes an indexed job succeed.
public struct SuccessPolicy: Codable, Sendable, Hashable {
    /// The rules.
    public var rules: [SuccessPolicyRule]

    /// Creates a `SuccessPolicy` from its required fields; every optional field defaults to absent.
    public init(rules: [SuccessPolicyRule]) {
        self.rules = rules
    }
}

/// batch/v1 SuccessPolicyRule: indexes and/or a count that must succeed.
public struct SuccessPolicyRule: Codable, Sendable, Hashable {
    /// Indexes that must succeed, e.g. `0-2,5`.
    public var succeededIndexes: String?
    /// How many (of those) must succeed.
    public var succeededCount: Int?

    /// Creates a `SuccessPolicyRule`; every field defaults to absent.
    public init(succeededIndexes: String? = nil, succeededCount: Int? = nil) {
        self.succeededIndexes = succeededIndexes
        self.succeededCount = succeededCount
    }
}
