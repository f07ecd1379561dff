import Foundation
import Testing

@testable import KubeRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// The agent's runtime keeps its state on a tmpfs of its own and containers' writable layers on
/// disk (as root, under real runc).
@Suite(.serialized)
struct RuncStateTmpfsTests {
    @Test func stateIsOnATmpfsAndWritableLayersOnDisk() async throws {
        try await RuncFixture.with(stateOnTmpfs: true) { f in
            let state = f.runtime.options.stateRoot
            let writable = f.runtime.options.root + "/writable"
            #expect(RuncStateFilesystem.isTmpfsMountPoint(state))
            let pod = f.sandboxConfig("tmpfs")
            let sandbox = try await f.runtime.runPodSandbox(pod)
            let id = try await f.run(f.containerConfig("writer", sandbox: pod, ["sh", "-c", "echo kept > /written; sleep 1000"]), in: sandbox)

            #expect(FileManager.default.fileExists(atPath: "\(state)/containers/\(id)/container.json"))
            #expect(FileManager.default.fileExists(atPath: "\(state)/ns/\(sandbox)/net"))
            try await f.waitUntil("the container wrote into its writable layer") {
                FileManager.default.fileExists(atPath: "\(writable)/\(id)/upper/written")
            }
            var layer = stat()
            var stateDir = stat()
            #expect(stat("\(writable)/\(id)/upper", &layer) == 0 && stat(state, &stateDir) == 0)
            #expect(layer.st_dev != stateDir.st_dev, "the writable layer is on the tmpfs")

            // A restarted runtime finds the same tmpfs (not a second one over it) and the container.
            try FileManager.default.createDirectory(atPath: "\(writable)/orphan/upper", withIntermediateDirectories: true)
            let restarted = try RuncRuntime(options: f.runtime.options)
            #expect(RuncHost.mountPoints().filter { $0 == state }.count == 1)
            #expect(try await restarted.listContainers().map(\.id) == [id])
            #expect(!FileManager.default.fileExists(atPath: "\(writable)/orphan"), "a layer without a record is kept")
            #expect(FileManager.default.fileExists(atPath: "\(writable)/\(id)/upper/written"))

            try await restarted.removePodSandbox(sandbox)
            #expect(!FileManager.default.fileExists(atPath: "\(writable)/\(id)"))
            restarted.unmountState()
            #expect(!RuncStateFilesystem.isTmpfsMountPoint(state))
        }
    }
}
