import KubeStorage

extension StoreConformance {
    /// Collects events from `stream` until `count` have arrived.
    static func collect(_ stream: AsyncThrowingStream<[StoreEvent], Error>, count: Int) async throws -> [StoreEvent] {
        var out: [StoreEvent] = []
        for try await batch in stream {
            out.append(contentsOf: batch)
            if out.count >= count { break }
        }
        return out
    }

    static let watchCases: [Case] = [
        Case(name: "watch replays history after a revision, then streams live changes, in order") { store in
            let start = try await store.currentRevision()
            let a = try await store.create("/w/a", value: bytes("a"))
            _ = try await store.create("/other/x", value: bytes("x"))
            _ = try await store.update("/w/a", value: bytes("a2"), expectedModRevision: a.modRevision)
            let stream = try await store.watch(prefix: "/w/", afterRevision: start)
            _ = try await store.create("/w/b", value: bytes("b"))
            _ = try await store.delete("/w/a", expectedModRevision: nil)
            let events = try await collect(stream, count: 4)
            try expect(events.map(\.kv.key) == ["/w/a", "/w/a", "/w/b", "/w/a"], "keys \(events.map(\.kv.key))")
            try expect(events.map(\.kind) == [.put, .put, .put, .delete], "kinds wrong")
            let revs = events.map(\.revision)
            try expect(revs == revs.sorted() && Set(revs).count == revs.count, "revisions not increasing")
            try expect(events[1].prev?.value == bytes("a"), "update lacks previous value")
            try expect(events[3].kv.value == bytes("a2"), "delete lacks last value")
        },
        Case(name: "a watch from the current revision sees only later changes") { store in
            _ = try await store.create("/n/old", value: bytes("old"))
            let stream = try await store.watch(prefix: "/n/", afterRevision: try await store.currentRevision())
            _ = try await store.create("/n/new", value: bytes("new"))
            let events = try await collect(stream, count: 1)
            try expect(events.map(\.kv.key) == ["/n/new"], "saw \(events.map(\.kv.key))")
        },
        Case(name: "many concurrent writes reach a watcher exactly once each") { store in
            let stream = try await store.watch(prefix: "/m/", afterRevision: try await store.currentRevision())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<100 { group.addTask { _ = try await store.create("/m/\(i)", value: bytes("\(i)")) } }
                try await group.waitForAll()
            }
            let events = try await collect(stream, count: 100)
            try expect(Set(events.map(\.kv.key)).count == 100 && events.count == 100, "duplicates or losses")
            let revs = events.map(\.revision)
            try expect(revs == revs.sorted(), "out of order")
        },
    ]
}
