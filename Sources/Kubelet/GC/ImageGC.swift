import Foundation
import KubeRuntime
import Logging

/// The kubelet's image garbage collector (Kubernetes' `realImageGCManager`): when the image
/// filesystem is at least `highThresholdPercent` full, it removes unused images, least recently
/// used first (then first detected first), skipping those detected less than `minimumAge` ago,
/// until what it freed brings usage down to `lowThresholdPercent`. The image store frees the
/// blobs and unpacked layers no remaining image uses.
///
/// With a `maximumAge` (`imageMaximumGCAge`), each pass first removes the images not used
/// for longer than that, whatever the usage, once the collector has run that long.
///
/// When and how recently an image was used is remembered from pass to pass in memory, as in
/// Kubernetes: an image in use by any container (in any state) is "used" at that pass.
actor ImageGC {
    /// The thresholds and ages; Kubernetes' defaults are 85, 80, 2 minutes and none.
    struct Policy: Sendable, Hashable {
        var highThresholdPercent: Int
        var lowThresholdPercent: Int
        var minimumAge: Duration
        /// Zero: no maximum.
        var maximumAge: Duration = .zero
    }

    struct Record: Sendable, Hashable {
        var firstDetected: Date
        var lastUsed: Date?
        var size: Int64
    }

    let images: any ImageService
    let runtime: any RuntimeService
    let policy: Policy
    /// Where the image filesystem's usage is read (default: the image service).
    let usage: @Sendable () async throws -> FilesystemUsage
    let now: @Sendable () -> Date
    /// Records a Warning event about the node: reason and message.
    let warn: @Sendable (_ reason: String, _ message: String) -> Void
    let logger: Logger
    /// What is known of each stored image, by image id.
    private(set) var records: [String: Record] = [:]
    /// When the collector was made (the kubelet's start): no image is too old before
    /// `maximumAge` has passed since.
    let startedAt: Date

    init(
        images: any ImageService, runtime: any RuntimeService, policy: Policy,
        usage: (@Sendable () async throws -> FilesystemUsage)? = nil, now: @escaping @Sendable () -> Date = { Date() },
        warn: @escaping @Sendable (_ reason: String, _ message: String) -> Void, logger: Logger
    ) {
        self.images = images
        self.runtime = runtime
        self.policy = policy
        if let usage {
            self.usage = usage
        } else {
            self.usage = { @Sendable in try await images.imageFilesystem() }
        }
        self.now = now
        self.warn = warn
        self.logger = logger
        startedAt = now()
    }

    /// Notes new images (detected at `time`), marks the images containers use as used at `time`,
    /// and forgets images no longer stored.
    func detectImages(at time: Date) async throws {
        let stored = try await images.listImages()
        let inUse = Set(try await runtime.listContainers().map(\.config.imageID))
        var seen = Set<String>()
        for image in stored {
            seen.insert(image.id)
            var record = records[image.id] ?? Record(firstDetected: time, lastUsed: nil, size: image.size)
            record.size = image.size
            if inUse.contains(image.id) { record.lastUsed = time }
            records[image.id] = record
        }
        for id in records.keys where !seen.contains(id) { records[id] = nil }
    }

    /// One pass: reads usage and frees space when it is at or over the high threshold. Throws
    /// (after a `FreeDiskSpaceFailed` or `InvalidDiskCapacity` event, as Kubernetes) when it
    /// could not get under the low threshold.
    func garbageCollect() async throws {
        let time = now()
        try await detectImages(at: time)
        try await freeOldImages(at: time)
        let fs = try await usage()
        let capacity = fs.capacityBytes
        let available = min(fs.availableBytes, capacity)
        guard capacity > 0 else {
            let error = KubeletError(.other, "invalid capacity \(capacity) on image filesystem")
            warn("InvalidDiskCapacity", error.message)
            throw error
        }
        let usagePercent = 100 - Int(available * 100 / capacity)
        guard usagePercent >= policy.highThresholdPercent else { return }
        let amountToFree = capacity * Int64(100 - policy.lowThresholdPercent) / 100 - available
        logger.info(
            "Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold",
            metadata: [
                "usage": "\(usagePercent)", "highThreshold": "\(policy.highThresholdPercent)",
                "amountToFree": "\(amountToFree)", "lowThreshold": "\(policy.lowThresholdPercent)",
            ])
        let freed = try await freeSpace(amountToFree, at: time)
        if freed < amountToFree {
            let error = KubeletError(
                .other,
                "Failed to garbage collect required amount of images. Attempted to free \(amountToFree) bytes, but only found \(freed) bytes eligible to free.")
            warn("FreeDiskSpaceFailed", error.message)
            throw error
        }
    }

    /// Removes every image not in use whose last use (never, for one never used) is more than
    /// `maximumAge` before `time`, once the collector has run that long, as Kubernetes'
    /// `freeOldImages`. Removal failures are thrown at the end.
    func freeOldImages(at time: Date) async throws {
        let maximum = policy.maximumAge.seconds
        guard maximum > 0, time.timeIntervalSince(startedAt) > maximum else { return }
        var failures: [String] = []
        for (id, record) in records {
            let lastUsed = record.lastUsed ?? .distantPast
            // Images in use now were just marked used at `time`.
            guard lastUsed < time, time.timeIntervalSince(lastUsed) > maximum else { continue }
            logger.info("Removing image unused for longer than the maximum age", metadata: ["imageID": "\(id)", "lastUsed": "\(lastUsed)"])
            do {
                try await images.removeImage(id)
                records[id] = nil
            } catch {
                failures.append("\(error)")
            }
        }
        if !failures.isEmpty {
            throw KubeletError(.other, "errors removing images unused for longer than \(policy.maximumAge): [\(failures.joined(separator: ", "))]")
        }
    }

    /// Removes unused images old enough, least recently used first, until `bytesToFree` bytes
    /// are freed; returns the bytes freed. Removal failures are collected and thrown at the end.
    func freeSpace(_ bytesToFree: Int64, at time: Date) async throws -> Int64 {
        let ordered = records.sorted { a, b in
            let (lastA, lastB) = (a.value.lastUsed ?? .distantPast, b.value.lastUsed ?? .distantPast)
            if lastA != lastB { return lastA < lastB }
            return (a.value.firstDetected, a.key) < (b.value.firstDetected, b.key)
        }
        var freed: Int64 = 0
        var failures: [String] = []
        for (id, record) in ordered {
            // Images in use now were just marked used at `time`.
            if let lastUsed = record.lastUsed, lastUsed >= time { continue }
            if time.timeIntervalSince(record.firstDetected) < policy.minimumAge.seconds {
                logger.debug("Image's age is less than the policy's minAge, not eligible for garbage collection", metadata: ["imageID": "\(id)"])
                continue
            }
            logger.info("Removing image to free bytes", metadata: ["imageID": "\(id)", "size": "\(record.size)"])
            do {
                try await images.removeImage(id)
            } catch {
                failures.append("\(error)")
                continue
            }
            records[id] = nil
            freed += record.size
            if freed >= bytesToFree { break }
        }
        if !failures.isEmpty {
            throw KubeletError(
                .other, "wanted to free \(bytesToFree) bytes, but freed \(freed) bytes space with errors in image deletion: [\(failures.joined(separator: ", "))]")
        }
        return freed
    }

    /// Collects every `period` (at once first) until cancelled. As the kubelet: the first failure
    /// in a row is only logged, a repeated one is also an `ImageGCFailed` event.
    func run(period: Duration) async {
        var failedBefore = false
        while !Task.isCancelled {
            do {
                try await garbageCollect()
                failedBefore = false
            } catch {
                if failedBefore {
                    logger.error("Image garbage collection failed multiple times in a row", metadata: ["error": "\(error)"])
                    warn("ImageGCFailed", "\(error)")
                } else {
                    logger.error("Image garbage collection failed once. Stats initialization may not have completed yet", metadata: ["error": "\(error)"])
                }
                failedBefore = true
            }
            try? await Task.sleep(for: period)
        }
    }
}
