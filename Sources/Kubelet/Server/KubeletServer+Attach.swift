import Foundation
import Synchronization
import Hummingbird
import HummingbirdWebSocket
import KubeAPI
import KubeRuntime

extension KubeletServer {
    /// `GET /attach/{namespace}/{pod}/{container}?stdin=&stdout=&stderr=&tty=` as a WebSocket in
    /// the `v5`/`v4.channel.k8s.io` protocol: the running container's output from now on, stdout
    /// on channel 1 and stderr on 2 (both on 1 with `tty`), then a Success Status on channel 3
    /// when the container stops. With `stdin` and a container created with `stdin: true`, channel
    /// 0 goes to its stdin until the client closes it (channel 255) or leaves; with `stdinOnce`
    /// the container's stdin is then closed for good. An unknown or stopped container gets a
    /// Failure Status.
    func addAttachRoute(_ router: Router<KubeletRequestContext>) {
        addRemoteCommandRoute(router, "/attach/:namespace/:pod/:container") { request, inbound, outbound in
            try await attach(request, inbound: inbound, outbound: outbound)
        }
    }

    func attach(_ request: ExecRequest, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let follower: ContainerOutputFollower
        let id: String
        var stdinFD: Int32?
        var stdinOnce = false
        do {
            id = try await runningContainer(namespace: request.namespace, pod: request.pod, container: request.container)
            let status = try await runtime.containerStatus(id)
            follower = try ContainerOutputFollower(path: status.config.logPath, containerID: id, runtime: runtime)
            if request.stdin && status.config.stdin {
                stdinFD = try await runtime.attachStdin(id)
                stdinOnce = status.config.stdinOnce ?? false
            }
        } catch {
            let message = (error as? LogRequestError)?.message ?? (error as? RuntimeError)?.message ?? "\(error)"
            try await Self.send(RemoteCommand.error, RemoteCommand.failureStatus(message).serialized(), outbound)
            try await outbound.close(.normalClosure, reason: nil)
            return
        }
        let stdin = AttachedStdin(fd: stdinFD, once: stdinOnce, containerID: id, runtime: runtime)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // Stdin (when attached) goes to the container; the client leaving ends the attach.
                defer { Task { await stdin.close() } }
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .binary(let buffer) = message, let channel = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { continue }
                    let payload = Array(buffer.readableBytesView.dropFirst())
                    switch channel {
                    case RemoteCommand.stdin: stdin.write(payload)
                    case RemoteCommand.close where payload.first == RemoteCommand.stdin: await stdin.close()
                    default: continue
                    }
                }
            }
            group.addTask {
                try await follower.run { chunk in
                    switch chunk {
                    case .stdout(let bytes) where request.stdout:
                        try await Self.send(RemoteCommand.stdout, bytes, outbound)
                    case .stderr(let bytes) where request.tty && request.stdout:
                        try await Self.send(RemoteCommand.stdout, bytes, outbound)
                    case .stderr(let bytes) where request.stderr:
                        try await Self.send(RemoteCommand.stderr, bytes, outbound)
                    default:
                        break
                    }
                }
                try await Self.send(RemoteCommand.error, RemoteCommand.exitStatus(0, command: []).serialized(), outbound)
                try await outbound.close(.normalClosure, reason: nil)
            }
            // Whichever ends first (the client leaving, or the container stopping) ends both.
            _ = try await group.next()
            group.cancelAll()
        }
    }
}

/// The write end of an attached container's stdin: written from one task, closed once (then, for
/// `stdinOnce`, the runtime closes the container's stdin for good).
final class AttachedStdin: Sendable {
    private let handle: FileHandle?
    private let once: Bool
    private let containerID: String
    private let runtime: any RuntimeService
    private let closed = Mutex(false)

    /// Writes to `fd` (nil: stdin not attached); `once` closes the container's stdin at the end.
    init(fd: Int32?, once: Bool, containerID: String, runtime: any RuntimeService) {
        handle = fd.map { FileHandle(fileDescriptor: $0, closeOnDealloc: false) }
        self.once = once
        self.containerID = containerID
        self.runtime = runtime
    }

    /// Writes to the container's stdin (nothing when it is not attached or already closed).
    func write(_ bytes: [UInt8]) {
        guard let handle, !bytes.isEmpty, !closed.withLock({ $0 }) else { return }
        try? handle.write(contentsOf: Data(bytes))
    }

    /// Closes the write end (once).
    func close() async {
        let first = closed.withLock { done -> Bool in
            if done { return false }
            done = true
            return true
        }
        guard let handle, first else { return }
        if once { try? await runtime.closeStdin(containerID) }
        try? handle.close()
    }
}
