import KubeStorage

/// A failed conformance expectation.
public struct ConformanceFailure: Error, CustomStringConvertible {
    /// What was expected and what happened.
    public var description: String
}

/// The behaviour every `KeyValueStore` backend must show. Each case gets a fresh, empty store.
///
/// Test targets run every case against each backend (see `KubeStorageTests`).
public enum StoreConformance {
    /// One named check.
    public struct Case: Sendable, CustomStringConvertible {
        /// What the case checks.
        public var name: String
        /// Runs the check; throws `ConformanceFailure` or the store's error on failure.
        public var run: @Sendable (any KeyValueStore) async throws -> Void
        public var description: String { name }
    }

    static func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(description: message()) }
    }

    static func expectError(_ code: StoreError.Code, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let e as StoreError {
            try expect(e.code == code, "expected \(code), got \(e.code)")
            return
        }
        throw ConformanceFailure(description: "expected error \(code), got success")
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Every case.
    public static let cases: [Case] = basicCases + rangeCases + watchCases
}
