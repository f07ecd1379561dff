import Prometheus
import Synchronization

/// The API server's Prometheus metrics: request counts and latencies by verb and resource,
/// open watches and the store revision.
final class APIMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let watchers: Gauge
    private let revision: Gauge
    private let sample: @Sendable () -> (watchers: Int, revision: Int64)
    /// The counter and histogram of each verb, resource and code seen so far: the registry's
    /// own lookup builds and compares label lists, too slow to repeat on every request.
    private let series = Mutex<[SeriesKey: (requests: Counter, latency: DurationHistogram)]>([:])

    private struct SeriesKey: Hashable {
        let verb: String
        let resource: String
        let code: Int
    }

    private static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5), .seconds(60),
    ]

    /// Metrics whose gauges read `sample` when scraped.
    init(sample: @escaping @Sendable () -> (watchers: Int, revision: Int64)) {
        self.sample = sample
        watchers = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "apiserver_registered_watchers", unitName: "", helpText: "Open watch connections."))
        revision = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "skiff_store_current_revision", unitName: "", helpText: "Newest revision of the store."))
    }

    /// Counts one request and its latency.
    func record(verb: String, resource: String, code: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let key = SeriesKey(verb: verb, resource: resource, code: code)
        let metrics = series.withLock { known in
            if let found = known[key] { return found }
            let made = (
                requests: registry.makeCounter(
                    descriptor: MetricNameDescriptor(metricName: "apiserver_request", unitName: "total", helpText: "Requests served."),
                    labels: [("verb", verb), ("resource", resource), ("code", String(code))]),
                latency: registry.makeDurationHistogram(
                    descriptor: MetricNameDescriptor(
                        metricName: "apiserver_request_duration", unitName: "seconds", helpText: "Request latency."),
                    labels: [("verb", verb), ("resource", resource)], buckets: Self.buckets)
            )
            known[key] = made
            return made
        }
        metrics.requests.increment()
        metrics.latency.record(elapsed)
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> String {
        let s = sample()
        watchers.set(Double(s.watchers))
        revision.set(Double(s.revision))
        return registry.emitToString()
    }
}
