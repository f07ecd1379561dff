import Foundation
import Hummingbird
import KubeAPI
import KubeRuntime

extension KubeletServer {
    /// `POST /run/{namespace}/{pod}/{container}?cmd=...`:
    /// runs `cmd`, split on whitespace as the kubelet splits it, in the running container and
    /// answers its stdout followed by its stderr. A command that exits non-zero, or cannot run,
    /// is a 500 with the kubelet's text (`command '...' exited with N: ...`); an unknown
    /// container a 404.
    func addRunRoute(_ router: Router<KubeletRequestContext>) {
        router.post("/run/:namespace/:pod/:container") { request, context in
            let parameters = context.parameters
            return try await run(request, parameters.get("namespace") ?? "", parameters.get("pod") ?? "", parameters.get("container") ?? "")
        }
    }

    private func run(_ request: Request, _ namespace: String, _ pod: String, _ container: String) async throws -> Response {
        let command = (FormQuery(request.uri.query ?? "").first("cmd") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        guard !command.isEmpty else { return Self.plain(400, "you must specify at least 1 command") }
        let session: any ExecSession
        do {
            let id = try await runningContainer(namespace: namespace, pod: pod, container: container)
            session = try await runtime.exec(id, command: command, tty: false, stdin: false)
        } catch let error as LogRequestError {
            return Self.plain(error.code, error.message)
        } catch {
            return Self.plain(500, (error as? RuntimeError)?.message ?? "\(error)")
        }
        var stdout: [UInt8] = [], stderr: [UInt8] = []
        for await chunk in session.output {
            switch chunk {
            case .stdout(let bytes): stdout += bytes
            case .stderr(let bytes): stderr += bytes
            }
        }
        let code = await session.waitKillingOnCancel()
        guard code == 0 else {
            let text = "command '\(command.joined(separator: " "))' exited with \(code): \(String(decoding: stderr, as: UTF8.self))"
            return Self.plain(500, text)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: stdout + stderr)))
    }
}
