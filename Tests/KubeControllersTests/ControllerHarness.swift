import Foundation
import Hummingbird
import HummingbirdTesting
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeControllers
import KubeStorage
import Logging
import Testing

/// A live API server on a loopback port over an in-memory store, with the named controllers
/// running against it through a real `KubeClient`, for integration tests of controllers.
struct ControllerHarness {
    let client: KubeClient

    /// Starts the server and the controllers `controllers` (registry names), runs `body`, stops both.
    static func run(
        controllers: [String], options: ControllerOptions = ControllerOptions(),
        _ body: @Sendable (ControllerHarness) async throws -> Void
    ) async throws {
        let server = try await APIServer.start(store: MemoryStore())
        let follower = Task { try await server.run() }
        defer { follower.cancel() }
        let app = Application(responder: server.responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { testClient in
            let port = try #require(testClient.port)
            let kube = KubeClient(config: ClientConfig(server: "http://127.0.0.1:\(port)"), maxConnections: 32)
            let registrations = try ControllerRegistry.enabled(by: controllers)
            var logger = Logger(label: "test.controllers")
            logger.logLevel = .warning
            let manager = ControllerManager(
                context: ControllerContext(client: kube, options: options), registrations: registrations, logger: logger)
            let running = Task { await manager.run() }
            do {
                try await body(ControllerHarness(client: kube))
            } catch {
                running.cancel()
                await kube.shutdown()
                throw error
            }
            running.cancel()
            await kube.shutdown()
        }
    }

    /// Polls `condition` every 20 ms until it holds; fails with `what` after `timeout`.
    func eventually(
        _ what: String, timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw HarnessTimeout(what: what)
    }

    /// Every object of `resource` in `namespace`.
    func list(_ resource: ResourceInfo, namespace: String = "default") async throws -> [JSONValue] {
        try await client.listAll(resource, namespace: namespace).items
    }
}

/// `eventually` gave up.
struct HarnessTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}
