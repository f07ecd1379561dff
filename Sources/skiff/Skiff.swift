import ArgumentParser
import CSkiffShim
import Glibc
import KubeAPIServer
import Logging

/// The `skiff` command: one binary for every Kubernetes component.
@main
struct Skiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skiff",
        abstract: "Kubernetes in one binary.",
        subcommands: [ServerCommand.self, ControllerManagerCommand.self, SchedulerCommand.self, SimulateCommand.self, BenchCommand.self,
            ImageCommand.self, KubeletCommand.self, JoinAgentCommand.self, TokenCommand.self, KillallCommand.self, SecretsEncryptCommand.self,
            CertificateCommand.self, EtcdSnapshotCommand.self, DatastoreCommand.self])

    /// The hidden `skiff shim ...` (the container shim, in C) runs before ArgumentParser sees it.
    static func main() async {
        if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "shim" {
            Glibc.exit(skiff_shim_main(CommandLine.argc - 1, CommandLine.unsafeArgv + 1))
        }
        // Writes to a pipe whose reader has gone (an exec's or attach's stdin) fail with EPIPE
        // instead of ending the process, as in Kubernetes' own (Go) components.
        signal(SIGPIPE, SIG_IGN)
        EventLoopExecutor.install(for: CommandLine.arguments.dropFirst().first)
        // swift-log's default output, without rendering metadata that no record writes.
        LoggingSystem.bootstrap(DeferredMetadataLogHandler.standardError)
        await main(nil)
    }
}
