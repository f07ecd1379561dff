import Foundation
import Hummingbird
import HummingbirdWebSocket
import KubeAPI
import KubeRuntime

extension KubeletServer {
    /// `GET /attach/{namespace}/{pod}/{container}?stdin=&stdout=&stderr=&tty=` as a WebSocket in
    /// the `v5`/`v4.channel.k8s.io` protocol: the running container's output from now on, as it
    /// comes, stdout on channel 1 and stderr on 2 (a terminal's output, and everything with
    /// `tty`, on 1), then a Success Status on channel 3 when the container stops. With `stdin`
    /// and a container created with `stdin: true`, channel 0 goes to its stdin until the client
    /// closes it (channel 255) or leaves; with `stdinOnce` the container's stdin is then closed
    /// for good. Channel 4 resizes a container's terminal. An unknown or stopped container gets
    /// a Failure Status.
    func addAttachRoute(_ router: Router<KubeletRequestContext>) {
        addRemoteCommandRoute(router, "/attach/:namespace/:pod/:container") { request, inbound, outbound in
            try await attach(request, inbound: inbound, outbound: outbound)
        }
    }

    func attach(_ request: ExecRequest, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let session: any ExecSession
        do {
            let id = try await runningContainer(namespace: request.namespace, pod: request.pod, container: request.container)
            let status = try await runtime.containerStatus(id)
            // Stdin asked of a container without it is not an error, as in Kubernetes: it is ignored.
            session = try await runtime.attach(id, stdin: request.stdin && status.config.stdin)
        } catch {
            try await Self.fail(error, outbound)
            return
        }
        try await relay(session, request, inbound: inbound, outbound: outbound)
    }
}
