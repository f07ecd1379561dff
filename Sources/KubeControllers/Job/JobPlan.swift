import Foundation
import KubeAPI

/// One step of Kubernetes' Job controller for a Job and its pods at `now`: how many pods to
/// create, which to delete, the new status and the events to record.
struct JobPlan {
    /// An event to record about the Job.
    struct Event: Equatable {
        var type: String
        var reason: String
        var message: String
    }

    /// Pods to create.
    var create = 0
    /// For an Indexed Job, the completion index of each pod to create.
    var indexes: [Int] = []
    /// Names of active pods to delete.
    var delete: [String] = []
    /// The status to write (nil when unchanged).
    var status: JSONValue?
    /// Events to record.
    var events: [Event] = []
    /// Look again after this long (the deadline or a pod-creation backoff).
    var requeueAfter: TimeInterval?

    static let backoffLimitMessage = "Job has reached the specified backoff limit"
    static let deadlineMessage = "Job was active longer than specified deadline"
    static let completedMessage = "Reached expected number of succeeded pods"
    /// Kubernetes' pod-creation backoff after failures: 10 s doubling, at most 6 minutes.
    static let backoffBase: TimeInterval = 10
    static let backoffMax: TimeInterval = 360

    /// Whether `job` has a `Complete` or `Failed` condition that is true.
    static func isFinished(_ job: JSONValue) -> Bool {
        hasCondition(job["status"] ?? [:], "Complete") || hasCondition(job["status"] ?? [:], "Failed")
    }

    static func hasCondition(_ status: JSONValue, _ type: String) -> Bool {
        (status["conditions"]?.arrayValue ?? []).contains { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" }
    }

    /// The plan for `job` owning `pods` at `now`.
    static func plan(job: JSONValue, pods: [JSONValue], now: Date) -> JobPlan {
        var plan = JobPlan()
        guard !isFinished(job) else { return plan }
        let spec = job["spec"] ?? [:]
        let old = job["status"] ?? [:]
        var status = old
        let stamp = Timestamp.format(now)
        let counts = JobPods(pods)
        let parallelism = Int(spec["parallelism"]?.intValue ?? 1)
        let completions = spec["completions"]?.intValue.map(Int.init)
        let suspended = spec["suspend"]?.boolValue == true
        var active = counts.active

        func addCondition(_ type: String, _ reason: String, _ message: String) {
            var conditions = (status["conditions"]?.arrayValue ?? []).filter { $0["type"]?.stringValue != type }
            conditions.append([
                "type": .string(type), "status": "True", "lastProbeTime": .string(stamp),
                "lastTransitionTime": .string(stamp), "reason": .string(reason), "message": .string(message),
            ])
            status["conditions"] = .array(conditions)
        }
        func deleteAllActive() {
            plan.delete = JobPods.deletionOrder(active).map(\.name)
            active = []
        }

        // Suspension.
        let wasSuspended = hasCondition(old, "Suspended")
        if suspended {
            if !wasSuspended {
                addCondition("Suspended", "JobSuspended", "Job suspended")
                plan.events.append(Event(type: "Normal", reason: "Suspended", message: "Job suspended"))
            }
            status["startTime"] = nil
            deleteAllActive()
        } else {
            if wasSuspended {
                var conditions = status["conditions"]?.arrayValue ?? []
                for i in conditions.indices where conditions[i]["type"]?.stringValue == "Suspended" {
                    conditions[i] = [
                        "type": "Suspended", "status": "False", "lastProbeTime": .string(stamp), "lastTransitionTime": .string(stamp),
                        "reason": "JobResumed", "message": "Job resumed",
                    ]
                }
                status["conditions"] = .array(conditions)
                plan.events.append(Event(type: "Normal", reason: "Resumed", message: "Job resumed"))
            }
            if status["startTime"] == nil { status["startTime"] = .string(stamp) }
        }

        // Failure: too many failed pods, or past the deadline.
        var failure: (reason: String, message: String)? = nil
        if hasCondition(old, "FailureTarget") {
            let target = (old["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "FailureTarget" }
            failure = (target?["reason"]?.stringValue ?? "", target?["message"]?.stringValue ?? "")
        } else if counts.failed.count > Int(spec["backoffLimit"]?.intValue ?? 6) {
            failure = ("BackoffLimitExceeded", backoffLimitMessage)
        } else if !suspended, let deadline = spec["activeDeadlineSeconds"]?.intValue,
            let start = status["startTime"]?.stringValue.flatMap(Timestamp.parse)
        {
            let end = start.addingTimeInterval(TimeInterval(deadline))
            if now >= end { failure = ("DeadlineExceeded", deadlineMessage) } else { plan.requeueAfter = end.timeIntervalSince(now) }
        }
        // Success: enough pods succeeded (any one, and none running, without `completions`).
        let indexedCompletions = spec["completionMode"]?.stringValue == "Indexed" ? completions : nil
        let doneIndexes = indexedCompletions.map { JobIndexes.succeeded(counts.succeeded, completions: $0) } ?? []
        let succeeded = indexedCompletions == nil ? counts.succeeded.count : doneIndexes.count
        if indexedCompletions != nil {
            status["completedIndexes"] = doneIndexes.isEmpty ? Optional.none : JSONValue.string(JobIndexes.compressed(doneIndexes))
        }
        let success = hasCondition(old, "SuccessCriteriaMet")
            || (completions.map { succeeded >= $0 } ?? (succeeded > 0 && active.isEmpty))

        if let failure {
            if !hasCondition(old, "FailureTarget") {
                addCondition("FailureTarget", failure.reason, failure.message)
                plan.events.append(Event(type: "Warning", reason: failure.reason, message: failure.message))
            }
            deleteAllActive()
            if counts.terminating.isEmpty {
                addCondition("Failed", failure.reason, failure.message)
            }
        } else if success {
            if !hasCondition(old, "SuccessCriteriaMet") { addCondition("SuccessCriteriaMet", "CompletionsReached", completedMessage) }
            deleteAllActive()
            if counts.terminating.isEmpty {
                addCondition("Complete", "CompletionsReached", completedMessage)
                status["completionTime"] = .string(stamp)
                plan.events.append(Event(type: "Normal", reason: "Completed", message: "Job completed"))
            }
        } else if !suspended {
            if let n = indexedCompletions {
                // Pods of finished, invalid or duplicate indexes go.
                let (keep, extra) = JobIndexes.split(active, done: doneIndexes, completions: n)
                plan.delete = extra.map(\.name)
                active = keep
            }
            // Without completions, once one pod succeeded no new pods start.
            var want = completions == nil && succeeded > 0 ? active.count : parallelism
            if let completions { want = min(want, completions - succeeded) }
            want = max(0, want)
            if active.count > want {
                let surplus = JobPods.deletionOrder(active).prefix(active.count - want)
                plan.delete += surplus.map(\.name)
                active.removeAll { p in surplus.contains { $0.name == p.name } }
            } else if active.count < want {
                let delay = backoffDelay(failed: counts.failed, now: now)
                if delay > 0 {
                    plan.requeueAfter = min(plan.requeueAfter ?? delay, delay)
                } else {
                    plan.create = want - active.count
                    if let n = indexedCompletions {
                        plan.indexes = JobIndexes.pending(completions: n, done: doneIndexes, active: active, limit: plan.create)
                        plan.create = plan.indexes.count
                    }
                }
            }
        }

        let finished = hasCondition(status, "Complete") || hasCondition(status, "Failed")
        status["active"] = finished ? Optional.none : JSONValue.int(active.count + plan.create).nonZero
        status["ready"] = .int(finished ? 0 : counts.ready)
        status["terminating"] = .int(counts.terminating.count + plan.delete.count)
        status["succeeded"] = JSONValue.int(succeeded).nonZero
        status["failed"] = JSONValue.int(counts.failed.count).nonZero
        if status["uncountedTerminatedPods"] == nil { status["uncountedTerminatedPods"] = [:] }
        if finished { plan.requeueAfter = nil }
        if status != old { plan.status = status }
        return plan
    }

    /// How long to wait before creating a pod after the newest failure.
    static func backoffDelay(failed: [JSONValue], now: Date) -> TimeInterval {
        guard !failed.isEmpty, let last = failed.compactMap(JobPods.finishedAt).max() else { return 0 }
        let delay = min(backoffBase * pow(2, Double(failed.count - 1)), backoffMax)
        return max(0, last.addingTimeInterval(delay).timeIntervalSince(now))
    }
}

extension JSONValue {
    /// The number, or nil when it is zero (Kubernetes omits zero counts).
    var nonZero: JSONValue? {
        guard intValue != 0 else { return Optional.none }
        return self
    }
}
