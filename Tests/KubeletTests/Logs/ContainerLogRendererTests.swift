import Foundation
import Testing

@testable import Kubelet

@Suite struct ContainerLogRendererTests {
    static let file = Array(
        """
        2026-11-26T05:00:00.000000001Z stdout F one
        2026-11-26T05:00:01.5Z stderr F two
        2026-11-26T05:00:02Z stdout P thr
        2026-11-26T05:00:02.1Z stdout F ee
        2026-11-26T05:00:03Z stdout F four
        2026-11-26T05:00:04Z stdout F fi
        """.utf8)

    static func render(_ options: LogOptions, _ bytes: [UInt8] = file) -> String {
        String(decoding: ContainerLogRenderer(options: options).render(bytes[...], applyTail: true).output, as: UTF8.self)
    }

    @Test func parsesEntries() throws {
        let line = try #require(CRILogLine(Array("2026-11-26T05:00:02Z stdout P thr ee".utf8)[...]))
        #expect(line.stream == "stdout")
        #expect(line.partial)
        #expect(String(decoding: line.content, as: UTF8.self) == "thr ee")
        #expect(CRILogLine(Array("garbage".utf8)[...]) == nil)
    }

    @Test func parsesTimestampsOfAnyPrecisionAndOffset() throws {
        let base = try #require(CRILogLine.parseTimestamp("2026-11-26T05:00:00Z"))
        #expect(CRILogLine.parseTimestamp("2026-11-26T05:00:01.5Z") == base.addingTimeInterval(1.5))
        #expect(CRILogLine.parseTimestamp("2026-11-26T06:00:00+01:00") == base)
        #expect(CRILogLine.parseTimestamp("2026-11-26 05:00:00") == nil)
    }

    @Test func joinsPartialEntriesAndKeepsAnUnterminatedLineForLater() {
        #expect(Self.render(LogOptions()) == "one\ntwo\nthree\nfour\n")
        let (_, consumed) = ContainerLogRenderer(options: LogOptions()).render(Self.file[...], applyTail: true)
        #expect(consumed == Self.file.count - "2026-11-26T05:00:04Z stdout F fi".utf8.count)
    }

    @Test func tailCountsWholeLines() {
        var options = LogOptions()
        options.tailLines = 2
        #expect(Self.render(options) == "three\nfour\n")
        options.tailLines = 0
        #expect(Self.render(options) == "")
        options.tailLines = 10
        #expect(Self.render(options) == "one\ntwo\nthree\nfour\n")
    }

    @Test func sinceAndTimestamps() throws {
        var options = LogOptions()
        options.since = try #require(CRILogLine.parseTimestamp("2026-11-26T05:00:03Z"))
        options.timestamps = true
        #expect(Self.render(options) == "2026-11-26T05:00:03Z four\n")
    }

    @Test func queryIsReadAsKubernetesDoes() throws {
        let now = Date(timeIntervalSince1970: 1_000)
        let options = try LogOptions(query: ["follow": "true", "tailLines": "5", "sinceSeconds": "10", "previous": "true"], now: now)
        #expect(options.follow && options.previous && !options.timestamps)
        #expect(options.tailLines == 5)
        #expect(options.since == Date(timeIntervalSince1970: 990))
        #expect(throws: LogRequestError(400, "invalid tailLines \"x\": must be an integer")) { try LogOptions(query: ["tailLines": "x"]) }
        #expect(throws: LogRequestError(422, "sinceSeconds: Invalid value: 0: must be greater than 0")) {
            try LogOptions(query: ["sinceSeconds": "0"])
        }
    }
}
