import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Registry authentication: answers a `WWW-Authenticate` challenge with a bearer token (fetched
/// anonymously, with basic credentials, or from an identity token) or basic credentials.
extension RegistryClient {
    /// Sends a GET to `url`, authorising with what an earlier challenge taught for this
    /// repository; a 401 challenge is answered once and the request repeated.
    func send(
        _ url: String, endpoint: RegistryEndpoint, repository: String, accept: [String], timeout: TimeAmount
    ) async throws -> HTTPClientResponse {
        let key = "\(endpoint.host) \(repository)"
        var authorization = authorizations.withLock { $0[key] }
        for attempt in 0..<2 {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "User-Agent", value: Self.userAgent)
            for type in accept { request.headers.add(name: "Accept", value: type) }
            if let authorization { request.headers.add(name: "Authorization", value: authorization) }
            let response: HTTPClientResponse
            do {
                response = try await client(for: endpoint).execute(request, timeout: timeout)
            } catch {
                throw RuntimeError(.imagePull, "failed to do request: Get \"\(url)\": \(Self.describe(error, url: url))")
            }
            guard response.status == .unauthorized, attempt == 0,
                let challenge = response.headers.first(name: "WWW-Authenticate")
            else { return response }
            _ = try? await response.body.collect(upTo: Self.maxDocument)
            authorization = try await authorize(challenge, endpoint: endpoint, repository: repository)
            authorizations.withLock { $0[key] = authorization }
        }
        throw RuntimeError(.imagePull, "failed to authorize: \(url)")
    }

    /// The `Authorization` header value answering `challenge` for pulls of `repository`.
    func authorize(_ challenge: String, endpoint: RegistryEndpoint, repository: String) async throws -> String {
        let parsed = Self.parseChallenge(challenge)
        let credentials = endpoint.auth?.credentials
        switch parsed.scheme {
        case "basic":
            guard let credentials else {
                throw RuntimeError(.imagePull, "failed to authorize: no basic auth credentials")
            }
            return Self.basic(credentials)
        case "bearer":
            guard let realm = parsed.parameters["realm"] else {
                throw RuntimeError(.imagePull, "failed to authorize: bearer challenge without realm")
            }
            let scope = parsed.parameters["scope"] ?? "repository:\(repository):pull"
            let token = try await fetchToken(
                realm: realm, service: parsed.parameters["service"], scope: scope, endpoint: endpoint, credentials: credentials)
            return "Bearer \(token)"
        default:
            throw RuntimeError(.imagePull, "failed to authorize: unsupported authentication scheme \"\(parsed.scheme)\"")
        }
    }

    /// A bearer token from the token service at `realm` (distribution's token protocol, or the
    /// OAuth2 refresh-token grant when an identity token is configured).
    func fetchToken(
        realm: String, service: String?, scope: String, endpoint: RegistryEndpoint,
        credentials: (username: String, password: String)?
    ) async throws -> String {
        var request: HTTPClientRequest
        let what: String
        if let identityToken = endpoint.auth?.identityToken {
            what = "oauth token"
            request = HTTPClientRequest(url: realm)
            request.method = .POST
            var form = ["grant_type": "refresh_token", "refresh_token": identityToken, "client_id": "skiff", "scope": scope]
            if let service { form["service"] = service }
            let body = form.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.formEncode($0.value))" }.joined(separator: "&")
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        } else {
            what = credentials == nil ? "anonymous token" : "token"
            var query = ["scope=\(Self.formEncode(scope))"]
            if let service { query.insert("service=\(Self.formEncode(service))", at: 0) }
            let url = realm + (realm.contains("?") ? "&" : "?") + query.joined(separator: "&")
            request = HTTPClientRequest(url: url)
            if let credentials { request.headers.add(name: "Authorization", value: Self.basic(credentials)) }
        }
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        let response: HTTPClientResponse
        do {
            response = try await client(for: endpoint).execute(request, timeout: .seconds(30))
        } catch {
            throw RuntimeError(.imagePull, "failed to authorize: failed to fetch \(what): \(Self.describe(error, url: realm))")
        }
        let body = try? await response.body.collect(upTo: Self.maxDocument)
        guard response.status.code == 200, let body else {
            throw RuntimeError(
                .imagePull,
                "failed to authorize: failed to fetch \(what): unexpected status from \(request.method.rawValue) request to \(realm): \(response.status.code) \(response.status.reasonPhrase)")
        }
        struct TokenResponse: Decodable {
            var token: String?
            var access_token: String?
        }
        let decoded = try? JSONDecoder().decode(TokenResponse.self, from: Data(body.readableBytesView))
        guard let token = decoded?.token ?? decoded?.access_token, !token.isEmpty else {
            throw RuntimeError(.imagePull, "failed to authorize: failed to fetch \(what): no token in response from \(realm)")
        }
        return token
    }

    /// `Basic base64(user:password)`.
    static func basic(_ credentials: (username: String, password: String)) -> String {
        "Basic " + Data("\(credentials.username):\(credentials.password)".utf8).base64EncodedString()
    }

    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// The scheme (lowercased) and parameters of a `WWW-Authenticate` header value such as
    /// `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="a,b"`.
    static func parseChallenge(_ header: String) -> (scheme: String, parameters: [String: String]) {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " ") else { return (trimmed.lowercased(), [:]) }
        let scheme = trimmed[..<space].lowercased()
        var parameters: [String: String] = [:]
        var rest = trimmed[trimmed.index(after: space)...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let ch = rest.first, ch != "\"" {
                    if ch == "\\", rest.count > 1 { rest = rest.dropFirst() }
                    value.append(rest.first ?? ch)
                    rest = rest.dropFirst()
                }
                rest = rest.dropFirst()
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            parameters[name] = value
        }
        return (scheme, parameters)
    }
}
