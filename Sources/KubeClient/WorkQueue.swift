/// A queue of keys for reconcilers: a key is never handed to two workers at once, duplicates
/// added while queued collapse into one, and failures come back after an exponential backoff.
/// With a `minInterval`, a key is handed out at most once per interval: changes arriving
/// meanwhile wait and are reconciled together, so an owner of 10,000 busy pods is synced a few
/// times a second rather than back to back.
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
    private let minInterval: Duration
    /// When each key was last handed out (only with a `minInterval`).
    private var lastStarted: [Key: ContinuousClock.Instant] = [:]
    /// Dirty keys waiting for their interval to pass before they are queued.
    private var held: Set<Key> = []

    /// A queue whose retries wait `baseDelay * 2^failures`, at most `maxDelay`, and which hands
    /// out a key at most once per `minInterval` (zero: no limit).
    public init(baseDelay: Duration = .milliseconds(5), maxDelay: Duration = .seconds(1000), minInterval: Duration = .zero) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.minInterval = minInterval
    }

    /// Queues `key` unless it is queued already; a key being processed is queued again after `done`.
    public func add(_ key: Key) {
        guard !shutDown, !dirty.contains(key) else { return }
        dirty.insert(key)
        if processing.contains(key) { return }
        if let wait = holdOff(key) {
            hold(key, for: wait)
            return
        }
        enqueueDirty(key)
    }

    /// How long `key` must still wait for its interval, if at all.
    private func holdOff(_ key: Key) -> Duration? {
        guard minInterval > .zero, let last = lastStarted[key] else { return nil }
        let elapsed = ContinuousClock.now - last
        return elapsed < minInterval ? minInterval - elapsed : nil
    }

    private func hold(_ key: Key, for wait: Duration) {
        guard held.insert(key).inserted else { return }
        Task { [weak self] in
            try? await Task.sleep(for: wait)
            await self?.release(key)
        }
    }

    /// Queues a held key once its interval has passed.
    private func release(_ key: Key) {
        held.remove(key)
        guard !shutDown, dirty.contains(key), !processing.contains(key) else { return }
        enqueueDirty(key)
    }

    /// Hands a dirty key to a waiting worker or appends it to the queue.
    private func enqueueDirty(_ key: Key) {
        if let waiter = waiters.first {
            waiters.removeFirst()
            dirty.remove(key)
            processing.insert(key)
            started(key)
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
        started(key)
        if head >= 1024, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        dirty.remove(key)
        processing.insert(key)
        return key
    }

    private func started(_ key: Key) {
        guard minInterval > .zero else { return }
        if lastStarted.count > 50_000 {
            let cutoff = ContinuousClock.now - minInterval
            lastStarted = lastStarted.filter { $0.value > cutoff }
        }
        lastStarted[key] = .now
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
