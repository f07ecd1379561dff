import Foundation
import KubeAPI
import KubeStorage

extension Registry {
    /// The characters Kubernetes uses for generated name suffixes.
    private static let suffixAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// A random five-character suffix for `generateName`, from one draw of the system generator.
    static func randomSuffix() -> String {
        var generator = BufferedSystemRandom()
        var bits = generator.next() as UInt64
        var suffix = ""
        for _ in 0..<5 {
            suffix.append(suffixAlphabet[Int(bits % UInt64(suffixAlphabet.count))])
            bits /= UInt64(suffixAlphabet.count)
        }
        return suffix
    }

    /// Checks `kind`/`apiVersion` against the endpoint, filling them in when absent.
    func checkKind(_ object: inout JSONValue, _ r: ResourceInfo, kind: String? = nil, apiVersion: String? = nil) throws(APIError) {
        guard object.objectValue != nil else {
            throw APIError.badRequest("the body of the request must be a JSON object")
        }
        let wantKind = kind ?? r.kind
        let wantVersion = apiVersion ?? r.apiVersion
        if object.kind.isEmpty { object["kind"] = .string(wantKind) }
        if object.apiVersion.isEmpty { object["apiVersion"] = .string(wantVersion) }
        if object.kind != wantKind || object.apiVersion != wantVersion {
            throw APIError.badRequest(
                "the API version in the data (\(object.apiVersion)) does not match the expected API version (\(wantVersion))"
                    + (object.kind != wantKind ? " or kind \(object.kind) is not \(wantKind)" : ""))
        }
        if let meta = object["metadata"], meta.objectValue == nil, !meta.isNull {
            throw APIError.badRequest("metadata must be an object")
        }
    }

    /// Refuses writes into a namespace that does not exist or is being deleted.
    func checkNamespaceAccepts(_ namespace: String, _ r: ResourceInfo, name: String) async throws(APIError) {
        guard let nsResource = ResourceCatalog.lookup(group: "", version: "v1", resource: "namespaces") else { return }
        var phase: String?
        if let cached = try cache(nsResource).get(nsResource.storageKey(namespace: nil, name: namespace)) {
            phase = cached.fields["status.phase"]
        } else if let (ns, _) = try? await current(nsResource, namespace: nil, name: namespace) {
            phase = ns["status"]?["phase"]?.stringValue ?? "Active"
        }
        guard let phase else {
            throw APIError.notFound(resource: "namespaces", name: namespace)
        }
        if phase == "Terminating" {
            throw APIError.forbidden(
                group: r.group, resource: r.resource, name: name,
                reason: "unable to create new content in namespace \(namespace) because it is being terminated")
        }
    }

    /// Creates `body` in `r` (in `namespace` when namespaced).
    func create(_ r: ResourceInfo, namespace: String?, body: JSONValue, options: WriteOptions) async throws(APIError) -> WriteResult {
        var object = body
        try checkKind(&object, r)
        if r.namespaced {
            let ns = namespace ?? ""
            let inBody = object.namespace
            if !inBody.isEmpty, inBody != ns {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object.setMetadata("namespace", .string(ns))
        }
        // Admission names the object by its generateName until the name is generated.
        let requestName = object.name.isEmpty ? object["metadata"]?["generateName"]?.stringValue ?? "" : object.name
        if object.name.isEmpty {
            if let prefix = object["metadata"]?["generateName"]?.stringValue, !prefix.isEmpty {
                object.setMetadata("name", .string(prefix + Self.randomSuffix()))
            } else {
                throw APIError.invalid(
                    group: r.group, kind: r.kind, name: "",
                    causes: [.required("metadata.name", "name or generateName is required")])
            }
        }
        let name = object.name
        // Unknown fields are found (and dropped) in what was sent, as Kubernetes finds them while
        // decoding: before defaults, admission and validation.
        let warnings = try checkFields(&object, r, options: options)
        ObjectStrategy.prepareForCreate(&object, r, uid: ObjectUID.random(), now: timestamp)
        Defaulting.apply(kind: r.kind, group: r.group, to: &object)
        // As in Kubernetes, the creator owns what it sent with its defaults, not what admission adds.
        object = recordManager(object, old: nil, r, options: options)
        if CertificateSigningRequestStrategy.handles(r) { CertificateSigningRequestStrategy.prepareForCreate(&object, user: options.user) }
        if r.namespaced { try await checkNamespaceAccepts(object.namespace, r, name: name) }
        if let escalation { try await escalation.check(object, r, user: options.user, creating: true) }
        if r.group.isEmpty, r.resource == "pods" {
            defaultTolerations.admit(&object)
            Defaulting.defaultServiceAccount(&object)
            try await admitServiceAccount(&object)
            try await admitPodPriority(&object, requestName: requestName)
        }
        // Cluster IPs and node ports are assigned before validation, as Kubernetes does.
        var reservation: JSONValue?
        if r.group.isEmpty, r.resource == "services" {
            reservation = try await allocator.allocate(&object, old: nil)
        }
        do throws(APIError) {
            var causes = Validation.validate(kind: r.kind, group: r.group, object: object, old: nil)
            if CertificateSigningRequestStrategy.handles(r) { causes += CertificateSigningRequestValidation.validateCreate(object) }
            if !causes.isEmpty { throw APIError.invalid(group: r.group, kind: r.kind, name: name, causes: causes) }
            if Self.isPriorityClasses(r) { try checkSingleGlobalDefault(object, creating: true) }
        } catch {
            if let reservation { await allocator.release(reservation) }
            throw error
        }
        let stored = StoredObject.layout(object)
        let bytes = stored.serialized()
        if options.dryRun {
            if let reservation { await allocator.release(reservation) }
            return WriteResult(status: 201, body: StoredObject.withResourceVersion(bytes, 0), warnings: warnings)
        }
        do {
            let key = r.storageKey(namespace: namespace, name: name)
            (try? cache(r))?.expect(key: key, stored: bytes, tree: stored)
            let kv = try await store.create(key, value: bytes)
            return WriteResult(status: 201, body: StoredObject.withResourceVersion(bytes, kv.modRevision), warnings: warnings)
        } catch {
            if let reservation { await allocator.release(reservation) }
            throw apiError(error, r, name: name)
        }
    }
}
