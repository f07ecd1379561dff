import KubeAPI
import Testing

@testable import KubeAPIServer

/// A deterministic generator, so failures reproduce.
typealias PatchFuzzRNG = SplitMix64

/// Random JSON biased towards the names and directives the engines care about.
struct PatchFuzzGenerator {
    var rng: PatchFuzzRNG
    static let keys = [
        "name", "value", "other", "mergingList", "nonMergingList", "mergingIntList", "simpleMap", "retainKeysMap",
        "$patch", "$retainKeys", "$setElementOrder/mergingList", "$deleteFromPrimitiveList/mergingIntList",
        "$setElementOrder/mergingIntList", "spec", "metadata", "labels", "replicas", "template", "containers", "image",
        "finalizers", "apiVersion", "",
    ]
    static let strings = ["replace", "delete", "merge", "a", "b", "1", "apps/v1", "~1", "/"]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    mutating func value(depth: Int) -> JSONValue {
        let roll = rng.next() % (depth <= 0 ? 5 : 8)
        switch roll {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .number(pick(["0", "1", "2", "-1", "1.5", "1e3", "80"]))
        case 3, 4: return .string(pick(PatchFuzzGenerator.strings))
        case 5: return .array((0..<Int(rng.next() % 4)).map { _ in value(depth: depth - 1) })
        default: return .object(object(depth: depth - 1))
        }
    }

    mutating func object(depth: Int) -> JSONObject {
        var o = JSONObject()
        for _ in 0..<Int(rng.next() % 5) {
            o[pick(PatchFuzzGenerator.keys)] = value(depth: depth)
        }
        return o
    }

    mutating func pointer() -> String {
        (0..<Int(rng.next() % 4)).map { _ in "/" + pick(["a", "b", "0", "1", "-", "name", "~0", "~1", "01"]) }.joined()
    }

    mutating func jsonPatch() -> JSONValue {
        .array(
            (0..<Int(rng.next() % 4)).map { _ in
                var op = JSONObject()
                op["op"] = .string(pick(["add", "remove", "replace", "move", "copy", "test", "bogus"]))
                op["path"] = .string(pointer())
                if chance(50) { op["from"] = .string(pointer()) }
                if chance(80) { op["value"] = value(depth: 2) }
                return .object(op)
            })
    }
}

@Suite("Patch engines never trap on random input")
struct PatchFuzzTests {
    @Test func strategicAndMergePatches() {
        var gen = PatchFuzzGenerator(rng: PatchFuzzRNG(seed: 42))
        for _ in 0..<1000 {
            let original = JSONValue.object(gen.object(depth: 4))
            let patch = JSONValue.object(gen.object(depth: 4))
            for root in ["test.mergeItem", "test.Deployment", "test.Unknown"] {
                _ = try? StrategicMergePatch.apply(patch, to: original, schema: PatchTestSchemas.registry, root: root)
            }
            _ = try? JSONMergePatch.apply(patch, to: original)
        }
    }

    @Test func jsonPatches() {
        var gen = PatchFuzzGenerator(rng: PatchFuzzRNG(seed: 7))
        for _ in 0..<1000 {
            let document = JSONValue.object(gen.object(depth: 3))
            _ = try? JSONPatch.apply(gen.jsonPatch(), to: document)
        }
    }

    @Test func serverSideApplyIsSafeAndIdempotent() throws {
        var gen = PatchFuzzGenerator(rng: PatchFuzzRNG(seed: 99))
        var applied = 0
        for i in 0..<600 {
            var config = gen.object(depth: 4)
            config["apiVersion"] = "apps/v1"
            let live: JSONValue? = gen.chance(30) ? nil : .object(gen.object(depth: 4))
            let manager = gen.pick(["kubectl", "a", "b"])
            guard
                let first = try? ServerSideApply.apply(
                    live: live, applied: .object(config), manager: manager, force: gen.chance(50),
                    schema: PatchTestSchemas.registry, root: "test.Deployment", now: SSAFixture.t1, apiVersion: "apps/v1")
            else { continue }
            applied += 1
            let again = try ServerSideApply.apply(
                live: first, applied: .object(config), manager: manager, force: false, schema: PatchTestSchemas.registry,
                root: "test.Deployment", now: SSAFixture.t2, apiVersion: "apps/v1")
            #expect(SSAFixture.content(again) == SSAFixture.content(first), "case \(i)")
            let updated = ManagedFields.recordUpdate(
                old: first, new: .object(gen.object(depth: 4)), manager: "u", schema: PatchTestSchemas.registry,
                root: "test.Deployment", now: SSAFixture.t3, apiVersion: "apps/v1")
            _ = try? ManagedFieldsCodec.decode(updated["metadata"]?["managedFields"])
        }
        #expect(applied > 50)
    }

    /// A random Deployment-shaped configuration using the modelled lists.
    static func deployment(_ gen: inout PatchFuzzGenerator) -> JSONValue {
        var spec = JSONObject()
        if gen.chance(70) { spec["replicas"] = .number(gen.pick(["1", "2", "3"])) }
        var containers: [JSONValue] = []
        for _ in 0..<Int(gen.rng.next() % 4) {
            var c = JSONObject()
            c["name"] = .string(gen.pick(["a", "b", "c"]))
            if gen.chance(70) { c["image"] = .string(gen.pick(["x:1", "x:2"])) }
            if gen.chance(40) {
                c["ports"] = .array([["containerPort": .number(gen.pick(["80", "443"]))]])
            }
            if gen.chance(20) { c["env"] = .null }
            containers.append(.object(c))
        }
        if !containers.isEmpty || gen.chance(20) {
            spec["template"] = ["spec": ["containers": .array(containers)]]
        }
        var metadata = JSONObject()
        metadata["name"] = "web"
        if gen.chance(60) {
            var labels = JSONObject()
            for key in ["a", "b", "c"] where gen.chance(50) { labels[key] = .string(gen.pick(["1", "2"])) }
            metadata["labels"] = .object(labels)
        }
        if gen.chance(40) { metadata["finalizers"] = .array([.string(gen.pick(["f1", "f2"]))]) }
        return ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": .object(metadata), "spec": .object(spec)]
    }

    @Test func serverSideApplySequencesKeepInvariants() throws {
        var gen = PatchFuzzGenerator(rng: PatchFuzzRNG(seed: 2024))
        for round in 0..<120 {
            var object: JSONValue? = nil
            for step in 0..<6 {
                let config = PatchFuzzTests.deployment(&gen)
                let manager = gen.pick(["kubectl", "alice", "bob"])
                if gen.chance(30), let current = object {
                    var changed = current
                    changed["spec"]?["replicas"] = .number(gen.pick(["4", "5"]))
                    object = ManagedFields.recordUpdate(
                        old: current, new: changed, manager: "editor", schema: PatchTestSchemas.registry,
                        root: "test.Deployment", now: SSAFixture.t2, apiVersion: "apps/v1")
                    continue
                }
                do {
                    let result = try ServerSideApply.apply(
                        live: object, applied: config, manager: manager, force: true, schema: PatchTestSchemas.registry,
                        root: "test.Deployment", now: SSAFixture.t1, apiVersion: "apps/v1")
                    if let replicas = config["spec"]?["replicas"] {
                        #expect(result["spec"]?["replicas"] == replicas, "round \(round) step \(step)")
                    }
                    let again = try ServerSideApply.apply(
                        live: result, applied: config, manager: manager, force: false, schema: PatchTestSchemas.registry,
                        root: "test.Deployment", now: SSAFixture.t3, apiVersion: "apps/v1")
                    #expect(SSAFixture.content(again) == SSAFixture.content(result), "round \(round) step \(step)")
                    #expect(throws: Never.self) { try ManagedFieldsCodec.decode(result["metadata"]?["managedFields"]) }
                    object = result
                } catch {
                    // Only configurations with duplicate container names may be rejected.
                    #expect(error.code == 400, "round \(round) step \(step): \(error)")
                }
            }
        }
    }
}
