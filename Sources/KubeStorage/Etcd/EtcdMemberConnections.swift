import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Synchronization

/// The gRPC connections to one etcd member. Unary calls go to the current connection, which
/// is replaced by a fresh one every `callsPerConnection` calls; the replaced one is shut down
/// gracefully a moment later, so the calls handed it meanwhile still start and those in flight
/// finish on it.
///
/// Why: the HTTP/2 client (swift-nio-http2's denial-of-service limits, kept by grpc-swift's
/// pipeline) closes a connection whose peer sends more than 200 control frames in 30 s (or 200
/// resets in 10 s), and etcd's grpc-go server sends about one per call (most likely a
/// bandwidth-estimation PING). Without the rotation the connection dropped every 198 calls,
/// failing everything in flight on it. Long-lived streams (watches) stay on the connection they
/// started on.
final class EtcdMemberConnections: Sendable {
    typealias Transport = HTTP2ClientTransport.Posix

    /// Calls per connection: below the limit with a full set of concurrent calls still in flight
    /// when the connection is replaced.
    static let defaultCallsPerConnection = 100

    /// How long a replaced connection still takes new calls before it shuts down.
    static let retirementDelay: Duration = .seconds(1)

    private struct State {
        var current: GRPCClient<Transport>
        var runner: Task<Void, Never>
        var calls = 0
    }

    private let connect: @Sendable () throws -> GRPCClient<Transport>
    private let callsPerConnection: Int
    private let state: Mutex<State>

    /// Opens (lazily) a first connection with `connect`, which makes each new one.
    init(callsPerConnection: Int = defaultCallsPerConnection, connect: @escaping @Sendable () throws -> GRPCClient<Transport>) throws {
        self.connect = connect
        self.callsPerConnection = callsPerConnection
        let first = try connect()
        state = Mutex(State(current: first, runner: Self.run(first)))
    }

    private static func run(_ client: GRPCClient<Transport>) -> Task<Void, Never> {
        Task { try? await client.runConnections() }
    }

    /// The connection for the next unary call, counting it.
    func forCall() -> GRPCClient<Transport> {
        let (client, retired) = state.withLock { s -> (GRPCClient<Transport>, GRPCClient<Transport>?) in
            s.calls += 1
            guard s.calls > callsPerConnection, let fresh = try? connect() else { return (s.current, nil) }
            let old = s.current
            s.current = fresh
            s.runner = Self.run(fresh)
            s.calls = 1
            return (fresh, old)
        }
        if let retired {
            // Callers that were just handed the retired connection start their calls on it
            // first: a connection shutting down refuses new calls.
            Task {
                try? await Task.sleep(for: Self.retirementDelay)
                retired.beginGracefulShutdown()
            }
        }
        return client
    }

    /// The connection for a long-lived stream (not counted).
    func forStream() -> GRPCClient<Transport> { state.withLock { $0.current } }

    /// Shuts the current connection down and waits for it; replaced ones close as their last
    /// calls finish.
    func close() async {
        let (client, runner) = state.withLock { ($0.current, $0.runner) }
        client.beginGracefulShutdown()
        await runner.value
    }
}
