extension StandardDefinitions {
    /// batch/v1 Job.
    static let batch: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.batch.v1.Job",
            "Runs pods until a number of them complete successfully.",
            gvk: [.init(group: "batch", version: "v1", kind: "Job")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .batch("JobSpec"), "Desired behaviour of the job."),
                .init("status", .batch("JobStatus"), "Most recently observed state of the job."),
            ]),
        listDefinition("io.k8s.api.batch.v1.Job", .init(group: "batch", version: "v1", kind: "Job"), of: "jobs"),
        TypeDefinition(
            "io.k8s.api.batch.v1.JobSpec",
            "Desired behaviour of a job.",
            fields: [
                .init("parallelism", .int32, "Most pods running at once."),
                .init("completions", .int32, "Successful pods needed; any one success when unset."),
                .init("activeDeadlineSeconds", .int64, "Seconds the job may run before it is failed."),
                .init("podFailurePolicy", .batch("PodFailurePolicy"), "Rules for handling failed pods."),
                .init("successPolicy", .batch("SuccessPolicy"), "Rules for declaring success early."),
                .init("backoffLimit", .int32, "Retries before the job is failed; default 6."),
                .init("backoffLimitPerIndex", .int32, "Retries per index, for Indexed jobs."),
                .init("maxFailedIndexes", .int32, "Failed indexes tolerated before the job fails."),
                .init("selector", .meta("LabelSelector"), "Labels of the pods; generated unless manualSelector is set."),
                .init("manualSelector", .boolean, "Use the given selector instead of a generated one."),
                .init(
                    "template", .core("PodTemplateSpec"),
                    "Template of the pods created; restartPolicy must be Never or OnFailure.", required: true),
                .init("ttlSecondsAfterFinished", .int32, "Seconds after finishing before the job is deleted."),
                .init("completionMode", .str, "NonIndexed (default) or Indexed."),
                .init("suspend", .boolean, "Stop creating pods and delete running ones."),
                .init("podReplacementPolicy", .str, "TerminatingOrFailed or Failed: when to create replacement pods."),
                .init("managedBy", .str, "Controller that reconciles the job; the built-in one when unset."),
            ]),
        TypeDefinition(
            "io.k8s.api.batch.v1.PodFailurePolicy",
            "Rules for failed pods of a job.",
            fields: [
                .init(
                    "rules", .list(.batch("PodFailurePolicyRule")),
                    "Rules evaluated in order; the first match decides.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.batch.v1.PodFailurePolicyRule",
            "A rule for failed pods.",
            fields: [
                .init("action", .str, "FailJob, FailIndex, Ignore or Count.", required: true),
                .init(
                    "onExitCodes", .batch("PodFailurePolicyOnExitCodesRequirement"),
                    "Matches by container exit codes."),
                .init(
                    "onPodConditions", .list(.batch("PodFailurePolicyOnPodConditionsPattern")),
                    "Matches by pod conditions."),
            ]),
        TypeDefinition(
            "io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement",
            "Matches container exit codes.",
            fields: [
                .init("containerName", .str, "Only this container; any when empty."),
                .init("operator", .str, "In or NotIn.", required: true),
                .init("values", .list(.int32), "The exit codes.", required: true).apply(.set),
            ]),
        TypeDefinition(
            "io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern",
            "Matches a pod condition.",
            fields: [
                .init("type", .str, "Condition type.", required: true),
                .init("status", .str, "Condition status; default True."),
            ]),
        TypeDefinition(
            "io.k8s.api.batch.v1.SuccessPolicy",
            "Rules that make a job succeed early.",
            fields: [
                .init("rules", .list(.batch("SuccessPolicyRule")), "Rules; any match succeeds the job.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.batch.v1.SuccessPolicyRule",
            "A success rule for Indexed jobs.",
            fields: [
                .init("succeededIndexes", .str, "Indexes that must succeed, e.g. 0-3,7."),
                .init("succeededCount", .int32, "How many of those must succeed."),
            ]),
        TypeDefinition(
            "io.k8s.api.batch.v1.JobStatus",
            "Observed state of a job.",
            fields: [
                .init(
                    "conditions", .keyed(.batch("JobCondition"), "type"),
                    "Current conditions, e.g. Complete, Failed, Suspended.")
                    .apply(.atomic),
                .init("startTime", .time, "When the job controller started the job."),
                .init("completionTime", .time, "When the job completed."),
                .init("active", .int32, "Pods pending or running."),
                .init("succeeded", .int32, "Pods that succeeded."),
                .init("failed", .int32, "Pods that failed."),
                .init("terminating", .int32, "Pods that are terminating."),
                .init("completedIndexes", .str, "Completed indexes, e.g. 1-3,5."),
                .init("failedIndexes", .str, "Failed indexes."),
                .init("uncountedTerminatedPods", .batch("UncountedTerminatedPods"), "Finished pods not yet counted."),
                .init("ready", .int32, "Pods that are ready."),
            ]),
        TypeDefinition(
            "io.k8s.api.batch.v1.JobCondition",
            "One aspect of a job's state.",
            fields: [
                .init("type", .str, "Complete, Failed, Suspended, FailureTarget or SuccessCriteriaMet.", required: true),
                .init("status", .str, "True, False or Unknown.", required: true),
                .init("lastProbeTime", .time, "When the condition was last checked."),
                .init("lastTransitionTime", .time, "When the condition last changed status."),
                .init("reason", .str, "CamelCase reason for the last transition."),
                .init("message", .str, "Human-readable details."),
            ]),
        TypeDefinition(
            "io.k8s.api.batch.v1.UncountedTerminatedPods",
            "UIDs of finished pods not yet counted in the job status.",
            fields: [
                .init("succeeded", .strings, "UIDs of pods that succeeded.").apply(.set),
                .init("failed", .strings, "UIDs of pods that failed.").apply(.set),
            ]),
    ]
}
