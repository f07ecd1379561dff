import Foundation
import KubeRuntime
import Logging
import Synchronization
import Testing

@testable import Kubelet

/// Image GC decisions against an in-memory image service whose filesystem usage follows the
/// images it holds, with an injected clock.
@Suite struct ImageGCTests {
    /// A test clock and the node events a collector reported.
    final class Recorder: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let events = Mutex<[String]>([])
        func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    static func image(_ letter: Character, size: Int64) -> ImageRecord {
        ImageRecord(
            id: "sha256:" + String(repeating: letter, count: 64), repoTags: ["example.com/\(letter):v1"], repoDigests: [], size: size,
            config: ImageConfig(), layers: [])
    }

    let a = image("a", size: 100), b = image("b", size: 50), c = image("c", size: 50)

    func collector(
        _ images: InMemoryImageService, _ runtime: InMemoryRuntime, _ recorder: Recorder, minimumAge: Duration = .seconds(120),
        maximumAge: Duration = .zero
    ) -> ImageGC {
        var logger = Logger(label: "test.imagegc")
        logger.logLevel = .critical
        return ImageGC(
            images: images, runtime: runtime,
            policy: ImageGC.Policy(highThresholdPercent: 85, lowThresholdPercent: 80, minimumAge: minimumAge, maximumAge: maximumAge),
            now: { recorder.time.withLock { $0 } }, warn: { reason, message in recorder.events.withLock { $0.append("\(reason): \(message)") } },
            logger: logger)
    }

    /// Runs a container of `image` in a fresh sandbox; returns its id.
    func use(_ image: ImageRecord, in runtime: InMemoryRuntime) async throws -> String {
        let sandbox = try await runtime.runPodSandbox(PodSandboxConfig(name: "p", namespace: "default", uid: UUID().uuidString, hostname: "p", logDirectory: ""))
        let id = try await runtime.createContainer(
            sandboxID: sandbox, ContainerConfig(name: "app", image: image.repoTags[0], imageID: image.id, layerPaths: [], argv: ["httpd", "-f"], logPath: ""))
        try await runtime.startContainer(id)
        return id
    }

    @Test func overTheHighThresholdTheLeastRecentlyUsedUnusedImagesGo() async throws {
        let images = InMemoryImageService(registry: [], present: [a, b, c])
        await images.setFilesystem(capacityBytes: 1000, otherUsedBytes: 0)
        let runtime = InMemoryRuntime()
        let recorder = Recorder()
        let gc = collector(images, runtime, recorder)
        _ = try await use(a, in: runtime)
        let onC = try await use(c, in: runtime)
        try await gc.garbageCollect()  // 20% used: images are only noted (c as used now)
        #expect(try await images.listImages().count == 3)

        try await runtime.removeContainer(onC)
        await images.setFilesystem(capacityBytes: 1000, otherUsedBytes: 650)  // 850 of 1000 used: 85%
        recorder.advance(180)
        try await gc.garbageCollect()
        // 50 bytes bring usage to 80%: b (never used) goes before c (used 3 minutes ago); a is in use.
        #expect(try await images.listImages().map(\.id) == [a.id, c.id])
        #expect(recorder.events.withLock { $0 }.isEmpty)

        try await gc.garbageCollect()  // now at 80%: under the high threshold
        #expect(try await images.listImages().count == 2)
    }

    @Test func imagesUnusedForLongerThanTheMaximumAgeGoWhateverTheUsage() async throws {
        let images = InMemoryImageService(registry: [], present: [a, b, c])
        await images.setFilesystem(capacityBytes: 1000, otherUsedBytes: 0)  // far under the threshold
        let runtime = InMemoryRuntime()
        let recorder = Recorder()
        let gc = collector(images, runtime, recorder, maximumAge: .seconds(600))
        _ = try await use(a, in: runtime)
        let onC = try await use(c, in: runtime)
        try await gc.garbageCollect()  // t = 0
        recorder.advance(300)
        try await gc.garbageCollect()  // t = 300: c used now; the collector has not run 600 s yet
        #expect(try await images.listImages().count == 3)
        try await runtime.removeContainer(onC)

        recorder.advance(400)
        try await gc.garbageCollect()  // t = 700: b was never used; c was used 400 s ago
        #expect(try await images.listImages().map(\.id) == [a.id, c.id])
        recorder.advance(250)
        try await gc.garbageCollect()  // t = 950: c unused for 650 s; a in use
        #expect(try await images.listImages().map(\.id) == [a.id])
        #expect(recorder.events.withLock { $0 }.isEmpty)
    }

    @Test func withoutAMaximumAgeUnusedImagesStayUnderTheThreshold() async throws {
        let images = InMemoryImageService(registry: [], present: [a, b])
        await images.setFilesystem(capacityBytes: 1000, otherUsedBytes: 0)
        let recorder = Recorder()
        let gc = collector(images, InMemoryRuntime(), recorder)
        try await gc.garbageCollect()
        recorder.advance(365 * 24 * 3600)
        try await gc.garbageCollect()
        #expect(try await images.listImages().count == 2)
    }

    @Test func freeingTooLittleIsAFreeDiskSpaceFailedEvent() async throws {
        let images = InMemoryImageService(registry: [], present: [a, b])
        await images.setFilesystem(capacityBytes: 1000, otherUsedBytes: 800)  // 950 used
        let runtime = InMemoryRuntime()
        let recorder = Recorder()
        let gc = collector(images, runtime, recorder, minimumAge: .zero)
        _ = try await use(a, in: runtime)
        let error = await #expect(throws: KubeletError.self) { try await gc.garbageCollect() }
        let message = "Failed to garbage collect required amount of images. Attempted to free 150 bytes, but only found 50 bytes eligible to free."
        #expect(error?.message == message)
        #expect(recorder.events.withLock { $0 } == ["FreeDiskSpaceFailed: \(message)"])
        #expect(try await images.listImages().map(\.id) == [a.id])
    }

    @Test func aZeroCapacityIsInvalidDiskCapacity() async throws {
        let images = InMemoryImageService(registry: [], present: [b])
        await images.setFilesystem(capacityBytes: 0, otherUsedBytes: 0)
        let recorder = Recorder()
        let gc = collector(images, InMemoryRuntime(), recorder)
        await #expect(throws: KubeletError.self) { try await gc.garbageCollect() }
        #expect(recorder.events.withLock { $0 } == ["InvalidDiskCapacity: invalid capacity 0 on image filesystem"])
        #expect(try await images.listImages().count == 1)
    }
}
