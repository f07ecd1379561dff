import Foundation

extension RuncRuntime {
    /// Connects inside the sandbox's bind-mounted network namespace (`<namespaceRoot>/<id>/net`).
    public func portForward(sandboxID: String, port: UInt16) async throws -> Int32 {
        guard let record = records.read(SandboxRecord.self, from: layout.sandboxRecord(sandboxID)), record.ready else {
            throw RuntimeError(.notFound, "pod sandbox \(sandboxID) not found or not ready")
        }
        return try NetworkNamespaceDialer.connect(namespacePath: layout.networkNamespace(sandboxID), port: port, namespace: sandboxID)
    }
}
