import ArgumentParser
import Foundation
import KubeAPI
import KubeAPIServer
import KubeScheduler
import KubeSimulator

/// `skiff bench json`: parses and serializes a stored pod (metadata with managed fields, two
/// containers, a full status) in a loop, in process, and prints the time per document: the
/// JSON work under every API server write and watch event, without the noise of a disk or a
/// network; and the same parse keeping only `metadata.name`, which skips the rest as watchers
/// that keep a few fields do, and keeping what the scheduler's and the hollow nodes' informers
/// keep of a pod. It also decodes the typed `Pod` view from the parsed document, directly
/// (`JSONValueDecoder`) and through text with Foundation's `JSONDecoder`, as the scheduler and the
/// kubelet did before. It times the strategic merge of a hollow node's status patch onto the
/// pod as it is once bound, and the field manager's update for that write (without the memo of
/// decoded `managedFields` the server keeps).
struct JSONBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "json", abstract: "Benchmark JSON parsing and serializing.")

    @Option(help: "Documents per round.") var iterations = 20_000
    @Option(help: "Rounds (the best is reported).") var rounds = 5

    func run() async throws {
        let document = Self.storedPod()
        let bytes = document.serialized()
        print("document: \(bytes.count) bytes")
        var parseBest = Double.infinity, writeBest = Double.infinity, skipBest = Double.infinity
        var schedulerBest = Double.infinity, fleetBest = Double.infinity
        let nameOnly = JSONKeyFilter.object(["metadata": .keys(["name"])])
        var directBest = Double.infinity, foundationBest = Double.infinity, mergeBest = Double.infinity
        var fieldsBest = Double.infinity
        let (bound, statusPatch) = Self.boundPodAndStatusPatch()
        let patched = try StrategicMergePatch.apply(statusPatch, to: bound, schema: .standard, root: "io.k8s.api.core.v1.Pod")
        try Self.checkRecordsTheStatusWrite(old: bound, new: patched)
        var checksum = 0
        for _ in 0..<rounds {
            parseBest = min(parseBest, try perDocument { checksum &+= try JSONValue.parse(bytes).objectValue?.count ?? 0 })
            skipBest = min(skipBest, try perDocument {
                checksum &+= try JSONValue.parse(bytes, keeping: nameOnly).objectValue?.count ?? 0
            })
            schedulerBest = min(schedulerBest, try perDocument {
                checksum &+= try JSONValue.parse(bytes, keeping: Scheduler.podFields).objectValue?.count ?? 0
            })
            fleetBest = min(fleetBest, try perDocument {
                checksum &+= try JSONValue.parse(bytes, keeping: HollowFleet.podFields).objectValue?.count ?? 0
            })
            writeBest = min(writeBest, perDocument { checksum &+= document.serialized().count })
            directBest = min(directBest, try perDocument {
                checksum &+= try JSONValueDecoder().decode(Pod.self, from: document).spec?.containers.count ?? 0
            })
            foundationBest = min(foundationBest, try perDocument {
                checksum &+= try JSONDecoder().decode(Pod.self, from: Data(document.serialized())).spec?.containers.count ?? 0
            })
            mergeBest = min(mergeBest, try perDocument {
                let merged = try StrategicMergePatch.apply(statusPatch, to: bound, schema: .standard, root: "io.k8s.api.core.v1.Pod")
                checksum &+= merged.objectValue?.count ?? 0
            })
            fieldsBest = min(fieldsBest, perDocument {
                let recorded = Self.recordStatusWrite(old: bound, new: patched)
                checksum &+= recorded.objectValue?.count ?? 0
            })
        }
        print(String(format: "parse: %.1f us/document (%.0f MB/s)", parseBest / 1000, Double(bytes.count) / parseBest * 1000))
        print(String(format: "parse keeping metadata.name: %.1f us/document (%.0f MB/s)", skipBest / 1000, Double(bytes.count) / skipBest * 1000))
        print(String(format: "parse keeping what the scheduler keeps: %.1f us, what the hollow nodes keep: %.1f us", schedulerBest / 1000, fleetBest / 1000))
        print(String(format: "serialize: %.1f us/document (%.0f MB/s)", writeBest / 1000, Double(bytes.count) / writeBest * 1000))
        print(String(format: "typed Pod: %.1f us/document from the parsed value, %.1f us through text and JSONDecoder", directBest / 1000, foundationBest / 1000))
        print(String(format: "strategic merge of a hollow node's status patch onto the bound pod: %.1f us", mergeBest / 1000))
        print(String(format: "managed fields of that status patch (the field manager's update): %.1f us", fieldsBest / 1000))
        if checksum == 0 { print("(nothing parsed)") }
    }

    /// The field manager's update for the hollow node's status write from `old` to `new`.
    private static func recordStatusWrite(old: JSONValue, new: JSONValue) -> JSONValue {
        ManagedFields.recordUpdate(
            old: old, new: new, manager: "kubelet", schema: .standard, root: "io.k8s.api.core.v1.Pod",
            now: "2026-11-27T10:00:02Z", apiVersion: "v1", subresource: "status", resetFields: [["spec"]])
    }

    /// Refuses to time a field manager update that records nothing: the status write must come
    /// out owned by its manager, under the `status` subresource.
    private static func checkRecordsTheStatusWrite(old: JSONValue, new: JSONValue) throws {
        let recorded = recordStatusWrite(old: old, new: new)
        let entries = recorded["metadata"]?["managedFields"]?.arrayValue ?? []
        guard entries.contains(where: { $0["manager"] == "kubelet" && $0["subresource"] == "status" && $0["fieldsV1"]?["f:status"] != nil })
        else { throw CleanExitError("the field manager recorded no status entry for the kubelet") }
    }

    /// Nanoseconds per call of `body`, over `iterations` calls.
    private func perDocument(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        for _ in 0..<iterations { try body() }
        return Self.nanoseconds(ContinuousClock.now - start) / Double(iterations)
    }

    static func nanoseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
    }

    /// The stored pod as it is once bound, before its node reports it (status: the scheduler's
    /// condition only), and the status patch a hollow node sends for it.
    static func boundPodAndStatusPatch() -> (JSONValue, JSONValue) {
        var bound = storedPod()
        bound["status"] = [
            "phase": "Pending", "qosClass": "Burstable",
            "conditions": [["type": "PodScheduled", "status": "True", "lastProbeTime": .null, "lastTransitionTime": "2026-11-27T10:00:01Z"]],
        ]
        let status = HollowPodStatus.running(bound, podIP: "10.42.17.23", hostIP: "10.0.0.17", now: "2026-11-27T10:00:02Z")
        return (bound, ["status": status])
    }

    /// A pod as the store holds it after creation, binding and a status update.
    static func storedPod() -> JSONValue {
        let entry = { (manager: String, operation: String, fields: JSONValue) -> JSONValue in
            ["manager": .string(manager), "operation": .string(operation), "apiVersion": "v1", "time": "2026-11-27T10:00:00Z",
             "fieldsType": "FieldsV1", "fieldsV1": fields]
        }
        let container = { (name: String) -> JSONValue in
            ["name": .string(name), "image": .string("registry.local/team/\(name):1.4.2"),
             "command": ["/bin/server", "--port=8080", "--log-level=info"],
             "ports": [["name": "http", "containerPort": 8080, "protocol": "TCP"]],
             "env": [["name": "MODE", "value": "production"], ["name": "POD_IP", "valueFrom": ["fieldRef": ["apiVersion": "v1", "fieldPath": "status.podIP"]]]],
             "resources": ["requests": ["cpu": "100m", "memory": "128Mi"], "limits": ["memory": "256Mi"]],
             "volumeMounts": [["name": "kube-api-access-x7k2p", "readOnly": true, "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"]],
             "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"]
        }
        let status = { (name: String) -> JSONValue in
            ["name": .string(name), "state": ["running": ["startedAt": "2026-11-27T10:00:02Z"]], "lastState": [:], "ready": true,
             "restartCount": 0, "image": .string("registry.local/team/\(name):1.4.2"), "imageID": "sha256:0f3e6b1c9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1",
             "containerID": "containerd://4b2c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9", "started": true]
        }
        let condition = { (type: String) -> JSONValue in
            ["type": .string(type), "status": "True", "lastProbeTime": .null, "lastTransitionTime": "2026-11-27T10:00:02Z"]
        }
        return [
            "kind": "Pod", "apiVersion": "v1",
            "metadata": [
                "name": "web-7d9f8c6b5-x2k4p", "generateName": "web-7d9f8c6b5-", "namespace": "default",
                "uid": "0b6f2f8e-5c1d-4e8a-9b7c-3d2e1f0a9b8c", "resourceVersion": "184467", "creationTimestamp": "2026-11-27T10:00:00Z",
                "labels": ["app": "web", "pod-template-hash": "7d9f8c6b5", "tier": "frontend"],
                "annotations": ["kubernetes.io/config.seen": "2026-11-27T10:00:00Z"],
                "ownerReferences": [["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d9f8c6b5", "uid": "9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d", "controller": true, "blockOwnerDeletion": true]],
                "managedFields": [
                    entry("kube-controller-manager", "Update", ["f:metadata": ["f:generateName": [:], "f:labels": [".": [:], "f:app": [:], "f:pod-template-hash": [:], "f:tier": [:]], "f:ownerReferences": [".": [:], "k:{\"uid\":\"9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d\"}": [:]]], "f:spec": ["f:containers": ["k:{\"name\":\"web\"}": [".": [:], "f:image": [:], "f:name": [:]], "k:{\"name\":\"sidecar\"}": [".": [:], "f:image": [:], "f:name": [:]]], "f:restartPolicy": [:]]]),
                    entry("kubelet", "Update", ["f:status": ["f:conditions": ["k:{\"type\":\"Ready\"}": [".": [:], "f:status": [:], "f:type": [:]]], "f:containerStatuses": [:], "f:hostIP": [:], "f:phase": [:], "f:podIP": [:], "f:startTime": [:]]]),
                ],
            ],
            "spec": [
                "containers": [container("web"), container("sidecar")],
                "volumes": [["name": "kube-api-access-x7k2p", "projected": ["defaultMode": 420, "sources": [["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]], ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]]]]]]]],
                "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst", "serviceAccountName": "default",
                "nodeName": "node-17", "securityContext": [:], "schedulerName": "default-scheduler", "priority": 0, "enableServiceLinks": true,
                "preemptionPolicy": "PreemptLowerPriority",
                "tolerations": [["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300], ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300]],
            ],
            "status": [
                "phase": "Running",
                "conditions": [condition("PodReadyToStartContainers"), condition("Initialized"), condition("Ready"), condition("ContainersReady"), condition("PodScheduled")],
                "hostIP": "10.0.0.17", "hostIPs": [["ip": "10.0.0.17"]], "podIP": "10.42.17.23", "podIPs": [["ip": "10.42.17.23"]],
                "startTime": "2026-11-27T10:00:00Z", "containerStatuses": [status("web"), status("sidecar")], "qosClass": "Burstable",
            ],
        ]
    }
}
