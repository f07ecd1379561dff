import Foundation

/// Defaults of the streaming calls (attach, port-forward) for runtimes without them.
extension RuntimeService {
    /// A runtime without attachable stdin refuses.
    public func attachStdin(_ id: String) async throws -> Int32 {
        throw RuntimeError(.other, "attaching to stdin is not supported by this runtime")
    }

    /// Nothing to close without attachable stdin.
    public func closeStdin(_ id: String) async throws {}

    /// A runtime without network namespaces cannot forward ports.
    public func portForward(sandboxID: String, port: UInt16) async throws -> Int32 {
        throw RuntimeError(.other, "port forwarding is not supported by this runtime")
    }
}
