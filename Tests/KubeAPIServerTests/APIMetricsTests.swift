import Testing

@testable import KubeAPIServer

@Suite struct APIMetricsTests {
    @Test func requestsAreCountedByVerbResourceAndCode() {
        let metrics = APIMetrics { (watchers: 3, revision: 42) }
        let start = ContinuousClock.now
        for _ in 0..<3 { metrics.record(verb: "POST", resource: "pods", code: 201, since: start) }
        metrics.record(verb: "POST", resource: "pods", code: 409, since: start)
        metrics.record(verb: "GET", resource: "nodes", code: 200, since: start)
        let text = metrics.exposition()
        #expect(text.contains(#"apiserver_request_total{verb="POST",resource="pods",code="201"} 3"#))
        #expect(text.contains(#"apiserver_request_total{verb="POST",resource="pods",code="409"} 1"#))
        #expect(text.contains(#"apiserver_request_total{verb="GET",resource="nodes",code="200"} 1"#))
        #expect(text.contains(#"apiserver_request_duration_seconds_count{verb="POST",resource="pods"} 4"#))
        #expect(text.contains("apiserver_registered_watchers 3"))
        #expect(text.contains("skiff_store_current_revision 42"))
    }
}
