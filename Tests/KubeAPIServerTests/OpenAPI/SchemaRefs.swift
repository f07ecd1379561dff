import KubeAPI

/// Every `$ref` string anywhere in `value` (an OpenAPI document or schema).
func schemaRefs(in value: JSONValue) -> [String] {
    switch value {
    case .object(let o):
        return o.flatMap { member -> [String] in
            if member.key == "$ref", let s = member.value.stringValue { return [s] }
            return schemaRefs(in: member.value)
        }
    case .array(let a): return a.flatMap { schemaRefs(in: $0) }
    default: return []
    }
}
