import Foundation

/// What a log request asks for (the query of `pods/log` and of the kubelet's `containerLogs`).
struct LogOptions: Sendable, Equatable {
    /// Keep streaming until the container stops.
    var follow = false
    /// Only the last N lines.
    var tailLines: Int?
    /// Only lines written at or after this time (from `sinceSeconds` or `sinceTime`).
    var since: Date?
    /// Prefix each line with its RFC 3339 timestamp.
    var timestamps = false
    /// Stop after this many bytes.
    var limitBytes: Int?
    /// The previous (terminated) instance of the container.
    var previous = false

    /// Reads the query; a malformed number or time is a 400 in Kubernetes' words.
    init(query: [String: String], now: Date = Date()) throws(LogRequestError) {
        func flag(_ name: String) -> Bool { query[name] == "true" || query[name] == "1" }
        func int(_ name: String) throws(LogRequestError) -> Int? {
            guard let text = query[name], !text.isEmpty else { return nil }
            guard let value = Int(text) else { throw LogRequestError(400, "invalid \(name) \"\(text)\": must be an integer") }
            return value
        }
        follow = flag("follow")
        timestamps = flag("timestamps")
        previous = flag("previous")
        tailLines = try int("tailLines")
        limitBytes = try int("limitBytes")
        if let tail = tailLines, tail < 0 { throw LogRequestError(422, "tailLines: Invalid value: \(tail): must be greater than or equal to 0") }
        if let limit = limitBytes, limit < 1 { throw LogRequestError(422, "limitBytes: Invalid value: \(limit): must be greater than 0") }
        if let seconds = try int("sinceSeconds") {
            guard seconds >= 1 else { throw LogRequestError(422, "sinceSeconds: Invalid value: \(seconds): must be greater than 0") }
            since = now.addingTimeInterval(-Double(seconds))
        } else if let text = query["sinceTime"], !text.isEmpty {
            guard let date = CRILogLine.parseTimestamp(text) else { throw LogRequestError(400, "invalid sinceTime \"\(text)\"") }
            since = date
        }
    }

    init() {}
}

/// A log request the kubelet refuses, with the HTTP code and Kubernetes' message.
struct LogRequestError: Error, Sendable, Equatable {
    var code: Int
    var message: String
    init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }
}
