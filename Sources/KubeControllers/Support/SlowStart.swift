/// Kubernetes' `slowStartBatch`: runs `count` calls (given their index, 0..<count) in batches of `initial`, then twice as many
/// each time, the calls of a batch concurrently. After a batch in which a call failed, the rest
/// are not attempted: `skipped` is told how many, and the first error is thrown. So a failing
/// API (quota, a terminating namespace) costs one call, not thousands.
enum SlowStart {
    static func run(
        _ count: Int, initial: Int = 1, skipped: @Sendable (Int) -> Void = { _ in },
        _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws {
        var done = 0
        for size in batches(count, initial: max(1, initial)) {
            let failure: (any Error)? = await withTaskGroup(of: (any Error)?.self) { group in
                for index in done..<(done + size) {
                    group.addTask {
                        do {
                            try await body(index)
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                var first: (any Error)? = nil
                for await e in group where first == nil { first = e }
                return first
            }
            done += size
            if let failure {
                if done < count { skipped(count - done) }
                throw failure
            }
        }
    }

    /// The batch sizes for `count` calls: `initial`, then doubling, the last batch taking what
    /// remains.
    static func batches(_ count: Int, initial: Int = 1) -> [Int] {
        var sizes: [Int] = []
        var remaining = count
        var size = min(remaining, initial)
        while size > 0 {
            sizes.append(size)
            remaining -= size
            size = min(2 * size, remaining)
        }
        return sizes
    }
}
