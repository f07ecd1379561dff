import KubeAPI

/// Builds the `paths` of one group-version document: for every resource its collection and object
/// paths (namespaced and, for namespaced resources, the all-namespaces list) and subresources,
/// each operation tagged with `x-kubernetes-action` and `x-kubernetes-group-version-kind` the way
/// kubectl looks them up.
struct OpenAPIPaths {
    /// The API group; empty for core.
    let group: String
    /// The version.
    let version: String
    /// Definition names by the kind they are the top-level type of.
    let definitionsByKind: [GroupVersionKind: String]

    static let status = "io.k8s.apimachinery.pkg.apis.meta.v1.Status"
    static let deleteOptions = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"
    static let patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch"
    static let apiResourceList = "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList"

    /// The content types a PATCH accepts.
    static let patchContentTypes = [
        "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
        "application/apply-patch+yaml",
    ]

    init(group: String, version: String, schema: SchemaRegistry) {
        self.group = group
        self.version = version
        var byKind: [GroupVersionKind: String] = [:]
        for name in schema.definitions.keys.sorted().reversed() {
            for gvk in schema.definitions[name]?.groupVersionKinds ?? [] { byKind[gvk] = name }
        }
        self.definitionsByKind = byKind
    }

    /// The tag of this group version, e.g. `core_v1` or `coordination_v1`.
    var tag: String { "\(groupIdentifier(upper: false))_\(version)" }

    /// The operation id infix, e.g. `CoreV1` or `RbacAuthorizationV1`.
    var idInfix: String { groupIdentifier(upper: true) + version.prefix(1).uppercased() + version.dropFirst() }

    /// `core` for the core group, else the group without `.k8s.io`, dot-separated words camel-cased.
    private func groupIdentifier(upper: Bool) -> String {
        let base = group.isEmpty ? "core" : (group.hasSuffix(".k8s.io") ? String(group.dropLast(7)) : group)
        let words = base.split(separator: ".").map(String.init)
        var out = ""
        for (i, word) in words.enumerated() {
            out += (i == 0 && !upper) ? word : word.prefix(1).uppercased() + word.dropFirst()
        }
        return out
    }

    /// The URL prefix: `/api/v1` or `/apis/<group>/<version>`.
    var prefix: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// Every path of `resources` (already filtered to this group version), sorted by path.
    func paths(resources: [ResourceInfo]) -> JSONObject {
        var entries: [(String, JSONValue)] = []
        entries.append(("\(prefix)/", .object(rootPath())))
        for r in resources { entries += resourcePaths(r) }
        entries.sort { $0.0 < $1.0 }
        return JSONObject(entries)
    }

    /// `GET /api/v1/`: the group version's resource list.
    private func rootPath() -> JSONObject {
        let op: JSONValue = [
            "description": "get available resources",
            "operationId": .string("get\(idInfix)APIResources"),
            "responses": responses([("200", "OK")], schemaRef: Self.apiResourceList, watch: false),
            "tags": [.string(tag)],
        ]
        return JSONObject([("get", op)])
    }

    /// The paths of one resource: collection, all-namespaces list, object and subresources.
    private func resourcePaths(_ r: ResourceInfo) -> [(String, JSONValue)] {
        let kind = r.kind
        let ns = r.namespaced ? "Namespaced" : ""
        let collection = r.namespaced ? "\(prefix)/namespaces/{namespace}/\(r.resource)" : "\(prefix)/\(r.resource)"
        let item = collection + "/{name}"
        let scope: [JSONValue] = r.namespaced ? [OpenAPIParameters.namespace] : []
        let listRef = r.definition + "List"
        var out: [(String, JSONValue)] = []

        var c = JSONObject()
        c["delete"] = op(
            "deletecollection", "delete collection of \(kind)", "delete\(idInfix)Collection\(ns)\(kind)", r.gvk,
            params: OpenAPIParameters.deleteCollection, body: (Self.deleteOptions, ["*/*"], false),
            responses: responses([("200", "OK")], schemaRef: Self.status, watch: false))
        c["get"] = op(
            "list", "list or watch objects of kind \(kind)", "list\(idInfix)\(ns)\(kind)", r.gvk,
            params: OpenAPIParameters.list, body: nil,
            responses: responses([("200", "OK")], schemaRef: listRef, watch: true))
        c["parameters"] = .array(scope + [OpenAPIParameters.pretty])
        c["post"] = op(
            "post", "create a \(kind)", "create\(idInfix)\(ns)\(kind)", r.gvk,
            params: OpenAPIParameters.write, body: (r.definition, ["*/*"], true),
            responses: responses([("200", "OK"), ("201", "Created"), ("202", "Accepted")], schemaRef: r.definition, watch: false))
        if !r.isStored {
            // Reviews are created and answered, never stored: only POST.
            c["delete"] = nil
            c["get"] = nil
            out.append((collection, .object(c)))
            return out
        }
        out.append((collection, .object(c)))

        if r.namespaced {
            var all = JSONObject()
            all["get"] = op(
                "list", "list or watch objects of kind \(kind)", "list\(idInfix)\(kind)ForAllNamespaces", r.gvk,
                params: OpenAPIParameters.list, body: nil,
                responses: responses([("200", "OK")], schemaRef: listRef, watch: true))
            all["parameters"] = .array([OpenAPIParameters.pretty])
            out.append(("\(prefix)/\(r.resource)", .object(all)))
        }

        let itemParams: [JSONValue] = [OpenAPIParameters.name(kind: kind)] + scope + [OpenAPIParameters.pretty]
        var i = JSONObject()
        i["delete"] = op(
            "delete", "delete a \(kind)", "delete\(idInfix)\(ns)\(kind)", r.gvk,
            params: OpenAPIParameters.delete, body: (Self.deleteOptions, ["*/*"], false),
            responses: responses([("200", "OK"), ("202", "Accepted")], schemaRef: Self.status, watch: false))
        i["get"] = op(
            "get", "read the specified \(kind)", "read\(idInfix)\(ns)\(kind)", r.gvk, params: [], body: nil,
            responses: responses([("200", "OK")], schemaRef: r.definition, watch: false))
        i["parameters"] = .array(itemParams)
        i["patch"] = patchOperation("partially update the specified \(kind)", "patch\(idInfix)\(ns)\(kind)", r.gvk, r.definition)
        i["put"] = op(
            "put", "replace the specified \(kind)", "replace\(idInfix)\(ns)\(kind)", r.gvk,
            params: OpenAPIParameters.write, body: (r.definition, ["*/*"], true),
            responses: responses([("200", "OK"), ("201", "Created")], schemaRef: r.definition, watch: false))
        out.append((item, .object(i)))

        for sub in r.subresources {
            out.append(("\(item)/\(sub.name)", .object(subresourcePath(r, sub, ns: ns, params: itemParams))))
        }
        return out
    }

    /// The path item of one subresource, with an operation per verb it serves.
    private func subresourcePath(
        _ r: ResourceInfo, _ sub: ResourceInfo.Subresource, ns: String, params: [JSONValue]
    ) -> JSONObject {
        let gvk = Self.kind(of: sub, in: r)
        let ref = sub.kind.isEmpty ? r.definition : definitionsByKind[gvk]
        let idBase = "\(idInfix)\(ns)\(r.kind)\(sub.name.prefix(1).uppercased())\(sub.name.dropFirst())"
        let what = "\(sub.name) of the specified \(r.kind)"
        var o = JSONObject()
        for verb in sub.verbs.sorted() {
            switch verb {
            case "get":
                o["get"] = op(
                    "get", "read \(what)", "read\(idBase)", gvk, params: [], body: nil,
                    responses: responses([("200", "OK")], schemaRef: ref, watch: false))
            case "update":
                o["put"] = op(
                    "put", "replace \(what)", "replace\(idBase)", gvk, params: OpenAPIParameters.write,
                    body: ref.map { ($0, ["*/*"], true) },
                    responses: responses([("200", "OK"), ("201", "Created")], schemaRef: ref, watch: false))
            case "patch":
                o["patch"] = patchOperation("partially update \(what)", "patch\(idBase)", gvk, ref)
            case "create":
                o["post"] = op(
                    "post", "create \(sub.name) of a \(r.kind)", "create\(idBase)", gvk, params: OpenAPIParameters.write,
                    body: ref.map { ($0, ["*/*"], true) },
                    responses: responses(
                        [("200", "OK"), ("201", "Created"), ("202", "Accepted")], schemaRef: ref, watch: false))
            case "delete":
                o["delete"] = op(
                    "delete", "delete \(what)", "delete\(idBase)", gvk, params: OpenAPIParameters.delete,
                    body: (Self.deleteOptions, ["*/*"], false),
                    responses: responses([("200", "OK"), ("202", "Accepted")], schemaRef: Self.status, watch: false))
            default:
                continue
            }
        }
        o["parameters"] = .array(params)
        return JSONObject(o.members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// A PATCH operation accepting every patch content type, with the fieldValidation, fieldManager,
    /// dryRun and force parameters that kubectl probes for.
    private func patchOperation(_ description: String, _ id: String, _ gvk: GroupVersionKind, _ ref: String?) -> JSONValue {
        op(
            "patch", description, id, gvk, params: OpenAPIParameters.patch, body: (Self.patch, Self.patchContentTypes, true),
            responses: responses([("200", "OK"), ("201", "Created")], schemaRef: ref, watch: false))
    }

    /// One operation object.
    private func op(
        _ action: String, _ description: String, _ id: String, _ gvk: GroupVersionKind, params: [JSONValue],
        body: (ref: String, types: [String], required: Bool)?, responses: JSONValue
    ) -> JSONValue {
        var o = JSONObject()
        o["description"] = .string(description)
        o["operationId"] = .string(id)
        if !params.isEmpty { o["parameters"] = .array(params) }
        if let body {
            var content = JSONObject()
            for type in body.types { content[type] = ["schema": ["$ref": .string(OpenAPISchemas.refPrefix + body.ref)]] }
            var requestBody = JSONObject([("content", .object(content))])
            if body.required { requestBody["required"] = true }
            o["requestBody"] = .object(requestBody)
        }
        o["responses"] = responses
        o["tags"] = [.string(tag)]
        o["x-kubernetes-action"] = .string(action)
        o["x-kubernetes-group-version-kind"] = OpenAPISchemas.gvkValue(gvk)
        return .object(o)
    }

    /// A responses object: each code with JSON and YAML content of `schemaRef` (watch streams too for
    /// lists), then 401. Without a schema the body is plain text.
    private func responses(_ codes: [(String, String)], schemaRef: String?, watch: Bool) -> JSONValue {
        var o = JSONObject()
        for (code, text) in codes {
            var content = JSONObject()
            if let schemaRef {
                let schema: JSONValue = ["$ref": .string(OpenAPISchemas.refPrefix + schemaRef)]
                var types = ["application/json", "application/yaml"]
                if watch { types.append("application/json;stream=watch") }
                for type in types { content[type] = ["schema": schema] }
            } else {
                content["text/plain"] = ["schema": ["type": "string"]]
            }
            o[code] = ["content": .object(content), "description": .string(text)]
        }
        o["401"] = ["description": "Unauthorized"]
        return .object(o)
    }

    /// The definitions the paths refer to directly: every resource's type and list type, the
    /// subresource kinds, Status, DeleteOptions, Patch and APIResourceList.
    func rootDefinitions(resources: [ResourceInfo]) -> [String] {
        var out: [String] = []
        for r in resources {
            out += [r.definition, r.definition + "List"]
            for sub in r.subresources where !sub.kind.isEmpty {
                if let name = definitionsByKind[Self.kind(of: sub, in: r)] { out.append(name) }
            }
        }
        return out + [Self.status, Self.deleteOptions, Self.patch, Self.apiResourceList]
    }

    /// The kind exchanged on a subresource: the resource's own kind when `kind` is empty, else
    /// `kind` in its group (the resource's group when empty) and version.
    static func kind(of sub: ResourceInfo.Subresource, in r: ResourceInfo) -> GroupVersionKind {
        if sub.kind.isEmpty { return r.gvk }
        return GroupVersionKind(
            group: sub.group.isEmpty ? r.group : sub.group, version: sub.version.isEmpty ? r.version : sub.version,
            kind: sub.kind)
    }
}
