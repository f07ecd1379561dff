import Foundation
import Synchronization
import KubeAPI
import KubeClient
import KubeSimulator

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}

/// Percentiles of a set of samples (milliseconds).
struct Percentiles {
    var p50: Double
    var p99: Double
    var max: Double
    var count: Int

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        func at(_ q: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        p50 = at(0.5)
        p99 = at(0.99)
        max = sorted.last ?? 0
    }
}

/// Drives the API server over HTTP: creates and reads through `RequestLoops`, the rest through `KubeClient`.
struct LoadGenerator {
    let client: KubeClient
    let pods = ResourceInfo.pods
    let configMaps = ResourceInfo.configMaps

    func createNamespace(_ name: String) async throws {
        _ = try await client.create(.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
    }

    /// A realistic pod of about 1 KB, as text: `podObject(name)` serialized. The text around the
    /// name is made once; each call writes only the name between (the load generator makes
    /// thousands of these on the cores it measures).
    static func pod(_ name: String) -> [UInt8] {
        guard let (head, tail) = podTemplate else { return podObject(name).serialized() }
        var bytes = head
        bytes.append(contentsOf: JSONValue.string(name).serialized())
        bytes.append(contentsOf: tail)
        return bytes
    }

    /// The bench pod named `name`.
    static func podObject(_ name: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "labels": ["app": "bench", "tier": "load"]],
            "spec": [
                "containers": [[
                    "name": "app", "image": "registry.example/bench/app:1.0",
                    "ports": [["containerPort": 8080, "name": "http"]],
                    "env": [["name": "MODE", "value": "bench"], ["name": "LEVEL", "value": "3"]],
                    "resources": ["requests": ["cpu": "100m", "memory": "64Mi"], "limits": ["cpu": "500m", "memory": "128Mi"]],
                ]],
            ],
        ]
    }

    /// The bench pod's text before and after its quoted name; nil (and `pod` serializes each
    /// pod whole) unless splicing a name in gives exactly what serializing gives.
    private static let podTemplate: ([UInt8], [UInt8])? = {
        let marker = JSONValue.string("skiff-bench-name-marker").serialized()
        let text = podObject("skiff-bench-name-marker").serialized()
        guard let at = text.indices.first(where: { text[$0...].starts(with: marker) }) else { return nil }
        let parts = (Array(text[..<at]), Array(text[(at + marker.count)...]))
        let sample = "p123-\"quoted\"-é"
        guard parts.0 + JSONValue.string(sample).serialized() + parts.1 == podObject(sample).serialized() else { return nil }
        return parts
    }()

    /// Creates `count` pods over `concurrency` connections, each body made by `body` from a name
    /// and an index; returns the wall time.
    func createPods(
        count: Int, concurrency: Int, namespace: String, prefix: String = LoadGenerator.randomPrefix(),
        body: @escaping @Sendable (String, Int) -> [UInt8] = { name, _ in LoadGenerator.pod(name) }
    ) async throws -> (seconds: Double, errors: Int) {
        let path = pods.collectionPath(namespace: namespace)
        return try await requests(count: count, concurrency: concurrency, what: "creates") { i in
            LoadRequest(method: .POST, path: path, body: body("\(prefix)\(i)", i))
        }
    }

    /// A name prefix no earlier run used: `p<random>-`.
    static func randomPrefix() -> String { "p\(UInt32.random(in: 0...UInt32.max))-" }

    /// Binds pods `prefix0..<count` of `namespace` to `nodes` hollow node names in turn through
    /// `pods/NAME/binding`, as a scheduler does (the nodes need not exist); returns the wall time.
    func bindPods(count: Int, concurrency: Int, namespace: String, prefix: String, nodes: Int) async throws -> (seconds: Double, errors: Int) {
        try await requests(count: count, concurrency: concurrency, what: "bindings") { i in
            let name = "\(prefix)\(i)"
            let binding: JSONValue = [
                "apiVersion": "v1", "kind": "Binding", "metadata": ["name": .string(name)],
                "target": ["apiVersion": "v1", "kind": "Node", "name": .string("hollow-\(i % max(nodes, 1))")],
            ]
            return LoadRequest(method: .POST, path: pods.objectPath(namespace: namespace, name: name) + "/binding", body: binding.serialized())
        }
    }

    /// Reports pods `prefix0..<count` of `namespace` Running with a strategic merge patch of
    /// `pods/NAME/status`, the status a hollow node writes; returns the wall time.
    func patchRunning(count: Int, concurrency: Int, namespace: String, prefix: String) async throws -> (seconds: Double, errors: Int) {
        let template = Self.statusTemplate()
        let now = Timestamp.format(Date())
        return try await requests(count: count, concurrency: concurrency, what: "status patches") { i in
            let status = HollowPodStatus.running(template, podIP: Self.podIP(i), hostIP: "10.0.0.1", now: now)
            let patch: JSONValue = ["status": status]
            return LoadRequest(
                method: .PATCH, path: pods.objectPath(namespace: namespace, name: "\(prefix)\(i)") + "/status", body: patch.serialized(),
                contentType: "application/strategic-merge-patch+json")
        }
    }

    /// A bench pod as a hollow node reads it to write its status, with a stored pod's uid (which
    /// the hollow node's container IDs carry).
    static func statusTemplate() -> JSONValue {
        var stored = (try? JSONValue.parse(pod("template"))) ?? .null
        stored["metadata"]?["uid"] = "0b6f2f8e-5c1d-4e8a-9b7c-3d2e1f0a9b8c"
        return stored
    }

    /// The address bench pod `index` is reported at: each pod its own, as each has its own
    /// `podIPs` key in its managed fields.
    static func podIP(_ index: Int) -> String { "10.42.\(index / 250 % 250).\(index % 250 + 2)" }

    /// Reads the object at `path` `count` times over `concurrency` connections: the cost of a
    /// request the server answers from its cache, without a write; returns the wall time.
    func gets(count: Int, concurrency: Int, path: String) async throws -> (seconds: Double, errors: Int) {
        try await requests(count: count, concurrency: concurrency, what: "gets") { _ in
            LoadRequest(method: .GET, path: path, body: nil)
        }
    }

    /// Sends the requests `0..<count` over `concurrency` connections (`RequestLoops`); throws
    /// when any was refused, else returns the wall time.
    private func requests(
        count: Int, concurrency: Int, what: String, _ request: @escaping @Sendable (Int) -> LoadRequest
    ) async throws -> (seconds: Double, errors: Int) {
        let start = ContinuousClock.now
        let errors = try await RequestLoops.run(config: client.config, count: count, connections: concurrency, request: request)
        if errors > 0 { throw CleanExitError("\(errors) of \(count) \(what) failed") }
        return ((ContinuousClock.now - start).milliseconds / 1000, errors)
    }

    /// Writes configmap updates at `rate` per second for `seconds`; returns per-write latency.
    func pacedWrites(rate: Int, seconds: Int, namespace: String) async throws -> Percentiles {
        let path = configMaps.collectionPath(namespace: namespace)
        let total = rate * seconds
        let interval = Duration.seconds(1) / rate
        let start = ContinuousClock.now
        let samples = try await withThrowingTaskGroup(of: Double.self) { group in
            for i in 0..<total {
                let due = start + interval * i
                group.addTask {
                    try await Task.sleep(until: due, clock: .continuous)
                    let t0 = ContinuousClock.now
                    let body: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("lat-\(i)")], "data": ["i": .string(String(i))]]
                    _ = try await client.request(.POST, path, body: body.serialized())
                    return (ContinuousClock.now - t0).milliseconds
                }
            }
            var all: [Double] = []
            for try await s in group { all.append(s) }
            return all
        }
        return Percentiles(samples)
    }

    /// Lists `namespace`'s pods five times; returns the best and median times.
    func timeList(namespace: String, expected: Int) async throws -> (best: Double, median: Double) {
        var times: [Double] = []
        for _ in 0..<5 {
            let t0 = ContinuousClock.now
            let bytes = try await client.request(.GET, pods.collectionPath(namespace: namespace))
            times.append((ContinuousClock.now - t0).milliseconds)
            let list = try JSONValue.parse(bytes)
            guard list["items"]?.arrayValue?.count == expected else { throw CleanExitError("list returned the wrong count") }
        }
        times.sort()
        return (times[0], times[2])
    }

    /// Opens `watchers` watches on one namespace's configmaps, writes `events` configmaps and
    /// measures, for every watcher and event, the time from the write's start to the event's arrival.
    func watchFanout(watchers: Int, events: Int, namespace: String) async throws -> Percentiles {
        let ns = "\(namespace)-watch"
        try await createNamespace(ns)
        let sentAt = SentTimes()
        let samples = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<watchers {
                group.addTask {
                    var got: [Double] = []
                    let stream = client.watch(configMaps, namespace: ns, options: ListOptions(resourceVersion: "0"), timeoutSeconds: 120, bookmarks: false)
                    for try await event in stream where event.type == "ADDED" {
                        let arrived = ContinuousClock.now
                        if let sent = sentAt.get(event.object.name) { got.append((arrived - sent).milliseconds) }
                        if got.count == events { break }
                    }
                    return got
                }
            }
            group.addTask {
                // Let every watch connect before writing.
                try await Task.sleep(for: .seconds(5))
                for i in 0..<events {
                    let name = "fan-\(i)"
                    sentAt.set(name, ContinuousClock.now)
                    let body: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)]]
                    _ = try await client.request(.POST, configMaps.collectionPath(namespace: ns), body: body.serialized())
                    try await Task.sleep(for: .milliseconds(200))
                }
                return []
            }
            var all: [Double] = []
            for try await s in group { all.append(contentsOf: s) }
            return all
        }
        return Percentiles(samples)
    }
}

/// Write start times by object name, shared between the writer and the watchers.
final class SentTimes: Sendable {
    private let times = Mutex<[String: ContinuousClock.Instant]>([:])
    func set(_ name: String, _ t: ContinuousClock.Instant) { times.withLock { $0[name] = t } }
    func get(_ name: String) -> ContinuousClock.Instant? { times.withLock { $0[name] } }
}
