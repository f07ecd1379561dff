import Foundation

/// The HTTP/1.1 GET of an httpGet probe, as Kubernetes' prober sends it: `User-Agent:
/// kube-probe/<version>` and `Accept: */*` unless the probe's headers set them, no keep-alive, at
/// most 10 KiB of body read, redirects followed only to the same host (at most 10), one deadline
/// for the whole exchange.
struct ProbeHTTP {
    /// A response as far as a probe cares.
    struct Response {
        var statusCode: Int
        var headers: [(name: String, value: String)]
        var body: String

        /// The first header named `name`, compared without case.
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// How a probe's GET ended.
    enum Outcome {
        /// A final response (after any same-host redirects).
        case response(Response)
        /// A redirect to another host, not followed (Kubernetes: a warning, counted as success).
        case foreignRedirect(Response)
    }

    static let maxBodyLength = 10 * 1024
    static let maxRedirects = 10

    var userAgent: String

    /// GETs `<scheme>://host:port<path>` (`http` or `https`; TLS without certificate
    /// verification) with `headers`, following same-host redirects (also from http to https).
    /// Errors are in Go's words, prefixed `Get "<url>": `.
    func get(
        scheme: String = "http", host: String, port: Int, path: String, headers: [(name: String, value: String)],
        deadline: ContinuousClock.Instant
    ) throws(ProbeIOError) -> Outcome {
        let hostPort = "\(host):\(port)"
        var url = "\(scheme)://\(hostPort)\(path)"
        var target = (scheme: scheme, host: host, port: port, path: path.isEmpty ? "/" : path)
        var redirects = 0
        while true {
            let response: Response
            do {
                response = try exchange(target.scheme, target.host, target.port, target.path, headers, deadline: deadline)
            } catch {
                throw ProbeIOError(description: "Get \"\(url)\": \(error.description)", timedOut: error.timedOut)
            }
            guard [301, 302, 303, 307, 308].contains(response.statusCode), let location = response.header("Location"),
                let next = URL(string: location, relativeTo: URL(string: url))?.absoluteURL, let nextHost = next.host
            else { return .response(response) }
            guard nextHost == host, let nextScheme = next.scheme, ["http", "https"].contains(nextScheme) else {
                return .foreignRedirect(response)
            }
            redirects += 1
            url = next.absoluteString
            guard redirects < Self.maxRedirects else {
                throw ProbeIOError(description: "Get \"\(url)\": stopped after 10 redirects")
            }
            var nextPath = next.path.isEmpty ? "/" : next.path
            if let query = next.query { nextPath += "?" + query }
            target = (nextScheme, nextHost, next.port ?? (nextScheme == "https" ? 443 : 80), nextPath)
        }
    }

    /// One request and its response on a fresh connection.
    private func exchange(
        _ scheme: String, _ host: String, _ port: Int, _ path: String, _ headers: [(name: String, value: String)],
        deadline: ContinuousClock.Instant
    ) throws(ProbeIOError) -> Response {
        let tcp = try ProbeSocket.connect(host: host, port: port, deadline: deadline)
        let socket: any ProbeConnection
        if scheme == "https" { socket = try ProbeTLSConnection(socket: tcp, host: host) } else { socket = tcp }
        try socket.write(Array(request(host, port, path, headers).utf8), deadline: deadline)
        var received: [UInt8] = []
        var headerEnd: Int?
        var parsed: (statusCode: Int, headers: [(name: String, value: String)])?
        while true {
            let chunk: [UInt8]
            do {
                chunk = try socket.read(deadline: deadline)
            } catch where error.timedOut {
                let phase = headerEnd == nil ? "awaiting headers" : "reading body"
                let text = phase == "awaiting headers" ? "Client.Timeout exceeded while awaiting headers"
                    : "Client.Timeout or context cancellation while reading body"
                throw ProbeIOError(description: "context deadline exceeded (\(text))", timedOut: true)
            }
            received += chunk
            if headerEnd == nil, let end = Self.find([13, 10, 13, 10], in: received) {
                headerEnd = end + 4
                parsed = try Self.parseHead(Array(received[0..<end]))
            }
            if let headerEnd, let parsed {
                let body = Array(received[headerEnd...])
                let length = Self.header("Content-Length", parsed.headers).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                let complete = chunk.isEmpty || body.count >= Self.maxBodyLength || (length.map { body.count >= $0 } ?? false)
                    || (Self.header("Transfer-Encoding", parsed.headers)?.lowercased() == "chunked"
                        && Self.find(Array("0\r\n\r\n".utf8), in: body) != nil)
                if complete {
                    var text = Self.decodeBody(body, headers: parsed.headers)
                    if text.utf8.count > Self.maxBodyLength { text = String(decoding: text.utf8.prefix(Self.maxBodyLength), as: UTF8.self) }
                    return Response(statusCode: parsed.statusCode, headers: parsed.headers, body: text)
                }
            } else if chunk.isEmpty {
                throw ProbeIOError(description: received.isEmpty ? "EOF" : "unexpected EOF")
            }
        }
    }

    /// The request head: Host, User-Agent and Accept (each replaced by a probe header of that
    /// name), the probe's other headers, `Connection: close`.
    func request(_ host: String, _ port: Int, _ path: String, _ headers: [(name: String, value: String)]) -> String {
        func given(_ name: String) -> String? { Self.header(name, headers) }
        var lines = ["GET \(path) HTTP/1.1", "Host: \(given("Host") ?? "\(host):\(port)")"]
        lines.append("User-Agent: \(given("User-Agent") ?? userAgent)")
        lines.append("Accept: \(given("Accept") ?? "*/*")")
        for (name, value) in headers where !["host", "user-agent", "accept", "connection"].contains(name.lowercased()) {
            lines.append("\(name): \(value)")
        }
        lines.append("Connection: close")
        return lines.joined(separator: "\r\n") + "\r\n\r\n"
    }

    private static func header(_ name: String, _ headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    private static func parseHead(_ head: [UInt8]) throws(ProbeIOError) -> (statusCode: Int, headers: [(name: String, value: String)]) {
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let status = lines.first?.split(separator: " ", maxSplits: 2) ?? []
        guard status.count >= 2, status[0].hasPrefix("HTTP/"), let code = Int(status[1]) else {
            throw ProbeIOError(description: "malformed HTTP response \"\(lines.first ?? "")\"")
        }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return (code, headers)
    }

    /// The body as text, de-chunked when it came chunked.
    private static func decodeBody(_ body: [UInt8], headers: [(name: String, value: String)]) -> String {
        guard header("Transfer-Encoding", headers)?.lowercased() == "chunked" else { return String(decoding: body, as: UTF8.self) }
        var result: [UInt8] = []
        var rest = body[...]
        while let lineEnd = find([13, 10], in: Array(rest)) {
            let sizeText = String(decoding: rest.prefix(lineEnd), as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0 else { break }
            let start = rest.startIndex + lineEnd + 2
            let end = min(start + size, rest.endIndex)
            result += rest[start..<end]
            rest = rest[min(end + 2, rest.endIndex)...]
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
