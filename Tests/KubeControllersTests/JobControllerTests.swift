import KubeAPI
import KubeClient
import Testing

@testable import KubeControllers

@Suite struct JobControllerTests {
    static func job(_ name: String, completions: Int = 2, parallelism: Int = 2, backoffLimit: Int = 6, ttl: Int? = nil) -> JSONValue {
        var job: JSONValue = [
            "apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "completions": .int(completions), "parallelism": .int(parallelism), "backoffLimit": .int(backoffLimit),
                "template": ["spec": ["restartPolicy": "Never", "containers": [["name": "c", "image": "busybox"]]]],
            ],
        ]
        if let ttl { job.set(.int(ttl), at: ["spec", "ttlSecondsAfterFinished"]) }
        return job
    }

    static func finish(_ h: ControllerHarness, _ pod: JSONValue, phase: String) async throws {
        var pod = pod
        pod["status"] = ["phase": .string(phase)]
        _ = try await h.client.update(.pods, namespace: "default", pod, subresource: "status")
    }

    static func conditions(_ job: JSONValue) -> [String] {
        (job["status"]?["conditions"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue }
    }

    @Test func jobRunsPodsToCompletionAndIsDeletedAfterItsTTL() async throws {
        try await ControllerHarness.run(controllers: ["job", "ttl-after-finished", "garbage-collector"]) { h in
            let created = try await h.client.create(.jobs, namespace: "default", Self.job("work", completions: 3, ttl: 1))
            try await h.eventually("two pods") { try await h.list(.pods).count == 2 }
            let pod = try #require(try await h.list(.pods).first)
            #expect(pod["metadata"]?["labels"]?["batch.kubernetes.io/job-name"] == "work")
            #expect(pod["metadata"]?["labels"]?["batch.kubernetes.io/controller-uid"] == .string(created.uid))
            #expect(ControllerRef.uid(of: pod) == created.uid)
            #expect(pod["metadata"]?["generateName"] == "work-")
            for _ in 0..<3 {
                try await h.eventually("a running pod") {
                    try await h.list(.pods).contains { $0["status"]?["phase"]?.stringValue != "Succeeded" }
                }
                let running = try #require(try await h.list(.pods).first { $0["status"]?["phase"]?.stringValue != "Succeeded" })
                try await Self.finish(h, running, phase: "Succeeded")
                try await h.eventually("the job sees it") {
                    let job = try await h.client.get(.jobs, namespace: "default", name: "work")
                    return (job["status"]?["succeeded"]?.intValue ?? 0) >= 1
                }
            }
            try await h.eventually("Complete") {
                let job = try await h.client.get(.jobs, namespace: "default", name: "work")
                return Self.conditions(job) == ["SuccessCriteriaMet", "Complete"] && job["status"]?["succeeded"] == 3
                    && job["status"]?["completionTime"] != nil
            }
            try await h.eventually("deleted after its TTL", timeout: .seconds(5)) {
                (try? await h.client.get(.jobs, namespace: "default", name: "work")) == nil
            }
        }
    }

    @Test func jobFailsPastItsBackoffLimit() async throws {
        try await ControllerHarness.run(controllers: ["job"]) { h in
            _ = try await h.client.create(.jobs, namespace: "default", Self.job("flaky", completions: 1, parallelism: 1, backoffLimit: 0))
            try await h.eventually("a pod") { try await h.list(.pods).count == 1 }
            let pod = try #require(try await h.list(.pods).first)
            try await Self.finish(h, pod, phase: "Failed")
            try await h.eventually("Failed") {
                let job = try await h.client.get(.jobs, namespace: "default", name: "flaky")
                let failed = (job["status"]?["conditions"]?.arrayValue ?? []).first { $0["type"] == "Failed" }
                return failed?["reason"] == "BackoffLimitExceeded" && failed?["message"] == "Job has reached the specified backoff limit"
                    && job["status"]?["failed"] == 1
            }
            #expect(try await h.list(.pods).count == 1)
        }
    }

    @Test func indexedJobPodsCarryTheirIndex() async throws {
        try await ControllerHarness.run(controllers: ["job"]) { h in
            var job = Self.job("idx", completions: 3, parallelism: 3)
            job.set("Indexed", at: ["spec", "completionMode"])
            _ = try await h.client.create(.jobs, namespace: "default", job)
            try await h.eventually("three pods") { try await h.list(.pods).count == 3 }
            let pods = try await h.list(.pods)
            #expect(Set(pods.compactMap { $0["metadata"]?["annotations"]?["batch.kubernetes.io/job-completion-index"]?.stringValue }) == ["0", "1", "2"])
            for pod in pods { try await Self.finish(h, pod, phase: "Succeeded") }
            try await h.eventually("Complete with every index") {
                let job = try await h.client.get(.jobs, namespace: "default", name: "idx")
                return Self.conditions(job).contains("Complete") && job["status"]?["completedIndexes"] == "0-2"
            }
        }
    }
}
