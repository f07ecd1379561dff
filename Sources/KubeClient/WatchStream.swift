import AsyncHTTPClient
import Foundation
import KubeAPI
import NIOCore

/// One event of a watch stream.
public struct RawWatchEvent: Sendable {
    /// ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.
    public var type: String
    /// The object (a `Status` for ERROR).
    public var object: JSONValue

    public init(type: String, object: JSONValue) {
        self.type = type
        self.object = object
    }

    /// The event one line of a watch stream holds, parsing of its object only what `keeping`
    /// keeps; an ERROR event's `Status` is parsed whole whatever the filter.
    public init(line: [UInt8], keeping: JSONKeyFilter) throws {
        try self.init(line: line, filter: WatchEventFilter(keeping: keeping))
    }

    /// The event one line holds, parsed with `filter` (made once per watch, not per line).
    init(line: [UInt8], filter: WatchEventFilter) throws {
        var json: JSONValue
        if let event = filter.event {
            json = try JSONValue.parse(line, keeping: event)
            if json["type"]?.stringValue == "ERROR" { json = try JSONValue.parse(line) }
        } else {
            json = try JSONValue.parse(line)
        }
        self.init(type: json["type"]?.stringValue ?? "", object: json["object"] ?? .null)
    }
}

/// What a watch parses of each event: the caller's filter of the object, inside the event's
/// envelope (`type`, `object`). Built once per watch: a filter's construction sorts its names.
struct WatchEventFilter: Sendable {
    /// The envelope's filter; nil when the whole object is kept.
    let event: JSONKeyFilter?

    /// The filter of events whose objects are parsed keeping what `keeping` keeps.
    init(keeping: JSONKeyFilter) {
        event = keeping.keepAll ? nil : .object(["object": keeping], keepingOthers: true)
    }
}

extension KubeClient {
    /// Watches `resource` from `options.resourceVersion`; the stream ends when the server closes
    /// it (`timeoutSeconds`) and fails on transport errors. Of each event's object only what
    /// `keeping` keeps is parsed (`.withoutManagedFields`, or the few fields a component reads);
    /// the rest is skipped unbuilt. An ERROR event's `Status` is always parsed whole.
    public func watch(
        _ resource: ResourceInfo, namespace: String? = nil, options: ListOptions = ListOptions(),
        timeoutSeconds: Int? = nil, bookmarks: Bool = true, keeping: JSONKeyFilter = .whole
    ) -> AsyncThrowingStream<RawWatchEvent, Error> {
        var query = options.query
        query.append(("watch", "true"))
        if bookmarks { query.append(("allowWatchBookmarks", "true")) }
        if let timeoutSeconds { query.append(("timeoutSeconds", String(timeoutSeconds))) }
        let req = makeRequest(.GET, resource.collectionPath(namespace: namespace), query: query)
        let http = self.http
        let filter = WatchEventFilter(keeping: keeping)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let response = try await http.execute(req, timeout: .hours(2))
                    guard response.status.code == 200 else {
                        let body = try await response.body.collect(upTo: 1 << 20)
                        throw ClientError.from(code: Int(response.status.code), body: Array(body.readableBytesView))
                    }
                    var splitter = LineSplitter()
                    for try await chunk in response.body {
                        for line in splitter.feed(chunk) {
                            continuation.yield(try RawWatchEvent(line: line, filter: filter))
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Splits a byte stream into newline-terminated lines.
struct LineSplitter {
    /// The start of a line the chunks so far have not finished.
    private var pending: [UInt8] = []

    /// The complete, non-empty lines that `chunk` finishes (without their newlines). Each new
    /// byte is looked at once, with `memchr`, and a line that lies whole in one chunk is copied
    /// once, straight out of it: every watch event of every component passes through here.
    mutating func feed(_ chunk: ByteBuffer) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        chunk.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) {
                let end = base.distance(to: UnsafeRawPointer(found))
                if pending.isEmpty {
                    if end > start { lines.append(Array(bytes[start..<end])) }
                } else {
                    pending.append(contentsOf: bytes[start..<end])
                    lines.append(pending)
                    pending = []
                }
                start = end + 1
            }
            if start < bytes.count { pending.append(contentsOf: bytes[start...]) }
        }
        return lines
    }
}
