import KubeAPI
import KubeClient

extension SchedulingLoop {
    /// PostFilter: tries preemption for a pod no node fits. On success, evicts the victims,
    /// nominates the node (`status.nominatedNodeName`) and reserves the pod's room there until it
    /// is scheduled again; otherwise adds preemption's reasons to `error`'s message.
    func preempt(_ pod: QueuedPod, _ error: inout FitError) {
        if error.numAllNodes == 0 { return }
        switch DefaultPreemption.evaluate(pod.info, error, profile: profile, snapshot: cache.snapshot) {
        case .notHelpful(let message):
            error.postFilterMessage = message
        case .preempt(let candidate):
            for victim in candidate.victims { evict(victim, by: pod.info, on: candidate.nodeName) }
            cache.assume(pod.info, on: candidate.nodeName)
            nominated[pod.info.key] = candidate.nodeName
            patchStatus(pod.info, ["nominatedNodeName": .string(candidate.nodeName)])
        }
    }

    /// Deletes a victim and records why on it.
    private func evict(_ victim: PodInfo, by preemptor: PodInfo, on nodeName: String) {
        let scheduler = self.scheduler
        scheduler.recorder.record(
            Self.reference(victim), kind: "Pod", type: "Normal", reason: "Preempted",
            message: "Preempted by pod \(preemptor.uid) on node \(nodeName)")
        Task {
            do {
                try await scheduler.client.delete(.pods, namespace: victim.namespace, name: victim.name, preconditionUID: victim.uid.isEmpty ? nil : victim.uid)
            } catch {
                scheduler.logger.info("preempting \(victim.key): \(error)")
            }
        }
    }
}
