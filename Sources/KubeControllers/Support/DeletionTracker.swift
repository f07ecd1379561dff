import Synchronization

/// The pods a controller deleted and has not yet seen go, by owner key: the key-tracking half of
/// client-go's `UIDTrackingControllerExpectations`. A pod is seen going twice (marked for deletion,
/// then removed); `observe` answers true only the first time, so an `Expectations` count is
/// lowered once per deletion.
public final class DeletionTracker: Sendable {
    private let pending = Mutex<[String: Set<String>]>([:])

    public init() {}

    /// Records that `podKeys` are being deleted for `owner`, replacing what was recorded.
    public func expect(_ owner: String, podKeys: [String]) {
        pending.withLock { $0[owner] = Set(podKeys) }
    }

    /// Whether `podKey` was expected to go for `owner` and is now seen going for the first time.
    public func observe(_ owner: String, podKey: String) -> Bool {
        pending.withLock { p in
            guard p[owner]?.remove(podKey) != nil else { return false }
            if p[owner]?.isEmpty == true { p[owner] = nil }
            return true
        }
    }

    /// Forgets `owner`.
    public func remove(_ owner: String) { _ = pending.withLock { $0.removeValue(forKey: owner) } }
}
