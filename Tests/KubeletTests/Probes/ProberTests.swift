import Foundation
import KubeAPI
import KubeRuntime
import Testing

@testable import Kubelet

/// Each probe type passing and failing against real listeners on 127.0.0.1 (the pod IP here),
/// with Kubernetes' messages.
@Suite struct ProberTests {
    let prober = Prober(runtime: ScriptedExecRuntime())

    func run(_ kind: ProbeKind, _ probe: Probe, spec: Container = container()) async -> ProbeOutcome {
        await prober.run(kind, probe, container: spec, containerID: "c1", podIP: "127.0.0.1")
    }

    @Test func httpGetPassesOn2xxAndSendsPathAndHeaders() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response("200 OK", body: "ok") }
        defer { server.stop() }
        let get = HTTPGetAction(
            path: "/healthz?full=1", port: .int(Int64(server.port)), httpHeaders: [HTTPHeader(name: "X-Probe", value: "yes")])
        #expect(await run(.liveness, Probe(httpGet: get)) == ProbeOutcome(result: .success))
        let head = try #require(server.received.first)
        #expect(head.hasPrefix("GET /healthz?full=1 HTTP/1.1\r\n"))
        #expect(head.contains("Host: 127.0.0.1:\(server.port)\r\n"))
        #expect(head.contains("User-Agent: kube-probe/1.37\r\n"))
        #expect(head.contains("Accept: */*\r\n"))
        #expect(head.contains("X-Probe: yes\r\n"))
    }

    @Test func httpGetFailsOnAServerError() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response("500 Internal Server Error", body: "broken") }
        defer { server.stop() }
        let probe = Probe(httpGet: HTTPGetAction(path: "/healthz", port: .int(Int64(server.port))))
        let outcome = await run(.liveness, probe)
        #expect(outcome == ProbeOutcome(result: .failure, message: "Liveness probe failed: HTTP probe failed with statuscode: 500"))
    }

    @Test func httpGetFindsANamedPortAndReportsAMissingOne() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response("204 No Content") }
        defer { server.stop() }
        let spec = container(ports: [ContainerPort(name: "http", containerPort: server.port)])
        let named = Probe(httpGet: HTTPGetAction(path: "/", port: .string("http")))
        #expect(await run(.readiness, named, spec: spec).result == .success)
        let missing = Probe(httpGet: HTTPGetAction(path: "/", port: .string("admin")))
        #expect(await run(.readiness, missing, spec: spec).message == "Readiness probe errored and resulted in unknown state: strconv.Atoi: parsing \"admin\": invalid syntax")
    }

    @Test func httpGetReportsARefusedConnectionInGoWords() async {
        let port = LoopbackServer.closedPort()
        let outcome = await run(.readiness, Probe(httpGet: HTTPGetAction(path: "/ready", port: .int(Int64(port)))))
        let expected = "Readiness probe failed: Get \"http://127.0.0.1:\(port)/ready\": dial tcp 127.0.0.1:\(port): connect: connection refused"
        #expect(outcome == ProbeOutcome(result: .failure, message: expected))
    }

    @Test func httpGetFollowsSameHostRedirectsButNotOthers() async throws {
        let target = try LoopbackServer { _ in LoopbackServer.response("200 OK") }
        defer { target.stop() }
        let server = try LoopbackServer { head in
            if head.hasPrefix("GET /old ") { return LoopbackServer.response("301 Moved Permanently", headers: ["Location: /new"]) }
            if head.hasPrefix("GET /elsewhere ") {
                return LoopbackServer.response("302 Found", headers: ["Location: http://localhost:\(target.port)/"], body: "moved")
            }
            if head.hasPrefix("GET /port ") {
                return LoopbackServer.response("302 Found", headers: ["Location: http://127.0.0.1:\(target.port)/"])
            }
            return LoopbackServer.response(head.hasPrefix("GET /new ") ? "200 OK" : "404 Not Found")
        }
        defer { server.stop() }
        let port = IntOrString.int(Int64(server.port))
        #expect(await run(.liveness, Probe(httpGet: HTTPGetAction(path: "/old", port: port))) == ProbeOutcome(result: .success))
        #expect(server.received.count == 2)
        // Another port on the same host is the same host, as for Kubernetes.
        #expect(await run(.liveness, Probe(httpGet: HTTPGetAction(path: "/port", port: port))) == ProbeOutcome(result: .success))
        #expect(target.received.count == 1)
        let foreign = await run(.liveness, Probe(httpGet: HTTPGetAction(path: "/elsewhere", port: port)))
        #expect(foreign == ProbeOutcome(result: .success, message: "Liveness probe warning: Probe terminated redirects, Response body: moved"))
        #expect(target.received.count == 1)
    }

    @Test func httpGetTimesOutWhenNoAnswerComes() async throws {
        let server = try LoopbackServer { _ in nil }
        defer { server.stop() }
        let probe = Probe(httpGet: HTTPGetAction(path: "/", port: .int(Int64(server.port))), timeoutSeconds: 1)
        let outcome = await run(.liveness, probe)
        let expected = "Liveness probe failed: Get \"http://127.0.0.1:\(server.port)/\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
        #expect(outcome == ProbeOutcome(result: .failure, message: expected))
    }

    @Test func tcpSocketPassesWhenAConnectionOpensAndFailsWhenRefused() async throws {
        let server = try LoopbackServer { _ in "" }
        defer { server.stop() }
        #expect(await run(.readiness, Probe(tcpSocket: TCPSocketAction(port: .int(Int64(server.port))))).result == .success)
        let named = container(ports: [ContainerPort(name: "db", containerPort: server.port)])
        #expect(await run(.readiness, Probe(tcpSocket: TCPSocketAction(port: .string("db"))), spec: named).result == .success)
        let port = LoopbackServer.closedPort()
        let refused = await run(.readiness, Probe(tcpSocket: TCPSocketAction(port: .int(Int64(port)), host: "127.0.0.1")))
        #expect(refused.message == "Readiness probe failed: dial tcp 127.0.0.1:\(port): connect: connection refused")
        #expect(refused.result == .failure)
    }

    @Test func execPassesOnExitZeroAndFailsWithTheCommandsOutput() async throws {
        let runtime = ScriptedExecRuntime()
        runtime.script("cat /tmp/healthy", [
            ScriptedExecRuntime.exit(0),
            ScriptedExecRuntime.exit(1, "cat: can't open '/tmp/healthy': No such file or directory\n"),
        ])
        let prober = Prober(runtime: runtime)
        let probe = Probe(exec: ExecAction(command: ["cat", "/tmp/healthy"]))
        let pass = await prober.run(.liveness, probe, container: container(), containerID: "c9", podIP: "10.42.0.9")
        #expect(pass == ProbeOutcome(result: .success))
        let fail = await prober.run(.liveness, probe, container: container(), containerID: "c9", podIP: "10.42.0.9")
        #expect(fail.message == "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n")
        #expect(runtime.calls == Array(repeating: ScriptedExecRuntime.Call(containerID: "c9", command: "cat /tmp/healthy"), count: 2))
    }

    @Test func execErrorsAreTriedThreeTimesThenReported() async {
        let runtime = ScriptedExecRuntime()
        runtime.fail("true", with: RuntimeError(.notFound, "container c1 not found"))
        let outcome = await Prober(runtime: runtime).run(
            .startup, Probe(exec: ExecAction(command: ["true"])), container: container(), containerID: "c1", podIP: "10.42.0.9")
        #expect(outcome == ProbeOutcome(result: .failure, message: "Startup probe errored and resulted in unknown state: container c1 not found"))
        #expect(runtime.calls.count == 3)
    }

    @Test func execTimesOutAfterTimeoutSeconds() async {
        let prober = Prober(runtime: ScriptedExecRuntime(execDuration: .seconds(5)))
        let probe = Probe(exec: ExecAction(command: ["sleep", "5"]), timeoutSeconds: 1)
        let outcome = await prober.run(.readiness, probe, container: container(), containerID: "c1", podIP: "10.42.0.9")
        #expect(outcome == ProbeOutcome(result: .failure, message: "Readiness probe failed: command \"sleep 5\" timed out"))
    }

    @Test func probeTargetsDecodeFromThePodsJSON() throws {
        let json = try JSONValue.parse(Array("""
            {"name":"web","image":"busybox","ports":[{"name":"http","containerPort":8080}],
             "readinessProbe":{"httpGet":{"path":"/","port":"http"},"periodSeconds":2}}
            """.utf8))
        let target = try ProbeTarget(name: "web", containerID: "c1", startedAt: Date(), containerJSON: json)
        #expect(target.container.readinessProbe?.httpGet?.port == .string("http"))
        #expect(try Prober.resolvePort(.string("http"), in: target.container).get() == 8080)
        #expect(ProbeTiming(try #require(target.container.readinessProbe)).period == .seconds(2))
        #expect(ProbeTiming(Probe()).failureThreshold == 3)
    }
}
