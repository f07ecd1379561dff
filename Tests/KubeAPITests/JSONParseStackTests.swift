import Testing

@testable import KubeAPI

@Suite struct JSONParseStackTests {
    /// The number of `Tracked` instances alive, one count per test.
    final class Census {
        var alive = 0
    }

    /// Counts itself in its census while alive, to see that the stack neither leaks nor frees twice.
    final class Tracked {
        let n: Int
        let census: Census
        init(_ n: Int, _ census: Census) {
            self.n = n
            self.census = census
            census.alive += 1
        }
        deinit { census.alive -= 1 }
    }

    @Test func popMovesTheTopOutInOrderAndGrowsPastItsFirstMemory() {
        let census = Census()
        withUnsafeTemporaryAllocation(of: Tracked.self, capacity: 4) { memory in
            var stack = MoveStack(memory)
            for n in 0..<3 { stack.push(Tracked(n, census)) }
            // Past the four slots given: the stack moves to the heap and keeps what it held.
            for n in 3..<40 { stack.push(Tracked(n, census)) }
            let top = stack.pop(from: 30)
            #expect(top.map(\.n) == Array(30..<40))
            #expect(top.capacity < 16, "exact size, not the stack's")
            #expect(stack.count == 30)
            let rest = stack.pop(from: 0)
            #expect(rest.map(\.n) == Array(0..<30))
            #expect(census.alive == 40)
            stack.release()
        }
        #expect(census.alive == 0)
    }

    @Test func releaseDestroysWhatAFailedParseLeft() {
        let census = Census()
        withUnsafeTemporaryAllocation(of: Tracked.self, capacity: 8) { memory in
            var stack = MoveStack(memory)
            for n in 0..<20 { stack.push(Tracked(n, census)) }
            #expect(census.alive == 20)
            stack.release()
            #expect(census.alive == 0)
            #expect(stack.count == 0)
        }
    }

    @Test func aFailedParseFreesWhatItHadOpenedPastTheFirstMemory() throws {
        // A value every member and item holds: once the parse is over, only `probe` may hold it.
        var probe: [JSONValue] = [1, 2, 3]
        let before = probe.withUnsafeBufferPointer { $0.baseAddress }
        let text = Array(("{\"a\":[" + String(repeating: "0,", count: 40) + "{").utf8)
        #expect(throws: JSONParseError.self) {
            try text.withUnsafeBytes { buffer in
                try JSONParser.with(buffer) { p throws(JSONParseError) in
                    for n in 0..<(2 * JSONParseStack.firstMembers) { p.stack.addMember("m\(n)", .array(probe), from: 0) }
                    for _ in 0..<(2 * JSONParseStack.firstItems) { p.stack.addItem(.array(probe)) }
                    _ = try p.parseDocument()
                }
            }
        }
        // Unique again: a change is made in place, not in a copy.
        probe[0] = .null
        #expect(probe.withUnsafeBufferPointer { $0.baseAddress } == before)
    }

    @Test func aRepeatedKeyReplacesTheValueInItsPlaceWithinItsObjectOnly() throws {
        let object = try JSONParseStack.with { stack throws(JSONParseError) -> JSONObject in
            stack.addMember("outer", 1, from: 0)
            let inner = stack.members.count
            stack.addMember("outer", 2, from: inner)  // another object's key: not a repeat
            stack.addMember("aaaa", 3, from: inner)
            stack.addMember("outer", 4, from: inner)
            #expect(stack.popObject(from: inner) == JSONObject([("outer", 4), ("aaaa", 3)]))
            stack.addMember("bbbb", 5, from: 0)
            stack.addMember("outer", 6, from: 0)
            return stack.popObject(from: 0)
        }
        #expect(object.keys == ["outer", "bbbb"])
        #expect(object["outer"] == 6)
    }
}
