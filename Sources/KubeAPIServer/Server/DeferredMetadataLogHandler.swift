import Logging

/// Writes what its `StreamLogHandler` writes, but keeps a logger's metadata as values until a
/// record is written (so a `.stringConvertible` value is rendered as it is then, not as it was
/// when set).
///
/// `StreamLogHandler` renders its metadata to text each time a key is set, so that records are
/// cheap to write. The HTTP server sets a request id on every request's logger, and nearly every
/// request logs nothing: the rendering (the id's text, the metadata sorted and joined) was about
/// 3% of the server's CPU for a GET (docs/benchmarks.md). Here a key set is a dictionary write,
/// and the metadata is rendered by the stream handler only for a record it writes.
public struct DeferredMetadataLogHandler: LogHandler {
    private var base: StreamLogHandler

    /// The metadata set on this logger, passed to `base` with each record.
    public var metadata: Logger.Metadata = [:]

    /// The provider whose metadata each record carries (over this logger's, under the record's).
    public var metadataProvider: Logger.MetadataProvider?

    /// Wraps `base`, which should carry no metadata of its own (what it carries is written too);
    /// its metadata provider becomes this handler's.
    public init(base: StreamLogHandler) {
        self.base = base
        metadataProvider = base.metadataProvider
        self.base.metadataProvider = nil
    }

    /// The handler `skiff` logs through: standard error, as swift-log's default.
    public static func standardError(label: String) -> DeferredMetadataLogHandler {
        DeferredMetadataLogHandler(base: StreamLogHandler.standardError(label: label))
    }

    /// The level below which records are dropped (the stream handler's).
    public var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    /// One metadata value, stored as given.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `event` through `base` with the metadata `StreamLogHandler` would give it: this
    /// logger's, then the provider's, then the record's own, a later one winning a key.
    public func log(event: LogEvent) {
        let provided = metadataProvider?.get() ?? [:]
        guard !metadata.isEmpty || !provided.isEmpty else { return base.log(event: event) }
        var merged = metadata
        merged.merge(provided) { _, later in later }
        merged.merge(event.metadata ?? [:]) { _, later in later }
        var event = event
        event.metadata = merged
        base.log(event: event)
    }
}
