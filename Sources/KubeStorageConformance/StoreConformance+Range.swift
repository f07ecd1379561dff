import KubeStorage

extension StoreConformance {
    static let rangeCases: [Case] = [
        Case(name: "range returns one prefix in key order, with limit and more") { store in
            for name in ["b", "a", "c", "d"] { _ = try await store.create("/p/\(name)", value: bytes(name)) }
            _ = try await store.create("/q/x", value: bytes("x"))
            _ = try await store.create("/p", value: bytes("not under /p/"))
            let all = try await store.range(prefix: "/p/", startKey: nil, limit: nil, revision: nil)
            try expect(all.kvs.map(\.key) == ["/p/a", "/p/b", "/p/c", "/p/d"], "wrong keys \(all.kvs.map(\.key))")
            try expect(!all.more, "more set without limit")
            let page = try await store.range(prefix: "/p/", startKey: nil, limit: 2, revision: nil)
            try expect(page.kvs.map(\.key) == ["/p/a", "/p/b"] && page.more, "first page wrong")
            let next = try await store.range(prefix: "/p/", startKey: "/p/b\u{0}", limit: 2, revision: page.revision)
            try expect(next.kvs.map(\.key) == ["/p/c", "/p/d"], "second page wrong: \(next.kvs.map(\.key))")
            try expect(try await store.count(prefix: "/p/") == 4, "count wrong")
        },
        Case(name: "range at an old revision sees that snapshot") { store in
            let a = try await store.create("/s/a", value: bytes("a1"))
            let snapshot = try await store.currentRevision()
            _ = try await store.update("/s/a", value: bytes("a2"), expectedModRevision: a.modRevision)
            _ = try await store.create("/s/b", value: bytes("b"))
            let old = try await store.range(prefix: "/s/", startKey: nil, limit: nil, revision: snapshot)
            try expect(old.kvs.map(\.value) == [bytes("a1")], "old snapshot wrong")
            try expect(old.revision == snapshot, "range revision is not the one asked for")
            let now = try await store.range(prefix: "/s/", startKey: nil, limit: nil, revision: nil)
            try expect(now.kvs.map(\.value) == [bytes("a2"), bytes("b")], "current view wrong")
        },
        Case(name: "range at a future revision fails") { store in
            _ = try await store.create("/f/a", value: bytes("a"))
            try await expectError(.futureRevision) {
                _ = try await store.range(prefix: "/f/", startKey: nil, limit: nil, revision: 1000)
            }
        },
        Case(name: "compaction makes older revisions unreadable and unwatchable") { store in
            let a = try await store.create("/k/a", value: bytes("1"))
            let b = try await store.update("/k/a", value: bytes("2"), expectedModRevision: a.modRevision)
            _ = try await store.update("/k/a", value: bytes("3"), expectedModRevision: b.modRevision)
            try await store.compact(revision: b.modRevision)
            try expect(try await store.compactedRevision() == b.modRevision, "compacted revision not reported")
            try await expectError(.compacted) {
                _ = try await store.range(prefix: "/k/", startKey: nil, limit: nil, revision: a.modRevision)
            }
            try await expectError(.compacted) { _ = try await store.watch(prefix: "/k/", afterRevision: a.modRevision) }
            let atB = try await store.range(prefix: "/k/", startKey: nil, limit: nil, revision: b.modRevision)
            try expect(atB.kvs.map(\.value) == [bytes("2")], "value at the compaction revision lost")
            try expect(try await store.get("/k/a")?.value == bytes("3"), "current value lost")
        },
        Case(name: "compactors sharing a store compact once a round, one round behind") { store in
            let first = StoreCompactor(store: store)
            let second = StoreCompactor(store: store)
            _ = try await store.create("/c/start", value: bytes("s"))
            try expect(try await first.round() == nil, "a first round compacted")
            try expect(try await second.round() == nil, "a first round compacted")
            let noted = try await store.currentRevision()
            let a = try await store.create("/c/a", value: bytes("1"))
            _ = try await store.update("/c/a", value: bytes("2"), expectedModRevision: a.modRevision)
            let compacted = try await first.round()
            try expect(compacted != nil && compacted ?? 0 <= noted, "the round compacted \(String(describing: compacted)), not to the revision noted a round before (\(noted) or less)")
            try expect(try await store.compactedRevision() == compacted, "the store does not report the compaction")
            try expect(try await second.round() == nil, "two compactors compacted in one round")
            _ = try await store.create("/c/b", value: bytes("b"))
            let later = try await second.round()
            try expect((later ?? 0) > (compacted ?? 0), "the next round did not move the compaction on")
            try expect(try await store.get("/c/a")?.value == bytes("2"), "current value lost")
        },
    ]
}
