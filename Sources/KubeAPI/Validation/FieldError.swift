/// Builders for field causes worded exactly as Kubernetes' `field.Error.ErrorBody()` words them.
///
/// The `StatusCause` helpers in `APIError.swift` always quote the bad value as a string; Kubernetes
/// prints integers bare, strings Go-quoted (`%q`) and structures as compact JSON. These builders
/// keep that distinction so clients see the same text a real API server sends.
enum FieldError {
    /// `FieldValueInvalid` with a string bad value: `Invalid value: "x": detail`.
    static func invalid(_ field: String, string value: String, _ detail: String) -> StatusCause {
        make("FieldValueInvalid", field, "Invalid value: " + goQuote(value), detail)
    }

    /// `FieldValueInvalid` with an integer bad value: `Invalid value: 5: detail`.
    static func invalid(_ field: String, int value: Int64, _ detail: String) -> StatusCause {
        make("FieldValueInvalid", field, "Invalid value: " + String(value), detail)
    }

    /// `FieldValueInvalid` with any JSON bad value, rendered as Kubernetes renders it.
    static func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> StatusCause {
        make("FieldValueInvalid", field, "Invalid value: " + render(value), detail)
    }

    /// `FieldValueRequired`: `Required value` or `Required value: detail`.
    static func required(_ field: String, _ detail: String = "") -> StatusCause {
        make("FieldValueRequired", field, "Required value", detail)
    }

    /// `FieldValueForbidden`: `Forbidden: detail`.
    static func forbidden(_ field: String, _ detail: String) -> StatusCause {
        make("FieldValueForbidden", field, "Forbidden", detail)
    }

    /// `FieldValueNotSupported` for a string value: `Unsupported value: "x": supported values: "a", "b"`.
    static func notSupported(_ field: String, string value: String, _ supported: [String]) -> StatusCause {
        notSupported(field, .string(value), supported)
    }

    /// `FieldValueNotSupported` for any JSON value.
    static func notSupported(_ field: String, _ value: JSONValue, _ supported: [String]) -> StatusCause {
        var detail = ""
        if !supported.isEmpty {
            detail = "supported values: " + supported.map(goQuote).joined(separator: ", ")
        }
        return make("FieldValueNotSupported", field, "Unsupported value: " + render(value), detail)
    }

    /// `FieldValueDuplicate` for a string value.
    static func duplicate(_ field: String, string value: String) -> StatusCause {
        make("FieldValueDuplicate", field, "Duplicate value: " + goQuote(value), "")
    }

    /// `FieldValueDuplicate` for any JSON value, with an optional detail.
    static func duplicate(_ field: String, _ value: JSONValue, _ detail: String = "") -> StatusCause {
        make("FieldValueDuplicate", field, "Duplicate value: " + render(value), detail)
    }

    /// `FieldValueNotFound` for a string value.
    static func notFound(_ field: String, string value: String, _ detail: String = "") -> StatusCause {
        make("FieldValueNotFound", field, "Not found: " + goQuote(value), detail)
    }

    /// `FieldValueTooLong`: `Too long: may not be more than N bytes`.
    static func tooLong(_ field: String, max: Int) -> StatusCause {
        let unit = max == 1 ? "byte" : "bytes"
        return make("FieldValueTooLong", field, "Too long", "may not be more than \(max) \(unit)")
    }

    /// `FieldValueTooMany`: `Too many: 7: must have at most 5 items`.
    static func tooMany(_ field: String, actual: Int, max: Int) -> StatusCause {
        let unit = max == 1 ? "item" : "items"
        return make("FieldValueTooMany", field, "Too many: \(actual)", "must have at most \(max) \(unit)")
    }

    /// `FieldValueTypeInvalid` for a value of the wrong JSON type, worded as the API server's
    /// schema validation words it: `Invalid value: "x": spec.replicas in body must be of type integer: "string"`.
    static func typeInvalid(_ field: String, _ value: JSONValue, expected: String) -> StatusCause {
        let detail = "\(field) in body must be of type \(expected): \"\(value.typeName)\""
        return make("FieldValueTypeInvalid", field, "Invalid value: " + render(value), detail)
    }

    private static func make(_ reason: String, _ field: String, _ head: String, _ detail: String) -> StatusCause {
        StatusCause(reason: reason, message: detail.isEmpty ? head : head + ": " + detail, field: field)
    }

    /// A bad value as Kubernetes prints it: strings Go-quoted, numbers and booleans bare,
    /// everything else as compact JSON.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return goQuote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array, .object: return value.jsonString
        }
    }

    /// The string as Go's `strconv.Quote` writes it.
    static func goQuote(_ s: String) -> String { goQuoted(s) }
}

/// Joins field path segments the way `field.Path.String()` does. Each path is built in one
/// allocation: chained `+` would allocate an intermediate string for every operand once the
/// path is longer than a small string's 15 bytes.
enum FieldPath {
    /// `parent.child`, or `child` when `parent` is empty.
    @inline(__always)
    static func child(_ parent: String, _ name: String) -> String {
        parent.isEmpty ? name : joined(parent, ".", name, "")
    }

    /// `parent[index]`.
    @inline(__always)
    static func index(_ parent: String, _ i: Int) -> String {
        joined(parent, "[", String(i), "]")
    }

    /// `parent[key]` (Kubernetes does not quote map keys in paths).
    @inline(__always)
    static func key(_ parent: String, _ key: String) -> String {
        joined(parent, "[", key, "]")
    }

    private static func joined(_ parent: String, _ open: String, _ part: String, _ close: String) -> String {
        var path = ""
        path.reserveCapacity(parent.utf8.count + open.utf8.count + part.utf8.count + close.utf8.count)
        path += parent
        path += open
        path += part
        path += close
        return path
    }
}
