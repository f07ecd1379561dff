import Hummingbird
import HummingbirdTesting
import KubeAPI
import KubeStorage
import NIOCore
import Synchronization
import Testing

@testable import KubeAPIServer

/// Once the server's caches stop following the store (`APIServer.run` ended: the server is
/// stopping), a read that needs them to catch up, and a new watch, are answered 503 instead of
/// waiting for ever (or until the watch's timeout), which would hold the HTTP server's graceful
/// shutdown, and so the process.
@Suite struct StoppedCachesTests {
    static let path = "/api/v1/namespaces/default/configmaps"

    @Test func aReadWaitingForTheCachesIsAnsweredWhenTheyStop() async throws {
        let store = HeldWatchStore()
        let server = try await APIServer.start(store: store)
        let follower = Task { try await server.run() }
        let app = Application(responder: server.responder)
        try await app.test(.router) { client in
            let h = APIServerHarness(server: server, client: client)
            // The caches stop seeing the store's changes, and the store moves past them.
            store.flowing.withLock { $0 = false }
            let (code, created) = try await h.send(.post, Self.path, Fixtures.configMap("later"))
            #expect(code == 201, "\(created)")
            // A consistent list waits for the caches to catch up; they never will.
            let answer = Mutex<(Int, JSONValue)?>(nil)
            let reader = Task {
                let got = try await h.send(.get, Self.path)
                answer.withLock { $0 = got }
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(answer.withLock { $0 } == nil, "the read waits while the caches are behind")
            follower.cancel()
            _ = try? await follower.value
            for _ in 0..<500 where answer.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
            let waited = try #require(answer.withLock { $0 }, "the waiting read was answered once the caches stopped")
            #expect(waited.0 == 503 && waited.1["reason"] == "ServiceUnavailable", "\(waited.1)")
            try await reader.value
            // A read that arrives after they stopped is refused at once; one they can serve is not.
            let (late, status) = try await h.send(.get, Self.path)
            #expect(late == 503 && status["message"] == "the API server is shutting down", "\(status)")
            let (cached, _) = try await h.send(.get, Self.path + "?resourceVersion=0")
            #expect(cached == 200, "a read of any version is served from the caches as they are")
            // A watch would get no event, bookmark or end until its timeout: it is refused.
            let (watch, refusal) = try await h.send(.get, Self.path + "?watch=true&resourceVersion=0")
            #expect(watch == 503 && refusal["reason"] == "ServiceUnavailable", "\(watch) \(refusal)")
        }
    }
}
