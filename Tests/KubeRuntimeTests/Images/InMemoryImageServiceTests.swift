import Testing

@testable import KubeRuntime

@Suite struct InMemoryImageServiceTests {
    @Test func pullsWhatItOffersAndFailsOtherwise() async throws {
        let images = InMemoryImageService()
        try await images.offer("busybox")
        #expect(try await images.image("busybox") == nil)
        let record = try await images.pullImage("busybox:latest")
        #expect(try await images.image("docker.io/library/busybox")?.id == record.id)
        #expect(try await images.image(record.id) == record)
        let error = await #expect(throws: RuntimeError.self) { _ = try await images.pullImage("nothere") }
        #expect(error?.message.hasSuffix("docker.io/library/nothere:latest: not found") == true)
        #expect(await images.pulls == ["docker.io/library/busybox:latest", "docker.io/library/nothere:latest"])
        try await images.removeImage("busybox")
        #expect(try await images.listImages().isEmpty)
    }
}
