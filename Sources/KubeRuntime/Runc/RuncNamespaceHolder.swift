import CSkiffShim
import Foundation
import KubeAPI

#if canImport(Glibc)
    import Glibc
#endif

/// The mount namespace in which the runtime mounts its sandboxes' namespace files, so that the
/// host's mount table, which every `runc` reads several times per container, does not grow by
/// three lines a pod (`shim_ns_holder.c` says how it is built). It outlives the process (its
/// own namespace file is mounted in the folder), and a new runtime on the same folder opens it
/// again. Other processes (runc, `ip`, the shim) reach the files through `accessPath`.
final class RuncNamespaceHolder: Sendable {
    /// The folder on the host (a private mount point of itself).
    let directory: String
    /// The holder's own namespace file, inside `directory`.
    var file: String { directory + "/mnt" }
    /// `directory` as the holder sees it, for any process while this one lives:
    /// `/proc/<pid>/fd/<fd>`.
    let accessPath: String
    private let mountNamespace: Int32
    private let directoryDescriptor: Int32

    /// Opens the holder of `directory`, making it when there is none.
    init(directory: String) throws {
        self.directory = directory
        var message = [CChar](repeating: 0, count: 600)
        var mnt: Int32 = -1
        var dir: Int32 = -1
        guard skiff_holder_open(directory, directory + "/mnt", &mnt, &dir, &message, message.count) == 0 else {
            let text = String(cBuffer: message)
            throw RuntimeError(.other, "namespace holder in \(directory): \(text)")
        }
        mountNamespace = mnt
        directoryDescriptor = dir
        accessPath = "/proc/\(getpid())/fd/\(dir)"
    }

    deinit {
        close(directoryDescriptor)
        close(mountNamespace)
    }

    /// Makes a sandbox's namespaces with their files in `<directory>/<id>` (the folder exists).
    func makeSandbox(id: String, hostname: String) async throws {
        let dir = "\(directory)/\(id)"
        let holder = mountNamespace
        let failure: String? = await BlockingThread.run {
            var message = [CChar](repeating: 0, count: 600)
            guard skiff_make_sandbox(dir, hostname, holder, &message, message.count) != 0 else { return nil }
            return String(cBuffer: message)
        }
        if let failure { throw RuntimeError(.other, "create sandbox namespaces: \(failure)") }
    }

    /// Unmounts a sandbox's namespace files in the holder; the namespaces end unless a process
    /// is still in them.
    func unmountSandbox(id: String) {
        skiff_holder_unmount_sandbox(mountNamespace, "\(directory)/\(id)")
    }

    /// Unmounts the holder from the host (for `skiff killall` and tests): it ends, with every
    /// namespace file in it, once no process holds it.
    func release() {
        skiff_holder_release(directory, file)
    }
}
