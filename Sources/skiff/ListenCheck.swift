import NIOCore
import NIOPosix

/// Whether an address can be listened on, checked before a server starts the components that
/// reach it: when the listener fails only once they run, they are torn down mid-start (and
/// NIO traps on a listener torn down with connections it accepted but had not handed over).
enum ListenCheck {
    /// Fails with a clear error when `host:port` cannot be bound now (in use, or not an address
    /// of this machine). Binds as the server will (SO_REUSEADDR) and closes at once.
    static func ensureAvailable(host: String, port: Int, flag: String) async throws {
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port).get()
            try await channel.close()
        } catch {
            throw CleanExitError("cannot listen on \(host):\(port) (\(flag)): \(error)")
        }
    }
}

extension AgentFlags {
    /// Fails with a clear error when the kubelet API's address cannot be listened on.
    func ensureKubeletAddressAvailable() async throws {
        try await ListenCheck.ensureAvailable(host: kubeletAddress, port: kubeletPort, flag: "--kubelet-address, --kubelet-port")
    }
}
