import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Kubernetes protobuf bodies captured from kubectl")
struct KubectlProtobufFixtureTests {
    @Test(
        "each captured body decodes to the JSON kubectl prints for the same object",
        arguments: KubectlProtobufFixtures.all)
    func decodesLikeJSON(_ fixture: KubectlProtobufFixtures.Fixture) throws {
        let body = try #require(Data(base64Encoded: fixture.base64))
        let decoded = try KubeProtobuf.decode(Array(body))
        #expect(decoded == (try jsonValue(fixture.expectedJSON)), "\(fixture.command)")
        #expect(decoded.objectValue?.keys.prefix(2) == ["apiVersion", "kind"])
    }

    @Test("a kind the server does not serve (kubectl create quota) is a bad request, not a crash")
    func unservedKind() throws {
        let quota =
            "azhzAAoTCgJ2MRINUmVzb3VyY2VRdW90YRJJChgKCHBidGVzdC1xEgAaACIAKgAyADgAQgASKwoKCgNjcHUSAwoBMQoPCgZtZW1v"
            + "cnkSBQoDMUdpCgwKBHBvZHMSBAoCMTAaABoAIgA="
        let body = try #require(Data(base64Encoded: quota))
        #expect(throws: APIError.self) { try KubeProtobuf.decode(Array(body)) }
        do {
            _ = try KubeProtobuf.decode(Array(body))
        } catch {
            #expect(error.code == 400)
            #expect(error.message.contains("ResourceQuota"))
        }
    }
}
