import Foundation
import Testing

@testable import KubeNetwork

/// The runner of `ip` and friends.
@Suite struct NetworkCommandTests {
    /// Swift concurrency's threads block most signals; the tools must not inherit that (a
    /// blocked SIGALRM or SIGTERM makes timeouts hang).
    @Test func toolsRunWithNoSignalsBlocked() async throws {
        let status = try await NetworkCommand(netnsPath: nil).run("grep", ["SigBlk", "/proc/self/status"])
        #expect(status.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "SigBlk:\t0000000000000000")
    }

    @Test func failuresCarryTheToolsOwnMessage() async throws {
        let error = await #expect(throws: NetworkError.self) {
            try await NetworkCommand(netnsPath: nil).ip(["link", "show", "skiff-no-such-link"], "show link")
        }
        #expect(error?.description == "show link: Device \"skiff-no-such-link\" does not exist.")
    }
}
