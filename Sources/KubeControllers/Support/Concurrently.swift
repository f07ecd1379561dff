/// Bounded fan-out of API writes, as Kubernetes' controllers issue them.
enum Concurrently {
    /// Runs `body` for every element, at most `limit` at a time; the first error is thrown once
    /// the running calls finish.
    static func forEach<Element: Sendable>(
        _ elements: [Element], limit: Int = 16, _ body: @escaping @Sendable (Element) async throws -> Void
    ) async throws {
        guard !elements.isEmpty else { return }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, element) in elements.enumerated() {
                if i >= limit { try await group.next() }
                group.addTask { try await body(element) }
            }
            try await group.waitForAll()
        }
    }
}
