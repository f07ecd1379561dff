import AsyncHTTPClient
import Foundation
import KubeAPI
import NIOCore
import NIOHTTP1
import NIOSSL

/// A client of the Kubernetes API: every verb on every resource in `ResourceCatalog`, objects as
/// `JSONValue` (typed views decode from them), errors as `ClientError` carrying the server's Status.
public final class KubeClient: Sendable {
    /// The connection settings.
    public let config: ClientConfig
    /// Watches: answers read as a stream.
    let http: HTTPClient
    private let ownsHTTP: Bool
    /// Every other request (`request`): answers read whole. An error when the server's URL or
    /// TLS settings are unusable, thrown by each request.
    private let unary: Result<UnaryConnections, ClientError>

    /// The largest response body read (lists of many objects are large).
    static let maxBody = 512 * 1024 * 1024

    /// A client of the server in `config` with up to eight connections for its requests. Watches
    /// share the process-wide HTTP connection pool (eight connections per server); with TLS
    /// settings in `config`, a pool of their own of eight connections (call `shutdown` when done).
    public convenience init(config: ClientConfig) {
        if config.tls != nil {
            self.init(config: config, maxConnections: 8)
        } else {
            self.init(config: config, http: Self.sharedPlainHTTP)
        }
    }

    /// The process-wide pool of plain-HTTP clients (never shut down, as `HTTPClient.shared`).
    private static let sharedPlainHTTP = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration(tls: nil))

    /// AsyncHTTPClient's settings for the API: no tracing. By default the client opens a span on
    /// the process's tracer for every request, a no-op one when none is set up, and fills its
    /// attributes by parsing the URL a second time: about 5% of a client's CPU per request.
    static func configuration(tls: TLSConfiguration?) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = tls
        configuration.tracing.tracer = nil
        return configuration
    }

    private init(config: ClientConfig, http: HTTPClient) {
        self.config = config
        self.http = http
        ownsHTTP = false
        unary = Self.unaryConnections(config, limit: 8)
    }

    private static func unaryConnections(_ config: ClientConfig, limit: Int) -> Result<UnaryConnections, ClientError> {
        do {
            return .success(
                try UnaryConnections(address: ServerAddress(url: config.server), tls: config.tls, limit: limit, maxBody: maxBody))
        } catch let error as ClientError {
            return .failure(error)
        } catch {
            return .failure(ClientError(code: 0, message: "cannot connect to \(config.server): \(error)"))
        }
    }

    /// A client with up to `maxConnections` connections for its requests and as many for its
    /// watches (each open watch holds one). Call `shutdown` when done.
    public init(config: ClientConfig, maxConnections: Int) {
        self.config = config
        var configuration = Self.configuration(tls: config.tls)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxConnections
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        ownsHTTP = true
        unary = Self.unaryConnections(config, limit: maxConnections)
    }

    /// Closes the client's connections (the process-wide watch pool stays).
    public func shutdown() async {
        if case .success(let unary) = unary { unary.shutdown() }
        if ownsHTTP { try? await http.shutdown() }
    }

    /// The patch formats the server accepts.
    public enum PatchType: String, Sendable {
        case json = "application/json-patch+json"
        case merge = "application/merge-patch+json"
        case strategic = "application/strategic-merge-patch+json"
        case apply = "application/apply-patch+yaml"
    }

    /// Sends one request and returns the response body; non-2xx answers throw `ClientError`.
    public func request(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil,
        contentType: String = "application/json", timeout: TimeAmount = .seconds(60)
    ) async throws -> [UInt8] {
        let connections = try unary.get()
        var headers = config.requestHeaders(host: connections.hostHeader)
        if let body {
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "Content-Length", value: String(body.count))
        }
        let uri = connections.pathPrefix + path + Self.queryString(query)
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: headers)
        let answer: UnaryAnswer
        do {
            answer = try await connections.exchange(head, body: body, timeout: timeout)
        } catch {
            throw ClientError(code: 0, message: "\(method) \(path): \(error)")
        }
        let bytes = Array(answer.body.readableBytesView)
        guard (200..<300).contains(answer.status) else {
            throw ClientError.from(code: answer.status, body: bytes)
        }
        return bytes
    }

    /// `?a=b&c=d` with each value percent-encoded, or nothing.
    static func queryString(_ query: [(String, String)]) -> String {
        if query.isEmpty { return "" }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+,;")
        return "?" + query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }
            .joined(separator: "&")
    }

    /// A watch's request, for AsyncHTTPClient.
    func makeRequest(_ method: HTTPMethod, _ path: String, query: [(String, String)]) -> HTTPClientRequest {
        var req = HTTPClientRequest(url: config.server + path + Self.queryString(query))
        req.method = method
        req.headers.add(name: "Accept", value: "application/json")
        req.headers.add(name: "User-Agent", value: config.userAgent)
        if let token = config.bearerToken { req.headers.add(name: "Authorization", value: "Bearer \(token)") }
        return req
    }

    /// `bytes` parsed, as far as `filter` keeps; a `ClientError` when they are not JSON. Keeping
    /// `.nothing`, the answer is not read at all (an empty object stands for it): the caller
    /// wanted only the success its status code reported.
    func parse(_ bytes: [UInt8], keeping filter: JSONKeyFilter = .whole) throws -> JSONValue {
        if filter == .nothing { return .object(JSONObject()) }
        do {
            return try filter.keepAll ? JSONValue.parse(bytes) : JSONValue.parse(bytes, keeping: filter)
        } catch {
            throw ClientError(code: 0, message: "invalid JSON from server: \(error)")
        }
    }

    /// The object `name` of `resource`.
    public func get(_ resource: ResourceInfo, namespace: String? = nil, name: String) async throws -> JSONValue {
        try parse(try await request(.GET, resource.objectPath(namespace: namespace, name: name)))
    }

    /// Creates `object`; returns it as stored, or of it only what `keeping` keeps (a caller that
    /// reads only the generated name need not parse the whole object back).
    public func create(
        _ resource: ResourceInfo, namespace: String? = nil, _ object: JSONValue, keeping: JSONKeyFilter = .whole
    ) async throws -> JSONValue {
        let bytes = try await request(.POST, resource.collectionPath(namespace: namespace), body: object.serialized())
        return try parse(bytes, keeping: keeping)
    }

    /// Of a created object, its name only: what controllers read back to report the creation.
    public static let createdName = JSONKeyFilter.object(["metadata": .keys(["name"])])

    /// Replaces the object (or its `subresource`, e.g. `status`) with `object`.
    public func update(
        _ resource: ResourceInfo, namespace: String? = nil, _ object: JSONValue, subresource: String? = nil
    ) async throws -> JSONValue {
        var path = resource.objectPath(namespace: namespace, name: object.name)
        if let subresource { path += "/\(subresource)" }
        return try parse(try await request(.PUT, path, body: object.serialized()))
    }

    /// Patches the object `name` (or its `subresource`); returns it as stored, or of it only what
    /// `keeping` keeps (`.nothing` when the caller reads none of it).
    public func patch(
        _ resource: ResourceInfo, namespace: String? = nil, name: String, type: PatchType, _ patch: JSONValue,
        subresource: String? = nil, fieldManager: String? = nil, force: Bool = false, keeping: JSONKeyFilter = .whole
    ) async throws -> JSONValue {
        var path = resource.objectPath(namespace: namespace, name: name)
        if let subresource { path += "/\(subresource)" }
        var query: [(String, String)] = []
        if let fieldManager { query.append(("fieldManager", fieldManager)) }
        if force { query.append(("force", "true")) }
        let bytes = try await request(.PATCH, path, query: query, body: patch.serialized(), contentType: type.rawValue)
        return try parse(bytes, keeping: keeping)
    }

    /// Deletes the object `name`; `propagationPolicy` is Background, Foreground or Orphan.
    public func delete(
        _ resource: ResourceInfo, namespace: String? = nil, name: String, propagationPolicy: String? = nil,
        gracePeriodSeconds: Int? = nil, preconditionUID: String? = nil
    ) async throws {
        var options: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let propagationPolicy { options["propagationPolicy"] = .string(propagationPolicy) }
        if let gracePeriodSeconds { options["gracePeriodSeconds"] = .int(gracePeriodSeconds) }
        if let preconditionUID { options["preconditions"] = ["uid": .string(preconditionUID)] }
        _ = try await request(.DELETE, resource.objectPath(namespace: namespace, name: name), body: options.serialized())
    }

    /// Deletes every object of `resource` in `namespace` matching `labelSelector` (all when nil)
    /// with one DELETE on the collection.
    public func deleteCollection(
        _ resource: ResourceInfo, namespace: String?, labelSelector: String? = nil, propagationPolicy: String? = nil
    ) async throws {
        var options: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let propagationPolicy { options["propagationPolicy"] = .string(propagationPolicy) }
        let query = labelSelector.map { [("labelSelector", $0)] } ?? []
        _ = try await request(.DELETE, resource.collectionPath(namespace: namespace), query: query, body: options.serialized())
    }
}
