import ArgumentParser
import Foundation
import KubeControllers

/// kube-controller-manager's flags that Skiff honours, shared by `server` and `controller-manager`.
struct ControllerFlags: ParsableArguments {
    @Option(
        name: .customLong("controllers"), parsing: .singleValue,
        help: "Controllers to run: '*' for all, NAME to enable, -NAME to disable (comma-separated or repeated).")
    var controllers: [String] = ["*"]

    @Option(name: .customLong("node-monitor-grace-period"), help: "Seconds a node may go without a heartbeat before it is Unknown.")
    var nodeMonitorGracePeriod = 40

    @Option(name: .customLong("node-monitor-period"), help: "Seconds between checks of node health.")
    var nodeMonitorPeriod = 5

    @Option(name: .customLong("node-startup-grace-period"), help: "Seconds a new node may go without posting status before it is Unknown.")
    var nodeStartupGracePeriod = 60

    @Option(name: .customLong("node-cidr-mask-size"), help: "Prefix length of each node's pod CIDR.")
    var nodeCIDRMaskSize = 24

    @Option(name: .customLong("root-ca-file"), help: "CA bundle published as the kube-root-ca.crt ConfigMap in every namespace.")
    var rootCAFile: String?

    @Option(
        name: .customLong("cluster-signing-duration"),
        help: "The longest validity of the certificates the CSR signer issues (e.g. 8760h); a request may ask for less.")
    var clusterSigningDuration = "8760h"

    func validate() throws {
        guard nodeMonitorGracePeriod > 0 else { throw ValidationError("--node-monitor-grace-period must be positive") }
        guard nodeMonitorPeriod > 0 else { throw ValidationError("--node-monitor-period must be positive") }
        guard nodeStartupGracePeriod > 0 else { throw ValidationError("--node-startup-grace-period must be positive") }
        guard (8...30).contains(nodeCIDRMaskSize) else { throw ValidationError("--node-cidr-mask-size must be 8-30") }
        _ = try registrations()
        guard AgentFlags.duration(clusterSigningDuration).map({ $0 > .zero }) == true else {
            throw ValidationError("invalid --cluster-signing-duration \(clusterSigningDuration): use e.g. 8760h or 720h")
        }
        if let rootCAFile, !FileManager.default.isReadableFile(atPath: rootCAFile) {
            throw ValidationError("--root-ca-file \(rootCAFile) cannot be read")
        }
    }

    /// The enabled controllers.
    func registrations() throws -> [ControllerRegistration] {
        let names = controllers.flatMap { $0.split(separator: ",").map(String.init) }
        do {
            return try ControllerRegistry.enabled(by: names)
        } catch let e as UnknownController {
            throw ValidationError(e.description)
        }
    }

    /// The controller options these flags describe; `rootCA` (the server's own CA bundle) is
    /// used when `--root-ca-file` is not given.
    func options(clusterCIDR: String?, rootCA: String? = nil, signing: ClusterSigningKeys? = nil) -> ControllerOptions {
        var o = ControllerOptions()
        o.clusterSigning = signing
        if let duration = AgentFlags.duration(clusterSigningDuration) {
            o.clusterSigning?.duration = TimeInterval(duration.components.seconds)
        }
        o.nodeMonitorGracePeriod = .seconds(nodeMonitorGracePeriod)
        o.nodeMonitorPeriod = .seconds(nodeMonitorPeriod)
        o.nodeStartupGracePeriod = .seconds(nodeStartupGracePeriod)
        o.clusterCIDR = clusterCIDR
        o.nodeCIDRMaskSize = nodeCIDRMaskSize
        o.rootCACertificate = rootCAFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? rootCA
        return o
    }
}
