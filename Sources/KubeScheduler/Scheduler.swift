import KubeAPI
import KubeClient
import Logging
import Synchronization

/// The Kubernetes scheduler: watches pods and nodes through the API server, places each pending
/// pod that names this scheduler on a node that fits it, and binds it through `pods/binding`.
/// Pods that fit nowhere get a `PodScheduled=False` condition and a FailedScheduling event, and
/// are retried when the cluster changes. The scheduling cycle is serial; bindings run
/// concurrently.
public final class Scheduler: Sendable {
    /// Settings of a scheduler.
    public struct Configuration: Sendable {
        /// Pods with this `spec.schedulerName` are scheduled; others are left alone.
        public var schedulerName = "default-scheduler"
        /// Percentage of nodes to evaluate per pod; 0 is Kubernetes' adaptive default.
        public var percentageOfNodesToScore = 0
        /// Whether to preempt lower-priority pods for a pod that fits nowhere.
        public var preemption = true

        /// The defaults: `default-scheduler`, adaptive node sampling, preemption on.
        public init() {}
    }

    let client: KubeClient
    let configuration: Configuration
    let logger: Logger
    let recorder: EventRecorder
    let inbox = Mutex<[SchedulerEvent]>([])
    let wakeup = Wakeup()
    let pods: Informer
    let nodes: Informer
    let namespaces: Informer
    /// Typed pods from watched ones, each distinct spec decoded once.
    let podDecoder = PodDecoder()
    private let boundPods = Atomic<Int>(0)
    /// Pods chosen a node and waiting to be bound, taken by `binders` concurrent workers (a bounded
    /// number, so that a burst does not become thousands of requests in flight at once).
    let bindings: AsyncStream<(QueuedPod, String)>.Continuation
    private let bindQueue: AsyncStream<(QueuedPod, String)>
    /// Concurrent binding requests.
    static let binders = 64

    /// A scheduler using `client`.
    public init(client: KubeClient, configuration: Configuration = Configuration(), logger: Logger = Logger(label: "skiff.scheduler")) {
        self.client = client
        self.configuration = configuration
        self.logger = logger
        recorder = EventRecorder(client: client, component: configuration.schedulerName)
        (bindQueue, bindings) = AsyncStream.makeStream(of: (QueuedPod, String).self)
        pods = Informer(client: client, resource: .pods, keeping: Self.podFields)
        nodes = Informer(client: client, resource: .nodes, keeping: Self.nodeFields)
        namespaces = Informer(client: client, resource: .namespaces, keeping: .withoutManagedFields)
    }

    /// Pods bound so far by this scheduler.
    public var boundCount: Int { boundPods.load(ordering: .relaxed) }

    /// Runs until cancelled.
    public func run() async {
        registerHandlers()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.recorder.run(logger: self.logger) }
            for _ in 0..<Self.binders {
                group.addTask {
                    for await (pod, nodeName) in self.bindQueue {
                        if Task.isCancelled { return }
                        await self.bind(pod, to: nodeName)
                    }
                }
            }
            for informer in [pods, nodes, namespaces] {
                group.addTask { await informer.run(logger: self.logger) }
            }
            group.addTask {
                for informer in [self.nodes, self.namespaces, self.pods] { await informer.waitForSync() }
                if !Task.isCancelled {
                    self.logger.info("scheduler \(self.configuration.schedulerName) synced; scheduling")
                    await SchedulingLoop(scheduler: self).run()
                }
                self.bindings.finish()
            }
            await group.waitForAll()
        }
    }

    func post(_ event: SchedulerEvent) {
        inbox.withLock { $0.append(event) }
        wakeup.signal()
    }

    func drainInbox() -> [SchedulerEvent] {
        inbox.withLock { events in
            defer { events = [] }
            return events
        }
    }

    func noteBound() { boundPods.add(1, ordering: .relaxed) }

    private func registerHandlers() {
        pods.addHandler { [self] event in
            switch event {
            case .added(let object): podChanged(old: nil, new: object)
            case .updated(let old, let new): podChanged(old: old, new: new)
            case .deleted(let object): post(.podDeleted(key: Lister.key(of: object), wasAssigned: Self.nodeName(object) != nil))
            }
        }
        nodes.addHandler { [self] event in
            switch event {
            case .added(let object), .updated(_, let object):
                if let node = try? KubeClient.decode(Node.self, from: object) { post(.nodeUpserted(node)) }
            case .deleted(let object): post(.nodeDeleted(name: object.name))
            }
        }
        namespaces.addHandler { [self] event in
            switch event {
            case .added(let object), .updated(_, let object):
                let labels = object.labels
                post(.namespaceUpserted(name: object.name, labels: labels))
            case .deleted: break
            }
        }
    }

    /// What the scheduler parses and keeps of a pod: the metadata it reads, the spec without what
    /// no plugin looks at (volumes, ephemeral containers, and of each container all but name,
    /// resources, ports and restart policy), and of the status only the phase. Thousands of pods
    /// are cached, so this is most of the scheduler's memory; what it leaves out is never parsed.
    public static let podFields: JSONKeyFilter = {
        let container = JSONKeyFilter.keys(["name", "resources", "ports", "restartPolicy"])
        return .object([
            "metadata": .keys(["name", "namespace", "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "labels"]),
            "spec": .object(
                ["volumes": .skipped, "ephemeralContainers": .skipped, "containers": container, "initContainers": container],
                keepingOthers: true),
            "status": .keys(["phase"]),
        ])
    }()

    /// What the scheduler parses and keeps of a node: all but managedFields and, of the status,
    /// all but capacity and allocatable.
    static let nodeFields = JSONKeyFilter.object(
        ["metadata": .object(["managedFields": .skipped], keepingOthers: true), "status": .keys(["capacity", "allocatable"])],
        keepingOthers: true)

    static func nodeName(_ pod: JSONValue) -> String? {
        guard let name = pod["spec"]?["nodeName"]?.stringValue, !name.isEmpty else { return nil }
        return name
    }

    static func isTerminal(_ pod: JSONValue) -> Bool {
        let phase = pod["status"]?["phase"]?.stringValue
        return phase == "Succeeded" || phase == "Failed"
    }

    /// Turns a pod change into a loop event, skipping changes that do not matter to scheduling
    /// (status updates of running pods).
    private func podChanged(old: JSONValue?, new: JSONValue) {
        let key = Lister.key(of: new)
        let nodeName = Self.nodeName(new)
        if Self.isTerminal(new) {
            if let old, !Self.isTerminal(old) || Self.nodeName(old) == nil { post(.podDeleted(key: key, wasAssigned: nodeName != nil)) }
            return
        }
        if let old, let nodeName, Self.nodeName(old) == nil, old["metadata"]?["labels"] == new["metadata"]?["labels"] {
            post(.podAssigned(key: key, nodeName: nodeName, object: new))
            return
        }
        if let old, let nodeName, Self.nodeName(old) == nodeName,
            old["metadata"]?["labels"] == new["metadata"]?["labels"], old["spec"] == new["spec"],
            old["metadata"]?["deletionTimestamp"] == new["metadata"]?["deletionTimestamp"]
        {
            return
        }
        if nodeName == nil {
            guard (new["spec"]?["schedulerName"]?.stringValue ?? "default-scheduler") == configuration.schedulerName else { return }
            // Deleted, or held back by scheduling gates: not (or no longer) the scheduler's to place.
            if new["metadata"]?["deletionTimestamp"] != nil || !(new["spec"]?["schedulingGates"]?.arrayValue ?? []).isEmpty {
                post(.podDeleted(key: key, wasAssigned: false))
                return
            }
            if let old, old["spec"] == new["spec"], old["metadata"]?["labels"] == new["metadata"]?["labels"] { return }
        }
        guard let pod = try? podDecoder.decode(new) else {
            logger.warning("pod \(key) could not be decoded; skipped")
            return
        }
        post(.podUpserted(PodInfo(pod), nodeName: nodeName))
    }
}
