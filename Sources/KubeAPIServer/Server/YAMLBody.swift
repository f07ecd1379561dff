import KubeAPI
import Yams

/// Reads YAML request bodies (`application/yaml`, `application/apply-patch+yaml`) into JSON values.
enum YAMLBody {
    /// Parses a single YAML document; 400 BadRequest when malformed.
    static func parse(_ bytes: [UInt8]) throws(APIError) -> JSONValue {
        let text = String(decoding: bytes, as: UTF8.self)
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw APIError.badRequest("the request body is not valid YAML: \(error)")
        }
        guard let node else { throw APIError.badRequest("the request body is empty") }
        return try convert(node, depth: 0)
    }

    private static func convert(_ node: Yams.Node, depth: Int) throws(APIError) -> JSONValue {
        if depth > JSONValue.maximumDepth { throw APIError.badRequest("YAML nesting is too deep") }
        switch node {
        case .scalar(let s):
            if s.style == Yams.Node.Scalar.Style.plain {
                if s.string == "null" || s.string == "~" || s.string.isEmpty { return .null }
                if s.string == "true" { return .bool(true) }
                if s.string == "false" { return .bool(false) }
                if Int64(s.string) != nil { return .number(s.string) }
                if let d = Double(s.string), d.isFinite, s.string.first?.isNumber == true || s.string.first == "-" {
                    return .number(s.string)
                }
            }
            return .string(s.string)
        case .mapping(let m):
            var o = JSONObject()
            for (k, v) in m {
                guard case .scalar(let key) = k else { throw APIError.badRequest("YAML mapping keys must be strings") }
                o[key.string] = try convert(v, depth: depth + 1)
            }
            return .object(o)
        case .sequence(let seq):
            var items: [JSONValue] = []
            for v in seq { items.append(try convert(v, depth: depth + 1)) }
            return .array(items)
        case .alias:
            throw APIError.badRequest("YAML aliases are not supported")
        }
    }
}
