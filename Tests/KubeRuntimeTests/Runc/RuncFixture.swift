import Foundation
import Testing

@testable import KubeRuntime

/// A runc runtime on a fresh root under /tmp with a busybox image layer, the shim from the built
/// `skiff` binary, and its own cgroup parent; `teardown` removes every sandbox and checks that no
/// mount, namespace file or cgroup is left behind.
struct RuncFixture {
    let base: String
    let layer: String
    let runtime: RuncRuntime
    let cgroupParent: String

    /// Busybox applets linked into the test image.
    static let applets = [
        "sh", "echo", "sleep", "cat", "hostname", "id", "nc", "ls", "readlink", "printf", "pwd", "env", "test",
        "true", "false", "seq", "touch", "tty", "stty", "head", "tr",
    ]

    /// `stateOnTmpfs`: the runtime keeps its state on a tmpfs of its own, as the agent's does.
    init(stateOnTmpfs: Bool = false) throws {
        let runc = ["/usr/sbin/runc", "/usr/bin/runc"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let runc else { throw FixtureError("runc is not installed (Debian package runc)") }
        guard FileManager.default.isExecutableFile(atPath: "/bin/busybox") else {
            throw FixtureError("/bin/busybox is missing (Debian package busybox-static)")
        }
        let skiff = Self.skiffBinary()
        guard FileManager.default.isExecutableFile(atPath: skiff) else {
            throw FixtureError("\(skiff) is missing: build the skiff product first (swift build --build-tests)")
        }
        let token = RuncRecords.newID().prefix(12)
        base = "/tmp/skiff-runc-test-\(token)"
        layer = base + "/layer"
        cgroupParent = "/skiff-test-\(token)"
        try Self.makeBusyboxLayer(at: layer)
        let state = stateOnTmpfs ? base + "/runtime/state" : base + "/runtime"
        runtime = try RuncRuntime(
            options: .init(
                root: base + "/runtime", stateRoot: state, stateOnTmpfs: stateOnTmpfs, namespaceRoot: state + "/ns",
                runc: runc, shim: [skiff, "shim"]))
    }

    /// The `skiff` executable built next to this test bundle.
    static func skiffBinary() -> String {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("skiff").path
    }

    /// A root filesystem of Debian's static busybox with its applets as symlinks.
    static func makeBusyboxLayer(at path: String) throws {
        let fm = FileManager.default
        for dir in ["bin", "etc", "tmp", "proc", "sys", "dev", "root"] {
            try fm.createDirectory(atPath: "\(path)/\(dir)", withIntermediateDirectories: true)
        }
        try fm.copyItem(atPath: "/bin/busybox", toPath: "\(path)/bin/busybox")
        for applet in applets {
            try fm.createSymbolicLink(atPath: "\(path)/bin/\(applet)", withDestinationPath: "busybox")
        }
        try Data("root:x:0:0:root:/root:/bin/sh\n".utf8).write(to: URL(fileURLWithPath: "\(path)/etc/passwd"))
    }

    /// A sandbox config for pod `name` whose logs go under the fixture.
    func sandboxConfig(_ name: String, hostname: String? = nil) -> PodSandboxConfig {
        PodSandboxConfig(
            name: name, namespace: "default", uid: "uid-\(name)", hostname: hostname ?? name,
            logDirectory: "\(base)/logs/default_\(name)", cgroupParent: cgroupParent)
    }

    /// A busybox container config running `argv`, logging to `<logs>/<name>/0.log`.
    func containerConfig(
        _ name: String, sandbox: PodSandboxConfig, _ argv: [String], env: [EnvVar] = [], workingDir: String = "",
        user: UserID? = nil, mounts: [KubeRuntime.Mount] = [], resources: LinuxResources = LinuxResources()
    ) -> ContainerConfig {
        ContainerConfig(
            name: name, image: "busybox", imageID: "sha256:test", layerPaths: [layer], argv: argv, env: env,
            workingDir: workingDir, user: user, mounts: mounts, logPath: "\(sandbox.logDirectory)/\(name)/0.log",
            resources: resources)
    }

    /// Creates and starts a container; returns its id.
    func run(_ config: ContainerConfig, in sandbox: String) async throws -> String {
        let id = try await runtime.createContainer(sandboxID: sandbox, config)
        try await runtime.startContainer(id)
        return id
    }

    /// Waits (bounded, so a broken runtime fails instead of hanging) until `id` has exited.
    func waitExited(_ id: String) async throws -> ContainerStatus {
        for _ in 0..<3000 {
            let status = try await runtime.containerStatus(id)
            if status.state == .exited { return status }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw FixtureError("container \(id) did not exit")
    }

    /// Waits (bounded) until `condition` holds.
    func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<3000 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw FixtureError("timed out waiting for \(what)")
    }

    /// The CRI log lines of a container, split into (stream, tag, text).
    func logLines(_ config: ContainerConfig) throws -> [(stream: String, tag: String, text: String)] {
        let text = try String(contentsOfFile: config.logPath, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            return (String(parts[1]), String(parts[2]), parts.count > 3 ? String(parts[3]) : "")
        }
    }

    /// The text of a container's full stdout lines.
    func stdout(_ config: ContainerConfig) throws -> [String] {
        try logLines(config).filter { $0.stream == "stdout" }.map(\.text)
    }

    /// Removes every sandbox (and so container), then checks nothing is left and deletes the root.
    func teardown() async throws {
        for sandbox in try await runtime.listPodSandboxes() {
            try await runtime.removePodSandbox(sandbox.id)
        }
        runtime.unmountState()
        let leftover = RuncHost.mountPoints().filter { $0.hasPrefix(base) }
        for mountPoint in leftover.reversed() { RuncHost.unmount(mountPoint) }
        try? FileManager.default.removeItem(atPath: base)
        RuncHost.removeCgroup(cgroupParent)
        #expect(leftover.isEmpty, "mounts left behind: \(leftover)")
    }

    /// Runs `body` with a fixture and always tears it down.
    static func with(stateOnTmpfs: Bool = false, _ body: (RuncFixture) async throws -> Void) async throws {
        let fixture = try RuncFixture(stateOnTmpfs: stateOnTmpfs)
        do {
            try await body(fixture)
        } catch {
            try? await fixture.teardown()
            throw error
        }
        try await fixture.teardown()
    }
}

extension RuncFixture {
    /// Runs `body` with a fixture and a ready sandbox for pod `name`, and always tears it down.
    static func withPod(
        _ name: String, hostname: String? = nil, _ body: (RuncFixture, PodSandboxConfig, String) async throws -> Void
    ) async throws {
        try await with { f in
            let pod = f.sandboxConfig(name, hostname: hostname)
            try await body(f, pod, try await f.runtime.runPodSandbox(pod))
        }
    }
}

/// A missing prerequisite or a bounded wait that ran out.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
