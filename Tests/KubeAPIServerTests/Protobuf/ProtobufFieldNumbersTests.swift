import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Protobuf field number tables")
struct ProtobufFieldNumbersTests {
    /// The JSON names a table fills, following embedded structs.
    func jsonNames(of table: String) -> Set<String> {
        var names: Set<String> = []
        for (name, field) in ProtobufFieldNumbers.all[table] ?? [:] {
            if case .inline(let inner) = field.kind {
                names.formUnion(jsonNames(of: inner))
            } else {
                names.insert(name)
            }
        }
        return names
    }

    /// Schema fields that the protobuf of the k8s.io/api version the tables come from lacks.
    static let knownGaps: Set<String> = [
        "io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus.resources"
    ]

    @Test("every schema definition has a table")
    func everyDefinitionHasATable() {
        let missing = SchemaRegistry.standard.definitions.keys.filter { ProtobufFieldNumbers.all[$0] == nil }
        #expect(missing.isEmpty, "\(missing.sorted())")
    }

    @Test("every schema field has a field number")
    func everyFieldHasANumber() {
        var missing: [String] = []
        for (name, definition) in SchemaRegistry.standard.definitions {
            let numbered = jsonNames(of: name)
            for field in definition.fields where !numbered.contains(field.name) {
                let isTypeMeta = field.name == "apiVersion" || field.name == "kind"
                if isTypeMeta && !definition.groupVersionKinds.isEmpty { continue }
                if isTypeMeta && name.hasSuffix("List") { continue }
                if Self.knownGaps.contains("\(name).\(field.name)") { continue }
                missing.append("\(name).\(field.name)")
            }
        }
        #expect(missing.isEmpty, "\(missing.sorted())")
    }

    @Test("field numbers are unique and positive within each message, and embedded tables exist")
    func tablesAreConsistent() {
        for (name, fields) in ProtobufFieldNumbers.all {
            let numbers = fields.values.map(\.number)
            #expect(Set(numbers).count == numbers.count, "\(name)")
            #expect(numbers.allSatisfy { $0 > 0 }, "\(name)")
            for field in fields.values {
                if case .inline(let inner) = field.kind {
                    #expect(ProtobufFieldNumbers.all[inner] != nil, "\(name) embeds \(inner)")
                }
            }
        }
    }

    @Test("special wire shapes agree with the schema's field types")
    func specialKindsMatchSchema() {
        for (name, fields) in ProtobufFieldNumbers.all {
            guard let definition = SchemaRegistry.standard.definition(name) else { continue }
            for (fieldName, field) in fields {
                guard let type = definition.field(fieldName)?.type else { continue }
                switch field.kind {
                case .microTime: #expect(type == .string(format: "date-time"), "\(name).\(fieldName)")
                case .duration: #expect(type == .string(), "\(name).\(fieldName)")
                case .rawJSON: #expect(type == .any, "\(name).\(fieldName)")
                case .keepZero:
                    switch type {
                    case .string, .integer, .number, .boolean: break
                    default: Issue.record("\(name).\(fieldName) keeps zero but is \(type)")
                    }
                default: break
                }
            }
        }
    }

    @Test("every served resource and non-resource body kind resolves to a definition with a table")
    func kindsResolve() {
        for resource in ResourceCatalog.all {
            let name = KubeProtobuf.definitionName(apiVersion: resource.apiVersion, kind: resource.kind)
            #expect(name == resource.definition)
            #expect(name.flatMap { ProtobufFieldNumbers.all[$0] } != nil, "\(resource.kind)")
        }
        #expect(KubeProtobuf.definitionName(apiVersion: "batch/v1", kind: "DeleteOptions") != nil)
        #expect(KubeProtobuf.definitionName(apiVersion: "v1", kind: "Binding") == "io.k8s.api.core.v1.Binding")
        #expect(KubeProtobuf.definitionName(apiVersion: "autoscaling/v1", kind: "Scale") != nil)
        #expect(KubeProtobuf.definitionName(apiVersion: "v1", kind: "Gadget") == nil)
    }
}
