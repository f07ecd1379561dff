import CMallocTuning
import Foundation
import Testing

@Suite struct CodePageReleaseTests {
    /// `RssFile` of this process, in KiB.
    func residentFileKB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssFile:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    @Test func droppingTheCodeMappingsLowersResidentFilePagesAndTheCodeStillRuns() throws {
        let before = try residentFileKB()
        let released = skiff_release_code_pages()
        let after = try residentFileKB()
        #expect(released > 0, "the test binary's code was resident, so some was dropped")
        #expect(after < before, "RssFile \(before) KiB before, \(after) KiB after")
        // Code runs again from the page cache: Foundation, the Swift runtime, malloc.
        let text = (1...1_000).map(String.init).joined(separator: ",")
        #expect(text.split(separator: ",").count == 1_000)
        #expect(skiff_malloc_trim() == 1)
    }
}
