import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWSClient
import HummingbirdWebSocket
import KubeAPI
import Logging
import NIOSSL

extension APIHandler {
    /// The WebSocket upgrade of `GET .../pods/NAME/exec`, `attach` and `portforward`: when the
    /// pod, container and node check out and the client offers a protocol the subresource speaks
    /// (the channel protocols; for `portforward` also kubectl's SPDY tunnel), relays messages both
    /// ways between the client and the kubelet's `/exec`, `/attach` or `/portForward`. Anything
    /// else is not upgraded, and the ordinary handler answers with the error (401 and 403
    /// included: the user must be allowed to `create` `pods/<subresource>`).
    func webSocketUpgrade(
        _ request: HTTPRequest, peerCertificates: [[UInt8]] = []
    ) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let uri = URI(request.path ?? "/")
        let s = uri.path.split(separator: "/").map(FormQuery.percentDecoded)
        guard s.count == 7, s[0] == "api", s[1] == "v1", s[2] == "namespaces", s[4] == "pods",
            let route = Self.connectRoutes[s[6]],
            let chosen = RemoteCommand.negotiate(request.headerFields[.secWebSocketProtocol], served: route.protocols)
        else { return .dontUpgrade }
        let namespace = s[3]
        let name = s[5]
        guard await mayCreate(request, path: uri.path, peerCertificates: peerCertificates, namespace: namespace, pod: name, subresource: s[6])
        else { return .dontUpgrade }
        let query = FormQuery(uri.query ?? "")
        let container: String? = route.kubeletPath == "portForward" ? nil : query.first("container") ?? ""
        guard let target = try? await kubeletTarget(namespace: namespace, name: name, container: container),
            route.kubeletPath == "portForward" || (try? Self.checkExecutable(target.pod)) != nil
        else { return .dontUpgrade }
        var forwarded = query.all("command").map { "command=\(Self.queryEscape($0))" }
        for key in ["stdin", "stdout", "stderr", "tty"] {
            if let value = query.first(key) { forwarded.append("\(key)=\(Self.queryEscape(value))") }
        }
        // The API's `ports` is the kubelet's `port`.
        for value in query.all("ports") + query.all("port") { forwarded.append("port=\(Self.queryEscape(value))") }
        let wsBase = target.baseURL.replacingOccurrences(of: "https://", with: "wss://").replacingOccurrences(of: "http://", with: "ws://")
        var path = "\(wsBase)/\(route.kubeletPath)/\(Self.pathEscape(namespace))/\(Self.pathEscape(name))"
        if container != nil { path += "/\(Self.pathEscape(target.container))" }
        let url = path + "?" + forwarded.joined(separator: "&")
        let logger = self.logger
        let tls = kubelets.tls
        let stopping = kubelets.stopping
        // TLS names the kubelet by its node name (in its serving certificate): an IP address
        // cannot be sent as the server name.
        let serverName = target.pod["spec"]?["nodeName"]?.stringValue
        return .upgrade([.secWebSocketProtocol: chosen]) { inbound, outbound, _ in
            try await Self.relay(
                inbound: inbound, outbound: outbound, to: url, protocol: chosen, tls: tls, serverName: serverName, stopping: stopping,
                logger: logger)
        }
    }

    /// The pod subresources served as WebSocket streams: the kubelet path each goes to and the
    /// subprotocols it speaks.
    static let connectRoutes: [String: (kubeletPath: String, protocols: [String])] = [
        "exec": ("exec", RemoteCommand.protocols),
        "attach": ("attach", RemoteCommand.protocols),
        "portforward": ("portForward", RemoteCommand.portForwardProtocols),
    ]

    /// Whether the request's user may `create` the pod's connect subresource (as Kubernetes
    /// checks for WebSocket upgrades).
    private func mayCreate(
        _ request: HTTPRequest, path: String, peerCertificates: [[UInt8]], namespace: String, pod: String, subresource: String
    ) async -> Bool {
        var user = UserInfo.unsecured
        if let authenticator {
            let auth = AuthenticationRequest(path: path, headers: request.headerFields, peerCertificates: peerCertificates)
            guard let found = try? await authenticator.authenticate(auth) else { return false }
            user = found
        }
        guard let acting = try? await impersonate(request.headerFields, as: user) else { return false }
        user = acting
        let attributes = AuthorizationAttributes(
            user: user, verb: "create", resource: "pods", subresource: subresource, namespace: namespace, name: pod, path: path)
        return await authorizer.authorize(attributes) == .allow
    }

    /// Refuses exec into a pod that has finished, as Kubernetes does.
    static func checkExecutable(_ pod: JSONValue) throws(APIError) {
        let phase = pod["status"]?["phase"]?.stringValue ?? ""
        if phase == "Succeeded" || phase == "Failed" {
            throw APIError.badRequest("cannot exec into a container in a completed pod; current phase is \(phase)")
        }
    }

    /// Copies messages client→kubelet and kubelet→client until either side closes, or until
    /// `stopping` fires (the server stops): the kubelet's side is then closed, which ends both.
    static func relay(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, to url: String, protocol chosen: String,
        tls: TLSConfiguration?, serverName: String? = nil, stopping: ReadySignal, logger: Logger
    ) async throws {
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: 1 << 20, additionalHeaders: [.secWebSocketProtocol: chosen], sniHostname: tls == nil ? nil : serverName)
        do {
            try await WebSocketClient.connect(url: url, configuration: configuration, tlsConfiguration: tls, logger: logger) { kubeletIn, kubeletOut, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 1 << 20) { try await kubeletOut.write(Self.frame(message)) }
                        try await kubeletOut.close(.normalClosure, reason: nil)
                    }
                    group.addTask {
                        await stopping.wait()
                        // Not when the relay ended first and cancelled this wait.
                        if !Task.isCancelled { try? await kubeletOut.close(.goingAway, reason: "the API server is shutting down") }
                    }
                    for try await message in kubeletIn.messages(maxSize: 1 << 20) { try await outbound.write(Self.frame(message)) }
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("exec relay to \(url): \(error)")
            // Port forwarding has no Status channel: the client sees the stream close.
            guard !url.contains("/portForward/") else {
                try? await outbound.close(.normalClosure, reason: nil)
                return
            }
            var buffer = ByteBuffer()
            buffer.writeInteger(RemoteCommand.error)
            buffer.writeBytes(RemoteCommand.failureStatus("error dialing backend: \(error)").serialized())
            try? await outbound.write(.binary(buffer))
        }
        try? await outbound.close(.normalClosure, reason: nil)
    }

    static func frame(_ message: WebSocketMessage) -> WebSocketOutboundWriter.OutboundFrame {
        switch message {
        case .binary(let buffer): return .binary(buffer)
        case .text(let text): return .text(text)
        }
    }
}
