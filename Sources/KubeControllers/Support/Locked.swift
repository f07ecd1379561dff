import Synchronization

/// A value behind a lock, as a shareable reference (a `Mutex` cannot be copied, so a
/// controller struct holds its in-memory state through one of these).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    /// A lock around `value`.
    init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with the value, exclusively.
    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { value in body(&value) }
    }
}
