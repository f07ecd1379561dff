import ArgumentParser

/// The `skiff` command: one binary for every Kubernetes component.
@main
struct Skiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skiff",
        abstract: "Kubernetes in one binary.",
        subcommands: [ServerCommand.self, ControllerManagerCommand.self, SchedulerCommand.self, SimulateCommand.self, BenchCommand.self,
            ImageCommand.self])
}
