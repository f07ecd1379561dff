import Foundation
import KubeAPI
import KubeClient
import KubeNetwork
import KubeRuntime
import Logging

/// What a pod worker remembers between syncs of its pod.
struct PodWorkerMemory: Sendable {
    /// Why containers wait, from the last attempt to start them.
    var waiting: [String: ContainerWaiting] = [:]
    /// Crash-loop backoff by container name.
    var crashBackoff: RestartBackoff
    /// Volume host paths by volume name, and when they were last set up.
    var volumePaths: [String: String]?
    var volumesSetUpAt: ContinuousClock.Instant?
    /// The sandbox whose network is set up, and its addresses.
    var networkSandboxID: String?
    var podIPs: [String] = []
    /// The mounts of the pod's `/etc/hosts` and `/etc/resolv.conf`.
    var networkFileMounts: [KubeRuntime.Mount] = []

    init(initialBackoff: Duration, maxBackoff: Duration) {
        crashBackoff = RestartBackoff(initial: initialBackoff, max: maxBackoff)
    }
}

/// The kubelet's SyncPod and TerminatePod for one pod at a time: creates the sandbox and its
/// network, sets up volumes, pulls images, starts init containers one by one and then the app
/// containers, restarts per restartPolicy with crash-loop backoff, records events and writes
/// the status. Its parts are shared by all pod workers.
struct PodSyncer: Sendable {
    let configuration: KubeletConfiguration
    let runtime: any RuntimeService
    let puller: ImagePuller
    let network: any PodNetwork
    let volumes: VolumeManager
    let configs: any ConfigSource
    let statuses: PodStatusManager
    let recorder: EventRecorder?
    let readiness: any ContainerReadiness
    let hostIPs: [String]
    let nodeMilliCPU: Int64
    let nodeMemoryBytes: Int64
    /// `runc` in container ids `runc://<id>`.
    let runtimeScheme: String
    /// The Services every container's link variables come from (nil: none).
    var services: Lister? = nil
    let logger: Logger

    /// How long a container must have run for its crash-loop backoff to start over.
    static let backoffResetAfter: TimeInterval = 600
    /// How often volume contents (ConfigMaps, Secrets) are refreshed.
    static let volumeRefresh: Duration = .seconds(60)

    /// Records an event about `pod`.
    func eventSink(_ pod: JSONValue) -> EventSink {
        let recorder = recorder
        return { type, reason, message in recorder?.record(pod, kind: "Pod", type: type, reason: reason, message: message) }
    }

    /// The runtime's sandboxes and containers of pod `uid`; an exited container without a
    /// message from the runtime gets what it wrote to its termination message file.
    func view(_ uid: String) async throws -> PodRuntimeView {
        let selector = [RuntimeLabels.podUID: uid]
        var view = PodRuntimeView(
            uid: uid, sandboxes: try await runtime.listPodSandboxes(labels: selector),
            containers: try await runtime.listContainers(labels: selector))
        for i in view.containers.indices where view.containers[i].state == .exited && (view.containers[i].message ?? "").isEmpty {
            guard let path = view.containers[i].config.annotations[RuntimeLabels.terminationLog],
                let data = FileManager.default.contents(atPath: path), !data.isEmpty
            else { continue }
            view.containers[i].message = String(decoding: data.prefix(4096), as: UTF8.self)
        }
        return view
    }

    /// One sync of a pod that should run; returns when to sync again at the latest (a backoff
    /// ending), or nil to wait for news.
    func sync(_ pod: JSONValue, memory: inout PodWorkerMemory) async -> Duration? {
        let typed: Pod
        do {
            typed = try KubeClient.decode(Pod.self, from: pod)
        } catch {
            logger.warning("pod \(pod.namespace)/\(pod.name) cannot be read: \(error)")
            return nil
        }
        guard let spec = typed.spec else { return nil }
        let event = eventSink(pod)
        let uid = pod.uid
        var requeue: Date?
        func requeueAt(_ date: Date) { requeue = requeue.map { min($0, date) } ?? date }
        var view: PodRuntimeView
        do { view = try await self.view(uid) } catch {
            logger.warning("listing runtime state for \(pod.name): \(error)")
            return .seconds(1)
        }
        let oldStatus = await statuses.last(uid) ?? pod["status"]
        let oldPhase = oldStatus?["phase"]?.stringValue
        let terminal = oldPhase == "Succeeded" || oldPhase == "Failed"
        let grace = PodWorkerState.gracePeriod(pod)
        if !terminal, let deadline = Self.activeDeadline(spec, oldStatus) {
            if deadline <= Date() {
                await failPastDeadline(pod, spec: spec, view: view, oldStatus: oldStatus, grace: grace, memory: &memory, event: event)
                return .zero
            }
            requeueAt(deadline)
        }
        let plan = PodSyncPlan.make(spec: spec, view: view, terminal: terminal)
        logger.debug(
            "sync \(pod.namespace)/\(pod.name): containers \(view.containers.map { "\($0.config.name)#\($0.config.attempt)=\($0.state.rawValue)" }), start \(plan.start.map(\.name)), kill \(plan.killContainers.count)")

        for id in plan.killContainers {
            if let c = view.containers.first(where: { $0.id == id }) {
                await kill(c, spec: spec, pod: pod, grace: grace, message: "Stopping container \(c.config.name)", event: event)
            }
        }
        var sandbox = view.sandbox.flatMap { $0.state == .ready ? $0 : nil }
        if terminal {
            await stopSandboxes(view, memory: &memory)
        } else if plan.createSandbox {
            do {
                sandbox = try await createSandbox(pod, spec: spec, attempt: plan.sandboxAttempt, replacing: view, memory: &memory, event: event)
            } catch {
                event("Warning", "FailedCreatePodSandBox", "Failed to create pod sandbox: \(error)")
                logger.warning("sandbox for \(pod.namespace)/\(pod.name): \(error)")
                return .seconds(1)
            }
        }
        var failed = false
        if !terminal, let sandbox {
            if !(await ensureNetwork(pod, spec: spec, sandbox: sandbox, memory: &memory, event: event)) {
                failed = true
            } else if !(await ensureVolumes(pod, spec: spec, memory: &memory, event: event)) {
                failed = true
            } else {
                await reportCreatingIfPulling(pod, oldStatus: oldStatus, spec: spec, view: view, plan: plan, memory: memory)
                for start in plan.start {
                    if let date = await startContainer(start, pod: pod, spec: spec, sandbox: sandbox, memory: &memory, event: event) {
                        requeueAt(date)
                    }
                }
            }
        }
        if !plan.killContainers.isEmpty || !plan.start.isEmpty || plan.createSandbox || terminal {
            if let fresh = try? await self.view(uid) { view = fresh }
        }
        await observeRunning(pod, view: terminal ? PodRuntimeView() : view, memory: memory)
        let status = buildStatus(pod, oldStatus: oldStatus, spec: spec, view: view, plan: plan, memory: memory)
        await statuses.set(pod, status: status)
        let newPhase = status["phase"]?.stringValue
        if !terminal, newPhase == "Succeeded" || newPhase == "Failed" { return .zero }
        if failed { return .seconds(1) }
        return requeue.map { .milliseconds(max(0, Int($0.timeIntervalSinceNow * 1000)) + 5) }
    }

    /// Before a new pod's first image pull (which may take a while), writes its Pending status
    /// with containers waiting in ContainerCreating, as the kubelet does at the start of a sync.
    private func reportCreatingIfPulling(
        _ pod: JSONValue, oldStatus: JSONValue?, spec: PodSpec, view: PodRuntimeView, plan: PodSyncPlan, memory: PodWorkerMemory
    ) async {
        guard await statuses.last(pod.uid) == nil, oldStatus?["containerStatuses"] == nil else { return }
        let all = (spec.initContainers ?? []) + spec.containers
        var pulls = false
        for start in plan.start {
            guard let container = all.first(where: { $0.name == start.name }) else { continue }
            let present = (try? await puller.images.image(container.image ?? "")) != nil
            if ImagePuller.pullPolicy(container) == "Always" || !present { pulls = true }
        }
        guard pulls else { return }
        await statuses.set(pod, status: buildStatus(pod, oldStatus: oldStatus, spec: spec, view: view, plan: plan, memory: memory))
    }

    /// When a pod with `activeDeadlineSeconds` must have finished: that long after its startTime.
    static func activeDeadline(_ spec: PodSpec, _ status: JSONValue?) -> Date? {
        guard let seconds = spec.activeDeadlineSeconds, let started = status?["startTime"]?.stringValue.flatMap(Timestamp.parse)
        else { return nil }
        return started.addingTimeInterval(TimeInterval(seconds))
    }

    /// Fails a pod that ran past its activeDeadlineSeconds, as the kubelet's active deadline
    /// handler does: its containers are stopped and its phase becomes Failed (DeadlineExceeded).
    private func failPastDeadline(
        _ pod: JSONValue, spec: PodSpec, view: PodRuntimeView, oldStatus: JSONValue?, grace: Int, memory: inout PodWorkerMemory,
        event: EventSink
    ) async {
        let message = "Pod was active on the node longer than the specified deadline"
        event("Normal", "DeadlineExceeded", message)
        for container in view.live {
            await kill(container, spec: spec, pod: pod, grace: grace, message: "Stopping container \(container.config.name)", event: event)
        }
        let fresh = (try? await self.view(pod.uid)) ?? view
        let plan = PodSyncPlan.make(spec: spec, view: fresh, terminal: true)
        var status = buildStatus(pod, oldStatus: oldStatus, spec: spec, view: fresh, plan: plan, memory: memory)
        status["phase"] = "Failed"
        status["reason"] = "DeadlineExceeded"
        status["message"] = .string(message)
        await statuses.set(pod, status: Self.terminatedStatus(status))
    }

    /// Tells the readiness source (the probes) which containers of `pod` run in `view`.
    func observeRunning(_ pod: JSONValue, view: PodRuntimeView, memory: PodWorkerMemory) async {
        var current = pod
        if let ip = memory.podIPs.first { current.set(.string(ip), at: ["status", "podIP"]) }
        let running = view.containers.filter { $0.state == .running }.map {
            RunningContainer(name: $0.config.name, id: $0.id, startedAt: $0.startedAt ?? $0.createdAt)
        }
        await readiness.observe(pod: current, running: running)
    }

    /// The pod status for `view`.
    func buildStatus(
        _ pod: JSONValue, oldStatus: JSONValue?, spec: PodSpec, view: PodRuntimeView, plan: PodSyncPlan, memory: PodWorkerMemory
    ) -> JSONValue {
        var current = pod
        current["status"] = oldStatus ?? [:]
        let sandboxReady = view.sandbox?.state == .ready && (spec.hostNetwork == true || memory.networkSandboxID == view.sandbox?.id)
        let input = PodStatusInputs(
            pod: current, spec: spec, view: view, waiting: memory.waiting, podIPs: memory.podIPs, hostIPs: hostIPs,
            sandboxReady: sandboxReady, initialized: plan.initialized, initFailed: plan.initFailed, readiness: readiness,
            runtimeScheme: runtimeScheme, now: Timestamp.format(Date()))
        return PodStatusBuilder.build(input)
    }

    /// Creates a new sandbox for `pod` after stopping the old ones.
    private func createSandbox(
        _ pod: JSONValue, spec: PodSpec, attempt: Int, replacing view: PodRuntimeView, memory: inout PodWorkerMemory,
        event: EventSink
    ) async throws -> PodSandboxStatus? {
        if view.sandbox != nil {
            event("Normal", "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.")
            await stopSandboxes(view, memory: &memory)
        }
        let config = PodSandboxConfig(
            name: pod.name, namespace: pod.namespace, uid: pod.uid, attempt: attempt, hostname: Self.hostname(pod, spec),
            logDirectory: PodNames.logDirectory(pod, root: configuration.podLogsDirectory),
            cgroupParent: Self.cgroupParent(pod.uid, QOSClass.of(spec)), labels: RuntimeLabels.sandbox(pod),
            annotations: pod.annotations)
        let id = try await runtime.runPodSandbox(config)
        return try await runtime.listPodSandboxes(labels: config.labels).first { $0.id == id }
    }

    /// Stops the pod's ready sandboxes and releases their network.
    func stopSandboxes(_ view: PodRuntimeView, memory: inout PodWorkerMemory) async {
        for sandbox in view.sandboxes where sandbox.state == .ready {
            do { try await network.tearDown(sandboxID: sandbox.id, netnsPath: sandbox.networkNamespacePath) } catch {
                logger.warning("tearing down the network of sandbox \(sandbox.id): \(error)")
            }
            do { try await runtime.stopPodSandbox(sandbox.id) } catch { logger.warning("stopping sandbox \(sandbox.id): \(error)") }
        }
        memory.networkSandboxID = nil
    }

    /// Sets up (or reads back) the sandbox's pod network; false when it failed.
    private func ensureNetwork(
        _ pod: JSONValue, spec: PodSpec, sandbox: PodSandboxStatus, memory: inout PodWorkerMemory, event: EventSink
    ) async -> Bool {
        if memory.networkSandboxID == sandbox.id { return true }
        do {
            if spec.hostNetwork == true {
                memory.podIPs = hostIPs
            } else {
                var status = try await network.status(sandboxID: sandbox.id)
                if status == nil { status = try await network.setUp(sandboxID: sandbox.id, netnsPath: sandbox.networkNamespacePath) }
                memory.podIPs = status?.ips ?? []
            }
            memory.networkFileMounts = try PodNetworkFiles.write(
                pod, spec: spec, podIPs: memory.podIPs, hostname: Self.hostname(pod, spec), podDirectory: volumes.podDirectory(pod.uid))
            memory.networkSandboxID = sandbox.id
            return true
        } catch {
            event("Warning", "FailedCreatePodSandBox", "Failed to create pod sandbox: failed to set up pod network: \(error)")
            return false
        }
    }

    /// Sets up the pod's volumes (again once `volumeRefresh` has passed); false when it failed.
    private func ensureVolumes(_ pod: JSONValue, spec: PodSpec, memory: inout PodWorkerMemory, event: EventSink) async -> Bool {
        if memory.volumePaths != nil, let at = memory.volumesSetUpAt, ContinuousClock.now - at < Self.volumeRefresh { return true }
        do {
            memory.volumePaths = try await volumes.setUp(uid: pod.uid, namespace: pod.namespace, spec: spec, values: values(pod, memory))
            memory.volumesSetUpAt = .now
            return true
        } catch {
            event("Warning", "FailedMount", (error as? KubeletError)?.message ?? "\(error)")
            return memory.volumePaths != nil
        }
    }

    /// The downward API values of `pod` on this node.
    func values(_ pod: JSONValue, _ memory: PodWorkerMemory) -> DownwardAPIValues {
        DownwardAPIValues(pod: pod, podIPs: memory.podIPs, hostIPs: hostIPs, nodeMilliCPU: nodeMilliCPU, nodeMemoryBytes: nodeMemoryBytes)
    }

    /// The sandbox hostname: `spec.hostname`, else the pod name, at most 63 characters.
    static func hostname(_ pod: JSONValue, _ spec: PodSpec) -> String {
        var name = spec.hostname.flatMap { $0.isEmpty ? nil : $0 } ?? pod.name
        if name.count > 63 { name = String(name.prefix(63)) }
        while name.hasSuffix("-") || name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// The pod's cgroup parent by QoS class (`/skiff/burstable/pod<uid>`, ...).
    static func cgroupParent(_ uid: String, _ qos: QOSClass) -> String {
        switch qos {
        case .guaranteed: return "/skiff/pod\(uid)"
        case .burstable: return "/skiff/burstable/pod\(uid)"
        case .bestEffort: return "/skiff/besteffort/pod\(uid)"
        }
    }
}
