import KubeAPI
import Logging
import Synchronization

/// One informer per resource, shared by every controller that asks for it (client-go's
/// `SharedInformerFactory`), so a process holding many controllers lists and caches each
/// resource once. Ask for informers first, then `run` starts them all.
public final class SharedInformers: Sendable {
    private let client: KubeClient
    private let informers = Mutex<[String: Informer]>([:])
    private let transforms: [String: @Sendable (JSONValue) -> JSONValue]
    private let defaultTransform: (@Sendable (JSONValue) -> JSONValue)?
    private let filters: [String: JSONKeyFilter]
    private let defaultFilter: JSONKeyFilter

    /// Informers reading through `client`. `transforms` (by resource name, such as `pods`) trims
    /// objects before they are cached (see `Informer.init`); `defaultTransform` applies to the
    /// resources `transforms` does not name. `filters` (by resource name) says what of each object
    /// is parsed, `defaultFilter` for the others (see `Informer.init`).
    public init(
        client: KubeClient, transforms: [String: @Sendable (JSONValue) -> JSONValue] = [:],
        defaultTransform: (@Sendable (JSONValue) -> JSONValue)? = nil, filters: [String: JSONKeyFilter] = [:],
        defaultFilter: JSONKeyFilter = .whole
    ) {
        self.client = client
        self.filters = filters
        self.defaultFilter = defaultFilter
        self.transforms = transforms
        self.defaultTransform = defaultTransform
    }

    /// The shared informer for `resource`, created on first use.
    public func informer(_ resource: ResourceInfo) -> Informer {
        informers.withLock { all in
            let key = "\(resource.group)/\(resource.resource)"
            if let existing = all[key] { return existing }
            let made = Informer(
                client: client, resource: resource, transform: transforms[resource.resource] ?? defaultTransform,
                keeping: filters[resource.resource] ?? defaultFilter)
            all[key] = made
            return made
        }
    }

    /// Every informer asked for so far.
    public var all: [Informer] { informers.withLock { Array($0.values) } }

    /// Runs every informer asked for so far until cancelled.
    public func run(logger: Logger = Logger(label: "skiff.informer")) async {
        await withTaskGroup(of: Void.self) { group in
            for informer in all { group.addTask { await informer.run(logger: logger) } }
        }
    }

    /// Waits until every informer asked for so far has loaded its first list, or the calling
    /// task is cancelled.
    public func waitForSync() async {
        for informer in all { await informer.waitForSync() }
    }
}
