"""The scheduler against a real API server with hollow nodes (`skiff simulate`), driven by the
real kubectl: placement by resources, selectors, affinity, taints and spread; unschedulable pods
that become schedulable; schedulerName; and leader failover between two scheduler processes."""
import time

import pytest

from cluster import Cluster, pod_manifest


@pytest.fixture
def cluster():
    c = Cluster()
    yield c
    c.stop()


def test_pods_fit_by_resources_and_report_why_not(cluster):
    cluster.simulate(3, "small-", cpu="2", memory="4Gi")
    cluster.apply(pod_manifest("a", cpu="1500m"))
    cluster.apply(pod_manifest("b", cpu="1500m"))
    cluster.apply(pod_manifest("c", cpu="1500m"))
    nodes = {cluster.wait_bound(n) for n in "abc"}
    assert nodes == {"small-0", "small-1", "small-2"}, "each 1.5-CPU pod needs a 2-CPU node of its own"
    cluster.wait(lambda: cluster.pod("a")["status"].get("phase") == "Running", "pod a Running on its hollow node")
    assert cluster.pod("a")["status"]["podIP"].startswith("10.128.")

    cluster.apply(pod_manifest("big", cpu="1"))
    message = cluster.wait_unschedulable("big")
    assert message.startswith("0/3 nodes are available: 3 Insufficient cpu."), message
    described = cluster.kubectl("describe", "pod", "big").stdout
    assert "FailedScheduling" in described and "default-scheduler" in described
    assert "0/3 nodes are available: 3 Insufficient cpu." in described

    # Deleting a pod frees room: the waiting pod is retried and bound.
    cluster.kubectl("delete", "pod", "a", "--wait=true")
    assert cluster.wait_bound("big", timeout=30) in {"small-0", "small-1", "small-2"}
    events = cluster.kubectl("get", "events", "--field-selector", "involvedObject.name=big", "-o", "json").stdout
    assert "Successfully assigned default/big to small-" in events


def test_node_selector_affinity_and_taints(cluster):
    cluster.simulate(2, "plain-")
    cluster.simulate(2, "ssd-", labels="disk=ssd")
    cluster.simulate(2, "gpu-", labels="accel=gpu", taints="dedicated=gpu:NoSchedule")

    cluster.apply(pod_manifest("selector", nodeSelector={"disk": "ssd"}))
    assert cluster.wait_bound("selector").startswith("ssd-")

    affinity = {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
        {"matchExpressions": [{"key": "disk", "operator": "NotIn", "values": ["ssd"]},
                              {"key": "accel", "operator": "DoesNotExist"}]}]}}}
    cluster.apply(pod_manifest("affinity", affinity=affinity))
    assert cluster.wait_bound("affinity").startswith("plain-")

    cluster.apply(pod_manifest("wants-gpu", nodeSelector={"accel": "gpu"}))
    message = cluster.wait_unschedulable("wants-gpu")
    assert message.startswith("0/6 nodes are available: 2 node(s) had untolerated taint(s), "
                              "4 node(s) didn't match Pod's node affinity/selector."), message

    tolerant = pod_manifest("tolerant", nodeSelector={"accel": "gpu"},
                            tolerations=[{"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"}])
    cluster.apply(tolerant)
    assert cluster.wait_bound("tolerant").startswith("gpu-")


def test_anti_affinity_and_topology_spread(cluster):
    cluster.simulate(4, "zoned-", zones=2)
    anti = {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
        {"labelSelector": {"matchLabels": {"app": "db"}}, "topologyKey": "kubernetes.io/hostname"}]}}
    for i in range(4):
        cluster.apply(pod_manifest(f"db-{i}", labels={"app": "db"}, affinity=anti))
    assert len({cluster.wait_bound(f"db-{i}") for i in range(4)}) == 4, "anti-affinity puts each db pod on its own node"
    cluster.apply(pod_manifest("db-4", labels={"app": "db"}, affinity=anti))
    message = cluster.wait_unschedulable("db-4")
    assert "4 node(s) didn't match pod anti-affinity rules" in message, message

    spread = [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule",
               "labelSelector": {"matchLabels": {"app": "web"}}}]
    zones = {}
    for i in range(6):
        cluster.apply(pod_manifest(f"web-{i}", labels={"app": "web"}, topologySpreadConstraints=spread))
        node = cluster.wait_bound(f"web-{i}")
        zone = cluster.get("node", node)["metadata"]["labels"]["topology.kubernetes.io/zone"]
        zones[zone] = zones.get(zone, 0) + 1
    assert zones == {"zone-0": 3, "zone-1": 3}, zones


def test_unschedulable_pod_is_bound_when_a_node_appears(cluster):
    cluster.apply(pod_manifest("early"))
    message = cluster.wait_unschedulable("early")
    assert message.startswith("0/0 nodes are available") or message == "no nodes available to schedule pods", message
    cluster.simulate(1, "late-")
    assert cluster.wait_bound("early", timeout=20) == "late-0"


def test_other_scheduler_names_are_left_alone(cluster):
    cluster.simulate(1, "n-")
    cluster.apply(pod_manifest("mine"))
    cluster.apply(pod_manifest("theirs", schedulerName="someone-else"))
    cluster.wait_bound("mine")
    time.sleep(1)
    pod = cluster.pod("theirs")
    assert not pod["spec"].get("nodeName")
    assert not [c for c in pod["status"].get("conditions", []) if c["type"] == "PodScheduled"]


def test_leader_failover_between_two_schedulers():
    cluster = Cluster(server_args=["--disable-scheduler"])
    try:
        cluster.simulate(2, "ha-")
        first = cluster.spawn("scheduler", "scheduler")
        cluster.wait(lambda: (cluster.get("lease", "kube-scheduler", "kube-system", check=False) or {})
                     .get("spec", {}).get("holderIdentity"), "the first scheduler to take the lease")
        holder = cluster.get("lease", "kube-scheduler", "kube-system")["spec"]["holderIdentity"]
        cluster.spawn("scheduler", "scheduler")
        cluster.apply(pod_manifest("before"))
        cluster.wait_bound("before")
        first.kill()  # SIGKILL: no chance to release the lease
        first.wait()
        cluster.apply(pod_manifest("after"))
        start = time.time()
        cluster.wait_bound("after", timeout=40)
        lease = cluster.get("lease", "kube-scheduler", "kube-system")["spec"]
        assert lease["holderIdentity"] != holder
        assert lease["leaseTransitions"] >= 1
        assert time.time() - start < 25, "the standby takes over within the 15 s lease plus a retry"
    finally:
        cluster.stop()


def test_preemption_evicts_the_fewest_lower_priority_pods(cluster):
    cluster.simulate(1, "pre-", cpu="2")
    cluster.kubectl("create", "priorityclass", "high", "--value=1000", "--description=important")
    cluster.apply(pod_manifest("low-a", cpu="1"))
    cluster.apply(pod_manifest("low-b", cpu="1"))
    cluster.wait_bound("low-a")
    cluster.wait_bound("low-b")
    cluster.apply(pod_manifest("vip", cpu="1", priorityClassName="high"))
    assert cluster.wait_bound("vip", timeout=30) == "pre-0"
    remaining = [n for n in ("low-a", "low-b") if cluster.get("pod", n, check=False)]
    assert len(remaining) == 1, f"exactly one victim is evicted, left: {remaining}"
    events = cluster.kubectl("get", "events", "-o", "json").stdout
    assert '"reason": "Preempted"' in events and "Preempted by pod" in events


def test_pod_that_fits_nowhere_even_after_preemption(cluster):
    cluster.simulate(1, "tiny-", cpu="1")
    cluster.kubectl("create", "priorityclass", "top", "--value=2000")
    cluster.apply(pod_manifest("huge", cpu="4", priorityClassName="top"))
    message = cluster.wait_unschedulable("huge")
    # More than the node's whole allocatable: evicting pods cannot help (Kubernetes marks this
    # Insufficient cpu as unresolvable).
    assert message == ("0/1 nodes are available: 1 Insufficient cpu. "
                       "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."), message


def test_scheduling_gates_hold_a_pod_until_removed(cluster):
    cluster.simulate(1, "gate-")
    cluster.apply(pod_manifest("gated", schedulingGates=[{"name": "example.com/wait"}]))
    condition = [c for c in cluster.pod("gated")["status"]["conditions"] if c["type"] == "PodScheduled"][0]
    assert condition["reason"] == "SchedulingGated" and condition["status"] == "False"
    assert "SchedulingGated" in cluster.kubectl("get", "pod", "gated").stdout
    time.sleep(1)
    assert not cluster.pod("gated")["spec"].get("nodeName")
    cluster.kubectl("patch", "pod", "gated", "--type=json", "-p", '[{"op": "remove", "path": "/spec/schedulingGates"}]')
    assert cluster.wait_bound("gated") == "gate-0"
