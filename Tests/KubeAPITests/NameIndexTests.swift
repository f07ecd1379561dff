import Foundation
import Testing

@testable import KubeAPI

@Suite("Schema name index")
struct NameIndexTests {
    @Test func findsEveryNameOfEveryLengthAndNothingElse() {
        // Lengths around the eight-byte words the hash reads, non-ASCII text, and the empty name.
        let names = ["", "a", "ab", "spec", "status", "podIP", "nodeName", "nodeNameX", "containers", "é", "naïve-ü",
            "terminationMessagePath", "io.k8s.api.core.v1.PodSpec", String(repeating: "x", count: 300)]
        let index = NameIndex(names)
        for (i, name) in names.enumerated() { #expect(index.position(of: name) == i, "\(name)") }
        for miss in ["b", "spe", "specs", "nodeNam", "nodeNameY", "Containers", "e\u{301}x", "terminationMessagePatH",
            String(repeating: "x", count: 299)] {
            #expect(index.position(of: miss) == nil, "\(miss)")
        }
    }

    @Test func namesMatchByTheirBytesAsGoComparesThem() {
        // The Kelvin sign is canonically equivalent to "K", so Swift's `==` (and a `Dictionary`)
        // would take "\u{212A}ind" for "Kind"; Kubernetes compares the bytes.
        #expect("\u{212A}ind" == "Kind")
        #expect(NameIndex(["Kind"]).position(of: "\u{212A}ind") == nil)
    }

    @Test func aRepeatedNameKeepsItsFirstPosition() {
        let index = NameIndex(["a", "b", "a", "c"])
        #expect(index.position(of: "a") == 0)
        #expect(index.position(of: "c") == 3)
    }

    @Test func aNameBuiltAtRunTimeIsFoundAsItsLiteral() {
        // Heap strings and bridged (non-contiguous) ones hash by their bytes, as literals do.
        let built = ["termination", "MessagePath"].joined()
        let bridged = NSString(string: "terminationMessagePath") as String
        let index = NameIndex(["spec", "terminationMessagePath"])
        #expect(index.position(of: built) == 1)
        #expect(index.position(of: bridged) == 1)
    }

    @Test func everyStandardFieldAndDefinitionIsFoundByName() {
        let registry = SchemaRegistry.standard
        var fields = 0
        for (name, definition) in registry.definitions {
            #expect(registry.definition(name)?.name == name)
            for field in definition.fields {
                #expect(definition.field(field.name)?.name == field.name)
                fields += 1
            }
            #expect(definition.field(name + "-not-a-field") == nil)
        }
        #expect(fields > 1000)
        #expect(registry.definition("io.k8s.api.core.v1.NotAType") == nil)
    }
}
