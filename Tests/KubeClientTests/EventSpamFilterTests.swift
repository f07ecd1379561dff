import Foundation
import Testing

@testable import KubeClient

@Suite struct EventSpamFilterTests {
    @Test func burstThenOneTokenPerRefillPeriodPerObject() {
        let filter = EventSpamFilter(burst: 3, refillPerSecond: 1.0 / 300)
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        #expect((0..<5).map { _ in filter.allow("rs/a", now: t0) } == [true, true, true, false, false])
        #expect(filter.allow("rs/b", now: t0), "another object has its own bucket")
        #expect(!filter.allow("rs/a", now: t0.addingTimeInterval(299)))
        #expect(filter.allow("rs/a", now: t0.addingTimeInterval(301)))
        #expect(!filter.allow("rs/a", now: t0.addingTimeInterval(302)))
    }

    @Test func tokensNeverExceedTheBurst() {
        let filter = EventSpamFilter(burst: 2, refillPerSecond: 1)
        let t0 = Date(timeIntervalSince1970: 0)
        #expect(filter.allow("x", now: t0))
        let later = t0.addingTimeInterval(1_000)
        #expect((0..<4).map { _ in filter.allow("x", now: later) } == [true, true, false, false])
    }
}
