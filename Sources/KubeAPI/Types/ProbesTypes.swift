/// core/v1 Probe: a health check (exactly one handler) and its timing. Zero or absent timing fields
/// mean the Kubernetes defaults (period 10 s, timeout 1 s, success 1, failure 3).
public struct Probe: Codable, Sendable, Hashable {
    /// Run a command; exit 0 is success.
    public var exec: ExecAction?
    /// HTTP GET; 200-399 is success.
    public var httpGet: HTTPGetAction?
    /// TCP connect; success when it opens.
    public var tcpSocket: TCPSocketAction?
    /// gRPC health check.
    public var grpc: GRPCAction?
    /// Seconds after start before the first probe.
    public var initialDelaySeconds: Int?
    /// Seconds before a probe times out.
    public var timeoutSeconds: Int?
    /// Seconds between probes.
    public var periodSeconds: Int?
    /// Consecutive successes to count as passing after a failure.
    public var successThreshold: Int?
    /// Consecutive failures to count as failing.
    public var failureThreshold: Int?
    /// Grace period when a failing liveness or startup probe kills the container.
    public var terminationGracePeriodSeconds: Int?

    /// Creates a `Probe`; every field defaults to absent.
    public init(
        exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
        grpc: GRPCAction? = nil, initialDelaySeconds: Int? = nil, timeoutSeconds: Int? = nil,
        periodSeconds: Int? = nil, successThreshold: Int? = nil, failureThreshold: Int? = nil,
        terminationGracePeriodSeconds: Int? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.grpc = grpc
        self.initialDelaySeconds = initialDelaySeconds
        self.timeoutSeconds = timeoutSeconds
        self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// core/v1 ExecAction: a command run in the container, without a shell.
public struct ExecAction: Codable, Sendable, Hashable {
    /// The command line.
    public var command: [String]?

    /// Creates an `ExecAction`; every field defaults to absent.
    public init(command: [String]? = nil) {
        self.command = command
    }
}

/// core/v1 HTTPGetAction: an HTTP GET against the container.
public struct HTTPGetAction: Codable, Sendable, Hashable {
    /// Request path.
    public var path: String?
    /// Port number or container port name.
    public var port: IntOrString
    /// Host to connect to; defaults to the pod IP.
    public var host: String?
    /// `HTTP` (default) or `HTTPS`.
    public var scheme: String?
    /// Extra request headers.
    public var httpHeaders: [HTTPHeader]?

    /// Creates a `HTTPGetAction` from its required fields; every optional field defaults to absent.
    public init(
        path: String? = nil, port: IntOrString, host: String? = nil, scheme: String? = nil,
        httpHeaders: [HTTPHeader]? = nil
    ) {
        self.path = path
        self.port = port
        self.host = host
        self.scheme = scheme
        self.httpHeaders = httpHeaders
    }
}

/// core/v1 HTTPHeader: one HTTP header.
public struct HTTPHeader: Codable, Sendable, Hashable {
    /// Header name.
    public var name: String
    /// Header value.
    public var value: String

    /// Creates a `HTTPHeader` from its required fields; every optional field defaults to absent.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// core/v1 TCPSocketAction: a TCP connection attempt.
public struct TCPSocketAction: Codable, Sendable, Hashable {
    /// Port number or container port name.
    public var port: IntOrString
    /// Host to connect to; defaults to the pod IP.
    public var host: String?

    /// Creates a `TCPSocketAction` from its required fields; every optional field defaults to absent.
    public init(port: IntOrString, host: String? = nil) {
        self.port = port
        self.host = host
    }
}

/// core/v1 GRPCAction: a call to the gRPC health checking protocol.
public struct GRPCAction: Codable, Sendable, Hashable {
    /// Port number.
    public var port: Int
    /// Service name passed in the request.
    public var service: String?

    /// Creates a `GRPCAction` from its required fields; every optional field defaults to absent.
    public init(port: Int, service: String? = nil) {
        self.port = port
        self.service = service
    }
}

/// core/v1 Lifecycle: hooks run by the kubelet around a container's life.
public struct Lifecycle: Codable, Sendable, Hashable {
    /// Run right after the container is created.
    public var postStart: LifecycleHandler?
    /// Run before the container is stopped.
    public var preStop: LifecycleHandler?
    /// Signal sent to stop the container, e.g. `SIGTERM`.
    public var stopSignal: String?

    /// Creates a `Lifecycle`; every field defaults to absent.
    public init(postStart: LifecycleHandler? = nil, preStop: LifecycleHandler? = nil, stopSignal: String? = nil) {
        self.postStart = postStart
        self.preStop = preStop
        self.stopSignal = stopSignal
    }
}

/// core/v1 LifecycleHandler: exactly one action of a lifecycle hook.
public struct LifecycleHandler: Codable, Sendable, Hashable {
    /// Run a command.
    public var exec: ExecAction?
    /// HTTP GET.
    public var httpGet: HTTPGetAction?
    /// Deprecated TCP check.
    public var tcpSocket: TCPSocketAction?
    /// Sleep for a while.
    public var sleep: SleepAction?

    /// Creates a `LifecycleHandler`; every field defaults to absent.
    public init(
        exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
        sleep: SleepAction? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.sleep = sleep
    }
}

/// core/v1 SleepAction: sleep before continuing.
public struct SleepAction: Codable, Sendable, Hashable {
    /// Seconds to sleep.
    public var seconds: Int

    /// Creates a `SleepAction` from its required fields; every optional field defaults to absent.
    public init(seconds: Int) {
        self.seconds = seconds
    }
}
