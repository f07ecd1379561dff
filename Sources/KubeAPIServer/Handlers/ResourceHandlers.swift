import Foundation
import Hummingbird
import KubeAPI

extension APIHandler {
    /// Dispatches a resource request by method, name and subresource.
    func handleResource(_ api: APIRequest, _ t: ResourceTarget) async throws(APIError) -> Response {
        let r = t.resource
        if !r.isStored { return try await review(api, t) }
        try await checkSignerPermission(api, t)
        switch (api.method, t.name, t.subresource) {
        case (.get, nil, _):
            if api.flag("watch") { return try await watch(api, t) }
            return try await list(api, t)
        case (.get, let name?, nil), (.get, let name?, "status"), (.get, let name?, "approval"):
            let o = try await registry.get(r, namespace: t.namespace, name: name, consistency: try consistency(api))
            return try objectResponse(api, t, o.bytes)
        case (.get, let name?, "log") where r.resource == "pods":
            return try await podLog(api, t, name: name)
        case (_, _?, "log"):
            throw APIError.methodNotAllowed()
        case (let method, let name?, "proxy") where r.resource == "nodes" && Self.nodeProxyMethods.contains(method):
            return try await nodeProxy(api, t, name: name)
        case (_, _?, "proxy"):
            throw APIError.methodNotAllowed()
        case (.get, let name?, "exec"), (.post, let name?, "exec"), (.get, let name?, "attach"), (.post, let name?, "attach"):
            let target = try await kubeletTarget(namespace: t.namespace ?? "", name: name, container: api.query["container"] ?? "")
            try Self.checkExecutable(target.pod)
            throw APIError(code: 400, reason: "BadRequest", message: "Upgrade request required")
        case (.get, _?, "portforward"), (.post, _?, "portforward"):
            throw APIError(code: 400, reason: "BadRequest", message: "Upgrade request required")
        case (_, _?, "exec"), (_, _?, "attach"), (_, _?, "portforward"):
            throw APIError.methodNotAllowed()
        case (.get, let name?, "scale"):
            return APIResponse.json(200, try await registry.getScale(r, namespace: t.namespace, name: name))
        case (.post, nil, nil):
            let result = try await registry.create(r, namespace: t.namespace, body: try api.bodyObject(), options: try api.writeOptions())
            return try writeResponse(api, t, result)
        case (.post, let name?, "token") where r.group.isEmpty && r.resource == "serviceaccounts":
            return try await createToken(api, namespace: t.namespace ?? "", name: name)
        case (.post, let name?, "eviction") where r.group.isEmpty && r.resource == "pods":
            return try await evict(api, t, name: name)
        case (.post, let name?, "binding"):
            let result = try await registry.bind(namespace: t.namespace, name: name, body: try api.bodyObject(), options: try api.writeOptions())
            return APIResponse.json(result.status, result.body)
        case (.put, let name?, "scale"):
            let scale = try await registry.updateScale(r, namespace: t.namespace, name: name, body: try api.bodyObject(), options: try api.writeOptions())
            return APIResponse.json(200, scale)
        case (.put, let name?, let sub):
            let result = try await registry.update(
                r, namespace: t.namespace, name: name, subresource: sub, body: try api.bodyObject(), options: try api.writeOptions())
            return try writeResponse(api, t, result)
        case (.patch, let name?, let sub):
            return try await patch(api, t, name: name, subresource: sub)
        case (.delete, let name?, nil):
            if Registry.isPriorityClasses(r) { try Registry.checkPriorityClassDelete(name: name) }
            let result = try await registry.delete(r, namespace: t.namespace, name: name, request: try deleteRequest(api))
            return try writeResponse(api, t, result)
        case (.delete, nil, nil):
            return try await deleteCollection(api, t)
        default:
            throw APIError.methodNotAllowed()
        }
    }

    /// A single object, as JSON or as a one-row Table.
    func objectResponse(_ api: APIRequest, _ t: ResourceTarget, _ bytes: [UInt8]) throws(APIError) -> Response {
        guard api.wantsTable else { return APIResponse.json(200, bytes) }
        let object = try parse(bytes)
        let table = TableConvertor.table(
            group: t.resource.group, resource: t.resource.resource, objects: [object], listMeta: nil,
            includeObject: includeObject(api), includeColumnDefinitions: true, now: registry.now())
        return APIResponse.json(200, table)
    }

    /// The answer to a write: the object (as a Table when asked) with warnings.
    func writeResponse(_ api: APIRequest, _ t: ResourceTarget, _ result: WriteResult) throws(APIError) -> Response {
        if api.wantsTable, result.body.first == UInt8(ascii: "{") {
            let object = try parse(result.body)
            if object.kind == t.resource.kind {
                let table = TableConvertor.table(
                    group: t.resource.group, resource: t.resource.resource, objects: [object], listMeta: nil,
                    includeObject: includeObject(api), includeColumnDefinitions: true, now: registry.now())
                return APIResponse.json(result.status, table.serialized(), warnings: result.warnings)
            }
        }
        return APIResponse.json(result.status, result.body, warnings: result.warnings)
    }

    func parse(_ bytes: [UInt8]) throws(APIError) -> JSONValue {
        do { return try JSONValue.parse(bytes) } catch { throw APIError.internalError("invalid stored JSON") }
    }

    /// `includeObject` of a Table request (Metadata unless asked otherwise).
    func includeObject(_ api: APIRequest) -> IncludeObjectPolicy {
        switch api.param("includeObject") {
        case "None": return .none
        case "Object": return .object
        default: return .metadata
        }
    }

    /// The read consistency asked for by `resourceVersion` and `resourceVersionMatch`.
    func consistency(_ api: APIRequest) throws(APIError) -> ReadConsistency {
        let match = api.param("resourceVersionMatch")
        guard let rv = api.param("resourceVersion") else {
            if match != nil { throw APIError.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided") }
            return .latest
        }
        guard let value = Int64(rv), value >= 0 else {
            throw APIError(code: 400, reason: "BadRequest", message: "invalid resource version \"\(rv)\"")
        }
        switch match {
        case nil, "NotOlderThan": return value == 0 ? .any : .notOlderThan(value)
        case "Exact":
            if value == 0 { throw APIError.badRequest("resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\"") }
            return .exact(value)
        default:
            throw APIError.badRequest("resourceVersionMatch: Unsupported value: \"\(match ?? "")\": supported values: \"Exact\", \"NotOlderThan\"")
        }
    }

    /// `GET` of a collection: a list (or Table) page.
    func list(_ api: APIRequest, _ t: ResourceTarget) async throws(APIError) -> Response {
        let filter = try objectFilter(api, t)
        let limit = try api.intParam("limit").map { Int(clamping: $0) }
        let page = try await registry.list(
            t.resource, filter: filter, limit: limit, continueToken: api.param("continue"), consistency: try consistency(api))
        var meta = JSONObject()
        meta["resourceVersion"] = .string(String(page.revision))
        if let c = page.continueToken { meta["continue"] = .string(c) }
        if let rem = page.remaining { meta["remainingItemCount"] = .int(rem) }
        if api.wantsTable {
            var objects: [JSONValue] = []
            for item in page.items { objects.append(try parse(item)) }
            let table = TableConvertor.table(
                group: t.resource.group, resource: t.resource.resource, objects: objects, listMeta: .object(meta),
                includeObject: includeObject(api), includeColumnDefinitions: true, now: registry.now())
            return APIResponse.json(200, table)
        }
        var head = Array("{\"kind\":\"\(t.resource.listKind)\",\"apiVersion\":\"\(t.resource.apiVersion)\",\"metadata\":".utf8)
        JSONValue.object(meta).write(to: &head)
        head.append(contentsOf: ",\"items\":[".utf8)
        return APIResponse.jsonList(head: head, items: page.items, tail: Array("]}".utf8))
    }

    /// DELETE of a collection: deletes every matching object, up to 32 at a time so the store's
    /// group commit batches them, answering with a Status.
    func deleteCollection(_ api: APIRequest, _ t: ResourceTarget) async throws(APIError) -> Response {
        let filter = try objectFilter(api, t)
        let request = try deleteRequest(api)
        let page = try await registry.list(t.resource, filter: filter, limit: nil, continueToken: nil, consistency: .latest)
        var targets: [(namespace: String?, name: String)] = []
        for item in page.items {
            let object = try parse(item)
            targets.append((t.resource.namespaced ? object.namespace : nil, object.name))
        }
        let registry = registry
        let resource = t.resource
        let failure = await withTaskGroup(of: APIError?.self) { group -> APIError? in
            var next = 0
            var failure: APIError?
            func startOne() {
                let target = targets[next]
                next += 1
                group.addTask {
                    do throws(APIError) {
                        _ = try await registry.delete(resource, namespace: target.namespace, name: target.name, request: request)
                        return nil
                    } catch {
                        return error.code == 404 ? nil : error
                    }
                }
            }
            while next < targets.count, next < 32 { startOne() }
            for await result in group {
                if let result, failure == nil { failure = result }
                if next < targets.count { startOne() }
            }
            return failure
        }
        if let failure { throw failure }
        return APIResponse.json(200, ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success"])
    }

    /// DeleteOptions from the body (if any) and the query.
    func deleteRequest(_ api: APIRequest) throws(APIError) -> DeleteRequest {
        var d = DeleteRequest()
        if !api.body.isEmpty, api.body.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D }) {
            let body = try api.bodyObject()
            guard body.objectValue != nil else { throw APIError.badRequest("DeleteOptions must be a JSON object") }
            d = try Self.deleteRequest(options: body)
        }
        if let g = try api.intParam("gracePeriodSeconds") { d.gracePeriodSeconds = g }
        if let p = api.param("propagationPolicy") { d.propagationPolicy = p }
        if api.param("orphanDependents") == "true", d.propagationPolicy == nil { d.propagationPolicy = "Orphan" }
        if api.param("dryRun") == "All" { d.dryRun = true }
        try Self.checkPropagation(d)
        return d
    }

    /// The delete a DeleteOptions object (a DELETE's body, an Eviction's `deleteOptions`) asks for.
    static func deleteRequest(options body: JSONValue) throws(APIError) -> DeleteRequest {
        var d = DeleteRequest()
        d.gracePeriodSeconds = body["gracePeriodSeconds"]?.intValue
        d.propagationPolicy = body["propagationPolicy"]?.stringValue
        if body["orphanDependents"]?.boolValue == true, d.propagationPolicy == nil { d.propagationPolicy = "Orphan" }
        d.preconditionUID = body["preconditions"]?["uid"]?.stringValue
        d.preconditionResourceVersion = body["preconditions"]?["resourceVersion"]?.stringValue
        if let dry = body["dryRun"]?.arrayValue, dry.contains(.string("All")) { d.dryRun = true }
        try checkPropagation(d)
        return d
    }

    private static func checkPropagation(_ d: DeleteRequest) throws(APIError) {
        if let p = d.propagationPolicy, !["Orphan", "Background", "Foreground"].contains(p) {
            throw APIError.invalid(
                kind: "DeleteOptions", name: "",
                causes: [.notSupported("propagationPolicy", value: p, supported: ["Foreground", "Background", "Orphan"])])
        }
    }
}
