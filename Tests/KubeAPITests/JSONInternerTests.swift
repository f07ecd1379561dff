import KubeAPI
import Testing

@Suite struct JSONInternerTests {
    /// Where an array's elements live: two arrays that share storage give the same address.
    func storage(_ value: JSONValue?) -> UnsafeRawPointer? {
        value?.arrayValue?.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    func pod(_ name: String, uid: String, ip: String) throws -> JSONValue {
        try JSONValue.parse(
            """
            {"metadata":{"name":"\(name)","uid":"\(uid)","ownerReferences":[{"kind":"ReplicaSet","uid":"owner-0000-0000-0000-000000000000"}]},
             "status":{"podIPs":[{"ip":"\(ip)"}],"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-11-27T07:00:02Z"}]}}
            """)
    }

    @Test func equalPartsOfDifferentTreesShareOneCopy() throws {
        let interner = JSONInterner()
        let a = interner.share(try pod("a", uid: "1", ip: "10.0.0.1"), unsharedLevels: 2)
        let b = interner.share(try pod("b", uid: "2", ip: "10.0.0.2"), unsharedLevels: 2)
        let (plainA, plainB) = (try pod("a", uid: "1", ip: "10.0.0.1"), try pod("b", uid: "2", ip: "10.0.0.2"))
        #expect(a == plainA && b == plainB)
        let refs = (storage(a["metadata"]?["ownerReferences"]), storage(b["metadata"]?["ownerReferences"]))
        #expect(refs.0 != nil && refs.0 == refs.1)
        let conditions = (storage(a["status"]?["conditions"]), storage(b["status"]?["conditions"]))
        #expect(conditions.0 != nil && conditions.0 == conditions.1)
        #expect(storage(a["status"]?["podIPs"]) != storage(b["status"]?["podIPs"]))
    }

    @Test func levelsAboveTheSharedOnesAreNeverShared() throws {
        let interner = JSONInterner()
        let one = try JSONValue.parse(#"{"list":[1,2,3]}"#)
        let a = interner.share(["top": one], unsharedLevels: 2)
        let b = interner.share(["top": one], unsharedLevels: 2)
        #expect(storage(a["top"]?["list"]) == storage(b["top"]?["list"]))
        let c = interner.share(["list": [1, 2, 3]], unsharedLevels: 2)
        let d = interner.share(["list": [1, 2, 3]], unsharedLevels: 2)
        #expect(storage(c["list"]) != storage(d["list"]))
    }

    @Test func valuesUnderUnsharedKeysAreCopiedNotShared() throws {
        let interner = JSONInterner()
        let a = interner.share(["x": ["ips": [1, 2], "n": 1]], unsharedKeys: ["ips"])
        let b = interner.share(["x": ["ips": [1, 2], "n": 2]], unsharedKeys: ["ips"])
        #expect(a["x"]?["ips"] == [1, 2] && storage(a["x"]?["ips"]) != storage(b["x"]?["ips"]))
        let c = interner.share(["x": ["list": [1, 2], "n": 1]])
        let d = interner.share(["x": ["list": [1, 2], "n": 2]])
        #expect(storage(c["x"]?["list"]) == storage(d["x"]?["list"]))
    }

    @Test func keyOrderMattersToSharingButNotToEquality() throws {
        let interner = JSONInterner()
        let ab = interner.share(["o": [try JSONValue.parse(#"{"a":1,"b":2}"#)]])
        let ba = interner.share(["o": [try JSONValue.parse(#"{"b":2,"a":1}"#)]])
        #expect(ab == ba)
        #expect(ba["o"]?[0]?.objectValue?.keys == ["b", "a"])
    }

    @Test func aFullTableIsEmptiedAndKeepsWorking() throws {
        let interner = JSONInterner(capacity: 4)
        for i in 0..<20 { _ = interner.share(["v": [.int(Int64(i))]]) }
        let a = interner.share(["v": [7]])
        let b = interner.share(["v": [7]])
        #expect(a == ["v": [7]] && storage(a["v"]) == storage(b["v"]))
    }

    @Test func compactKeepsTheValue() throws {
        let v = try JSONValue.parse(#"{"a":[1,{"b":[true,null,"s"]}],"c":{}}"#)
        #expect(JSONInterner.compact(v) == v && JSONInterner.compact(v).jsonString == v.jsonString)
    }
}
