import Foundation
import Testing

@testable import KubeRuntime

/// The runtime's record cache: a record is decoded again whenever its file is replaced, and is
/// gone with its file.
struct RuncRecordCacheTests {
    private static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-records-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func rewrittenRecordsAreReadAgainAndRemovedOnesAreGone() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/c1/exit"
        try FileManager.default.createDirectory(atPath: dir + "/c1", withIntermediateDirectories: true)
        let cache = RuncRecordCache()
        #expect(cache.read(ExitRecord.self, from: path) == nil)

        try RuncRecords.write(ExitRecord(exitCode: 3, signal: 0, oomKilled: false, finishedAtNanos: 1), to: path)
        #expect(cache.read(ExitRecord.self, from: path)?.exitCode == 3)
        #expect(cache.count == 1)
        #expect(cache.read(ExitRecord.self, from: path)?.exitCode == 3)

        // Same size, new file (as every write is a rename): the new value is seen.
        try RuncRecords.write(ExitRecord(exitCode: 4, signal: 0, oomKilled: true, finishedAtNanos: 1), to: path)
        let reread = cache.read(ExitRecord.self, from: path)
        #expect(reread?.exitCode == 4)
        #expect(reread?.oomKilled == true)

        try FileManager.default.removeItem(atPath: path)
        #expect(cache.read(ExitRecord.self, from: path) == nil)
        #expect(cache.count == 0)
    }

    @Test func forgettingADirectoryDropsOnlyItsRecords() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = RuncRecordCache()
        for name in ["a", "ab"] {
            try FileManager.default.createDirectory(atPath: "\(dir)/\(name)", withIntermediateDirectories: true)
            try RuncRecords.write(ExitRecord(exitCode: 0, signal: 0, oomKilled: false, finishedAtNanos: 1), to: "\(dir)/\(name)/exit")
            #expect(cache.read(ExitRecord.self, from: "\(dir)/\(name)/exit") != nil)
        }
        cache.forget(under: "\(dir)/a")
        #expect(cache.count == 1)
        #expect(cache.read(ExitRecord.self, from: "\(dir)/ab/exit") != nil)
    }

    @Test func theCachedValueIsTheLastDecodedOneWithoutLookingAtTheFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/exit"
        let cache = RuncRecordCache()
        try RuncRecords.write(ExitRecord(exitCode: 1, signal: 0, oomKilled: false, finishedAtNanos: 1), to: path)
        #expect(cache.cached(ExitRecord.self, at: path) == nil)
        #expect(cache.read(ExitRecord.self, from: path)?.exitCode == 1)
        try RuncRecords.write(ExitRecord(exitCode: 2, signal: 0, oomKilled: false, finishedAtNanos: 1), to: path)
        #expect(cache.cached(ExitRecord.self, at: path)?.exitCode == 1)
        #expect(cache.cached(ContainerProcesses.self, at: path) == nil)
        #expect(cache.read(ExitRecord.self, from: path)?.exitCode == 2)
        #expect(cache.cached(ExitRecord.self, at: path)?.exitCode == 2)
    }

    private struct Labeled: Codable, Sendable {
        var labels: [String: String]
        var version: Int
    }

    @Test func aSelectionSkipsRecordsKnownNotToMatchWithoutReadingThem() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = RuncRecordCache()
        let (mine, other) = (dir + "/mine", dir + "/other")
        try RuncRecords.write(Labeled(labels: ["pod": "a"], version: 1), to: mine)
        try RuncRecords.write(Labeled(labels: ["pod": "b"], version: 1), to: other)
        let selector = ["pod": "a"]
        #expect(cache.read(Labeled.self, from: mine, matching: selector) { $0.labels }?.version == 1)
        #expect(cache.read(Labeled.self, from: other, matching: selector) { $0.labels } == nil)
        // A record's labels never change: the one known as pod b is not read again (a rewrite
        // that breaks that rule is not seen), while the selected one is read when it changes.
        try RuncRecords.write(Labeled(labels: ["pod": "a"], version: 2), to: other)
        try RuncRecords.write(Labeled(labels: ["pod": "a"], version: 2), to: mine)
        #expect(cache.read(Labeled.self, from: other, matching: selector) { $0.labels } == nil)
        #expect(cache.read(Labeled.self, from: mine, matching: selector) { $0.labels }?.version == 2)
        // Not yet cached: read and matched.
        let fresh = RuncRecordCache()
        #expect(fresh.read(Labeled.self, from: other, matching: selector) { $0.labels }?.version == 2)
        #expect(fresh.read(Labeled.self, from: other, matching: ["pod": "b"]) { $0.labels } == nil)
    }

    @Test func aRecordThatDoesNotDecodeIsNil() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("{\"exitCode\": \"no\"}".utf8).write(to: URL(fileURLWithPath: dir + "/exit"))
        let cache = RuncRecordCache()
        #expect(cache.read(ExitRecord.self, from: dir + "/exit") == nil)
        #expect(cache.count == 0)
    }
}
