import KubeRuntime
import Testing

@testable import Kubelet

@Suite struct ContainerCommandTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var command: [String]?
        var args: [String]?
        var entrypoint: [String]?
        var cmd: [String]?
        var argv: [String]
        var testDescription: String { "command \(command ?? []) args \(args ?? []) → \(argv)" }
    }

    @Test(arguments: [
        Case(command: nil, args: nil, entrypoint: ["/entry"], cmd: ["default"], argv: ["/entry", "default"]),
        Case(command: ["/bin/sh"], args: nil, entrypoint: ["/entry"], cmd: ["default"], argv: ["/bin/sh"]),
        Case(command: nil, args: ["x"], entrypoint: ["/entry"], cmd: ["default"], argv: ["/entry", "x"]),
        Case(command: ["/bin/sh"], args: ["-c", "echo"], entrypoint: ["/entry"], cmd: ["default"], argv: ["/bin/sh", "-c", "echo"]),
        Case(command: nil, args: nil, entrypoint: nil, cmd: ["sh"], argv: ["sh"]),
        Case(command: nil, args: ["echo"], entrypoint: nil, cmd: ["sh"], argv: ["echo"]),
        Case(command: [], args: [], entrypoint: ["/e"], cmd: ["c"], argv: ["/e", "c"]),
    ])
    func mergesTheSpecWithTheImageConfig(_ c: Case) {
        let image = ImageConfig(entrypoint: c.entrypoint, cmd: c.cmd)
        #expect(ContainerCommand.argv(command: c.command, args: c.args, image: image, env: [:]) == c.argv)
    }

    @Test func expandsVariablesAsKubernetesDoes() {
        let env = ["NAME": "world", "EMPTY": ""]
        #expect(ContainerCommand.expand("hello $(NAME)", env) == "hello world")
        #expect(ContainerCommand.expand("$(MISSING)", env) == "$(MISSING)")
        #expect(ContainerCommand.expand("$$(NAME)", env) == "$(NAME)")
        #expect(ContainerCommand.expand("$$", env) == "$")
        #expect(ContainerCommand.expand("a$(EMPTY)b", env) == "ab")
        #expect(ContainerCommand.expand("$(NAME", env) == "$(NAME")
        #expect(ContainerCommand.expand("$NAME", env) == "$NAME")
        #expect(ContainerCommand.expand("tail$", env) == "tail$")
        #expect(ContainerCommand.expand("$(NAME)$(NAME)", env) == "worldworld")
        let argv = ContainerCommand.argv(command: ["echo", "$(NAME)"], args: ["$$(NAME)"], image: ImageConfig(), env: env)
        #expect(argv == ["echo", "world", "$(NAME)"])
    }

    @Test func workingDirAndUserComeFromTheSpecThenTheImage() {
        #expect(ContainerCommand.workingDir(container: nil, image: ImageConfig(workingDir: "/app")) == "/app")
        #expect(ContainerCommand.workingDir(container: "/x", image: ImageConfig(workingDir: "/app")) == "/x")
        #expect(ContainerCommand.workingDir(container: nil, image: ImageConfig()) == "/")
        #expect(ContainerCommand.user(runAsUser: nil, runAsGroup: nil, image: ImageConfig(user: "1000:1000")) == UserID(uid: 1000, gid: 1000))
        #expect(ContainerCommand.user(runAsUser: 5, runAsGroup: nil, image: ImageConfig(user: "1000")) == UserID(uid: 5, gid: 0))
        #expect(ContainerCommand.user(runAsUser: nil, runAsGroup: nil, image: ImageConfig(user: "nobody")) == nil)
    }
}
