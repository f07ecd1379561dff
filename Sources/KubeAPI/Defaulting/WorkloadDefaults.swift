/// Defaults of the workload kinds (`SetDefaults_Deployment`, `_ReplicaSet`, `_DaemonSet`,
/// `_ReplicationController`, `_Job`) and of their pod templates.
enum WorkloadDefaults {
    /// Applies the pod spec defaults to `spec.template.spec`.
    static func applyTemplate(_ spec: inout JSONObject) {
        spec.withObject("template", create: false) { template in
            template.withObject("spec", create: true) { PodDefaults.applyPodSpec(&$0) }
        }
    }

    static func applyDeployment(_ obj: inout JSONObject) {
        obj.withObject("spec", create: true) { spec in
            spec.setDefault("replicas", 1)
            spec.withObject("strategy", create: true) { strategy in
                strategy.setDefaultString("type", "RollingUpdate")
                if strategy["type"]?.stringValue == "RollingUpdate" {
                    strategy.withObject("rollingUpdate", create: true) { rolling in
                        rolling.setDefault("maxUnavailable", "25%")
                        rolling.setDefault("maxSurge", "25%")
                    }
                }
            }
            spec.setDefault("revisionHistoryLimit", 10)
            spec.setDefault("progressDeadlineSeconds", 600)
            applyTemplate(&spec)
        }
    }

    static func applyReplicaSet(_ obj: inout JSONObject) {
        obj.withObject("spec", create: true) { spec in
            spec.setDefault("replicas", 1)
            applyTemplate(&spec)
        }
    }

    static func applyDaemonSet(_ obj: inout JSONObject) {
        obj.withObject("spec", create: true) { spec in
            spec.withObject("updateStrategy", create: true) { strategy in
                strategy.setDefaultString("type", "RollingUpdate")
                if strategy["type"]?.stringValue == "RollingUpdate" {
                    strategy.withObject("rollingUpdate", create: true) { rolling in
                        rolling.setDefault("maxUnavailable", 1)
                        rolling.setDefault("maxSurge", 0)
                    }
                }
            }
            spec.setDefault("revisionHistoryLimit", 10)
            applyTemplate(&spec)
        }
    }

    /// A ReplicationController selects, and is labelled with, its template's labels unless told otherwise.
    static func applyReplicationController(_ obj: inout JSONObject) {
        let templateLabels = obj["spec"]?["template"]?["metadata"]?["labels"]?.objectValue
        obj.withObject("spec", create: true) { spec in
            if let templateLabels, spec["selector"]?.objectValue?.isEmpty ?? true, !isWrongType(spec["selector"]) {
                spec["selector"] = .object(templateLabels)
            }
            spec.setDefault("replicas", 1)
            applyTemplate(&spec)
        }
        if let templateLabels, !templateLabels.isEmpty {
            obj.withObject("metadata", create: true) { meta in
                if meta["labels"]?.objectValue?.isEmpty ?? true, !isWrongType(meta["labels"]) {
                    meta["labels"] = .object(templateLabels)
                }
            }
        }
    }

    /// The server generates a Job's selector and `controller-uid` labels itself; these are the
    /// API defaults only.
    static func applyJob(_ obj: inout JSONObject) {
        let templateLabels = obj["spec"]?["template"]?["metadata"]?["labels"]?.objectValue
        obj.withObject("spec", create: true) { spec in
            if spec.isUnset("completions") && spec.isUnset("parallelism") {
                spec["completions"] = 1
                spec["parallelism"] = 1
            }
            spec.setDefault("parallelism", 1)
            if spec.isUnset("backoffLimit") {
                spec["backoffLimit"] = spec.isUnset("backoffLimitPerIndex") ? 6 : .int(Int32.max)
            }
            spec.setDefault("completionMode", "NonIndexed")
            spec.setDefault("suspend", false)
            spec.setDefault("podReplacementPolicy", spec.isUnset("podFailurePolicy") ? "TerminatingOrFailed" : "Failed")
            spec.setDefault("manualSelector", false)
            spec.withObject("podFailurePolicy", create: false) { policy in
                policy.withEach("rules") { rule in
                    rule.withEach("onPodConditions") { $0.setDefaultString("status", "True") }
                }
            }
            applyTemplate(&spec)
        }
        if let templateLabels, !templateLabels.isEmpty {
            obj.withObject("metadata", create: true) { meta in
                if meta["labels"]?.objectValue?.isEmpty ?? true, !isWrongType(meta["labels"]) {
                    meta["labels"] = .object(templateLabels)
                }
            }
        }
    }

    /// True when a member holds something other than an object or null.
    static func isWrongType(_ v: JSONValue?) -> Bool {
        switch v {
        case nil, .null?, .object?: return false
        default: return true
        }
    }
}
