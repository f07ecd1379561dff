import Foundation
import KubeAPI
import Logging

/// Leader election through a coordination.k8s.io/v1 Lease, as client-go does it: a candidate takes
/// the Lease when it is free or its holder has not renewed it for `leaseDuration` (judged by the
/// candidate's own clock since it last saw the record change, so clocks need not agree), renews it
/// every `retryPeriod`, and gives up leadership when it cannot renew within `renewDeadline`.
public struct LeaderElector: Sendable {
    /// How long a Lease is honoured after its last renewal.
    public var leaseDuration: Duration = .seconds(15)
    /// How long the leader keeps trying to renew before it steps down.
    public var renewDeadline: Duration = .seconds(10)
    /// Pause between attempts to acquire or renew.
    public var retryPeriod: Duration = .seconds(2)
    /// The Lease's namespace.
    public let namespace: String
    /// The Lease's name (e.g. `kube-scheduler`).
    public let name: String
    /// This candidate's identity, written to `holderIdentity`.
    public let identity: String
    let client: KubeClient
    let logger: Logger

    /// A candidate for the Lease `namespace/name`.
    public init(client: KubeClient, namespace: String = "kube-system", name: String, identity: String, logger: Logger = Logger(label: "skiff.leader")) {
        self.client = client
        self.namespace = namespace
        self.name = name
        self.identity = identity
        self.logger = logger
    }

    /// A unique identity for this process: host name plus a random suffix.
    public static func defaultIdentity() -> String {
        "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.lowercased())"
    }

    /// Waits to become leader, runs `work` while leading, and returns when leadership is lost
    /// (work is cancelled) or when the calling task is cancelled (the Lease is then released so
    /// that another candidate takes over at once). Returns whether leadership was lost.
    @discardableResult
    public func run(_ work: @escaping @Sendable () async -> Void) async -> Bool {
        var observed = Observation()
        while !Task.isCancelled {
            if await tryAcquireOrRenew(&observed) { break }
            try? await Task.sleep(for: retryPeriod)
        }
        if Task.isCancelled { return false }
        logger.info("became leader of \(namespace)/\(name) as \(identity)")
        let seen = observed
        let lost = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await work()
                return false
            }
            group.addTask {
                var observed = seen
                var lastRenew = ContinuousClock.now
                while !Task.isCancelled {
                    try? await Task.sleep(for: retryPeriod)
                    if Task.isCancelled { break }
                    if await tryAcquireOrRenew(&observed) {
                        lastRenew = .now
                    } else if ContinuousClock.now - lastRenew > renewDeadline {
                        return true
                    }
                }
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if lost {
            logger.warning("lost leadership of \(namespace)/\(name)")
        } else {
            // In a task of its own: the calling task is cancelled, and a cancelled task's
            // requests are not sent.
            await Task { await release() }.value
        }
        return lost
    }

    /// What a candidate last saw of the Lease and when, to judge expiry by its own clock.
    struct Observation {
        var holder = ""
        var renewTime = ""
        var at = ContinuousClock.now
    }

    /// One attempt: take or renew the Lease. True when this candidate holds it afterwards.
    func tryAcquireOrRenew(_ observed: inout Observation) async -> Bool {
        let now = Timestamp.formatMicro(Date())
        let seconds = Int(leaseDuration.components.seconds)
        let existing: JSONValue
        do {
            existing = try await client.get(.leases, namespace: namespace, name: name)
        } catch let error as ClientError where error.code == 404 {
            let lease: JSONValue = [
                "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                "metadata": ["name": .string(name), "namespace": .string(namespace)],
                "spec": [
                    "holderIdentity": .string(identity), "leaseDurationSeconds": .int(seconds),
                    "acquireTime": .string(now), "renewTime": .string(now), "leaseTransitions": 0,
                ],
            ]
            return (try? await client.create(.leases, namespace: namespace, lease)) != nil
        } catch {
            logger.debug("lease \(name): \(error)")
            return false
        }
        let spec = existing["spec"]
        let holder = spec?["holderIdentity"]?.stringValue ?? ""
        let renewTime = spec?["renewTime"]?.stringValue ?? ""
        if holder != observed.holder || renewTime != observed.renewTime {
            observed = Observation(holder: holder, renewTime: renewTime, at: .now)
        }
        let heldByOther = !holder.isEmpty && holder != identity
        if heldByOther && ContinuousClock.now - observed.at < leaseDuration { return false }
        var lease = existing
        var newSpec = spec ?? [:]
        if holder != identity {
            newSpec["acquireTime"] = .string(now)
            newSpec["leaseTransitions"] = .int((spec?["leaseTransitions"]?.intValue ?? 0) + (holder.isEmpty ? 0 : 1))
        }
        newSpec["holderIdentity"] = .string(identity)
        newSpec["leaseDurationSeconds"] = .int(seconds)
        newSpec["renewTime"] = .string(now)
        lease["spec"] = newSpec
        do {
            _ = try await client.update(.leases, namespace: namespace, lease)
            observed = Observation(holder: identity, renewTime: now, at: .now)
            return true
        } catch {
            logger.debug("lease \(name): \(error)")
            return false
        }
    }

    /// Gives the Lease up (empty holder) so another candidate can take it at once.
    func release() async {
        guard var lease = try? await client.get(.leases, namespace: namespace, name: name),
            lease["spec"]?["holderIdentity"]?.stringValue == identity
        else { return }
        lease["spec"]?["holderIdentity"] = ""
        _ = try? await client.update(.leases, namespace: namespace, lease)
    }
}
