/// The WebSocket stream protocols of `exec`, `attach` and `portforward` (Kubernetes'
/// `*.channel.k8s.io`): binary messages whose first byte is the channel.
public enum RemoteCommand {
    /// Subprotocols served, most preferred first. v5 adds the close channel (255).
    public static let protocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"]
    /// The subprotocol of `kubectl port-forward` (1.31+) over WebSocket: SPDY/3.1 streams of the
    /// `portforward.k8s.io` protocol tunnelled in binary messages.
    public static let spdyTunnelProtocol = "SPDY/3.1+portforward.k8s.io"
    /// Subprotocols of port forwarding, preferred first: kubectl's SPDY tunnel, then the channel
    /// protocol (data on channel 2i, errors on 2i+1 for the i-th port) of the Python client.
    public static let portForwardProtocols = [spdyTunnelProtocol, "v4.channel.k8s.io"]

    /// Channel numbers.
    public static let stdin: UInt8 = 0
    public static let stdout: UInt8 = 1
    public static let stderr: UInt8 = 2
    public static let error: UInt8 = 3
    public static let resize: UInt8 = 4
    public static let close: UInt8 = 255

    /// The first protocol of `served` the client offered in its `Sec-WebSocket-Protocol`
    /// header (a comma-separated list), or nil.
    public static func negotiate(_ header: String?, served: [String] = protocols) -> String? {
        let offered = (header ?? "").split(separator: ",").map { String($0.filter { $0 != " " && $0 != "\t" }) }
        return served.first { offered.contains($0) }
    }

    /// The `Status` sent on the error channel when a command ends: Success for exit code 0, else
    /// Failure with reason NonZeroExitCode and the code in `details.causes[0].message`.
    public static func exitStatus(_ code: Int32, command: [String]) -> JSONValue {
        if code == 0 { return ["metadata": [:], "status": "Success"] }
        return [
            "metadata": [:], "status": "Failure",
            "message": .string("command terminated with non-zero exit code: error executing command [\(command.joined(separator: " "))], exit code \(code)"),
            "reason": "NonZeroExitCode",
            "details": ["causes": [["reason": "ExitCode", "message": .string(String(code))]]],
        ]
    }

    /// The `Status` sent on the error channel when the command could not run at all.
    public static func failureStatus(_ message: String) -> JSONValue {
        ["metadata": [:], "status": "Failure", "message": .string(message), "reason": "InternalError", "code": 500]
    }
}
