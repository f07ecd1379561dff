import CMallocTuning
import Foundation
import Testing

@Suite struct AllocatorTests {
    @Test func jemallocIsLinkedAndNamesItsVersion() {
        var buffer = [CChar](repeating: 0, count: 128)
        #expect(skiff_malloc_describe(&buffer, buffer.count) == 1, "mallctl answered: jemalloc is linked")
        let description = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(description.hasPrefix("jemalloc 5."), "\(description)")
    }

    @Test func mallocItselfIsJemallocsNotTheCLibrarys() throws {
        // The process-wide `malloc` (what libc, SQLite and the Swift runtime call) is jemalloc's,
        // not libc's.
        let symbol = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc"))
        let address = UInt(bitPattern: symbol)
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        let file = maps.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let range = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            guard range.count == 2, (range[0]..<range[1]).contains(address), fields.count >= 6 else { return nil }
            return String(fields[5])
        }.first
        #expect(file?.contains("libjemalloc.so") == true, "malloc is mapped from \(file ?? "nowhere")")
    }

    @Test func largeAllocationsShareTheOrdinaryArenas() {
        // Set by CMallocTuning's `malloc_conf`: the default of 8 MiB made each large list
        // response fault its pages in anew.
        #expect(skiff_malloc_oversize_threshold() == 1 << 30)
    }

    @Test func trimPurgesEveryArena() {
        let blocks = (0..<1_000).map { _ in malloc(64 * 1024) }
        blocks.forEach { free($0) }
        #expect(skiff_malloc_trim() == 1)
    }
}
