import KubeAPI

/// Completion indexes of Indexed Jobs, as Kubernetes' Job controller keeps them: each pod carries
/// its index in an annotation and a label, and the Job is done when every index in
/// `0..<completions` has a succeeded pod.
enum JobIndexes {
    /// The annotation and label holding a pod's completion index.
    static let key = "batch.kubernetes.io/job-completion-index"

    /// The pod's completion index, if it has a valid one.
    static func index(of pod: JSONValue) -> Int? {
        (pod.annotations[key] ?? pod.labels[key]).flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The indexes below `completions` with a succeeded pod.
    static func succeeded(_ pods: [JSONValue], completions: Int) -> Set<Int> {
        Set(pods.compactMap(index).filter { $0 < completions })
    }

    /// The active pods worth keeping (one per unfinished valid index) and the others.
    static func split(_ active: [JSONValue], done: Set<Int>, completions: Int) -> (keep: [JSONValue], extra: [JSONValue]) {
        var seen = Set<Int>()
        var keep: [JSONValue] = [], extra: [JSONValue] = []
        for pod in active.sorted(by: { $0.name < $1.name }) {
            if let i = index(of: pod), i < completions, !done.contains(i), seen.insert(i).inserted { keep.append(pod) } else { extra.append(pod) }
        }
        return (keep, extra)
    }

    /// The lowest indexes that have neither succeeded nor an active pod.
    static func pending(completions: Int, done: Set<Int>, active: [JSONValue], limit: Int) -> [Int] {
        let running = Set(active.compactMap(index))
        var out: [Int] = []
        var i = 0
        while i < completions && out.count < limit {
            if !done.contains(i) && !running.contains(i) { out.append(i) }
            i += 1
        }
        return out
    }

    /// `indexes` as Kubernetes writes `completedIndexes`: sorted ranges such as `0-2,4`.
    static func compressed(_ indexes: Set<Int>) -> String {
        var parts: [String] = []
        var start: Int? = nil, last = 0
        for i in indexes.sorted() {
            if start != nil, i == last + 1 {
                last = i
                continue
            }
            if let s = start { parts.append(s == last ? "\(s)" : "\(s)-\(last)") }
            start = i
            last = i
        }
        if let s = start { parts.append(s == last ? "\(s)" : "\(s)-\(last)") }
        return parts.joined(separator: ",")
    }

    /// `pod` (from the Job's template) for completion index `index`: annotation and label, name
    /// prefix and hostname `<job>-<index>`, and `JOB_COMPLETION_INDEX` in every container's env.
    static func pod(_ pod: JSONValue, job: String, index: Int) -> JSONValue {
        var pod = pod
        var annotations = pod["metadata"]?["annotations"]?.objectValue ?? JSONObject()
        annotations[key] = .string(String(index))
        pod.setMetadata("annotations", .object(annotations))
        var labels = pod["metadata"]?["labels"]?.objectValue ?? JSONObject()
        labels[key] = .string(String(index))
        pod.setMetadata("labels", .object(labels))
        pod.setMetadata("generateName", .string("\(job)-\(index)-"))
        if (pod["spec"]?["hostname"]?.stringValue ?? "").isEmpty { pod.set(.string("\(job)-\(index)"), at: ["spec", "hostname"]) }
        let variable: JSONValue = [
            "name": "JOB_COMPLETION_INDEX",
            "valueFrom": ["fieldRef": ["fieldPath": .string("metadata.annotations['\(key)']")]],
        ]
        for field in ["initContainers", "containers"] {
            guard var containers = pod["spec"]?[field]?.arrayValue else { continue }
            for i in containers.indices {
                var env = containers[i]["env"]?.arrayValue ?? []
                if !env.contains(where: { $0["name"]?.stringValue == "JOB_COMPLETION_INDEX" }) { env.append(variable) }
                containers[i]["env"] = .array(env)
            }
            pod.set(.array(containers), at: ["spec", field])
        }
        return pod
    }
}
