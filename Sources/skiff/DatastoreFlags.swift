import ArgumentParser
import KubeStorage
import Logging

/// Where the cluster state lives: the flags `skiff server`, `skiff etcd-snapshot` and
/// `skiff datastore` share (names as in k3s).
struct DatastoreFlags: ParsableArguments {
    @Option(
        name: .customLong("datastore-endpoint"),
        help: "Datastore: empty or sqlite:///path for the embedded store; http(s)://host:2379,... for etcd.")
    var endpoint = ""

    @Option(name: .customLong("datastore-cafile"), help: "CA certificate (PEM) of the etcd members.")
    var caFile: String?

    @Option(name: .customLong("datastore-certfile"), help: "Client certificate (PEM) presented to etcd.")
    var certFile: String?

    @Option(name: .customLong("datastore-keyfile"), help: "Private key (PEM) of the etcd client certificate.")
    var keyFile: String?

    /// True when the endpoint names etcd.
    var isEtcd: Bool { endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") }

    /// The backend's name, as snapshots record it.
    var backendName: String { isEtcd ? "etcd" : "sqlite" }

    /// The SQLite database file: the `sqlite://` path, else `<dataDir>/db/state.db`.
    func sqlitePath(dataDir: String) throws -> String {
        if endpoint.hasPrefix("sqlite://") { return String(endpoint.dropFirst("sqlite://".count)) }
        guard endpoint.isEmpty else {
            throw ValidationError("unsupported --datastore-endpoint \(endpoint): use sqlite:///path or http(s)://host:port for etcd")
        }
        return "\(dataDir)/db/state.db"
    }

    /// Opens the store, waiting up to a minute for etcd to answer.
    func open(dataDir: String, logger: Logger) async throws -> any KeyValueStore {
        guard isEtcd else { return try SQLiteStore(path: try sqlitePath(dataDir: dataDir)) }
        let configuration = try EtcdConfiguration(endpoints: endpoint, caFile: caFile, certFile: certFile, keyFile: keyFile)
        let store = try EtcdStore(configuration: configuration)
        logger.info("waiting for etcd at \(endpoint)")
        try await store.waitUntilReachable(timeout: .seconds(60))
        return store
    }

    /// Runs `body` on the opened store and closes it afterwards, also when `body` throws.
    func withStore<T>(dataDir: String, _ body: (any KeyValueStore) async throws -> T) async throws -> T {
        try await open(dataDir: dataDir, logger: Logger(label: "skiff.datastore")).closing(after: body)
    }
}
