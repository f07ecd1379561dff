"""Node lifecycle against a real `skiff server`: a hollow-node simulator killed with SIGKILL
leaves its nodes NotReady with the unreachable NoExecute taint, and a pod tolerating that taint
for 2 s is evicted; pods get the DefaultTolerationSeconds tolerations; node IPAM gives a bare
Node a pod CIDR from the cluster range."""
import ipaddress
import json
import signal

import pytest

from cluster import Cluster, pod_manifest


@pytest.fixture
def cluster():
    c = Cluster(server_args=["--node-monitor-grace-period", "3", "--node-monitor-period", "1"])
    yield c
    c.stop()


def node_ready(cluster, name):
    for c in cluster.get("node", name)["status"].get("conditions", []):
        if c["type"] == "Ready":
            return c["status"]
    return None


def test_killed_nodes_become_not_ready_tainted_and_their_pods_are_evicted(cluster):
    sim = cluster.simulate(2, "doomed-", lease_interval=0.5)
    toleration = {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
                  "tolerationSeconds": 2}
    cluster.apply(pod_manifest("short", tolerations=[toleration]))
    cluster.apply(pod_manifest("plain"))
    short_node = cluster.wait_bound("short")
    cluster.wait(lambda: cluster.pod("short")["status"].get("phase") == "Running", "pod short Running")

    tolerations = cluster.pod("plain")["spec"]["tolerations"]
    assert {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
            "tolerationSeconds": 300} in tolerations
    assert {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
            "tolerationSeconds": 300} in tolerations
    assert [t for t in cluster.pod("short")["spec"]["tolerations"]
            if t["key"] == "node.kubernetes.io/unreachable"] == [toleration]

    # Healthy nodes renewing their Leases stay Ready past the grace period.
    assert node_ready(cluster, "doomed-0") == "True"

    sim.send_signal(signal.SIGKILL)
    sim.wait()

    def not_ready():
        out = cluster.kubectl("get", "nodes", "--no-headers").stdout
        rows = [line.split() for line in out.splitlines() if line.startswith("doomed-")]
        return len(rows) == 2 and all(r[1] == "NotReady" for r in rows)
    cluster.wait(not_ready, "kubectl get nodes to show both nodes NotReady", timeout=15)

    def tainted():
        taints = cluster.get("node", short_node)["spec"].get("taints", [])
        return any(t["key"] == "node.kubernetes.io/unreachable" and t["effect"] == "NoExecute" and t.get("timeAdded")
                   for t in taints)
    cluster.wait(tainted, f"unreachable:NoExecute taint on {short_node}", timeout=15)
    ready = [c for c in cluster.get("node", short_node)["status"]["conditions"] if c["type"] == "Ready"][0]
    assert ready["status"] == "Unknown" and ready["reason"] == "NodeStatusUnknown"
    assert ready["message"] == "Kubelet stopped posting node status."
    described = cluster.kubectl("describe", "node", short_node).stdout
    assert "node.kubernetes.io/unreachable:NoExecute" in described

    def evicted():
        pod = cluster.get("pod", "short", check=False)
        return pod is None or pod["metadata"].get("deletionTimestamp")
    cluster.wait(evicted, "pod short to be deleted by taint eviction", timeout=15)
    events = cluster.kubectl("get", "events", "--field-selector", "involvedObject.name=short", "-o", "json").stdout
    assert "Marking for deletion Pod default/short" in events
    plain = cluster.pod("plain")
    assert not plain["metadata"].get("deletionTimestamp"), "300 s default toleration keeps it for now"
    assert [c["status"] for c in plain["status"]["conditions"] if c["type"] == "Ready"] == ["False"]


def test_bare_nodes_get_distinct_pod_cidrs_from_the_cluster_range(cluster):
    for name in ("bare-a", "bare-b"):
        cluster.kubectl("apply", "-f", "-", input=json.dumps(
            {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name}}))
    cluster.simulate(1, "hollow-")
    cluster.wait(lambda: all(cluster.get("node", n)["spec"].get("podCIDR") for n in ("bare-a", "bare-b")),
                 "pod CIDRs on the bare nodes", timeout=15)
    cidrs = [cluster.get("node", n)["spec"] for n in ("bare-a", "bare-b")]
    assert cidrs[0]["podCIDR"] != cidrs[1]["podCIDR"]
    for spec in cidrs:
        net = ipaddress.ip_network(spec["podCIDR"])
        assert net.prefixlen == 24 and net.subnet_of(ipaddress.ip_network("10.42.0.0/16"))
        assert spec["podCIDRs"] == [spec["podCIDR"]]
    # The hollow node keeps the range it brought.
    assert cluster.get("node", "hollow-0")["spec"]["podCIDR"].startswith("10.128.")
    out = cluster.kubectl("get", "nodes", "-o", "custom-columns=NAME:.metadata.name,CIDR:.spec.podCIDR", "--no-headers").stdout
    assert "bare-a" in out and "10.42." in out


def test_kubectl_drain_evicts_through_the_eviction_subresource(cluster):
    cluster.simulate(2, "drain-")
    cluster.kubectl("create", "deployment", "web", "--image=nginx", "--replicas=3")
    cluster.wait(lambda: len([p for p in json.loads(cluster.kubectl("get", "pods", "-o", "json").stdout)["items"]
                              if p["status"].get("phase") == "Running"]) == 3, "3 pods Running")
    pods = json.loads(cluster.kubectl("get", "pods", "-o", "json").stdout)["items"]
    node = pods[0]["spec"]["nodeName"]
    on_node = {p["metadata"]["name"] for p in pods if p["spec"]["nodeName"] == node}
    out = cluster.kubectl("drain", node, "--ignore-daemonsets", "--timeout=60s", timeout=90).stdout
    # kubectl drain says "evicted" only when the eviction subresource answered (else "deleted").
    assert all(f"pod/{name} evicted" in out for name in on_node), out
    assert f"node/{node} drained" in out
    assert cluster.get("node", node)["spec"]["unschedulable"] is True

    def moved():
        items = json.loads(cluster.kubectl("get", "pods", "-o", "json").stdout)["items"]
        running = [p for p in items if p["status"].get("phase") == "Running" and not p["metadata"].get("deletionTimestamp")]
        return len(running) == 3 and all(p["spec"]["nodeName"] != node for p in running)
    cluster.wait(moved, "the Deployment's pods running on the other node", timeout=60)
