import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Managed field sets")
struct ManagedFieldSetTests {
    let walker = StructuredMerge(registry: PatchTestSchemas.registry)

    func fieldsV1(_ object: String, root: String = "test.Deployment") throws -> String {
        let set = try walker.fieldSet(of: try patchJSON(object), walker.rootShape(root), allowDuplicates: false)
        return set.fieldsV1.jsonString
    }

    @Test func encodesLikeKubernetes() throws {
        let config = #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
              "template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80}]}]}}}}
            """#
        let expected = #"""
            {"f:apiVersion":{},"f:kind":{},"f:metadata":{"f:labels":{"f:app":{}},"f:name":{}},"f:spec":{"f:replicas":{},"f:selector":{"f:matchLabels":{"f:app":{}}},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}}}}}}}}}
            """#
        #expect(try fieldsV1(config) == expected)
    }

    @Test func encodesSetsNullsEmptyObjectsAndUntypedMembers() throws {
        let pod = #"""
            {"metadata":{"finalizers":["b","a"],"annotations":{}},"spec":{"nodeSelector":null,"tolerations":[{"key":"k"}],
             "extra":{"x":{"y":1}}},"status":{"phase":"Running","conditions":[{"type":"Ready"}]}}
            """#
        let expected = #"""
            {"f:metadata":{"f:annotations":{},"f:finalizers":{"v:\"a\"":{},"v:\"b\"":{}}},"f:spec":{"f:extra":{".":{},"f:x":{".":{},"f:y":{}}},"f:nodeSelector":{},"f:tolerations":{}},"f:status":{"f:conditions":{},"f:phase":{}}}
            """#
        #expect(try fieldsV1(pod, root: "test.Pod") == expected)
    }

    /// A create's fields, found in one walk: every object and list a member, duplicate list keys
    /// whole, nulls and empty containers leaves; the same through `compare` against nothing.
    @Test func addedFieldsOfACreate() throws {
        let objects = [
            ("test.Pod", #"""
            {"metadata":{"name":"p","labels":{"a":"1"},"finalizers":["b","a"],"annotations":{}},
             "spec":{"nodeSelector":null,"tolerations":[{"key":"k"},{"key":"k"}],"volumes":[],"extra":{"x":{"y":1},"z":[]}},
             "status":{"phase":"Running","conditions":[{"type":"Ready"}]}}
            """#, #"""
            {"f:metadata":{".":{},"f:annotations":{},"f:finalizers":{".":{},"v:\"a\"":{},"v:\"b\"":{}},"f:labels":{".":{},"f:a":{}},"f:name":{}},"f:spec":{".":{},"f:extra":{".":{},"f:x":{".":{},"f:y":{}},"f:z":{}},"f:nodeSelector":{},"f:tolerations":{},"f:volumes":{}},"f:status":{".":{},"f:conditions":{},"f:phase":{}}}
            """#),
            ("test.Deployment", #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"strategy":{},
              "template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"a","image":"x","ports":[{"containerPort":80},{"containerPort":81}]},{"name":"b"}]}}}}
            """#, #"""
            {"f:apiVersion":{},"f:kind":{},"f:metadata":{".":{},"f:name":{}},"f:spec":{".":{},"f:replicas":{},"f:selector":{".":{},"f:matchLabels":{".":{},"f:app":{}}},"f:strategy":{},"f:template":{".":{},"f:metadata":{".":{},"f:labels":{".":{},"f:app":{}}},"f:spec":{".":{},"f:containers":{".":{},"k:{\"name\":\"a\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}},"k:{\"containerPort\":81}":{".":{},"f:containerPort":{}}}},"k:{\"name\":\"b\"}":{".":{},"f:name":{}}}}}}}
            """#),
        ]
        for (root, text, expected) in objects {
            let value = try patchJSON(text)
            let added = try walker.addedFields(of: value, walker.rootShape(root))
            #expect(added.fieldsV1.jsonString == expected, "\(root)")
            #expect(try walker.compare(nil, value, walker.rootShape(root)).added == added)
        }
    }

    /// An update's comparison with whole subtrees added (a container, list elements, status
    /// members) and removed (a duplicated list key), beside changed leaves, as Kubernetes'
    /// field manager records them.
    @Test func comparesAddedAndRemovedSubtrees() throws {
        let old = try patchJSON(#"""
            {"metadata":{"name":"p","labels":{"a":"1"}},
             "spec":{"containers":[{"name":"a","image":"x"},{"name":"c","image":"w","ports":[{"containerPort":90}]},{"name":"d"},{"name":"d"}],
              "tolerations":[{"key":"k"},{"key":"k","value":"v"}]},
             "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"True"}]}}
            """#)
        let new = try patchJSON(#"""
            {"metadata":{"name":"p","labels":{"a":"1","b":"2"}},
             "spec":{"containers":[{"name":"a","image":"y"},{"name":"b","image":"z","ports":[{"containerPort":80}]}]},
             "status":{"phase":"Running","conditions":[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"True"},
              {"type":"Ready","status":"False"}],"containerStatuses":[{"name":"a","state":{"running":{"startedAt":"t"}}}],"hostIP":"1.2.3.4"}}
            """#)
        let c = try walker.compare(old, new, walker.rootShape("test.Pod"))
        #expect(c.modified.fieldsV1.jsonString == #"""
            {"f:spec":{"f:containers":{"k:{\"name\":\"a\"}":{"f:image":{}}}},"f:status":{"f:conditions":{},"f:phase":{}}}
            """#)
        #expect(c.added.fieldsV1.jsonString == #"""
            {"f:metadata":{"f:labels":{"f:b":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"b\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}}}}}},"f:status":{"f:containerStatuses":{},"f:hostIP":{}}}
            """#)
        #expect(c.removed.fieldsV1.jsonString == #"""
            {"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":90}":{".":{},"f:containerPort":{}}}},"k:{\"name\":\"d\"}":{}},"f:tolerations":{}}}
            """#)
    }

    /// A keyed list longer than the comparison scans (past 16 elements it indexes them), in
    /// another order on the new side: elements match by key, wherever they stand.
    @Test func comparesLongKeyedListsByKey() throws {
        func containers(_ names: [Int], changed: Set<Int> = []) -> String {
            names.map { #"{"name":"c\#($0)","image":"\#(changed.contains($0) ? "new" : "old")"}"# }.joined(separator: ",")
        }
        let old = try patchJSON(#"{"spec":{"containers":["# + containers(Array(0..<20)) + "]}}")
        let kept = (0..<21).reversed().filter { $0 != 5 }
        let new = try patchJSON(#"{"spec":{"containers":["# + containers(kept, changed: [3, 18]) + "]}}")
        let c = try walker.compare(old, new, walker.rootShape("test.Pod"))
        #expect(c.modified.fieldsV1.jsonString == #"""
            {"f:spec":{"f:containers":{"k:{\"name\":\"c18\"}":{"f:image":{}},"k:{\"name\":\"c3\"}":{"f:image":{}}}}}
            """#)
        #expect(c.added.fieldsV1.jsonString == #"""
            {"f:spec":{"f:containers":{"k:{\"name\":\"c20\"}":{".":{},"f:image":{},"f:name":{}}}}}
            """#)
        #expect(c.removed.fieldsV1.jsonString == #"""
            {"f:spec":{"f:containers":{"k:{\"name\":\"c5\"}":{".":{},"f:image":{},"f:name":{}}}}}
            """#)
    }

    @Test func roundTripsThroughFieldsV1() throws {
        let text = #"""
            {"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"a\"}":{".":{},"f:image":{}}},"f:finalizers":{"v:1":{},"v:\"x\"":{}}},"i:3":{}}
            """#
        let set = try ManagedFieldSet(fieldsV1: try patchJSON(text))
        #expect(set.fieldsV1.jsonString == text)
        #expect(set.contains([.field("metadata"), .field("labels")]))
        #expect(set.contains([.field("metadata"), .field("labels"), .field("app")]))
        #expect(!set.contains([.field("metadata")]))
        #expect(set.contains([.field("spec"), .field("containers"), .key([("name", "a")])]))
        #expect(set.count == 7)
    }

    @Test func skipsUnknownElementTypesAndRejectsMalformedOnes() throws {
        let skipped = try ManagedFieldSet(fieldsV1: try patchJSON(#"{"x:whatever":{},"f:a":{}}"#))
        #expect(skipped.fieldsV1.jsonString == #"{"f:a":{}}"#)
        for bad in [#"{"f":{}}"#, #"{"fx":{}}"#, #"{"k:[1]":{}}"#, #"{"v:nope":{}}"#, #"{"i:x":{}}"#, #"{"f:a":1}"#, "[]"] {
            #expect(throws: ManagedFieldsError.self) { try ManagedFieldSet(fieldsV1: try patchJSON(bad)) }
        }
    }

    @Test func setOperations() {
        let a = ManagedFieldSet([[.field("a")], [.field("b"), .field("c")], [.field("b"), .field("d")]])
        let b = ManagedFieldSet([[.field("b"), .field("c")], [.field("e")]])
        #expect(a.intersection(b) == ManagedFieldSet([[.field("b"), .field("c")]]))
        #expect(a.subtracting(b) == ManagedFieldSet([[.field("a")], [.field("b"), .field("d")]]))
        #expect(a.union(b).count == 4)
        #expect(a.removingSubtree([.field("b")]) == ManagedFieldSet([[.field("a")]]))
        #expect(a.removingSubtree([.field("b"), .field("c")]) == ManagedFieldSet([[.field("a")], [.field("b"), .field("d")]]))
        #expect(ManagedFieldSet().subtracting(a).isEmpty)
        // Removing a parent member does not remove its children (Kubernetes' Difference).
        let parent = ManagedFieldSet([[.field("b")]])
        #expect(a.subtracting(parent) == a)
    }

    @Test func subtractingNothingKeepsTheSetsStorage() {
        let a = ManagedFieldSet([[.field("a")], [.field("b"), .field("c")], [.field("b"), .field("d")], [.field("e")]])
        // Nothing of `a` is in these: the result is `a` itself, not a copy.
        for other in [
            ManagedFieldSet([[.field("x")]]), ManagedFieldSet([[.field("b")]]),
            ManagedFieldSet([[.field("b"), .field("x")], [.field("0")], [.field("z")]]),
        ] {
            let result = a.subtracting(other)
            #expect(result == a)
            #expect(result.sharesStorage(with: a))
        }
        // A removal anywhere copies the levels above it and keeps the untouched subtrees.
        let removed = a.subtracting(ManagedFieldSet([[.field("b"), .field("c")]]))
        #expect(removed == ManagedFieldSet([[.field("a")], [.field("b"), .field("d")], [.field("e")]]))
        #expect(!removed.sharesStorage(with: a))
        let lastRemoved = a.subtracting(ManagedFieldSet([[.field("e")]]))
        #expect(lastRemoved == ManagedFieldSet([[.field("a")], [.field("b"), .field("c")], [.field("b"), .field("d")]]))
        #expect(lastRemoved.children(of: .field("b")).sharesStorage(with: a.children(of: .field("b"))))
        // A member that stays with its children loses only its own membership.
        let member = ManagedFieldSet([[.field("b")], [.field("b"), .field("c")]])
        let unmarked = member.subtracting(ManagedFieldSet([[.field("b")]]))
        #expect(unmarked == ManagedFieldSet([[.field("b"), .field("c")]]))
        #expect(unmarked.children(of: .field("b")).sharesStorage(with: member.children(of: .field("b"))))
    }

    @Test func sharedSetsAreEncodedOnceAndOthersNotKept() throws {
        let encodings = SharedFieldSetEncodings(capacity: 2)
        let spec = ManagedFieldSet([[.field("containers"), .key([("name", "a")]), .field("image")], [.field("restartPolicy")]])
        let expected = try patchJSON(#"{"f:containers":{"k:{\"name\":\"a\"}":{"f:image":{}}},"f:restartPolicy":{}}"#).objectValue
        var encodes = 0
        let encode = { () -> JSONObject in
            encodes += 1
            return spec.fieldsV1.objectValue ?? JSONObject()
        }
        #expect(encodings.encoding(of: spec, includeSelf: false, encode: encode) == nil, "a set never remembered")
        #expect(encodes == 0)
        encodings.remember(spec)
        #expect(encodings.encoding(of: spec, includeSelf: false, encode: encode) == expected)
        #expect(encodings.encoding(of: spec, includeSelf: false, encode: encode) == expected)
        #expect(encodes == 1, "encoded once, then kept")
        _ = encodings.encoding(of: spec, includeSelf: true, encode: encode)
        #expect(encodes == 2, "with and without the \".\" member are kept apart")
        // A copy shares the storage and so the encoding; an equal set built anew does not.
        let copy = spec
        _ = encodings.encoding(of: copy, includeSelf: false, encode: encode)
        #expect(encodes == 2)
        let rebuilt = ManagedFieldSet([[.field("containers"), .key([("name", "a")]), .field("image")], [.field("restartPolicy")]])
        #expect(encodings.encoding(of: rebuilt, includeSelf: false, encode: encode) == nil)
        #expect(encodings.encoding(of: ManagedFieldSet(), includeSelf: false, encode: encode) == nil)
        encodings.remember(rebuilt)
        #expect(encodings.count == 2)
        let third = ManagedFieldSet([[.field("x")]])
        encodings.remember(third)
        #expect(encodings.count == 1, "a full cache starts over with the newcomer")
        #expect(encodings.isRemembered(third))
        #expect(encodings.encoding(of: spec, includeSelf: false, encode: encode) == nil, "forgotten")
    }

    @Test func anObjectsTopLevelSetsUseTheSharedEncodings() throws {
        let encodings = SharedFieldSetEncodings()
        let spec = ManagedFieldSet([[.field("containers"), .key([("name", "a")]), .field("image")]])
        encodings.remember(spec)
        let metadata = ManagedFieldSet([[.field("labels"), .field("app")]])
        let whole = ManagedFieldSet(unsorted: [
            .init(element: .field("metadata"), member: false, children: metadata),
            .init(element: .field("spec"), member: false, children: spec),
        ])
        let expected = #"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"a\"}":{"f:image":{}}}}}"#
        #expect(whole.fieldsV1(sharing: nil).jsonString == expected)
        #expect(whole.fieldsV1(sharing: encodings).jsonString == expected)
        // The spec's encoding was kept by the first encode with the cache; the metadata's was not.
        var encoded = false
        let kept = encodings.encoding(of: spec, includeSelf: false) {
            encoded = true
            return JSONObject()
        }
        #expect(!encoded)
        #expect(kept.map { JSONValue.object($0).jsonString } == #"{"f:containers":{"k:{\"name\":\"a\"}":{"f:image":{}}}}"#)
        #expect(encodings.encoding(of: metadata, includeSelf: false) { JSONObject() } == nil)
        #expect(whole.fieldsV1(sharing: encodings).jsonString == expected)
    }

    @Test func iteratesMembersBeforeChildren() {
        let set = ManagedFieldSet([
            [.field("spec"), .field("template"), .field("x")], [.field("spec"), .field("replicas")], [.field("kind")],
        ])
        #expect(set.paths.map(\.rendered) == [".kind", ".spec.replicas", ".spec.template.x"])
    }

    @Test func ordersPathElementsLikeStructuredMergeDiff() {
        let elements: [ManagedPathElement] = [
            .index(0), .setValue("b"), .setValue(2), .key([("name", "x")]), .field("z"), .field("a"), .setValue(true),
            .setValue(10),
        ]
        #expect(
            elements.sorted().map(\.serialized) == [
                "f:a", "f:z", #"k:{"name":"x"}"#, "v:2", "v:10", #"v:"b""#, "v:true", "i:0",
            ])
    }

    @Test func rendersPathsForMessages() {
        let path: ManagedFieldPath = [
            .field("spec"), .field("containers"), .key([("name", "we\"b")]), .field("ports"), .key([("containerPort", 80)]),
        ]
        #expect(path.rendered == #".spec.containers[name="we\"b"].ports[containerPort=80]"#)
        let setPath: ManagedFieldPath = [.field("metadata"), .field("finalizers"), .setValue("x")]
        #expect(setPath.rendered == #".metadata.finalizers[="x"]"#)
        #expect(ManagedValueOrder.goQuote("a\u{1}\n") == #""a\x01\n""#)
    }

    @Test func listElementsNeedKeysAndScalars() throws {
        let shape = walker.rootShape("test.Pod")
        for bad in [
            #"{"spec":{"containers":[{"image":"x"}]}}"#, #"{"spec":{"containers":["x"]}}"#,
            #"{"spec":{"containers":[null]}}"#, #"{"metadata":{"finalizers":[{"a":1}]}}"#,
            #"{"metadata":{"finalizers":[null]}}"#, #"{"metadata":{"finalizers":[[1]]}}"#,
            #"{"spec":{"containers":[{"name":"a"},{"name":"a"}]}}"#,
        ] {
            #expect(throws: StructuredMergeError.self) {
                try walker.fieldSet(of: try patchJSON(bad), shape, allowDuplicates: false)
            }
        }
        let dup = try walker.fieldSet(
            of: try patchJSON(#"{"spec":{"containers":[{"name":"a","image":"1"},{"name":"a"}]}}"#), shape,
            allowDuplicates: true)
        #expect(dup.fieldsV1.jsonString == #"{"f:spec":{"f:containers":{"k:{\"name\":\"a\"}":{}}}}"#)
    }

    @Test func mismatchedTypesAreLeaves() throws {
        #expect(try fieldsV1(#"{"spec":{"template":"odd","replicas":{"x":1}}}"#) == #"{"f:spec":{"f:replicas":{},"f:template":{}}}"#)
    }
}
