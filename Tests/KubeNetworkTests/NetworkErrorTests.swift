import Testing

@testable import KubeNetwork

@Suite struct NetworkErrorTests {
    struct Below: Error, CustomStringConvertible { var description: String { "RTNETLINK answers: File exists" } }

    @Test func describesItsMessageAndCause() {
        #expect(NetworkError("add veth").description == "add veth")
        #expect(NetworkError("add veth", cause: Below()).description == "add veth: RTNETLINK answers: File exists")
    }
}
