import Foundation
import KubeAPI

/// The three probes a container may have.
public enum ProbeKind: String, Sendable, Hashable, CaseIterable {
    case liveness, readiness, startup

    /// The word Kubernetes starts its probe messages with: `Liveness`, `Readiness`, `Startup`.
    public var title: String {
        switch self {
        case .liveness: "Liveness"
        case .readiness: "Readiness"
        case .startup: "Startup"
        }
    }

    /// The container's probe of this kind, if it has one.
    public func probe(of container: Container) -> Probe? {
        switch self {
        case .liveness: container.livenessProbe
        case .readiness: container.readinessProbe
        case .startup: container.startupProbe
        }
    }
}

/// What a probe (or a run of probes past its threshold) concluded.
public enum ProbeResult: String, Sendable, Hashable {
    case success, failure
}

/// One probe run: its result and Kubernetes' message for it (`Liveness probe failed: HTTP probe
/// failed with statuscode: 500`; `Readiness probe warning: ...` for a success with a warning;
/// empty for a plain success).
public struct ProbeOutcome: Sendable, Hashable {
    /// Passed or failed.
    public var result: ProbeResult
    /// Kubernetes' words for it, as recorded in `Unhealthy` events.
    public var message: String

    /// An outcome with every field given.
    public init(result: ProbeResult, message: String = "") {
        self.result = result
        self.message = message
    }
}

/// A running container the probe manager watches: its name, runtime id, when it started and its
/// spec (probes and ports).
public struct ProbeTarget: Sendable, Hashable {
    /// The container's name in the pod spec.
    public var name: String
    /// The runtime's container id; a new id is a new container with fresh probe state.
    public var containerID: String
    /// When the container started (initialDelaySeconds counts from here).
    public var startedAt: Date
    /// The container spec, with its probes and named ports.
    public var container: Container

    /// A target from the typed container spec.
    public init(name: String, containerID: String, startedAt: Date, container: Container) {
        self.name = name
        self.containerID = containerID
        self.startedAt = startedAt
        self.container = container
    }

    /// A target from the container's JSON as it appears in the pod (`spec.containers[i]`). Throws
    /// when it does not decode as a core/v1 Container.
    public init(name: String, containerID: String, startedAt: Date, containerJSON: JSONValue) throws {
        let container = try JSONValueDecoder().decode(Container.self, from: containerJSON)
        self.init(name: name, containerID: containerID, startedAt: startedAt, container: container)
    }
}

/// A change of a container's probe result, after thresholds: readiness turning true or false,
/// startup succeeding, liveness or startup failing (the kubelet then restarts the container).
public struct ProbeEvent: Sendable, Hashable {
    /// The pod's uid.
    public var podUID: String
    /// The container's name and its runtime id.
    public var containerName: String
    public var containerID: String
    /// Which probe's result changed.
    public var kind: ProbeKind
    /// The new result, with the message of the probe run that caused it (empty for a plain success).
    public var outcome: ProbeOutcome

    /// The new result.
    public var result: ProbeResult { outcome.result }
    /// The message of the probe run that caused the change.
    public var message: String { outcome.message }

    /// The event that `outcome` of the `kind` probe of container `containerName` (id
    /// `containerID`) in pod `podUID` caused.
    public init(podUID: String, containerName: String, containerID: String, kind: ProbeKind, outcome: ProbeOutcome) {
        (self.podUID, self.containerName, self.containerID) = (podUID, containerName, containerID)
        self.kind = kind
        self.outcome = outcome
    }
}

/// Probe timing with Kubernetes' defaults filled in (period 10 s, timeout 1 s, success 1, failure 3,
/// no initial delay); values below the minimum of 1 take the default.
struct ProbeTiming: Sendable, Hashable {
    var initialDelay, period, timeout: Duration
    var successThreshold, failureThreshold: Int

    init(_ probe: Probe) {
        initialDelay = .seconds(max(0, probe.initialDelaySeconds ?? 0))
        period = .seconds(Self.positive(probe.periodSeconds, or: 10))
        timeout = .seconds(Self.positive(probe.timeoutSeconds, or: 1))
        successThreshold = Self.positive(probe.successThreshold, or: 1)
        failureThreshold = Self.positive(probe.failureThreshold, or: 3)
    }

    private static func positive(_ value: Int?, or fallback: Int) -> Int {
        guard let value, value > 0 else { return fallback }
        return value
    }
}
