import Foundation
import Hummingbird
import KubeAPI

extension KubeletServer {
    /// The read-only monitoring routes, behind the same auth middleware as every other route
    /// (`/pods` is `nodes/pods` then `nodes/proxy`, `/stats/...` `nodes/stats`, `/metrics...`
    /// `nodes/metrics`):
    /// - `GET /pods`: a v1 `PodList` of the pods this kubelet runs, with their status;
    /// - `GET /stats/summary[?only_cpu_and_memory=true]`: the Summary API (`stats/v1alpha1`);
    /// - `GET /metrics/resource`: CPU and memory in Prometheus text, for metrics-server;
    /// - `GET /metrics`: the kubelet's own metrics.
    func addStatsRoutes(_ router: Router<KubeletRequestContext>) {
        router.get("/pods") { _, _ in await podList() }
        router.get("/stats/summary") { request, _ in
            let query = FormQuery(request.uri.query ?? "")
            return await statsSummary(onlyCPUAndMemory: query.first("only_cpu_and_memory") == "true")
        }
        router.get("/metrics/resource") { _, _ in await resourceMetrics() }
        router.get("/metrics") { _, _ in await kubeletMetrics() }
    }

    /// `{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[...]}`.
    func podList() async -> Response {
        let items = await pods()
        let list: JSONValue = ["kind": "PodList", "apiVersion": "v1", "metadata": [:], "items": .array(items)]
        return Self.json(list.serialized())
    }

    func statsSummary(onlyCPUAndMemory: Bool) async -> Response {
        do {
            return Self.json(try await stats.summary(onlyCPUAndMemory: onlyCPUAndMemory).json())
        } catch {
            logger.error("stats summary: \(error)")
            return Self.plain(500, "Internal Error: failed to get summary stats: \(error)")
        }
    }

    func resourceMetrics() async -> Response {
        var summary: StatsSummary?
        do {
            summary = try await stats.summary(onlyCPUAndMemory: true)
        } catch {
            logger.error("Error getting summary for resourceMetric prometheus endpoint: \(error)")
        }
        return Self.text(ResourceMetrics.render(summary), contentType: ResourceMetrics.contentType)
    }

    func kubeletMetrics() async -> Response {
        do {
            return Self.text(try await metrics.exposition(), contentType: ResourceMetrics.contentType)
        } catch {
            return Self.plain(500, "Internal Error: \(error)")
        }
    }

    static func json(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
