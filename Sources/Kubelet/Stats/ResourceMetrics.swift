import Foundation

/// The kubelet's `/metrics/resource` (what metrics-server scrapes), rendered from a Summary as
/// Kubernetes' resource metrics collector renders it: Prometheus text format 0.0.4, families
/// sorted by name, a family with no samples left out, labels sorted by name, values as Go's
/// shortest `%g`, and CPU and memory samples stamped with their sample time in milliseconds.
public enum ResourceMetrics {
    /// The content type of the response.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// One metric family: name, type and HELP text (stability prefix included).
    struct Family {
        var name, type, help: String
        var samples: [(labels: [(String, String)], value: Double, time: Date?)] = []
    }

    /// The text for `summary`; nil (the summary could not be made) gives only the error gauges,
    /// set to 1.
    public static func render(_ summary: StatsSummary?) -> String {
        var nodeCPU = Family(name: "node_cpu_usage_seconds_total", type: "counter", help: "[STABLE] Cumulative cpu time consumed by the node in core-seconds")
        var nodeMemory = Family(name: "node_memory_working_set_bytes", type: "gauge", help: "[STABLE] Current working set of the node in bytes")
        var containerCPU = Family(
            name: "container_cpu_usage_seconds_total", type: "counter", help: "[STABLE] Cumulative cpu time consumed by the container in core-seconds")
        var containerMemory = Family(
            name: "container_memory_working_set_bytes", type: "gauge", help: "[STABLE] Current working set of the container in bytes")
        var containerStart = Family(
            name: "container_start_time_seconds", type: "gauge", help: "[STABLE] Start time of the container since unix epoch in seconds")
        var podCPU = Family(name: "pod_cpu_usage_seconds_total", type: "counter", help: "[STABLE] Cumulative cpu time consumed by the pod in core-seconds")
        var podMemory = Family(name: "pod_memory_working_set_bytes", type: "gauge", help: "[STABLE] Current working set of the pod in bytes")
        let errorHelp = "1 if there was an error while getting container metrics, 0 otherwise"
        var scrapeError = Family(name: "scrape_error", type: "gauge", help: "[ALPHA] (Deprecated since 1.29.0) " + errorHelp)
        var resourceScrapeError = Family(name: "resource_scrape_error", type: "gauge", help: "[STABLE] " + errorHelp)
        let failed: Double = summary == nil ? 1 : 0
        scrapeError.samples = [([], failed, nil)]
        resourceScrapeError.samples = [([], failed, nil)]

        if let summary {
            if let cpu = summary.node.cpu, let usage = cpu.usageCoreNanoSeconds { nodeCPU.samples.append(([], seconds(usage), cpu.time)) }
            if let memory = summary.node.memory, let ws = memory.workingSetBytes { nodeMemory.samples.append(([], Double(ws), memory.time)) }
            for pod in summary.pods {
                let podLabels = [("namespace", pod.podRef.namespace), ("pod", pod.podRef.name)]
                for container in pod.containers {
                    let labels = [("container", container.name)] + podLabels
                    if container.startTime.timeIntervalSince1970 > 0 {
                        containerStart.samples.append((labels, container.startTime.timeIntervalSince1970, nil))
                    }
                    if let cpu = container.cpu, let usage = cpu.usageCoreNanoSeconds { containerCPU.samples.append((labels, seconds(usage), cpu.time)) }
                    if let memory = container.memory, let ws = memory.workingSetBytes {
                        containerMemory.samples.append((labels, Double(ws), memory.time))
                    }
                }
                if let cpu = pod.cpu, let usage = cpu.usageCoreNanoSeconds { podCPU.samples.append((podLabels, seconds(usage), cpu.time)) }
                if let memory = pod.memory, let ws = memory.workingSetBytes { podMemory.samples.append((podLabels, Double(ws), memory.time)) }
            }
        }
        let families = [
            nodeCPU, nodeMemory, containerCPU, containerMemory, containerStart, podCPU, podMemory, scrapeError, resourceScrapeError,
        ].filter { !$0.samples.isEmpty }.sorted { $0.name < $1.name }
        var out = ""
        for family in families {
            out += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.type)\n"
            let lines = family.samples.map { sample -> (key: String, line: String) in
                let labels = sample.labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",")
                var line = family.name + (labels.isEmpty ? "" : "{\(labels)}") + " " + goFloat(sample.value)
                if let time = sample.time { line += " \(Int64((time.timeIntervalSince1970 * 1000).rounded()))" }
                return (sample.labels.map { $0.1 }.joined(separator: "\u{0}"), line)
            }
            for entry in lines.sorted(by: { $0.key < $1.key }) { out += entry.line + "\n" }
        }
        return out
    }

    static func seconds(_ nanoseconds: UInt64) -> Double { Double(nanoseconds) / 1e9 }

    /// A label value escaped as the text format wants (backslash, quote, newline).
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// `value` as Go's `strconv.FormatFloat(v, 'g', -1, 64)` writes it (what the Prometheus
    /// client writes): the shortest digits, in exponent form (`e+08`) when the exponent is
    /// below -4 or at least 6
    /// (Go's rule for the shortest precision).
    static func goFloat(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return "0" }
        // Swift's description holds the shortest round-tripping digits; take them apart.
        var text = "\(abs(value))"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        // The decimal point sits after `point` digits of `digits`.
        var point = whole.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let decimalExponent = point - 1
        let sign = value < 0 ? "-" : ""
        if decimalExponent < -4 || decimalExponent >= 6 {
            let mantissa = digits.count > 1 ? "\(digits.prefix(1)).\(digits.dropFirst())" : digits
            let magnitude = abs(decimalExponent)
            return "\(sign)\(mantissa)e\(decimalExponent < 0 ? "-" : "+")\(magnitude < 10 ? "0" : "")\(magnitude)"
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
        return sign + "\(digits.prefix(point)).\(digits.dropFirst(point))"
    }
}
