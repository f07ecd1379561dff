import KubeAPI

/// An error from the schema-aware walks of server-side apply (a list element without its key,
/// duplicate keys in an applied configuration, ...), with the path where it was found.
struct StructuredMergeError: Error, Equatable, CustomStringConvertible {
    /// Where the problem is; filled in while the error travels up the walk.
    var path: ManagedFieldPath = []
    /// What is wrong.
    var reason: String

    init(_ reason: String) { self.reason = reason }

    /// The error as structured-merge-diff words it: `.spec.containers: duplicate entries ...`.
    var message: String { path.isEmpty ? reason : "\(path.rendered): \(reason)" }
    var description: String { message }

    /// The error seen from one level up, through `element`.
    func under(_ element: ManagedPathElement) -> StructuredMergeError {
        var e = self
        e.path.insert(element, at: 0)
        return e
    }
}

/// The schema-aware operations server-side apply is built from, as structured-merge-diff
/// defines them over typed values: field sets of a value, comparison of two values, merging
/// an applied configuration into a live object and removing fields.
///
/// Values are walked together with their `MergeShape`. A value whose JSON type does not fit its
/// shape is treated as an atomic leaf instead of failing.
struct StructuredMerge {
    let registry: SchemaRegistry

    /// The shape of the root object.
    func rootShape(_ root: String) -> MergeShape { registry.shape(of: .ref(root)) }

    /// How a value is walked.
    enum Form: Equatable {
        /// Compared and replaced whole.
        case leaf
        /// An object merged member by member.
        case object
        /// A list whose elements are identified by key or value.
        case list
    }

    /// The form of `value` under `shape`; `null` counts as an absent object or list.
    func form(of value: JSONValue, _ shape: MergeShape) -> Form {
        switch shape {
        case .scalar, .atomicList: return .leaf
        case .structure, .map, .untyped:
            switch value {
            case .object, .null: return .object
            default: return .leaf
            }
        case .keyedList, .setList:
            switch value {
            case .array, .null: return .list
            default: return .leaf
            }
        }
    }

    /// The form two values are walked in together: their common form, or leaf when they
    /// disagree; an object or list pair that is empty on both sides is a leaf as well.
    func form(of lhs: JSONValue?, _ rhs: JSONValue?, _ shape: MergeShape) -> Form {
        let f: Form
        switch (lhs, rhs) {
        case (nil, nil): return .leaf
        case (let l?, nil): f = form(of: l, shape)
        case (nil, let r?): f = form(of: r, shape)
        case (let l?, let r?):
            let lf = form(of: l, shape)
            let rf = form(of: r, shape)
            if lf != rf { return .leaf }
            f = lf
        }
        if f != .leaf && isEmptyContainer(lhs) && isEmptyContainer(rhs) { return .leaf }
        return f
    }

    /// True for an absent value, `null`, `{}` or `[]`.
    func isEmptyContainer(_ v: JSONValue?) -> Bool {
        switch v {
        case nil, .null?: return true
        case .object(let o)?: return o.isEmpty
        case .array(let a)?: return a.isEmpty
        default: return false
        }
    }

    /// The shape of member `name` of an object of `shape`.
    func memberShape(_ shape: MergeShape, _ name: String) -> MergeShape {
        registry.shape(of: registry.memberType(of: shape, named: name))
    }

    /// The shape of the elements of a list of `shape`.
    func elementShape(_ shape: MergeShape) -> MergeShape {
        registry.shape(of: registry.elementType(of: shape))
    }

    /// The shape reached from `shape` through `element`.
    func childShape(_ shape: MergeShape, _ element: ManagedPathElement) -> MergeShape {
        switch element {
        case .field(let name): return memberShape(shape, name)
        case .key, .value, .index: return elementShape(shape)
        }
    }

    /// The path element identifying `item` in a list of `shape`: its key for keyed lists, its
    /// value for sets.
    func pathElement(of item: JSONValue, in shape: MergeShape) throws(StructuredMergeError) -> ManagedPathElement {
        switch shape {
        case .keyedList(let key, _):
            switch item {
            case .null: throw StructuredMergeError("associative list with keys may not have a null element")
            case .object(let o):
                guard let value = o[key] else {
                    throw StructuredMergeError(
                        "associative list with keys has an element that omits all key fields [\"\(key)\"] (and doesn't have default values for any key fields)"
                    )
                }
                return .key([(key, value)])
            default: throw StructuredMergeError("associative list with keys may not have non-map elements")
            }
        case .setList:
            switch item {
            case .object: throw StructuredMergeError("associative list without keys has an element that's a map type")
            case .array: throw StructuredMergeError("not supported: associative list with lists as elements")
            case .null: throw StructuredMergeError("associative list without keys has an element that's an explicit null")
            default: return .setValue(item)
            }
        default:
            throw StructuredMergeError("invalid indexing of non-associative list")
        }
    }
}
