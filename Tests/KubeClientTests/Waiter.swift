import Synchronization

/// A flag one task sets and another polls.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// A wait (`body`) in a task of its own; `ended` is set when it returns.
struct Waiter {
    let task: Task<Void, Never>
    let ended = Flag()

    /// Starts `body`, in a task that cancels itself first when `cancellingItself`.
    init(cancellingItself: Bool = false, _ body: @escaping @Sendable () async -> Void) {
        let ended = ended
        task = Task {
            if cancellingItself { withUnsafeCurrentTask { $0?.cancel() } }
            await body()
            ended.set()
        }
    }

    /// Polls until the wait returned, at most `timeout`; whether it did.
    func endsWithin(_ timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if ended.isSet { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return ended.isSet
    }
}
