import KubeAPI

/// Where a pod worker is in its pod's life (the kubelet's pod worker states).
enum PodLifecycle: Sendable, Hashable {
    /// The pod should run: each sync drives it toward its spec.
    case syncing
    /// The pod is being stopped, its containers given this grace period.
    case terminating(gracePeriodSeconds: Int)
    /// Containers stopped and the sandbox, network and volumes released; the API object may
    /// still have to be deleted.
    case terminated
    /// Nothing is left; the worker ends.
    case finished
}

/// What a worker learns about its pod from the API server.
enum PodUpdate: Sendable {
    /// The pod as it is now.
    case pod(JSONValue)
    /// The pod is gone from the API (deleted, possibly without grace).
    case removed
}

/// What a worker does next.
enum PodWorkerAction: Sendable, Hashable {
    /// Drive the running pod toward its spec and report its status.
    case sync
    /// Stop every container (preStop hooks, SIGTERM, SIGKILL after the grace period), then
    /// release the sandbox, its network and the pod's volumes.
    case terminate(gracePeriodSeconds: Int)
    /// Delete the pod from the API with grace 0 and a uid precondition, as the kubelet does once
    /// everything has stopped.
    case deleteFromAPI
    /// End the worker.
    case finish
}

/// A pod worker's state machine: updates move it, `next` says what to do, `completed` records
/// that it was done. Pure.
struct PodWorkerState: Sendable, Hashable {
    private(set) var lifecycle: PodLifecycle = .syncing
    /// Whether the pod still exists in the API.
    private(set) var inAPI = true
    /// Whether the pod's deletion was requested (deletionTimestamp set).
    private(set) var deletionRequested = false
    /// The grace period of the last known pod (for a pod removed without one).
    private(set) var lastGracePeriod = 30

    /// A pod's grace period: `deletionGracePeriodSeconds`, else the spec's
    /// `terminationGracePeriodSeconds`, else 30.
    static func gracePeriod(_ pod: JSONValue) -> Int {
        if let g = pod["metadata"]?["deletionGracePeriodSeconds"]?.intValue { return Int(max(0, g)) }
        if let g = pod["spec"]?["terminationGracePeriodSeconds"]?.intValue { return Int(max(0, g)) }
        return 30
    }

    /// Takes in what the API says about the pod.
    mutating func receive(_ update: PodUpdate) {
        switch update {
        case .pod(let pod):
            inAPI = true
            guard pod.deletionTimestamp != nil else {
                lastGracePeriod = Self.gracePeriod(pod)
                return
            }
            deletionRequested = true
            let grace = Self.gracePeriod(pod)
            lastGracePeriod = grace
            beginTerminating(grace)
        case .removed:
            inAPI = false
            beginTerminating(lastGracePeriod)
        }
    }

    private mutating func beginTerminating(_ grace: Int) {
        switch lifecycle {
        case .syncing: lifecycle = .terminating(gracePeriodSeconds: grace)
        case .terminating(let current): lifecycle = .terminating(gracePeriodSeconds: min(current, grace))
        case .terminated, .finished: break
        }
    }

    /// The next action, or nil when the worker waits for news.
    func next() -> PodWorkerAction? {
        switch lifecycle {
        case .syncing: return .sync
        case .terminating(let grace): return .terminate(gracePeriodSeconds: grace)
        case .terminated:
            if !inAPI { return .finish }
            return deletionRequested ? .deleteFromAPI : nil
        case .finished: return nil
        }
    }

    /// Records that `action` was done.
    mutating func completed(_ action: PodWorkerAction) {
        switch action {
        case .sync: break
        case .terminate: lifecycle = .terminated
        case .deleteFromAPI: inAPI = false
        case .finish: lifecycle = .finished
        }
    }
}
