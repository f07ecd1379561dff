import Foundation
import Hummingbird
import HummingbirdWebSocket
import KubeAPI
import KubeRuntime

extension KubeletServer {
    /// `GET /portForward/{namespace}/{pod}?port=...` as a WebSocket: `SPDY/3.1+portforward.k8s.io`
    /// (kubectl 1.31+: SPDY streams tunnelled in binary messages) or `v4.channel.k8s.io` (one
    /// connection per `port`/`ports` value on channels 2i and 2i+1). A pod without a ready
    /// sandbox is a 404 before the upgrade.
    func addPortForwardRoute(_ router: Router<KubeletRequestContext>) {
        router.ws("/portForward/:namespace/:pod") { request, context in
            guard let chosen = RemoteCommand.negotiate(request.headers[.secWebSocketProtocol], served: RemoteCommand.portForwardProtocols) else {
                return .dontUpgrade
            }
            do {
                if chosen != RemoteCommand.spdyTunnelProtocol {
                    _ = try PortForwardChannelSession.requestedPorts(from: FormQuery(request.uri.query ?? ""))
                }
                _ = try await podSandbox(namespace: context.parameters.get("namespace") ?? "", pod: context.parameters.get("pod") ?? "")
            } catch let error as LogRequestError {
                throw HTTPError(.init(code: error.code), message: error.message)
            }
            return .upgrade([.secWebSocketProtocol: chosen])
        } onUpgrade: { inbound, outbound, context in
            let parameters = context.requestContext.parameters
            let chosen = RemoteCommand.negotiate(context.request.headers[.secWebSocketProtocol], served: RemoteCommand.portForwardProtocols)
            let sandbox = try await podSandbox(namespace: parameters.get("namespace") ?? "", pod: parameters.get("pod") ?? "")
            let target = PortForwardTarget(runtime: runtime, sandboxID: sandbox)
            try await Self.withBinaryInput(inbound) { input in
                let output: @Sendable ([UInt8]) async throws -> Void = { bytes in
                    try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                }
                if chosen == RemoteCommand.spdyTunnelProtocol {
                    try await PortForwardSPDYSession(target: target).run(input: input, output: output)
                } else {
                    let ports = try PortForwardChannelSession.requestedPorts(from: FormQuery(context.request.uri.query ?? ""))
                    try await PortForwardChannelSession(target: target, ports: ports).run(input: input, output: output)
                }
            }
            try? await outbound.close(.normalClosure, reason: nil)
        }
    }

    /// The id of the newest ready sandbox of pod `namespace/pod`; a 404 in the kubelet's words
    /// when there is none.
    func podSandbox(namespace: String, pod: String) async throws -> String {
        let ready = try await runtime.listPodSandboxes().filter {
            $0.state == .ready && $0.config.namespace == namespace && $0.config.name == pod
        }
        guard let newest = ready.max(by: { $0.createdAt < $1.createdAt }) else {
            throw LogRequestError(404, "pod not found (\"\(pod)_\(namespace)\")")
        }
        return newest.id
    }

    /// Runs `body` with the payloads of the client's binary messages as a queue (text messages
    /// are skipped) that ends when the client closes. The client is not read while the queue is
    /// full, so a client sending faster than the pod reads is slowed down.
    static func withBinaryInput(_ inbound: WebSocketInboundStream, _ body: (ByteQueue) async throws -> Void) async throws {
        let input = ByteQueue()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await message in inbound.messages(maxSize: 1 << 24) {
                        if case .binary(let buffer) = message { await input.send(Array(buffer.readableBytesView)) }
                    }
                    input.finish()
                } catch {
                    input.finish(throwing: error)
                }
            }
            try await body(input)
            group.cancelAll()
        }
    }
}
