import KubeAPI
import Logging
import Synchronization

/// A change an informer saw (or a periodic resync of an unchanged object).
public enum InformerEvent: Sendable {
    case added(JSONValue)
    case updated(old: JSONValue, new: JSONValue)
    case deleted(JSONValue)
}

/// Keeps a `Lister` in step with the server by list-then-watch, re-listing when the watch's
/// resourceVersion has expired (410) and re-watching when the server ends a watch, and hands
/// every change to its handlers. Periodic resync re-delivers every object as an update.
public final class Informer: Sendable {
    public let resource: ResourceInfo
    public let lister = Lister()
    let client: KubeClient
    let namespace: String?
    let options: ListOptions
    let resyncPeriod: Duration?
    let transform: (@Sendable (JSONValue) -> JSONValue)?
    /// What of each listed or watched object is parsed (see `KubeClient.watch`).
    let keeping: JSONKeyFilter
    private let handlers = Mutex<[@Sendable (InformerEvent) -> Void]>([])
    /// Fires when the first list has loaded.
    private let synced = ReadySignal()

    /// An informer for `resource` (in `namespace`, or all). `transform`, when given, is applied to
    /// every object before it is cached and handed to handlers, to drop what the caller never
    /// reads (managedFields, status details) and keep the cache small, like client-go's
    /// `SetTransform`. Of list items and watch events only what `keeping` keeps is parsed
    /// (`.withoutManagedFields`, or what `transform` keeps); it must keep `metadata.name`,
    /// `metadata.namespace` and `metadata.resourceVersion`, which the informer reads.
    public init(
        client: KubeClient, resource: ResourceInfo, namespace: String? = nil, options: ListOptions = ListOptions(),
        resyncPeriod: Duration? = nil, transform: (@Sendable (JSONValue) -> JSONValue)? = nil, keeping: JSONKeyFilter = .whole
    ) {
        self.transform = transform
        self.keeping = keeping
        self.client = client
        self.resource = resource
        self.namespace = namespace
        self.options = options
        self.resyncPeriod = resyncPeriod
    }

    /// Adds a handler; it is called serially, in event order.
    public func addHandler(_ handler: @escaping @Sendable (InformerEvent) -> Void) {
        handlers.withLock { $0.append(handler) }
    }

    /// Waits until the first list has been loaded, or the calling task is cancelled (callers
    /// check `Task.isCancelled` afterwards): a component stopped before its informers synced
    /// must not wait for a list that its stopped informers will never load.
    public func waitForSync() async { await synced.wait() }

    private func emit(_ events: [InformerEvent]) {
        let hs = handlers.withLock { $0 }
        for e in events { for h in hs { h(e) } }
    }

    /// Lists and watches until cancelled; transport errors are retried after a short pause.
    public func run(logger: Logger = Logger(label: "skiff.informer")) async {
        var lastResync = ContinuousClock.now
        while !Task.isCancelled {
            do {
                // Pages of 500, as client-go's reflector lists, so a large first list is never
                // held as one response and one parsed tree.
                var listOptions = options
                if listOptions.limit == nil { listOptions.limit = 500 }
                let list = try await client.listAll(
                    resource, namespace: namespace, options: listOptions, transform: transform, keeping: keeping)
                emit(lister.replace(list.items))
                synced.fire()
                var rv = list.resourceVersion
                watching: while !Task.isCancelled {
                    var watchOptions = options
                    watchOptions.resourceVersion = rv
                    let stream = client.watch(
                        resource, namespace: namespace, options: watchOptions, timeoutSeconds: Int.random(in: 300...600),
                        keeping: keeping)
                    for try await event in stream {
                        if event.type == "ERROR" {
                            if event.object["code"]?.intValue == 410 { break watching }
                            throw ClientError(code: Int(event.object["code"]?.intValue ?? 0), message: event.object["message"]?.stringValue ?? "watch error")
                        }
                        if let newRV = event.object["metadata"]?["resourceVersion"]?.stringValue, !newRV.isEmpty { rv = newRV }
                        if event.type == "BOOKMARK" { continue }
                        let object = transform?(event.object) ?? event.object
                        if let e = lister.apply(event.type, object) { emit([e]) }
                        if let period = resyncPeriod, ContinuousClock.now - lastResync > period {
                            lastResync = .now
                            emit(lister.list().map { .updated(old: $0, new: $0) })
                        }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.debug("informer \(resource.resource): \(error); retrying")
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
