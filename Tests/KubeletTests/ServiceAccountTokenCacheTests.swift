import Foundation
import Synchronization
import Testing

@testable import Kubelet

/// A token source that numbers the tokens it issues, each valid `expirationSeconds` from the
/// fake clock's time.
final class CountingTokenSource: ConfigSource {
    let clock: FakeWallClock
    let issued = Mutex(0)

    init(clock: FakeWallClock) { self.clock = clock }

    func configMap(namespace: String, name: String) async throws -> [String: [UInt8]]? { ["k": Array("v".utf8)] }
    func secret(namespace: String, name: String) async throws -> [String: [UInt8]]? { nil }

    func serviceAccountToken(_ request: ServiceAccountTokenRequest) async throws -> ServiceAccountToken {
        let n = issued.withLock { $0 += 1; return $0 }
        return ServiceAccountToken(
            token: Array("token-\(n)".utf8), expiration: clock.now.addingTimeInterval(Double(request.expirationSeconds)))
    }
}

/// A wall clock that moves only when told.
final class FakeWallClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { time.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite struct ServiceAccountTokenCacheTests {
    static func request(pod: String = "uid-1", seconds: Int = 3600) -> ServiceAccountTokenRequest {
        ServiceAccountTokenRequest(
            namespace: "ns", serviceAccount: "default", audiences: [], expirationSeconds: seconds, podName: "p", podUID: pod)
    }

    @Test func aTokenIsKeptUntilFourFifthsOfItsLifetimeHavePassed() async throws {
        let clock = FakeWallClock()
        let source = CountingTokenSource(clock: clock)
        let cache = ServiceAccountTokenCache(source: source, now: { clock.now })
        #expect(try await cache.serviceAccountToken(Self.request()).token == Array("token-1".utf8))
        clock.advance(2879)  // 80% of 3600 s is 2880 s
        #expect(try await cache.serviceAccountToken(Self.request()).token == Array("token-1".utf8))
        clock.advance(1)
        #expect(try await cache.serviceAccountToken(Self.request()).token == Array("token-2".utf8))
        #expect(source.issued.withLock { $0 } == 2)
    }

    @Test func aLongLivedTokenIsReplacedAfterADay() async throws {
        let clock = FakeWallClock()
        let source = CountingTokenSource(clock: clock)
        let cache = ServiceAccountTokenCache(source: source, now: { clock.now })
        let week = 7 * 24 * 3600
        _ = try await cache.serviceAccountToken(Self.request(seconds: week))
        clock.advance(24 * 3600 - 1)
        #expect(try await cache.serviceAccountToken(Self.request(seconds: week)).token == Array("token-1".utf8))
        clock.advance(1)
        #expect(try await cache.serviceAccountToken(Self.request(seconds: week)).token == Array("token-2".utf8))
    }

    @Test func eachPodAndLifetimeHasItsOwnTokenAndExpiredOnesAreDropped() async throws {
        let clock = FakeWallClock()
        let source = CountingTokenSource(clock: clock)
        let cache = ServiceAccountTokenCache(source: source, now: { clock.now })
        _ = try await cache.serviceAccountToken(Self.request(pod: "a"))
        _ = try await cache.serviceAccountToken(Self.request(pod: "b"))
        _ = try await cache.serviceAccountToken(Self.request(pod: "a", seconds: 600))
        #expect(source.issued.withLock { $0 } == 3)
        #expect(cache.count == 3)
        clock.advance(3601)  // every token has expired; storing a new one drops them
        _ = try await cache.serviceAccountToken(Self.request(pod: "c"))
        #expect(cache.count == 1)
    }

    @Test func configMapsPassThrough() async throws {
        let cache = ServiceAccountTokenCache(source: CountingTokenSource(clock: FakeWallClock()))
        #expect(try await cache.configMap(namespace: "ns", name: "x") == ["k": Array("v".utf8)])
        #expect(try await cache.secret(namespace: "ns", name: "x") == nil)
    }
}
