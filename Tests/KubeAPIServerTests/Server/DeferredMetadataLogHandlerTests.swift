import Logging
import Synchronization
import Testing

@testable import KubeAPIServer

/// Collects what a `StreamLogHandler` writes.
private final class Captured: TextOutputStream, Sendable {
    private let lines = Mutex<[String]>([])
    func write(_ string: String) { lines.withLock { $0.append(string) } }
    /// The records without their leading timestamp (the first word), which differs by the second.
    var records: [String] { lines.withLock { $0.map { String($0.drop { $0 != " " }) } } }
}

private struct Failure: Error {}

@Suite struct DeferredMetadataLogHandlerTests {
    /// Logs the same records through `make`'s handler: metadata set on the logger and changed,
    /// a record that names its own metadata (one key clashing), an error, a record under the level.
    private func records(
        provider: Logger.MetadataProvider?, _ make: (StreamLogHandler) -> any LogHandler
    ) -> [String] {
        let out = Captured()
        var logger = Logger(label: "skiff.test") { label in
            make(StreamLogHandler(label: label, stream: out, metadataProvider: provider))
        }
        logger.info("no metadata")
        logger[metadataKey: "request"] = "r1"
        logger[metadataKey: "zone"] = .stringConvertible(42)
        logger.warning("with metadata")
        logger[metadataKey: "request"] = "r2"
        logger.error("explicit", metadata: ["zone": "a", "extra": ["x", "y"]])
        logger.error("failed", error: Failure())
        logger.debug("below the level")
        return out.records
    }

    @Test func writesWhatTheStreamHandlerWrites() {
        let plain = records(provider: nil) { $0 }
        let deferred = records(provider: nil) { DeferredMetadataLogHandler(base: $0) }
        #expect(plain.count == 4)
        #expect(deferred == plain)
        #expect(deferred[1].contains("request=r1 zone=42"))
        #expect(deferred[2].contains(#"extra=["x", "y"] request=r2 zone=a"#))
    }

    @Test func aMetadataProviderSitsBetweenTheLoggerAndTheRecord() {
        let provider = Logger.MetadataProvider { ["zone": "provided", "trace": "t1"] }
        let plain = records(provider: provider) { $0 }
        let deferred = records(provider: provider) { DeferredMetadataLogHandler(base: $0) }
        #expect(deferred == plain)
        #expect(deferred[0].contains("trace=t1 zone=provided"))
        #expect(deferred[2].contains("zone=a"))
    }

    /// A metadata value that counts how often it is rendered to text.
    private final class Rendered: CustomStringConvertible, Sendable {
        private let count = Mutex(0)
        var times: Int { count.withLock { $0 } }
        var description: String {
            count.withLock { $0 += 1 }
            return "request-7"
        }
    }

    /// Setting a key does not render anything; a record that is written renders it once, and a
    /// record under the level not at all. (The stream handler renders on every set: this test
    /// fails for it.)
    @Test func keysAreRenderedOnlyForRecordsWritten() {
        let out = Captured()
        let id = Rendered()
        var logger = Logger(label: "skiff.test") { label in
            DeferredMetadataLogHandler(base: StreamLogHandler(label: label, stream: out, metadataProvider: nil))
        }
        logger[metadataKey: "request"] = .stringConvertible(id)
        logger[metadataKey: "zone"] = "a"
        #expect(id.times == 0)
        logger.debug("below the level")
        #expect(id.times == 0)
        logger.info("written")
        #expect(id.times == 1)
        #expect(out.records == [" info skiff.test: request=request-7 zone=a [KubeAPIServerTests] written\n"])
        #expect(logger[metadataKey: "zone"] == "a")
    }
}
