/// A set of type definitions, looked up by name; the source for OpenAPI documents, strategic
/// merge patch merge keys, server-side apply field sets and unknown-field detection.
public struct SchemaRegistry: Sendable {
    /// The definitions by name.
    public let definitions: [String: TypeDefinition]
    /// The definitions again, in one array, and their positions there by name: `definition(_:)`
    /// runs for every object a write walks.
    private let ordered: [TypeDefinition]
    private let index: NameIndex

    /// A registry of these definitions; a later definition with the same name wins.
    public init(_ definitions: [TypeDefinition]) {
        var byName: [String: TypeDefinition] = [:]
        for d in definitions { byName[d.name] = d }
        self.definitions = byName
        ordered = Array(byName.values)
        index = NameIndex(ordered.lazy.map(\.name))
    }

    /// The definition called `name`.
    public func definition(_ name: String) -> TypeDefinition? { index.position(of: name).map { ordered[$0] } }

    /// The type of the field reached by following `path` (field names only, no list indices)
    /// from the definition `root`; list and map element types are stepped through implicitly.
    public func fieldType(root: String, path: [String]) -> SchemaType? {
        var current: SchemaType = .ref(root)
        for name in path {
            guard let next = child(of: current, named: name) else { return nil }
            current = next
        }
        return current
    }

    /// The type of member `name` of a value of type `type` (stepping through lists and maps).
    public func child(of type: SchemaType, named name: String) -> SchemaType? {
        switch type {
        case .ref(let def): return definition(def)?.field(name)?.type
        case .array(let element, _): return child(of: element, named: name)
        case .map(let element): return element
        default: return nil
        }
    }

    /// Skiff's standard definitions: every served resource and the types they contain.
    public static let standard = SchemaRegistry(StandardDefinitions.all)
}
