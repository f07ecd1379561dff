import CSkiffShim
import Foundation

/// TCP connections to a port on loopback inside a network namespace, for port forwarding: the
/// socket is made inside the namespace (by a short-lived thread that joins it) and keeps working
/// from any thread afterwards.
public enum NetworkNamespaceDialer {
    /// Connects to `127.0.0.1:port` in the namespace at `path` (an nsfs file such as a sandbox's
    /// `net` or `/proc/self/ns/net`) and returns the socket's file descriptor, which the caller
    /// owns. `namespace` names it in the error, which reads as containerd's:
    /// `failed to connect to localhost:80 inside namespace "<id>", IPv4: dial tcp4 127.0.0.1:80: connect: connection refused`.
    public static func connect(namespacePath path: String, port: UInt16, namespace: String) throws(RuntimeError) -> Int32 {
        var errorNumber: Int32 = 0
        let fd = skiff_dial_in_netns(path, port, &errorNumber)
        if fd >= 0 { return fd }
        let reason = Self.goErrorText(errorNumber)
        let joined = errorNumber == ENOENT || errorNumber == EINVAL || errorNumber == EPERM
        if joined {
            throw RuntimeError(.notFound, "network namespace for sandbox \"\(namespace)\" is closed: \(reason)")
        }
        throw RuntimeError(
            .other,
            "failed to connect to localhost:\(port) inside namespace \"\(namespace)\", IPv4: dial tcp4 127.0.0.1:\(port): connect: \(reason)")
    }

    /// `strerror` as Go prints it (first letter lower case: "connection refused").
    static func goErrorText(_ errorNumber: Int32) -> String {
        let text = String(cString: strerror(errorNumber))
        guard let first = text.first else { return "errno \(errorNumber)" }
        return first.lowercased() + text.dropFirst()
    }
}
