import Foundation
import Hummingbird
import KubeAPI
import NIOCore

extension APIHandler {
    /// The longest a watch stays open when the client gives no `timeoutSeconds` (30-60 min, as
    /// Kubernetes picks).
    static func defaultWatchTimeout() -> Int64 { Int64.random(in: 1800...3600) }

    /// The size past which a watch's waiting events are split over several writes.
    static let watchWriteSize = 1 << 20

    /// `GET ...?watch=true`: a chunked stream of newline-terminated watch events.
    func watch(_ api: APIRequest, _ t: ResourceTarget) async throws(APIError) -> Response {
        let r = t.resource
        let filter = try objectFilter(api, t)
        let sendInitial = api.flag("sendInitialEvents")
        let bookmarks = api.flag("allowWatchBookmarks")
        let timeout = max(0, try api.intParam("timeoutSeconds") ?? Self.defaultWatchTimeout())
        var start = WatchCache.WatchStart.currentState
        if sendInitial && api.param("resourceVersionMatch") != "NotOlderThan" {
            throw APIError.invalid(
                kind: "ListOptions", name: "",
                causes: [.forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")])
        }
        if let rvText = api.param("resourceVersion"), rvText != "0" {
            guard let rv = Int64(rvText), rv > 0 else { throw APIError.badRequest("invalid resource version \"\(rvText)\"") }
            do { try await registry.caches.wait(for: min(rv, registry.caches.revision)) } catch { throw Registry.unavailable(error) }
            start = .after(rv)
        } else if sendInitial, api.param("resourceVersion") == nil {
            try await registry.ensureFresh(.latest)
        }
        let cache = try registry.cache(r)
        let table = api.wantsTable ? TableWatch(api: api, resource: r, handler: self) : nil
        let subscription: WatchSubscription
        do {
            subscription = try cache.watch(filter: filter, start: start, sendInitialEvents: sendInitial, bookmarks: bookmarks)
        } catch let stopping where stopping.code == 503 {
            // The server is stopping: an error status, which clients back off from.
            throw stopping
        } catch {
            // Kubernetes answers a too-old resourceVersion with 200 and a single ERROR event.
            var line = Array("{\"type\":\"ERROR\",\"object\":".utf8)
            error.status.write(to: &line)
            line.append(contentsOf: "}\n".utf8)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: line)))
        }
        let kind = r.kind
        let apiVersion = r.apiVersion
        let inbound = api.inbound
        let body = ResponseBody { writer in
            let queue = subscription.queue
            let timer = Task {
                try? await Task.sleep(until: .now + .seconds(timeout), clock: .continuous)
                queue.finish()
            }
            defer {
                timer.cancel()
                subscription.end()
            }
            var sentColumns = false
            // Everything waiting goes out in one write (one chunk of whole lines), up to about
            // 1 MiB a write, so that a large initial state is not copied into one buffer.
            let send = { (writer: inout any ResponseBodyWriter) async throws in
                while let batch = await queue.next() {
                    var buffer = ByteBuffer()
                    for message in batch {
                        if let table {
                            try table.write(message, kind: kind, apiVersion: apiVersion, sentColumns: &sentColumns, to: &buffer)
                        } else {
                            WatchEncoding.write(message, kind: kind, apiVersion: apiVersion, to: &buffer)
                        }
                        if buffer.readableBytes >= Self.watchWriteSize {
                            try await writer.write(buffer)
                            buffer = ByteBuffer()
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
            }
            if let inbound {
                // End the watch as soon as the client closes its side of the connection.
                var w = writer
                try await inbound.consumeWithInboundCloseHandler({ _ in try await send(&w) }, onInboundClosed: { queue.finish() })
                try await w.finish(nil)
            } else {
                try await send(&writer)
                try await writer.finish(nil)
            }
        }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache, private"], body: body)
    }
}

/// The wire form of watch events: `{"type":"...","object":{...}}` and a newline.
enum WatchEncoding {
    /// Appends one event line to `buffer`, reusing an object's cached bytes.
    static func write(_ message: WatchMessage, kind: String, apiVersion: String, to buffer: inout ByteBuffer) {
        switch message {
        case .event(let type, let object):
            buffer.reserveCapacity(minimumWritableBytes: object.bytes.count + 40)
            buffer.writeString("{\"type\":\"")
            buffer.writeString(type.rawValue)
            buffer.writeString("\",\"object\":")
            buffer.writeBytes(object.bytes)
        case .bookmark(let revision, let end):
            var object: [UInt8] = []
            bookmark(kind: kind, apiVersion: apiVersion, revision: revision, initialEventsEnd: end).write(to: &object)
            buffer.writeString("{\"type\":\"BOOKMARK\",\"object\":")
            buffer.writeBytes(object)
        }
        buffer.writeString("}\n")
    }

    /// The object of a BOOKMARK event: only kind, apiVersion and metadata.resourceVersion.
    static func bookmark(kind: String, apiVersion: String, revision: Int64, initialEventsEnd: Bool) -> JSONValue {
        var meta: JSONValue = ["resourceVersion": .string(String(revision)), "creationTimestamp": nil]
        if initialEventsEnd { meta["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return ["kind": .string(kind), "apiVersion": .string(apiVersion), "metadata": meta]
    }
}

/// Encodes watch events as one-row Tables, with column definitions on the first event only.
struct TableWatch: Sendable {
    let api: APIRequest
    let resource: ResourceInfo
    let handler: APIHandler

    /// Appends one event line with a Table object to `buffer` (bookmarks stay plain);
    /// `sentColumns` tracks whether the column definitions went out already.
    func write(
        _ message: WatchMessage, kind: String, apiVersion: String, sentColumns: inout Bool, to buffer: inout ByteBuffer
    ) throws {
        guard case .event(let type, let object) = message else {
            return WatchEncoding.write(message, kind: kind, apiVersion: apiVersion, to: &buffer)
        }
        let parsed = try handler.parse(object.bytes)
        let table = TableConvertor.table(
            group: resource.group, resource: resource.resource, objects: [parsed],
            listMeta: ["resourceVersion": .string(String(object.revision))], includeObject: handler.includeObject(api),
            includeColumnDefinitions: !sentColumns, now: handler.registry.now())
        sentColumns = true
        var row: [UInt8] = []
        table.write(to: &row)
        buffer.writeString("{\"type\":\"\(type.rawValue)\",\"object\":")
        buffer.writeBytes(row)
        buffer.writeString("}\n")
    }
}
