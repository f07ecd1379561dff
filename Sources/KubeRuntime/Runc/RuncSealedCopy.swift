import CSkiffShim
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// runc as a sealed in-memory copy, made once per runtime (`skiff_sealed_copy`). Started from
/// it, runc's init does not copy and re-execute its own binary before entering each container
/// (runc skips that for a memfd with these seals, which no container can write), so each
/// container start costs one exec and a few mounts less.
final class RuncSealedCopy: Sendable {
    /// The copy, for this process and any other while it lives: `/proc/<pid>/fd/<fd>`.
    let path: String
    private let descriptor: Int32

    /// A copy of the executable at `executable`; nil when it cannot be made (runc then runs
    /// from its own file and copies itself as it always does).
    init?(of executable: String) {
        var message = [CChar](repeating: 0, count: 300)
        let fd = skiff_sealed_copy(executable, &message, message.count)
        guard fd >= 0 else { return nil }
        descriptor = fd
        path = "/proc/\(getpid())/fd/\(fd)"
    }

    deinit { close(descriptor) }
}
