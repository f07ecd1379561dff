import Foundation
import Hummingbird
import HummingbirdWebSocket
import KubeAPI
import KubeRuntime

extension KubeletServer {
    /// `GET /exec/{namespace}/{pod}/{container}?command=...&stdin=&stdout=&stderr=&tty=` as a
    /// WebSocket in the `v5`/`v4.channel.k8s.io` protocol: output on channels 1 and 2, stdin on
    /// 0, terminal size on 4, close-stdin on 255 (v5), and the exit Status on 3 before closing.
    func addExecRoute(_ router: Router<KubeletRequestContext>) {
        addRemoteCommandRoute(router, "/exec/:namespace/:pod/:container") { request, inbound, outbound in
            try await exec(request, inbound: inbound, outbound: outbound)
        }
    }

    /// Adds a WebSocket route in the `v5`/`v4.channel.k8s.io` protocol whose URL names a
    /// container and carries `command`, `stdin`, `stdout`, `stderr` and `tty`.
    func addRemoteCommandRoute(
        _ router: Router<KubeletRequestContext>, _ path: RouterPath,
        _ serve: @escaping @Sendable (ExecRequest, WebSocketInboundStream, WebSocketOutboundWriter) async throws -> Void
    ) {
        router.ws(path) { request, _ in
            guard let chosen = RemoteCommand.negotiate(request.headers[.secWebSocketProtocol]) else { return .dontUpgrade }
            return .upgrade([.secWebSocketProtocol: chosen])
        } onUpgrade: { inbound, outbound, context in
            let parameters = context.requestContext.parameters
            let query = FormQuery(context.request.uri.query ?? "")
            let flag = { (name: String) in query.first(name) == "true" || query.first(name) == "1" }
            let request = ExecRequest(
                namespace: parameters.get("namespace") ?? "", pod: parameters.get("pod") ?? "",
                container: parameters.get("container") ?? "", command: query.all("command"), stdin: flag("stdin"),
                stdout: flag("stdout"), stderr: flag("stderr"), tty: flag("tty"))
            try await serve(request, inbound, outbound)
        }
    }

    /// One exec or attach request, as the URL gives it.
    struct ExecRequest: Sendable {
        var namespace, pod, container: String
        var command: [String]
        var stdin, stdout, stderr, tty: Bool
    }

    func exec(_ request: ExecRequest, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let session: any ExecSession
        do {
            guard !request.command.isEmpty else { throw LogRequestError(400, "you must specify at least 1 command") }
            let id = try await runningContainer(namespace: request.namespace, pod: request.pod, container: request.container)
            session = try await runtime.exec(id, command: request.command, tty: request.tty, stdin: request.stdin)
        } catch {
            try await Self.fail(error, outbound)
            return
        }
        try await relay(session, request, inbound: inbound, outbound: outbound)
    }

    /// Sends a Failure Status for `error` on the error channel and closes the WebSocket.
    static func fail(_ error: any Error, _ outbound: WebSocketOutboundWriter) async throws {
        let message = (error as? LogRequestError)?.message ?? (error as? RuntimeError)?.message ?? "\(error)"
        try await send(RemoteCommand.error, RemoteCommand.failureStatus(message).serialized(), outbound)
        try await outbound.close(.normalClosure, reason: nil)
    }

    /// Relays a session and the WebSocket both ways: stdin from channel 0, terminal size from 4,
    /// close-stdin from 255 (v5); output to 1 and 2 (both to 1 with `tty`) as the request asks;
    /// then the exit Status on 3, and the WebSocket closes. The client leaving cancels the session.
    func relay(
        _ session: any ExecSession, _ request: ExecRequest, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await relayInput(inbound, to: session)
                } catch {}
                // The client went away (its stream ended or broke): nothing will read the output
                // any more. A cancelled relay is ending anyway: its process exited, or the wait
                // below kills it.
                if !Task.isCancelled { await session.cancel() }
            }
            for await chunk in session.output {
                switch chunk {
                case .stdout(let bytes) where request.stdout: try await Self.send(RemoteCommand.stdout, bytes, outbound)
                case .stderr(let bytes) where request.tty && request.stdout: try await Self.send(RemoteCommand.stdout, bytes, outbound)
                case .stderr(let bytes) where request.stderr: try await Self.send(RemoteCommand.stderr, bytes, outbound)
                default: continue
                }
            }
            let code = await session.waitKillingOnCancel()
            try await Self.send(RemoteCommand.error, RemoteCommand.exitStatus(code, command: request.command).serialized(), outbound)
            try await outbound.close(.normalClosure, reason: nil)
            group.cancelAll()
        }
    }

    /// Hands what the client sends to the session: stdin (channel 0), terminal size (4) and
    /// close-stdin (255), until the client's stream ends.
    private func relayInput(_ inbound: WebSocketInboundStream, to session: any ExecSession) async throws {
        for try await message in inbound.messages(maxSize: 1 << 20) {
            // The Python client sends text frames for text (the channel as their first character).
            let frame: [UInt8]
            switch message {
            case .binary(let buffer): frame = Array(buffer.readableBytesView)
            case .text(let text): frame = Array(text.utf8)
            }
            guard let channel = frame.first else { continue }
            let payload = Array(frame.dropFirst())
            switch channel {
            case RemoteCommand.stdin: try? await session.write(payload)
            case RemoteCommand.resize:
                if let size = try? JSONValue.parse(payload), let w = size["Width"]?.intValue, let h = size["Height"]?.intValue {
                    await session.resize(width: UInt16(clamping: w), height: UInt16(clamping: h))
                }
            case RemoteCommand.close: if payload.first == RemoteCommand.stdin { await session.closeStdin() }
            default: continue
            }
        }
    }

    /// The id of the running container `container` of pod `namespace/pod`.
    func runningContainer(namespace: String, pod: String, container: String) async throws -> String {
        let match = try await runtime.listContainers().last {
            $0.state == .running
                && RuntimeLabels.isContainer($0.config.labels, namespace: namespace, pod: pod, container: container)
        }
        guard let match else { throw LogRequestError(404, "container not found (\"\(container)\")") }
        return match.id
    }

    static func send(_ channel: UInt8, _ bytes: [UInt8], _ outbound: WebSocketOutboundWriter) async throws {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(bytes.count + 1)
        buffer.writeInteger(channel)
        buffer.writeBytes(bytes)
        try await outbound.write(.binary(buffer))
    }
}
