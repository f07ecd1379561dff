import ArgumentParser
import Foundation
import HTTPTypes
import Hummingbird
import KubeAPI
import KubeAPIServer
import KubeSimulator
import KubeStorage
import Logging
import NIOCore
import NIOEmbedded
import Synchronization

/// `skiff bench handlers`: the API server's handlers alone, in process. It opens the embedded
/// SQLite store in a fresh folder, starts an `APIServer` on it and sends each scheduled pod's
/// requests straight to its responder: the create, the binding, the hollow node's status patch
/// and a get, from `concurrency` tasks at once (so that the store's group commits batch as they
/// do under load). The server admits pods as `skiff server` does (with the service account
/// token volume). No socket, TLS or HTTP parsing is involved, and authentication and
/// authorization run with no authenticator and the always-allow authorizer: what it measures is
/// the part of a request's cost that is the API's own (admission, defaulting, validation,
/// managed fields, the store, the watch cache), as CPU of this process per request, which also
/// counts the bench's own requests and reading of the answers (small beside the handlers). Each
/// phase ends with a get, which waits for the watch cache to take in the phase's writes, so that
/// their cost is not counted in the next phase. Each round writes new pods; the best round of
/// each phase is reported.
struct HandlerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handlers", abstract: "Benchmark the API server's request handlers in process.")

    @Option(help: "Pods per round.") var pods = 5000
    @Option(help: "Concurrent requests.") var concurrency = 64
    @Option(help: "Rounds (the best of each phase is reported).") var rounds = 3

    func validate() throws {
        guard pods > 0, concurrency > 0, rounds > 0 else { throw ValidationError("--pods, --concurrency and --rounds must be above 0") }
    }

    /// One phase's figures: wall time and this process's CPU, per request.
    struct Figures {
        var wallMicroseconds = Double.infinity
        var cpuMicroseconds = Double.infinity

        mutating func keepBest(wall: Double, cpu: Double) {
            wallMicroseconds = min(wallMicroseconds, wall)
            cpuMicroseconds = min(cpuMicroseconds, cpu)
        }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-bench-handlers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteStore(path: "\(folder)/state.db")
        var logger = Logger(label: "skiff.bench")
        logger.logLevel = .warning
        // As `skiff server` runs: pods get the service account token volume.
        var configuration = APIServerConfiguration()
        configuration.serviceAccountTokens = ServiceAccountTokens(key: try ServiceAccountTokens.loadOrCreateKey(path: "\(folder)/service.key"))
        let server = try await APIServer.start(store: store, configuration: configuration, logger: logger)
        let follower = Task { try await server.run() }
        let outcome: Result<Void, any Error>
        do {
            try await measure(server, logger: logger)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        // The server stops following the store before the store closes and its folder goes.
        follower.cancel()
        _ = await follower.result
        await store.close()
        try outcome.get()
    }

    /// Runs the rounds against `server` and prints the figures.
    private func measure(_ server: APIServer, logger: Logger) async throws {
        let sender = ResponderSender(responder: server.responder, logger: logger)
        try await sender.expect(.created, .post, "/api/v1/namespaces", body: Self.namespace.serialized())
        let template = LoadGenerator.statusTemplate()
        let now = Timestamp.format(Date())
        let phases = ["create", "binding", "status patch", "get"]
        var best = [Figures](repeating: Figures(), count: phases.count)
        for round in 0..<rounds {
            let prefix = "r\(round)-"
            let requests: [[BenchRequest]] = (0..<pods).map { i in
                let name = "\(prefix)\(i)"
                let path = "/api/v1/namespaces/bench/pods/\(name)"
                let binding: JSONValue = [
                    "apiVersion": "v1", "kind": "Binding", "metadata": ["name": .string(name)],
                    "target": ["apiVersion": "v1", "kind": "Node", "name": .string("hollow-\(i % 5000)")],
                ]
                return [
                    BenchRequest(.post, "/api/v1/namespaces/bench/pods", LoadGenerator.pod(name), status: .created),
                    BenchRequest(.post, path + "/binding", binding.serialized(), status: .created),
                    BenchRequest(
                        .patch, path + "/status", Self.statusPatch(template, index: i, now: now), status: .ok,
                        contentType: "application/strategic-merge-patch+json"),
                    BenchRequest(.get, path, nil, status: .ok),
                ]
            }
            for phase in phases.indices {
                let start = (ContinuousClock.now, Self.cpuSeconds())
                try await sender.sendAll(requests.map { $0[phase] }, concurrency: concurrency)
                // A get waits until the watch cache has the phase's writes.
                try await sender.expect(.ok, .get, "/api/v1/namespaces/bench/pods/\(prefix)0", body: nil)
                let wall = JSONBench.nanoseconds(ContinuousClock.now - start.0) / 1000 / Double(pods)
                let cpu = (Self.cpuSeconds() - start.1) * 1e6 / Double(pods)
                best[phase].keepBest(wall: wall, cpu: cpu)
            }
        }
        // Every request was answered as expected; the last pod must now read bound and Running.
        let last = try await sender.expect(.ok, .get, "/api/v1/namespaces/bench/pods/r\(rounds - 1)-\(pods - 1)", body: nil)
        let pod = try JSONValue.parse(last)
        guard let node = pod["spec"]?["nodeName"]?.stringValue, pod["status"]?["phase"]?.stringValue == "Running" else {
            throw CleanExitError("the last pod is not bound and Running: \(String(decoding: last, as: UTF8.self))")
        }
        print(BenchMachine.summary())
        print("last pod: bound to \(node), Running")
        print("\(pods) pods per round, \(concurrency) concurrent requests, SQLite store, best of \(rounds) rounds")
        for (phase, figures) in zip(phases, best) {
            print(String(format: "%@: %.1f us of CPU per request (%.1f us of wall time)", phase, figures.cpuMicroseconds, figures.wallMicroseconds))
        }
        print(BenchMachine.speedAfter())
    }

    /// The status patch a hollow node sends for bench pod `index` once it is bound.
    static func statusPatch(_ template: JSONValue, index: Int, now: String) -> [UInt8] {
        let status = HollowPodStatus.running(template, podIP: LoadGenerator.podIP(index), hostIP: "10.0.0.1", now: now)
        let patch: JSONValue = ["status": status]
        return patch.serialized()
    }

    /// The namespace the pods are made in.
    static let namespace: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "bench"]]

    /// This process's CPU time (user and system), in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let seconds = { (t: timeval) in Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// One request of `skiff bench handlers` and the status it must be answered with.
struct BenchRequest: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let body: [UInt8]?
    let status: HTTPResponse.Status
    let contentType: String

    init(_ method: HTTPRequest.Method, _ path: String, _ body: [UInt8]?, status: HTTPResponse.Status, contentType: String = "application/json") {
        self.method = method
        self.path = path
        self.body = body
        self.status = status
        self.contentType = contentType
    }
}

/// Sends requests to an HTTP responder in process, as Hummingbird's server would hand them over,
/// and reads each answer whole.
struct ResponderSender<Responder: HTTPResponder>: Sendable where Responder.Context == APIRequestContext {
    let responder: Responder
    let logger: Logger
    /// The connection every request claims to come on.
    let channel = NIOAsyncTestingChannel()

    /// Sends every request of `requests` from `concurrency` tasks; throws on the first answer
    /// that is not the status it expects.
    func sendAll(_ requests: [BenchRequest], concurrency: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<min(concurrency, requests.count) {
                group.addTask {
                    for index in stride(from: worker, to: requests.count, by: concurrency) {
                        let r = requests[index]
                        try await expect(r.status, r.method, r.path, body: r.body, contentType: r.contentType)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Sends one request and returns its answer's body; throws unless its status is `status`.
    @discardableResult
    func expect(
        _ status: HTTPResponse.Status, _ method: HTTPRequest.Method, _ path: String, body: [UInt8]?, contentType: String = "application/json"
    ) async throws -> [UInt8] {
        var fields = HTTPFields()
        fields[.accept] = "application/json"
        if body != nil { fields[.contentType] = contentType }
        let head = HTTPRequest(method: method, scheme: "https", authority: "127.0.0.1", path: path, headerFields: fields)
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body ?? [])))
        let context = APIRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        let response = try await responder.respond(to: request, context: context)
        let collected = CollectedBody()
        try await response.body.write(BodyCollector(into: collected))
        let bytes = collected.bytes.withLock { $0 }
        guard response.status == status else {
            throw CleanExitError(
                "\(method) \(path): answered \(response.status.code), expected \(status.code): \(String(decoding: bytes, as: UTF8.self))")
        }
        return bytes
    }
}

/// Where `BodyCollector` puts a response's bytes.
final class CollectedBody: Sendable {
    let bytes = Mutex<[UInt8]>([])
}

/// A response body writer that keeps what it is given, as a client reading the answer would.
struct BodyCollector: ResponseBodyWriter {
    let into: CollectedBody

    mutating func write(_ buffer: ByteBuffer) async throws {
        into.bytes.withLock { $0.append(contentsOf: buffer.readableBytesView) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
