import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Logging
import Synchronization

/// The gRPC connections to the members of one etcd cluster. Requests go to the preferred member
/// and move to the next one when it cannot be reached (connection refused, no leader, timeout).
final class EtcdClient: Sendable {
    typealias Transport = EtcdMemberConnections.Transport

    /// One member's connections (see `EtcdMemberConnections`).
    struct Member: Sendable {
        let endpoint: EtcdConfiguration.Endpoint
        let connections: EtcdMemberConnections
        /// The KV service, for one unary call.
        var kv: Etcdserverpb_KV.Client<Transport> { Etcdserverpb_KV.Client(wrapping: connections.forCall()) }
        /// The watch service, for a long-lived stream.
        var watch: Etcdserverpb_Watch.Client<Transport> { Etcdserverpb_Watch.Client(wrapping: connections.forStream()) }
        /// The maintenance service, for one unary call.
        var maintenance: Etcdserverpb_Maintenance.Client<Transport> {
            Etcdserverpb_Maintenance.Client(wrapping: connections.forCall())
        }
    }

    let members: [Member]
    private let preferred = Atomic<Int>(0)
    private let retries = Atomic<Int>(0)
    private let requestTimeout: Duration
    private let logger = Logger(label: "skiff.etcd")

    /// Opens (lazily) a connection to every endpoint of `configuration`.
    init(configuration: EtcdConfiguration) throws(StoreError) {
        var members: [Member] = []
        for endpoint in configuration.endpoints {
            do {
                let connections = try EtcdMemberConnections {
                    let transport = try Transport(
                        target: Self.target(endpoint), transportSecurity: Self.security(endpoint, configuration),
                        config: .defaults { $0.backoff = .init(initial: .milliseconds(100), max: .seconds(2), multiplier: 1.6, jitter: 0.2) })
                    return GRPCClient(transport: transport)
                }
                members.append(Member(endpoint: endpoint, connections: connections))
            } catch {
                throw StoreError(.backend, "cannot set up a connection to etcd at \(endpoint): \(error)")
            }
        }
        self.members = members
        requestTimeout = configuration.requestTimeout
    }

    /// Closes every connection.
    func close() async {
        for m in members { await m.connections.close() }
    }

    /// How many calls have been tried again (on another connection or member) since the client
    /// opened.
    var retriedCalls: Int { retries.load(ordering: .relaxed) }

    /// The member requests go to first.
    var preferredMember: Int { preferred.load(ordering: .relaxed) % members.count }

    /// Moves the preference past `index` (once, however many callers saw it fail).
    func failedOver(from index: Int) {
        _ = preferred.compareExchange(expected: index, desired: (index + 1) % members.count, ordering: .relaxed)
    }

    /// Call options of a unary request: a deadline, and failing at once when the member is down
    /// rather than waiting for it.
    var unaryOptions: CallOptions {
        var options = CallOptions.defaults
        options.timeout = requestTimeout
        options.waitForReady = false
        options.maxResponseMessageBytes = 64 << 20
        return options
    }

    /// Runs `body` against the preferred member, failing over on unreachable members (three rounds
    /// over all members with a short pause between rounds) and mapping errors to `StoreError`.
    func call<T: Sendable>(
        _ what: String, _ body: @Sendable (Member, CallOptions) async throws -> T
    ) async throws(StoreError) -> T {
        try await callCountingAttempts(what, body).value
    }

    /// `call`, also telling whether an earlier attempt failed in a way that leaves open whether
    /// etcd applied it (a timeout, a dropped connection): a write's caller then checks whether
    /// the outcome it sees is its own first attempt.
    func callCountingAttempts<T: Sendable>(
        _ what: String, _ body: @Sendable (Member, CallOptions) async throws -> T
    ) async throws(StoreError) -> (value: T, retried: Bool) {
        var lastError: (any Error)?
        let attempts = members.count * 3
        for attempt in 0..<attempts {
            let index = preferredMember
            do {
                return (try await body(members[index], unaryOptions), attempt > 0)
            } catch let error as RPCError where Self.isUnreachable(error) && !Task.isCancelled {
                lastError = error
                retries.add(1, ordering: .relaxed)
                logger.warning("etcd: \(what) at \(members[index].endpoint) failed (\(error.code): \(error.message)); retrying")
                failedOver(from: index)
                if (attempt + 1) % members.count == 0, attempt + 1 < attempts {
                    try? await Task.sleep(for: .milliseconds(200 * (attempt + 1) / members.count))
                }
            } catch {
                throw Self.storeError(error, what)
            }
        }
        throw StoreError(
            .backend, "\(what): no etcd member reachable at \(members.map(\.endpoint.description).joined(separator: ",")): \(lastError.map { "\($0)" } ?? "")")
    }

    /// True for errors that mean "try another member": connection failures, no leader, timeouts.
    static func isUnreachable(_ error: RPCError) -> Bool {
        switch error.code {
        case .unavailable, .deadlineExceeded, .cancelled: return true
        case .unknown, .internalError: return error.message.contains("leader") || error.message.contains("timed out")
        default: return false
        }
    }

    /// Maps etcd's errors to the storage module's: compacted and future revisions keep their code.
    static func storeError(_ error: any Error, _ what: String) -> StoreError {
        if let e = error as? StoreError { return e }
        if let rpc = error as? RPCError {
            if rpc.message.contains("required revision has been compacted") {
                return StoreError(.compacted, "\(what): \(rpc.message)")
            }
            if rpc.message.contains("required revision is a future revision") {
                return StoreError(.futureRevision, "\(what): \(rpc.message)")
            }
            return StoreError(.backend, "\(what): etcd: \(rpc.code): \(rpc.message)")
        }
        return StoreError(.backend, "\(what): \(error)")
    }

    private static func target(_ endpoint: EtcdConfiguration.Endpoint) -> any ResolvableTarget {
        if endpoint.host.contains(":") { return .ipv6(host: endpoint.host, port: endpoint.port) }
        let parts = endpoint.host.split(separator: ".")
        if parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) {
            return .ipv4(host: endpoint.host, port: endpoint.port)
        }
        return .dns(host: endpoint.host, port: endpoint.port)
    }

    private static func security(
        _ endpoint: EtcdConfiguration.Endpoint, _ configuration: EtcdConfiguration
    ) -> Transport.TransportSecurity {
        guard endpoint.secure else { return .plaintext }
        return .tls { tls in
            if let ca = configuration.caFile {
                tls.trustRoots = .certificates([.file(path: ca, format: .pem)])
            }
            if let cert = configuration.certFile, let key = configuration.keyFile {
                tls.certificateChain = [.file(path: cert, format: .pem)]
                tls.privateKey = .file(path: key, format: .pem)
            }
        }
    }
}
