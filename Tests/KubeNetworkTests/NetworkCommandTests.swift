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

    /// The child joins the namespace itself (no nsenter): its network namespace is the file's.
    @Test func toolsRunInsideTheNamespaceGiven() async throws {
        try TestNamespaces.requireTools()
        let namespaces = TestNamespaces()
        defer { namespaces.removeAll() }
        let path = try namespaces.add("cmd")
        var file = stat()
        #expect(stat(path, &file) == 0)
        let inside = try await NetworkCommand(netnsPath: path).run("readlink", ["/proc/self/ns/net"])
        #expect(inside.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "net:[\(file.st_ino)]")
        let stdin = try await NetworkCommand(netnsPath: path).run("cat", [], stdin: "fed through stdin\n")
        #expect(stdin.status == 0 && stdin.stdout == "fed through stdin\n")
        let exit = try await NetworkCommand(netnsPath: path).run("sh", ["-c", "exit 3"])
        #expect(exit.status == 3)
        await #expect(throws: NetworkError.self) {
            _ = try await NetworkCommand(netnsPath: path + "-missing").run("true", [])
        }
        await #expect(throws: NetworkError.self) { _ = try await NetworkCommand(netnsPath: nil).run("skiff-no-such-tool", []) }
    }

    @Test func failuresCarryTheToolsOwnMessage() async throws {
        let error = await #expect(throws: NetworkError.self) {
            try await NetworkCommand(netnsPath: nil).ip(["link", "show", "skiff-no-such-link"], "show link")
        }
        #expect(error?.description == "show link: Device \"skiff-no-such-link\" does not exist.")
    }
}
