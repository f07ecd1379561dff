import Foundation
import KubeAPI
import KubeRuntime

/// Runs one probe the way Kubernetes' prober does and words the outcome as it does:
/// - exec: the command through `RuntimeService.execSync` with the probe's timeout; exit 0 passes,
///   otherwise the message is the command's output (`command "..." timed out` on timeout);
/// - httpGet: a GET to `host` (default the pod IP) on the port given by number or by the
///   container's port name, over TLS without certificate verification for `scheme: HTTPS`;
///   200-399 passes, a redirect to another host passes with a warning;
/// - tcpSocket: passes when a connection opens within the timeout.
/// Pod IPs are routable from the node's namespace, so plain sockets reach them.
public struct Prober: Sendable {
    private let runtime: any RuntimeService
    private let http: ProbeHTTP

    /// A prober running exec probes through `runtime`, sending `User-Agent: <userAgent>` on HTTP.
    public init(runtime: any RuntimeService, userAgent: String = "kube-probe/1.37") {
        self.runtime = runtime
        http = ProbeHTTP(userAgent: userAgent)
    }

    /// Runs `probe` (the container's probe of kind `kind`) once against container `containerID`
    /// of a pod at `podIP`. Never throws: errors are failures with Kubernetes' `... probe
    /// errored and resulted in unknown state: ...` message.
    public func run(_ kind: ProbeKind, _ probe: Probe, container: Container, containerID: String, podIP: String) async
        -> ProbeOutcome
    {
        // As Kubernetes does, a probe that errors (rather than fails) is tried up to three times.
        var verdict = Verdict.error("not run")
        for _ in 0..<Self.maxProbeRetries {
            verdict = await runOnce(kind, probe, container: container, containerID: containerID, podIP: podIP)
            guard case .error = verdict else { break }
        }
        switch verdict {
        case .success: return ProbeOutcome(result: .success)
        case .warning(let output): return ProbeOutcome(result: .success, message: "\(kind.title) probe warning: \(output)")
        case .failure(let output): return ProbeOutcome(result: .failure, message: "\(kind.title) probe failed: \(output)")
        case .error(let error):
            return ProbeOutcome(result: .failure, message: "\(kind.title) probe errored and resulted in unknown state: \(error)")
        }
    }

    static let maxProbeRetries = 3

    private func runOnce(_ kind: ProbeKind, _ probe: Probe, container: Container, containerID: String, podIP: String)
        async -> Verdict
    {
        let timeout = ProbeTiming(probe).timeout
        if let exec = probe.exec {
            return await runExec(exec.command ?? [], containerID: containerID, timeout: timeout)
        } else if let get = probe.httpGet {
            return await BlockingThread.run { runHTTP(get, container: container, podIP: podIP, timeout: timeout) }
        } else if let tcp = probe.tcpSocket {
            return await BlockingThread.run { runTCP(tcp, container: container, podIP: podIP, timeout: timeout) }
        } else if probe.grpc != nil {
            return .error("gRPC probes are not supported by this kubelet")
        }
        return .error("missing probe handler for \(container.name):\(kind.rawValue)")
    }

    /// Kubernetes' probe results before they become success or failure.
    enum Verdict: Equatable {
        case success, warning(String), failure(String), error(String)
    }

    // MARK: - Handlers

    private func runExec(_ command: [String], containerID: String, timeout: Duration) async -> Verdict {
        let started = ContinuousClock.now
        do {
            let result = try await runtime.execSync(containerID, command: command, timeout: timeout)
            if result.exitCode == 0 { return .success }
            let output = (result.stdout + result.stderr).prefix(ProbeHTTP.maxBodyLength)
            return .failure(String(decoding: output, as: UTF8.self))
        } catch {
            if started.duration(to: .now) >= timeout || "\(error)".contains("timed out") {
                return .failure("command \"\(command.joined(separator: " "))\" timed out")
            }
            return .error("\(error)")
        }
    }

    private func runHTTP(_ get: HTTPGetAction, container: Container, podIP: String, timeout: Duration) -> Verdict {
        let port: Int
        switch Self.resolvePort(get.port, in: container) {
        case .success(let number): port = number
        case .failure(let error): return .error(error.description)
        }
        let scheme = (get.scheme ?? "HTTP").lowercased()
        guard scheme == "http" || scheme == "https" else { return .error("unsupported scheme \"\(scheme)\"") }
        let host = (get.host?.isEmpty == false ? get.host : nil) ?? podIP
        var path = get.path ?? ""
        if !path.isEmpty && !path.hasPrefix("/") { path = "/" + path }
        let headers = (get.httpHeaders ?? []).map { (name: $0.name, value: $0.value) }
        do {
            let deadline = ContinuousClock.now.advanced(by: timeout)
            switch try http.get(scheme: scheme, host: host, port: port, path: path, headers: headers, deadline: deadline) {
            case .foreignRedirect(let response):
                return .warning("Probe terminated redirects, Response body: \(response.body)")
            case .response(let response) where (200..<400).contains(response.statusCode):
                return response.statusCode >= 300
                    ? .warning("Probe terminated redirects, Response body: \(response.body)") : .success
            case .response(let response):
                return .failure("HTTP probe failed with statuscode: \(response.statusCode)")
            }
        } catch {
            return .failure(error.description)
        }
    }

    private func runTCP(_ tcp: TCPSocketAction, container: Container, podIP: String, timeout: Duration) -> Verdict {
        let port: Int
        switch Self.resolvePort(tcp.port, in: container) {
        case .success(let number): port = number
        case .failure(let error): return .error(error.description)
        }
        let host = (tcp.host?.isEmpty == false ? tcp.host : nil) ?? podIP
        do {
            _ = try ProbeSocket.connect(host: host, port: port, deadline: ContinuousClock.now.advanced(by: timeout))
            return .success
        } catch {
            return .failure(error.description)
        }
    }

    /// The port number a probe names: the number itself, or the container port with that name
    /// (or a number written as a string), in 1...65535. Errors read as Kubernetes' do (it falls
    /// back to parsing an unknown name as a number).
    static func resolvePort(_ port: IntOrString, in container: Container) -> Result<Int, ProbeIOError> {
        var number: Int
        switch port {
        case .int(let value):
            number = Int(value)
        case .string(let name):
            if let named = container.ports?.first(where: { $0.name == name }) {
                number = named.containerPort
            } else if let value = Int(name) {
                number = value
            } else {
                return .failure(ProbeIOError(description: "strconv.Atoi: parsing \"\(name)\": invalid syntax"))
            }
        }
        guard number > 0 && number < 65536 else { return .failure(ProbeIOError(description: "invalid port number: \(number)")) }
        return .success(number)
    }
}
