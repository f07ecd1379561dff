import Foundation
import KubeClient
import KubePKI
import NIOSSL

/// The certificates `skiff server` serves and connects with, made or renewed at start under
/// `<data-dir>/server/tls` (k3s' layout), and the component kubeconfigs under
/// `<data-dir>/server/cred`.
struct ServerCredentials {
    let pki: ClusterPKI
    /// The API server's serving certificate, renewed in place (`CertificateRenewalService`).
    let serving: RenewingIdentity
    /// `system:admin` in `system:masters`.
    let admin: CertifiedKey
    /// `system:kube-controller-manager`, renewed in place.
    let controller: RenewingIdentity
    /// `system:kube-scheduler`, renewed in place.
    let scheduler: RenewingIdentity
    /// The API server's identity toward kubelets, renewed in place.
    let apiServerKubeletClient: RenewingIdentity

    /// Loads or makes the CAs and every leaf the server needs at `now`.
    static func prepare(
        dataDir: String, serviceCIDR: String, bindAddress: String, extraNames: [String], now: Date
    ) throws -> ServerCredentials {
        let pki = try ClusterPKI.loadOrCreate(dataDir: dataDir, now: now)
        var addresses = HostAddresses.interfaceAddresses()
        if !["0.0.0.0", "::", "localhost"].contains(bindAddress) { addresses.insert(bindAddress, at: 0) }
        let serving = try RenewingIdentity(
            pki: pki, name: "serving-kube-apiserver",
            profile: .apiServerServing(
                hostname: ProcessInfo.processInfo.hostName.lowercased(),
                serviceIP: HostAddresses.firstServiceIP(cidr: serviceCIDR) ?? "10.43.0.1", addresses: addresses,
                extraNames: extraNames),
            now: now)
        return ServerCredentials(
            pki: pki, serving: serving, admin: try pki.leaf("client-admin", .admin, now: now),
            controller: try RenewingIdentity(pki: pki, name: "client-controller", profile: .controllerManager, now: now),
            scheduler: try RenewingIdentity(pki: pki, name: "client-scheduler", profile: .scheduler, now: now),
            apiServerKubeletClient: try RenewingIdentity(
                pki: pki, name: "client-kube-apiserver", profile: .apiServerKubeletClient, now: now))
    }

    /// The client identity of the kubelet of `node` (`system:node:<node>`), renewed in place.
    func kubeletClient(node: String, now: Date) throws -> RenewingIdentity {
        try RenewingIdentity(pki: pki, name: "client-kubelet-\(node)", profile: .kubeletClient(node: node), now: now)
    }

    /// The serving identity of the kubelet API of `node`: its serving certificate (for its name,
    /// loopback and this host's addresses).
    func kubeletServing(node: String, now: Date) throws -> RenewingIdentity {
        try RenewingIdentity(
            pki: pki, name: "serving-kubelet-\(node)",
            profile: .kubeletServing(node: node, addresses: HostAddresses.interfaceAddresses()), now: now)
    }

    /// A client configuration for `server` trusting the server CA and presenting whatever
    /// `identity` holds at each handshake (renewals apply to new connections at once).
    func clientConfig(server: String, identity: RenewingIdentity, userAgent: String) throws -> ClientConfig {
        ClientConfig(server: server, userAgent: userAgent, tls: try TLSSettings.client(trusting: pki.serverCA, presenting: identity.live))
    }

    /// Every identity this process presents, to renew while it runs.
    var renewing: [RenewingIdentity] { [serving, controller, scheduler, apiServerKubeletClient] }

    /// Writes the admin kubeconfig (CA, certificate and key embedded) to `path`, and
    /// `<data-dir>/server/cred/{admin,controller,scheduler}.kubeconfig` naming the files.
    func writeKubeconfigs(server: String, adminPath: String, dataDir: String) throws {
        try Kubeconfig.write(
            server: server,
            credentials: .embedded(caPEM: pki.serverCA.identity.certificatePEM, certificatePEM: admin.certificatePEM, keyPEM: admin.keyPEM),
            to: adminPath)
        let ca = pki.certificatePath("server-ca")
        for (name, leaf, user) in [
            ("admin", "client-admin", "system:admin"), ("controller", "client-controller", "system:kube-controller-manager"),
            ("scheduler", "client-scheduler", "system:kube-scheduler"),
        ] {
            try Kubeconfig.write(
                server: server, credentials: .files(ca: ca, certificate: pki.certificatePath(leaf), key: pki.keyPath(leaf)), user: user,
                to: "\(dataDir)/server/cred/\(name).kubeconfig")
        }
    }
}
