import Foundation
import KubeAPI
import KubeClient

extension SchedulingLoop {
    /// Hands `pod` to the binders; a failure comes back as `.bindFailed`.
    func bind(_ pod: QueuedPod, to nodeName: String) {
        scheduler.bindings.yield((pod, nodeName))
    }

    /// Tells the user why `pod` was not scheduled: a FailedScheduling event and the
    /// `PodScheduled=False` condition (written again only when the message changes).
    func recordFailure(_ pod: QueuedPod, _ error: FitError) {
        let message = error.message
        scheduler.logger.debug("\(pod.info.key): \(message)")
        guard lastFailure[pod.info.key] != message else { return }
        lastFailure[pod.info.key] = message
        scheduler.recorder.record(
            Self.reference(pod.info), kind: "Pod", type: "Warning", reason: "FailedScheduling", message: message)
        let condition: JSONValue = [
            "type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": .string(message),
            "lastProbeTime": nil, "lastTransitionTime": .string(Timestamp.format(Date())),
        ]
        patchStatus(pod.info, ["conditions": [condition]])
    }

    /// Strategic-merge-patches the pod's status in the background.
    func patchStatus(_ pod: PodInfo, _ status: JSONValue) {
        let scheduler = self.scheduler
        Task {
            do {
                _ = try await scheduler.client.patch(
                    .pods, namespace: pod.namespace, name: pod.name, type: .strategic, ["status": status],
                    subresource: "status")
            } catch {
                scheduler.logger.debug("status of \(pod.key): \(error)")
            }
        }
    }

    /// A minimal object naming `pod`, for events.
    static func reference(_ pod: PodInfo) -> JSONValue {
        var metadata: JSONValue = ["name": .string(pod.name), "namespace": .string(pod.namespace)]
        if !pod.uid.isEmpty { metadata["uid"] = .string(pod.uid) }
        if let rv = pod.pod.metadata.resourceVersion { metadata["resourceVersion"] = .string(rv) }
        return ["metadata": metadata]
    }
}
