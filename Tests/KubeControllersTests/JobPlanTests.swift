import Foundation
import KubeAPI
import Testing

@testable import KubeControllers

@Suite struct JobPlanTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let stamp = Timestamp.format(now)

    static func job(
        parallelism: Int = 1, completions: Int? = 1, backoffLimit: Int = 6, deadline: Int? = nil, suspend: Bool = false,
        status: JSONValue? = nil
    ) -> JSONValue {
        var spec: JSONValue = ["parallelism": .int(parallelism), "backoffLimit": .int(backoffLimit), "suspend": .bool(suspend)]
        if let completions { spec["completions"] = .int(completions) }
        if let deadline { spec["activeDeadlineSeconds"] = .int(deadline) }
        var job: JSONValue = ["metadata": ["name": "j", "namespace": "default", "uid": "job-uid"], "spec": spec]
        if let status { job["status"] = status }
        return job
    }

    static func pod(_ name: String, _ phase: String, deleting: Bool = false, finishedAgo: TimeInterval = 3600) -> JSONValue {
        var pod: JSONValue = [
            "metadata": ["name": .string(name), "creationTimestamp": "2020-01-01T00:00:00Z"],
            "status": ["phase": .string(phase)],
        ]
        if phase == "Failed" {
            pod.set(
                [["state": ["terminated": ["finishedAt": .string(Timestamp.format(now.addingTimeInterval(-finishedAgo)))]]]],
                at: ["status", "containerStatuses"])
        }
        if deleting { pod.setMetadata("deletionTimestamp", .string(stamp)) }
        return pod
    }

    static func conditions(_ plan: JobPlan) -> [String] {
        (plan.status?["conditions"]?.arrayValue ?? []).compactMap { c in
            guard let type = c["type"]?.stringValue, let reason = c["reason"]?.stringValue else { return nil }
            return "\(type)/\(reason)"
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let job: JSONValue
        let pods: [JSONValue]
        let create: Int
        let delete: [String]
        let conditions: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "new job starts parallelism pods", job: job(parallelism: 3, completions: 5), pods: [], create: 3, delete: [], conditions: []),
        Case(name: "no more pods than completions left", job: job(parallelism: 3, completions: 5),
             pods: [pod("a", "Succeeded"), pod("b", "Succeeded"), pod("c", "Succeeded"), pod("d", "Running")],
             create: 1, delete: [], conditions: []),
        Case(name: "completions reached", job: job(parallelism: 2, completions: 2), pods: [pod("a", "Succeeded"), pod("b", "Succeeded")],
             create: 0, delete: [], conditions: ["SuccessCriteriaMet/CompletionsReached", "Complete/CompletionsReached"]),
        Case(name: "without completions one success with none running completes", job: job(parallelism: 2, completions: nil),
             pods: [pod("a", "Succeeded"), pod("b", "Succeeded")], create: 0, delete: [],
             conditions: ["SuccessCriteriaMet/CompletionsReached", "Complete/CompletionsReached"]),
        Case(name: "without completions a running pod keeps it going", job: job(parallelism: 2, completions: nil),
             pods: [pod("a", "Succeeded"), pod("b", "Running")], create: 0, delete: [], conditions: []),
        Case(name: "backoff limit exceeded deletes active pods", job: job(parallelism: 2, completions: 4, backoffLimit: 1),
             pods: [pod("a", "Failed"), pod("b", "Failed"), pod("c", "Running")], create: 0, delete: ["c"],
             conditions: ["FailureTarget/BackoffLimitExceeded", "Failed/BackoffLimitExceeded"]),
        Case(name: "failed waits for terminating pods", job: job(backoffLimit: 0),
             pods: [pod("a", "Failed"), pod("b", "Running", deleting: true)], create: 0, delete: [],
             conditions: ["FailureTarget/BackoffLimitExceeded"]),
        Case(name: "failed pod replaced after backoff", job: job(), pods: [pod("a", "Failed")], create: 1, delete: [], conditions: []),
        Case(name: "failed pod not replaced during backoff", job: job(), pods: [pod("a", "Failed", finishedAgo: 2)], create: 0, delete: [],
             conditions: []),
        Case(name: "deadline exceeded", job: job(deadline: 10, status: ["startTime": "2020-01-01T00:00:00Z"]), pods: [pod("a", "Running")],
             create: 0, delete: ["a"], conditions: ["FailureTarget/DeadlineExceeded", "Failed/DeadlineExceeded"]),
        Case(name: "suspended job deletes its pods", job: job(suspend: true), pods: [pod("a", "Running")], create: 0, delete: ["a"],
             conditions: ["Suspended/JobSuspended"]),
    ]

    @Test(arguments: cases) func plans(_ c: Case) {
        let plan = JobPlan.plan(job: c.job, pods: c.pods, now: Self.now)
        #expect(plan.create == c.create)
        #expect(plan.delete == c.delete)
        #expect(Self.conditions(plan) == c.conditions)
    }

    @Test func statusCountsAndTimes() throws {
        let plan = JobPlan.plan(job: Self.job(parallelism: 2, completions: 3), pods: [Self.pod("a", "Succeeded"), Self.pod("b", "Running")], now: Self.now)
        let status = try #require(plan.status)
        #expect(status["active"] == 2)
        #expect(status["succeeded"] == 1)
        #expect(status["failed"] == nil)
        #expect(status["startTime"] == .string(Self.stamp))
        let done = JobPlan.plan(job: Self.job(), pods: [Self.pod("a", "Succeeded")], now: Self.now)
        #expect(done.status?["completionTime"] == .string(Self.stamp))
        #expect(done.status?["active"] == nil)
        #expect(done.events.map(\.reason) == ["Completed"])
        let failed = JobPlan.plan(job: Self.job(backoffLimit: 0), pods: [Self.pod("a", "Failed")], now: Self.now)
        #expect(failed.events == [JobPlan.Event(type: "Warning", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit")])
        #expect(failed.status?["completionTime"] == nil)
    }

    @Test func nothingChangesWhenSteady() throws {
        let first = JobPlan.plan(job: Self.job(), pods: [Self.pod("a", "Running")], now: Self.now)
        let again = JobPlan.plan(job: Self.job(status: try #require(first.status)), pods: [Self.pod("a", "Running")], now: Self.now.addingTimeInterval(5))
        #expect(again.status == nil && again.create == 0 && again.delete.isEmpty)
        let finished = JobPlan.plan(job: Self.job(), pods: [Self.pod("a", "Succeeded")], now: Self.now)
        #expect(JobPlan.plan(job: Self.job(status: try #require(finished.status)), pods: [], now: Self.now).status == nil)
    }

    @Test func ttlCountsFromTheFinishCondition() {
        let job: JSONValue = [
            "spec": ["ttlSecondsAfterFinished": 30],
            "status": ["conditions": [["type": "Complete", "status": "True", "lastTransitionTime": .string(Self.stamp)]]],
        ]
        #expect(TTLAfterFinishedController.timeLeft(job, now: Self.now.addingTimeInterval(10)) == 20)
        #expect(TTLAfterFinishedController.timeLeft(Self.job(), now: Self.now) == nil)
    }

    @Test func indexedJobsRunEachIndexOnce() throws {
        var job = Self.job(parallelism: 2, completions: 5)
        job.set("Indexed", at: ["spec", "completionMode"])
        func indexed(_ name: String, _ phase: String, _ index: Int) -> JSONValue {
            var pod = Self.pod(name, phase)
            pod.setMetadata("annotations", ["batch.kubernetes.io/job-completion-index": .string(String(index))])
            return pod
        }
        let first = JobPlan.plan(job: job, pods: [], now: Self.now)
        #expect(first.indexes == [0, 1])
        let pods = [indexed("a", "Succeeded", 0), indexed("b", "Succeeded", 1), indexed("c", "Running", 2), indexed("d", "Running", 2),
                    indexed("e", "Succeeded", 4)]
        let next = JobPlan.plan(job: job, pods: pods, now: Self.now)
        #expect(next.delete == ["d"], "a second pod of index 2 goes")
        #expect(next.indexes == [3])
        #expect(next.status?["completedIndexes"] == "0-1,4")
        #expect(next.status?["succeeded"] == 3)
        #expect(JobIndexes.compressed([0, 1, 2, 5, 7, 8]) == "0-2,5,7-8")
        let pod = JobIndexes.pod(["metadata": [:], "spec": ["containers": [["name": "c"]]]], job: "j", index: 3)
        #expect(pod["metadata"]?["generateName"] == "j-3-")
        #expect(pod["metadata"]?["labels"]?["batch.kubernetes.io/job-completion-index"] == "3")
        #expect(pod["spec"]?["hostname"] == "j-3")
        #expect(pod["spec"]?["containers"]?[0]?["env"]?[0]?["name"] == "JOB_COMPLETION_INDEX")
    }
}
