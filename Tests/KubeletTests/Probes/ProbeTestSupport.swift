import Foundation
import KubeAPI
import KubeRuntime
import Synchronization
import Testing

@testable import Kubelet

/// A TCP server on 127.0.0.1 (an ephemeral port) answering each request with what `respond`
/// returns for its head; nil keeps the connection open without answering until the server stops.
final class LoopbackServer: Sendable {
    let port: Int
    private let fd: Int32
    private let requests = Mutex<[String]>([])
    private let stopped = Mutex(false)

    init(_ respond: @escaping @Sendable (String) -> String?) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw SupportError("cannot listen on 127.0.0.1") }
        port = Self.localPort(fd)
        let listener = fd
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                let head = Self.readHead(client)
                requests.withLock { $0.append(head) }
                if let response = respond(head) {
                    _ = Array(response.utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                } else {
                    while !stopped.withLock({ $0 }) { usleep(10_000) }
                }
                close(client)
            }
        }
    }

    /// The request heads received so far.
    var received: [String] { requests.withLock { $0 } }

    func stop() {
        stopped.withLock { $0 = true }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    /// A port on 127.0.0.1 nothing listens on (bound, then released).
    static func closedPort() -> Int {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return localPort(probe)
    }

    private static func localPort(_ fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func readHead(_ client: Int32) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while !String(decoding: data, as: UTF8.self).contains("\r\n\r\n") {
            let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            data += buffer[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// An HTTP/1.1 response with `status`, extra header lines and `body`.
    static func response(_ status: String, headers: [String] = [], body: String = "") -> String {
        (["HTTP/1.1 \(status)", "Content-Length: \(body.utf8.count)"] + headers).joined(separator: "\r\n") + "\r\n\r\n" + body
    }
}

/// A boolean that a test flips while a server's handler reads it.
final class Toggle: Sendable {
    private let state: Mutex<Bool>
    init(_ value: Bool) { state = Mutex(value) }
    var isOn: Bool {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}

struct SupportError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A runtime that only runs exec probes, from scripts: each command (joined by spaces) answers
/// with its script in order, then repeats `forever` if set, else blocks until cancelled. Every
/// call is logged with the container id.
final class ScriptedExecRuntime: RuntimeService {
    struct Call: Sendable, Hashable {
        var containerID: String
        var command: String
    }

    private let state = Mutex<(scripts: [String: [ExecResult]], forever: [String: ExecResult], calls: [Call])>(([:], [:], []))
    private let errors = Mutex<[String: RuntimeError]>([:])
    /// How long an exec may take before it throws as timed out.
    let execDuration: Duration

    init(execDuration: Duration = .zero) {
        self.execDuration = execDuration
    }

    /// Queues results for `command`.
    func script(_ command: String, _ results: [ExecResult], thenForever: ExecResult? = nil) {
        state.withLock {
            $0.scripts[command, default: []] += results
            if let thenForever { $0.forever[command] = thenForever }
        }
    }

    var calls: [Call] { state.withLock { $0.calls } }

    /// Makes every run of `command` throw `error` (the container is gone, say).
    func fail(_ command: String, with error: RuntimeError) {
        errors.withLock { $0[command] = error }
    }

    func execSync(_ id: String, command: [String], timeout: Duration) async throws -> ExecResult {
        let key = command.joined(separator: " ")
        let next: ExecResult? = state.withLock {
            $0.calls.append(Call(containerID: id, command: key))
            if var queue = $0.scripts[key], !queue.isEmpty {
                let first = queue.removeFirst()
                $0.scripts[key] = queue
                return first
            }
            return $0.forever[key]
        }
        if let error = errors.withLock({ $0[key] }) { throw error }
        if execDuration > timeout {
            try await Task.sleep(for: timeout)
            throw RuntimeError(.command, "command \"\(key)\" timed out")
        }
        guard let next else {
            try await Task.sleep(for: .seconds(3600))
            throw CancellationError()
        }
        return next
    }

    static func exit(_ code: Int32, _ output: String = "") -> ExecResult {
        ExecResult(exitCode: code, stdout: Array(output.utf8), stderr: [])
    }

    private func unsupported() -> RuntimeError { RuntimeError(.other, "not supported by the exec-only test runtime") }
    func runPodSandbox(_ config: PodSandboxConfig) async throws -> String { throw unsupported() }
    func stopPodSandbox(_ id: String) async throws { throw unsupported() }
    func removePodSandbox(_ id: String) async throws { throw unsupported() }
    func listPodSandboxes() async throws -> [PodSandboxStatus] { throw unsupported() }
    func createContainer(sandboxID: String, _ config: ContainerConfig) async throws -> String { throw unsupported() }
    func startContainer(_ id: String) async throws { throw unsupported() }
    func stopContainer(_ id: String, gracePeriod: Duration) async throws { throw unsupported() }
    func removeContainer(_ id: String) async throws { throw unsupported() }
    func listContainers() async throws -> [KubeRuntime.ContainerStatus] { throw unsupported() }
    func containerStatus(_ id: String) async throws -> KubeRuntime.ContainerStatus { throw unsupported() }
    func exec(_ id: String, command: [String], tty: Bool, stdin: Bool) async throws -> any ExecSession {
        throw unsupported()
    }
}

/// A clock running `scale` times faster than real time, so probe periods in whole seconds pass in
/// milliseconds.
struct FastClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    let origin = ContinuousClock.now
    var scale: Int64 = 100

    var now: Instant { Instant(offset: origin.duration(to: .now) * scale) }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let remaining = now.duration(to: deadline)
        if remaining > .zero { try await Task.sleep(for: remaining / scale) }
    }
}

/// Takes the next `count` events from the manager's result stream (one iterator per test: a
/// stream ends when its iterator goes away). Fewer come back only when the stream ended.
func nextEvents(_ events: inout AsyncStream<ProbeEvent>.Iterator, _ count: Int) async -> [ProbeEvent] {
    var taken: [ProbeEvent] = []
    while taken.count < count, let event = await events.next() { taken.append(event) }
    return taken
}

/// Shuts `manager` down (ending its streams, so a waiting test fails instead of hanging) if the
/// test is still running after a minute; cancel it when the test ends.
func watchdog(_ manager: ProbeManager) -> Task<Void, Never> {
    Task {
        guard (try? await Task.sleep(for: .seconds(60))) != nil else { return }
        await manager.shutdown()
    }
}

/// A container spec with the given probes and a port named `http`.
func container(
    liveness: Probe? = nil, readiness: Probe? = nil, startup: Probe? = nil, ports: [ContainerPort]? = nil
) -> Container {
    var spec = Container(name: "app")
    spec.ports = ports
    spec.livenessProbe = liveness
    spec.readinessProbe = readiness
    spec.startupProbe = startup
    return spec
}
