import KubeStorage

extension StoreConformance {
    static let basicCases: [Case] = [
        Case(name: "create then get returns the value and revisions") { store in
            let kv = try await store.create("/a/1", value: bytes("one"))
            try expect(kv.createRevision == kv.modRevision, "create and mod revision differ")
            let got = try await store.get("/a/1")
            try expect(got == kv, "get returned \(String(describing: got)), want \(kv)")
            try expect(try await store.currentRevision() == kv.modRevision, "current revision is not the write's")
        },
        Case(name: "create on an existing key fails with keyExists and changes nothing") { store in
            _ = try await store.create("/a/1", value: bytes("one"))
            let before = try await store.currentRevision()
            try await expectError(.keyExists) { _ = try await store.create("/a/1", value: bytes("two")) }
            try expect(try await store.get("/a/1")?.value == bytes("one"), "value changed")
            try expect(try await store.currentRevision() == before, "a failed write advanced the revision")
        },
        Case(name: "update needs the current mod revision") { store in
            let kv = try await store.create("/a/1", value: bytes("one"))
            let updated = try await store.update("/a/1", value: bytes("two"), expectedModRevision: kv.modRevision)
            try expect(updated.modRevision == kv.modRevision + 1, "revision did not advance by one")
            try expect(updated.createRevision == kv.createRevision, "create revision changed on update")
            do {
                _ = try await store.update("/a/1", value: bytes("three"), expectedModRevision: kv.modRevision)
                throw ConformanceFailure(description: "stale update succeeded")
            } catch let e as StoreError {
                try expect(e.code == .conflict, "want conflict, got \(e.code)")
                try expect(e.current?.value == bytes("two"), "conflict does not carry the current value")
            }
            try await expectError(.notFound) { _ = try await store.update("/a/none", value: [], expectedModRevision: 1) }
        },
        Case(name: "delete with and without precondition, and of a missing key") { store in
            let kv = try await store.create("/a/1", value: bytes("one"))
            try await expectError(.conflict) { _ = try await store.delete("/a/1", expectedModRevision: kv.modRevision + 5) }
            let event = try await store.delete("/a/1", expectedModRevision: kv.modRevision)
            try expect(event.kind == .delete, "not a delete event")
            try expect(event.kv.value == bytes("one"), "delete event lacks the last value")
            try expect(event.revision == kv.modRevision + 1, "delete did not take the next revision")
            try expect(try await store.get("/a/1") == nil, "deleted key still readable")
            try await expectError(.notFound) { _ = try await store.delete("/a/1", expectedModRevision: nil) }
        },
        Case(name: "a re-created key gets a new create revision") { store in
            let first = try await store.create("/a/1", value: bytes("one"))
            _ = try await store.delete("/a/1", expectedModRevision: nil)
            let second = try await store.create("/a/1", value: bytes("again"))
            try expect(second.createRevision > first.createRevision, "create revision reused")
        },
        Case(name: "concurrent writers each get a distinct revision and all land") { store in
            let revisions = try await withThrowingTaskGroup(of: Int64.self) { group in
                for i in 0..<200 {
                    group.addTask { try await store.create("/c/\(i)", value: bytes("v\(i)")).modRevision }
                }
                var all: [Int64] = []
                for try await r in group { all.append(r) }
                return all
            }
            try expect(Set(revisions).count == 200, "revisions are not distinct")
            try expect(try await store.count(prefix: "/c/") == 200, "not every write landed")
            try expect(try await store.currentRevision() == revisions.max(), "current revision is not the newest write")
        },
    ]
}
