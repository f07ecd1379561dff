import ArgumentParser
import Foundation
import KubeNetwork
import Kubelet
import KubeRuntime

/// `skiff killall`: stops and removes every container and sandbox the agent under `--data-dir`
/// started, with their mounts, namespaces and pod addresses (k3s ships the same as
/// `k3s-killall.sh`). The agent keeps pods running when it stops; this is how to end them.
struct KillallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "killall", abstract: "Stop and remove every container the agent started.")

    @Option(name: .customLong("data-dir"), help: "Skiff's data directory (the agent's state is under agent/).")
    var dataDir = "/var/lib/skiff"

    func run() async throws {
        let root = "\(dataDir)/agent"
        guard FileManager.default.fileExists(atPath: "\(root)/runtime") else {
            print("nothing to stop: no agent state under \(root)")
            return
        }
        let runtime = try RuncRuntime(options: .agent("\(root)/runtime"))
        let network = BridgeNetwork(stateDirectory: "\(root)/network")
        var failures = 0
        let containers = try await runtime.listContainers()
        for container in containers where container.state == .running || container.state == .created {
            do { try await runtime.stopContainer(container.id, gracePeriod: .zero) } catch {
                failures += 1
                print("stopping container \(container.id): \(error)")
            }
        }
        for container in containers {
            do { try await runtime.removeContainer(container.id) } catch {
                failures += 1
                print("removing container \(container.id): \(error)")
            }
        }
        let sandboxes = try await runtime.listPodSandboxes()
        for sandbox in sandboxes {
            do {
                try? await network.tearDown(sandboxID: sandbox.id, netnsPath: sandbox.networkNamespacePath)
                try await runtime.stopPodSandbox(sandbox.id)
                try await runtime.removePodSandbox(sandbox.id)
            } catch {
                failures += 1
                print("removing sandbox \(sandbox.id): \(error)")
            }
        }
        try? await network.releaseAll(except: [])
        Kubelet.unmountVolumes(rootDirectory: "\(root)/kubelet")
        if failures == 0 { runtime.unmountState() }
        print("stopped \(containers.count) containers and \(sandboxes.count) pod sandboxes")
        if failures > 0 { throw ExitCode(1) }
    }
}
