import Foundation
import Testing

@testable import KubeAPI

@Suite struct PodTemplateValidationTests {
    @Test func templateIsValidatedAsAPodTemplate() throws {
        let ok = #"{"metadata":{"name":"t","namespace":"d"},"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}"#
        #expect(try validationMessages("PodTemplate", group: "", ok).isEmpty)
        let bad = #"{"metadata":{"name":"t","namespace":"d"},"template":{"spec":{"containers":[{"name":"C_1"}]}}}"#
        let messages = try validationMessages("PodTemplate", group: "", bad)
        #expect(messages.contains { $0.hasPrefix("template.spec.containers[0].name: Invalid value: \"C_1\"") }, "\(messages)")
        #expect(messages.contains("template.spec.containers[0].image: Required value"), "\(messages)")
    }
}
