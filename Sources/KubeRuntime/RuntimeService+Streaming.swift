import Foundation

/// Defaults of the streaming and measuring calls (attach, port-forward, layer usage) for
/// runtimes without them.
extension RuntimeService {
    /// A runtime without a way to a running container's output refuses.
    public func attach(_ id: String, stdin: Bool) async throws -> any ExecSession {
        throw RuntimeError(.other, "attaching to a container is not supported by this runtime")
    }

    /// A runtime without layers on disk has nothing to measure.
    public func writableLayerUsage(_ id: String) async throws -> WritableLayerUsage? { nil }

    /// A runtime without network namespaces cannot forward ports.
    public func portForward(sandboxID: String, port: UInt16) async throws -> Int32 {
        throw RuntimeError(.other, "port forwarding is not supported by this runtime")
    }
}
