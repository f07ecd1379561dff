/// A queue of keys for reconcilers: a key is never handed to two workers at once, duplicates
/// added while queued collapse into one, and failures come back after an exponential backoff.
public actor WorkQueue<Key: Hashable & Sendable> {
    /// Waiting keys are `queue[head...]`; the consumed prefix is dropped when it grows large.
    private var queue: [Key] = []
    private var head = 0
    private var dirty: Set<Key> = []
    private var processing: Set<Key> = []
    private var failures: [Key: Int] = [:]
    private var waiters: [CheckedContinuation<Key?, Never>] = []
    private var shutDown = false
    private let baseDelay: Duration
    private let maxDelay: Duration

    /// A queue whose retries wait `baseDelay * 2^failures`, at most `maxDelay`.
    public init(baseDelay: Duration = .milliseconds(5), maxDelay: Duration = .seconds(1000)) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Queues `key` unless it is queued already; a key being processed is queued again after `done`.
    public func add(_ key: Key) {
        guard !shutDown, !dirty.contains(key) else { return }
        dirty.insert(key)
        if processing.contains(key) { return }
        if let waiter = waiters.first {
            waiters.removeFirst()
            dirty.remove(key)
            processing.insert(key)
            waiter.resume(returning: key)
        } else {
            queue.append(key)
        }
    }

    /// Queues `key` after its backoff (which grows with each call until `forget`).
    public func addRateLimited(_ key: Key) {
        let n = failures[key, default: 0]
        failures[key] = n + 1
        let delay = min(baseDelay * Int(1 << min(n, 30)), maxDelay)
        Task { [weak self] in
            try? await Task.sleep(for: delay)
            await self?.add(key)
        }
    }

    /// Clears `key`'s failure count.
    public func forget(_ key: Key) { failures[key] = nil }

    /// How many times `key` has failed since the last `forget`.
    public func retries(_ key: Key) -> Int { failures[key, default: 0] }

    /// The next key to work on, waiting for one; nil after `shutdown`.
    public func get() async -> Key? {
        if let key = takeNext() { return key }
        if shutDown { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func takeNext() -> Key? {
        guard head < queue.count else { return nil }
        let key = queue[head]
        head += 1
        if head >= 1024, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        dirty.remove(key)
        processing.insert(key)
        return key
    }

    /// Marks `key` finished; if it was added meanwhile it is queued again.
    public func done(_ key: Key) {
        processing.remove(key)
        if dirty.contains(key) {
            dirty.remove(key)
            add(key)
        }
    }

    /// The number of keys waiting.
    public var count: Int { queue.count - head }

    /// Stops handing out keys; waiting `get` calls return nil.
    public func shutdown() {
        shutDown = true
        for w in waiters { w.resume(returning: nil) }
        waiters.removeAll()
    }
}
