import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Table ages (duration.HumanDuration)")
struct TableTimeTests {
    static let second: Int64 = 1_000_000_000
    static let minute = 60 * second
    static let hour = 60 * minute
    static let day = 24 * hour

    static let cases: [(Int64, String)] = [
        (0, "0s"),
        (-second, "0s"),
        (-second - second / 2, "0s"),
        (-2 * second, "<invalid>"),
        (second, "1s"),
        (45 * second, "45s"),
        (70 * second, "70s"),
        (119 * second, "119s"),
        (2 * minute, "2m"),
        (190 * second, "3m10s"),
        (5 * minute, "5m"),
        (5 * minute + 30 * second, "5m30s"),
        (9 * minute + 59 * second, "9m59s"),
        (10 * minute + 30 * second, "10m"),
        (70 * minute, "70m"),
        (179 * minute, "179m"),
        (3 * hour, "3h"),
        (3 * hour + 30 * minute, "3h30m"),
        (7 * hour + 59 * minute, "7h59m"),
        (8 * hour + 20 * minute, "8h"),
        (47 * hour, "47h"),
        (48 * hour, "2d"),
        (49 * hour, "2d1h"),
        (2 * day + 3 * hour, "2d3h"),
        (7 * day + 23 * hour, "7d23h"),
        (8 * day + 2 * hour, "8d"),
        (367 * day, "367d"),
        (729 * day, "729d"),
        (730 * day, "2y"),
        (730 * day + 25 * hour, "2y1d"),
        (3 * 365 * day, "3y"),
        (8 * 365 * day + 2 * hour, "8y"),
        (20 * 365 * day, "20y"),
        (Int64.max, "292y"),
    ]

    @Test("humanDuration matches Kubernetes", arguments: cases)
    func humanDuration(nanoseconds: Int64, expected: String) {
        #expect(TableTime.humanDuration(nanoseconds: nanoseconds) == expected)
    }

    @Test func agesFromTimestamps() {
        let now = TableFixtures.now
        #expect(TableTime.since(TableFixtures.ago(330), now: now) == "5m30s")
        #expect(TableTime.since(TableFixtures.ago(3 * 365 * 86400), now: now) == "3y")
        #expect(TableTime.since("2024-06-01T11:59:15.123456Z", now: now) == "44s")
        #expect(TableTime.since("2024-06-01T13:00:00+02:00", now: now) == "60m")
        #expect(TableTime.since("2024-06-01T12:00:30Z", now: now) == "<invalid>")
    }

    @Test func missingOrBadTimestampsAreUnknown() {
        let now = TableFixtures.now
        #expect(TableTime.since(nil, now: now) == "<unknown>")
        #expect(TableTime.since(.null, now: now) == "<unknown>")
        #expect(TableTime.since(42, now: now) == "<unknown>")
        #expect(TableTime.since("yesterday", now: now) == "<unknown>")
        #expect(TableTime.since("2024-06-01T12:00:00", now: now) == "<unknown>")
        #expect(TableTime.since("2024-13-01T12:00:00Z", now: now) == "<unknown>")
        #expect(TableTime.since("0001-01-01T00:00:00Z", now: now) == "<unknown>")
    }

    @Test func parsesRFC3339() throws {
        let date = try #require(TableTime.parse("1970-01-02T00:00:01Z"))
        #expect(date.timeIntervalSince1970 == 86401)
        let before = try #require(TableTime.parse("1969-12-31T23:59:59Z"))
        #expect(before.timeIntervalSince1970 == -1)
        let leap = try #require(TableTime.parse("2024-02-29T00:00:00Z"))
        #expect(leap.timeIntervalSince1970 == 1_709_164_800)
        let offset = try #require(TableTime.parse("2024-06-01T14:00:00+02:00"))
        #expect(offset == TableFixtures.now)
        #expect(TableTime.parse("2024-06-01T12:00:00.Z") == nil)
        #expect(TableTime.parse("2024-06-01T12:00:00Zjunk") == nil)
    }

    @Test func extremeIntervalsSaturateInsteadOfTrapping() {
        let now = TableFixtures.now
        #expect(TableTime.since("9999-12-31T23:59:59Z", now: now) == "<invalid>")
        #expect(TableTime.nanoseconds(.infinity) == Int64.max)
        #expect(TableTime.nanoseconds(-.infinity) == Int64.min)
        #expect(TableTime.nanoseconds(.nan) == Int64.max)
    }
}
