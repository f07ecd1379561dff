import Foundation
import Testing

@testable import KubeRuntime

/// `du`'s counting: allocated blocks and distinct inodes.
@Suite struct DirectoryUsageTests {
    @Test func blocksAndInodesCountEachHardLinkedFileOnce() throws {
        let root = NSTemporaryDirectory() + "skiff-du-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        try Data(repeating: 7, count: 100_000).write(to: URL(fileURLWithPath: root + "/sub/big"))
        try FileManager.default.linkItem(atPath: root + "/sub/big", toPath: root + "/again")
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: "/etc")
        let usage = try #require(DirectoryUsage.measure(root))
        // root, sub, big (twice linked, once counted), the symlink (not followed).
        #expect(usage.inodes == 4)
        #expect(usage.bytes >= 100_000 && usage.bytes < 200_000)
        #expect(DirectoryUsage.measure(root + "/missing") == nil)
    }
}
