import KubeAPI
import SwiftProtobuf

/// OpenAPI v2 (Swagger 2.0) as the Kubernetes API server publishes it at `GET /openapi/v2`: the
/// definitions of every served type, with their `x-kubernetes-*` extensions, as JSON or as the
/// protobuf model client-go decodes.
///
/// kubectl reads the v2 document to validate a `kind: List` on the client (its v3 check of the
/// `fieldValidation` parameter refuses List by design): each item is checked against the
/// definition whose `x-kubernetes-group-version-kind` names the item's kind. Without the
/// document, `kubectl apply -f` of a List fails. Skiff publishes its operations in v3 only, so
/// `paths` is empty here.
public enum OpenAPIV2 {
    /// The prefix of a local definition reference.
    static let refPrefix = "#/definitions/"
    /// The content type of the protobuf document. client-go asks for
    /// `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, but Go's media type parser
    /// refuses the `@` in an answer; Kubernetes answers with this dotted form.
    public static let protobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
    /// What an Accept header asking for the protobuf document contains (either form).
    public static let protobufAccept = "proto-openapi.spec.v2"

    /// The document: `swagger`, `info`, empty `paths` and the `definitions` reachable from every
    /// resource of `resources` (their lists, subresource kinds and the meta types), sorted by name.
    public static func document(schema: SchemaRegistry, resources: [ResourceInfo]) -> JSONValue {
        var roots: [String] = []
        for (group, version) in OpenAPIV3.groupVersions(resources) {
            let served = resources.filter { $0.group == group && $0.version == version }
            roots += OpenAPIPaths(group: group, version: version, schema: schema).rootDefinitions(resources: served)
        }
        var definitions = JSONObject()
        for member in OpenAPISchemas.components(roots: roots, schema: schema).members {
            definitions[member.key] = v2Schema(member.value)
        }
        return [
            "swagger": "2.0",
            "info": ["title": "Kubernetes", "version": "unversioned"],
            "paths": [:],
            "definitions": .object(definitions),
        ]
    }

    /// A v3 schema of `OpenAPISchemas` in v2's terms: references point into `definitions`, a
    /// property's `allOf: [$ref]` is a plain `$ref` (v2 keeps siblings of `$ref`), and the
    /// `oneOf` of quantities and int-or-strings is `type: string`, as Kubernetes publishes them.
    static func v2Schema(_ v3: JSONValue) -> JSONValue {
        switch v3 {
        case .array(let items):
            return .array(items.map(v2Schema))
        case .object(let object):
            var out = JSONObject()
            for member in object.members {
                let (key, value) = (member.key, member.value)
                switch key {
                case "$ref":
                    out[key] = v2Ref(value)
                case "allOf":
                    if case .array(let parts) = value, parts.count == 1, let ref = parts[0]["$ref"] {
                        out["$ref"] = v2Ref(ref)
                    } else {
                        out[key] = v2Schema(value)
                    }
                case "oneOf":
                    out["type"] = "string"
                case _ where key.hasPrefix("x-"):
                    out[key] = value
                default:
                    out[key] = v2Schema(value)
                }
            }
            return .object(out)
        default:
            return v3
        }
    }

    /// A v3 reference (`#/components/schemas/NAME`) as v2's (`#/definitions/NAME`).
    static func v2Ref(_ v3: JSONValue) -> JSONValue {
        let name = v3.stringValue.map { String($0.dropFirst(OpenAPISchemas.refPrefix.count)) } ?? ""
        return .string(refPrefix + name)
    }

    /// `document` in the protobuf encoding client-go decodes.
    public static func protobuf(_ document: JSONValue) throws -> [UInt8] {
        var message = Openapi_V2_Document()
        message.swagger = document["swagger"]?.stringValue ?? "2.0"
        message.info.title = document["info"]?["title"]?.stringValue ?? ""
        message.info.version = document["info"]?["version"]?.stringValue ?? ""
        message.paths = Openapi_V2_Paths()
        message.definitions.additionalProperties = namedSchemas(document["definitions"])
        return try message.serializedBytes()
    }

    /// The members of a JSON object of schemas, in order, as named schema messages.
    private static func namedSchemas(_ object: JSONValue?) -> [Openapi_V2_NamedSchema] {
        (object?.objectValue?.members ?? []).map { member in
            var named = Openapi_V2_NamedSchema()
            named.name = member.key
            named.value = schemaMessage(member.value)
            return named
        }
    }

    /// One v2 JSON schema as a message; vendor extensions carry their value as YAML (in JSON's
    /// notation, which YAML reads).
    static func schemaMessage(_ json: JSONValue) -> Openapi_V2_Schema {
        var s = Openapi_V2_Schema()
        for member in json.objectValue?.members ?? [] {
            let (key, value) = (member.key, member.value)
            switch key {
            case "$ref": s.ref = value.stringValue ?? ""
            case "format": s.format = value.stringValue ?? ""
            case "description": s.description_p = value.stringValue ?? ""
            case "required": s.required = (value.arrayValue ?? []).compactMap { $0.stringValue }
            case "enum": s.enum = (value.arrayValue ?? []).map(anyMessage)
            case "type": s.type.value = [value.stringValue ?? ""]
            case "items": s.items.schema = [schemaMessage(value)]
            case "allOf": s.allOf = (value.arrayValue ?? []).map(schemaMessage)
            case "properties": s.properties.additionalProperties = namedSchemas(value)
            case "additionalProperties":
                if case .bool(let allowed) = value {
                    s.additionalProperties.boolean = allowed
                } else {
                    s.additionalProperties.schema = schemaMessage(value)
                }
            case _ where key.hasPrefix("x-"):
                var named = Openapi_V2_NamedAny()
                named.name = key
                named.value = anyMessage(value)
                s.vendorExtension.append(named)
            default: break
            }
        }
        return s
    }

    private static func anyMessage(_ value: JSONValue) -> Openapi_V2_Any {
        var any = Openapi_V2_Any()
        any.yaml = String(decoding: value.serialized(), as: UTF8.self)
        return any
    }
}

/// The v2 document in both encodings, built once for serving.
struct OpenAPIV2Documents: Sendable {
    let json: [UInt8]
    let protobuf: [UInt8]

    init(schema: SchemaRegistry, resources: [ResourceInfo]) throws {
        let document = OpenAPIV2.document(schema: schema, resources: resources)
        json = document.serialized()
        protobuf = try OpenAPIV2.protobuf(document)
    }
}
