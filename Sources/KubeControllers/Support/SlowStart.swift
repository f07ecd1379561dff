/// Kubernetes' `slowStartBatch`: runs `count` calls (given their index, 0..<count) in batches of `initial`, then twice as many
/// each time, the calls of a batch concurrently. After a batch in which a call failed, the rest
/// are not attempted: `skipped` is told how many, and the first error is thrown. So a failing
/// API (quota, a terminating namespace) costs one call, not thousands.
enum SlowStart {
    static func run(
        _ count: Int, initial: Int = 1, skipped: @Sendable (Int) -> Void = { _ in },
        _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws {
        var remaining = count
        var batch = min(max(1, initial), count)
        while remaining > 0 {
            let size = batch
            let failure: (any Error)? = await withTaskGroup(of: (any Error)?.self) { group in
                for index in (count - remaining)..<(count - remaining + size) {
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
            remaining -= size
            if let failure {
                if remaining > 0 { skipped(remaining) }
                throw failure
            }
            batch = min(2 * batch, remaining)
        }
    }
}
