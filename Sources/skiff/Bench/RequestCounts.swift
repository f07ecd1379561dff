import Foundation
import KubeClient

/// The API server's request counts by verb and resource, read from `apiserver_request_total` on
/// `/metrics`: where a benchmark's server work went.
struct RequestCounts {
    /// Requests per "VERB resource" (for example "PATCH pods").
    var counts: [String: Double] = [:]

    /// Reads the server's counters now.
    static func read(_ client: KubeClient) async throws -> RequestCounts {
        let text = String(decoding: try await client.request(.GET, "/metrics"), as: UTF8.self)
        var result = RequestCounts()
        for line in text.split(separator: "\n") where line.hasPrefix("apiserver_request_total{") {
            guard let open = line.firstIndex(of: "{"), let close = line.firstIndex(of: "}"),
                let value = Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces))
            else { continue }
            var labels: [String: String] = [:]
            for pair in line[line.index(after: open)..<close].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { labels[String(kv[0])] = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
            result.counts["\(labels["verb"] ?? "?") \(labels["resource"] ?? "?")", default: 0] += value
        }
        return result
    }

    /// The requests made since `earlier`.
    func since(_ earlier: RequestCounts) -> RequestCounts {
        RequestCounts(counts: counts.merging(earlier.counts.mapValues { -$0 }, uniquingKeysWith: +))
    }

    /// "requests: VERB resource N, ..." for the `limit` largest counts.
    func summary(limit: Int = 12) -> String {
        let top = counts.filter { $0.value > 0 }.sorted { $0.value > $1.value }.prefix(limit)
        return "requests: " + top.map { "\($0.key) \(Int($0.value))" }.joined(separator: ", ")
    }
}
