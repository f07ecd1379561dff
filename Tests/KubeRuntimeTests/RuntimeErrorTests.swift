import Testing

@testable import KubeRuntime

@Suite struct RuntimeErrorTests {
    struct Below: Error, CustomStringConvertible { var description: String { "exit status 1" } }

    @Test func describesItsMessageAndCause() {
        #expect(RuntimeError(.command, "runc start").description == "runc start")
        #expect(RuntimeError(.command, "runc start", cause: Below()).description == "runc start: exit status 1")
    }
}
