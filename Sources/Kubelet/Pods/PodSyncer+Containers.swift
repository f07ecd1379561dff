import Foundation
import KubeAPI
import KubeRuntime

extension PodSyncer {
    /// Starts one container of the plan unless it must wait (crash-loop backoff, image, config);
    /// returns when a backoff that holds it ends.
    func startContainer(
        _ start: ContainerStart, pod: JSONValue, spec: PodSpec, sandbox: PodSandboxStatus, memory: inout PodWorkerMemory,
        event: EventSink
    ) async -> Date? {
        let all = (spec.initContainers ?? []) + spec.containers
        guard let container = all.first(where: { $0.name == start.name }) else { return nil }
        let name = container.name
        let now = Date()
        if let finished = start.previousFinishedAt {
            if let started = start.previousStartedAt, finished.timeIntervalSince(started) >= Self.backoffResetAfter {
                memory.crashBackoff.reset(name)
            }
            if memory.crashBackoff.isInBackOff(name, since: finished, now: now) {
                let delay = PodNames.goDuration(memory.crashBackoff.delay(name))
                memory.waiting[name] = ContainerWaiting(
                    "CrashLoopBackOff", "back-off \(delay) restarting failed container=\(name) pod=\(PodNames.full(pod))")
                event("Warning", "BackOff", "Back-off restarting failed container \(name) in pod \(PodNames.full(pod))")
                return memory.crashBackoff.end(name, since: finished)
            }
            memory.crashBackoff.next(name, now: now)
        }
        let image: ImageRecord
        switch await puller.ensure(container, podUID: pod.uid, event: event) {
        case .ready(let record):
            image = record
        case .waiting(let waiting):
            memory.waiting[name] = waiting
            let end = await puller.backoffEnd(podUID: pod.uid, image: container.image ?? "") ?? now.addingTimeInterval(1)
            // Right after a failed pull, look again halfway through the backoff so the status
            // says ImagePullBackOff while it lasts, as the kubelet's does.
            if waiting.reason == "ErrImagePull" { return now.addingTimeInterval(max(0, end.timeIntervalSince(now)) / 2) }
            return end
        }
        let config: ContainerConfig
        do {
            config = try await containerConfig(container, attempt: start.attempt, pod: pod, spec: spec, image: image, memory: memory, event: event)
        } catch {
            let message = (error as? KubeletError)?.message ?? "\(error)"
            memory.waiting[name] = ContainerWaiting("CreateContainerConfigError", message)
            event("Warning", "Failed", "Error: \(message)")
            return now.addingTimeInterval(1)
        }
        let id: String
        do {
            id = try await runtime.createContainer(sandboxID: sandbox.id, config)
        } catch {
            let message = (error as? RuntimeError)?.description ?? "\(error)"
            memory.waiting[name] = ContainerWaiting("CreateContainerError", message)
            event("Warning", "Failed", "Error: \(message)")
            return now.addingTimeInterval(1)
        }
        event("Normal", "Created", "Created container: \(name)")
        do {
            try await runtime.startContainer(id)
        } catch {
            let message = (error as? RuntimeError)?.description ?? "\(error)"
            memory.waiting[name] = ContainerWaiting("RunContainerError", message)
            event("Warning", "Failed", "Error: \(message)")
            return nil
        }
        event("Normal", "Started", "Started container \(name)")
        memory.waiting[name] = nil
        await runPostStart(container, id: id, pod: pod, spec: spec, event: event)
        let keep = configuration.containerGC.maxPerPodContainer
        if keep >= 0 { await removeOldInstances(name, pod: pod, keepingFrom: start.attempt - max(keep, 1)) }
        return nil
    }

    /// Runs the container's postStart exec hook; when it fails the container is killed (and
    /// restarted as the restartPolicy says), as the kubelet does.
    func runPostStart(_ container: Container, id: String, pod: JSONValue, spec: PodSpec, event: EventSink) async {
        guard let command = container.lifecycle?.postStart?.exec?.command, !command.isEmpty else { return }
        let failure: String?
        do {
            let result = try await runtime.execSync(id, command: command, timeout: .seconds(PodWorkerState.gracePeriod(pod)))
            let output = String(decoding: result.stdout + result.stderr, as: UTF8.self)
            failure = result.exitCode == 0 ? nil : "command '\(command.joined(separator: " "))' exited with \(result.exitCode): \(output)"
        } catch {
            failure = "\(error)"
        }
        guard let failure else { return }
        event(
            "Warning", "FailedPostStartHook",
            "Exec lifecycle hook (\(command)) for Container \"\(container.name)\" in Pod \"\(PodNames.full(pod))\" failed - error: \(failure), message: \"\"")
        if let status = try? await runtime.containerStatus(id) {
            await kill(status, spec: nil, pod: pod, grace: PodWorkerState.gracePeriod(pod), message: "FailedPostStartHook", event: event)
        }
    }

    /// Removes exited instances of `name` older than attempt `oldest`, with their log files (the
    /// container GC's `maxPerPodContainer` dead instances are kept, at least one for `lastState`
    /// and `logs --previous`).
    func removeOldInstances(_ name: String, pod: JSONValue, keepingFrom oldest: Int) async {
        guard let view = try? await view(pod.uid) else { return }
        for instance in view.instances(name) where instance.config.attempt < oldest && instance.state == .exited {
            guard (try? await runtime.removeContainer(instance.id)) != nil else { continue }
            ContainerLogFiles.removeAll(instance.config.logPath)
        }
    }

    /// The runtime config of `container`: argv, environment, mounts, resources, labels.
    func containerConfig(
        _ container: Container, attempt: Int, pod: JSONValue, spec: PodSpec, image: ImageRecord, memory: PodWorkerMemory,
        event: EventSink
    ) async throws -> ContainerConfig {
        let links = ServiceLinks.variables(
            services: services?.list() ?? [], namespace: pod.namespace, enableServiceLinks: pod["spec"]?["enableServiceLinks"]?.boolValue ?? true)
        let env = try await ContainerEnv.resolve(
            container, namespace: pod.namespace, values: values(pod, memory), source: configs, serviceVariables: links)
        for (source, keys) in env.invalidKeys {
            event(
                "Warning", "InvalidEnvironmentVariableNames",
                "Keys [\(keys.joined(separator: ", "))] from the EnvFrom \(source) were skipped since they are considered invalid environment variable names.")
        }
        let hostname = Self.hostname(pod, spec)
        let logDirectory = "\(PodNames.logDirectory(pod, root: configuration.podLogsDirectory))/\(container.name)"
        try? FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        let security = container.securityContext
        let podSecurity = spec.securityContext
        var annotations = [
            RuntimeLabels.restartCount: String(attempt), RuntimeLabels.imageRef: image.repoDigests.first ?? image.id,
            RuntimeLabels.terminationGracePeriod: String(PodWorkerState.gracePeriod(pod)),
            RuntimeLabels.containerType: (spec.initContainers ?? []).contains { $0.name == container.name } ? "init" : "app",
        ]
        var mounts = try mounts(container, memory: memory)
        let messagePath = container.terminationMessagePath ?? "/dev/termination-log"
        if !messagePath.isEmpty {
            let dir = "\(volumes.podDirectory(pod.uid))/containers/\(container.name)"
            let file = "\(dir)/\(attempt)-termination-log"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: file, contents: Data(), attributes: [.posixPermissions: 0o666])
            annotations[RuntimeLabels.terminationLog] = file
            mounts.append(KubeRuntime.Mount(containerPath: messagePath, hostPath: file))
        }
        return ContainerConfig(
            name: container.name, attempt: attempt, image: container.image ?? "", imageID: image.id,
            layerPaths: try await puller.images.layerPaths(image),
            argv: ContainerCommand.argv(command: container.command, args: container.args, image: image.config, env: env.map),
            env: env.processEnvironment(hostname: hostname, image: image.config),
            workingDir: ContainerCommand.workingDir(container: container.workingDir, image: image.config),
            user: ContainerCommand.user(
                runAsUser: security?.runAsUser ?? podSecurity?.runAsUser, runAsGroup: security?.runAsGroup ?? podSecurity?.runAsGroup,
                image: image.config),
            mounts: mounts,
            logPath: "\(logDirectory)/\(attempt).log",
            stdin: container.stdin ?? false, tty: container.tty ?? false, resources: ContainerResources.linux(container.resources),
            labels: RuntimeLabels.container(pod, name: container.name), annotations: annotations,
            stdinOnce: container.stdinOnce)
    }

    /// The container's mounts: the pod's hosts and resolv.conf files (unless a volume is mounted
    /// there), then its volumeMounts.
    func mounts(_ container: Container, memory: PodWorkerMemory) throws -> [KubeRuntime.Mount] {
        let volumeMounts = try VolumeManager.mounts(container, volumePaths: memory.volumePaths ?? [:])
        let taken = Set(volumeMounts.map(\.containerPath))
        return memory.networkFileMounts.filter { !taken.contains($0.containerPath) } + volumeMounts
    }

    /// Stops a container: its preStop hook first (exec or sleep, within the grace period), then
    /// SIGTERM and SIGKILL after what is left of the grace period. Records `Killing`.
    func kill(
        _ container: KubeRuntime.ContainerStatus, spec: PodSpec?, pod: JSONValue, grace: Int, message: String, event: EventSink
    ) async {
        guard container.state == .running || container.state == .created else { return }
        event("Normal", "Killing", message)
        let started = ContinuousClock.now
        let budget = Duration.seconds(grace)
        let specContainer = ((spec?.initContainers ?? []) + (spec?.containers ?? [])).first { $0.name == container.config.name }
        if container.state == .running, let hook = specContainer?.lifecycle?.preStop {
            if let command = hook.exec?.command, !command.isEmpty {
                do {
                    let result = try await runtime.execSync(container.id, command: command, timeout: budget)
                    if result.exitCode != 0 {
                        event(
                            "Warning", "FailedPreStopHook",
                            "PreStopHook failed: command '\(command.joined(separator: " "))' exited with \(result.exitCode): \(String(decoding: result.stdout + result.stderr, as: UTF8.self))")
                    }
                } catch {
                    event("Warning", "FailedPreStopHook", "PreStopHook failed: \(error)")
                }
            } else if let sleep = hook.sleep {
                try? await Task.sleep(for: min(.seconds(sleep.seconds), budget))
            }
        }
        let left = max(.zero, budget - (ContinuousClock.now - started))
        do { try await runtime.stopContainer(container.id, gracePeriod: left) } catch {
            logger.warning("stopping container \(container.config.name) of \(pod.namespace)/\(pod.name): \(error)")
        }
    }
}
