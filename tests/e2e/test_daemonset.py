"""DaemonSets with the real kubectl and hollow nodes: one pod per node, bound by the scheduler
through the node affinity the controller pins, `kubectl rollout status ds` through a rolling
update, and a node added later getting its pod."""
import json

import pytest

from cluster import Cluster


@pytest.fixture
def cluster():
    c = Cluster()
    yield c
    c.stop()


def daemonset(image):
    return {
        "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent"},
        "spec": {"selector": {"matchLabels": {"app": "agent"}},
                 "template": {"metadata": {"labels": {"app": "agent"}},
                              "spec": {"containers": [{"name": "agent", "image": image}]}}},
    }


def agent_pods(cluster):
    out = cluster.kubectl("get", "pods", "-l", "app=agent", "-o", "json").stdout
    return json.loads(out)["items"]


def test_one_pod_per_node_and_rollout(cluster):
    cluster.simulate(3, "ds-")
    cluster.apply(daemonset("registry.example/agent:1"))
    cluster.kubectl("rollout", "status", "ds/agent", "--timeout=60s")
    pods = agent_pods(cluster)
    assert sorted(p["spec"]["nodeName"] for p in pods) == ["ds-0", "ds-1", "ds-2"]
    status = cluster.get("ds", "agent")["status"]
    assert status["desiredNumberScheduled"] == 3 and status["numberReady"] == 3 and status["numberAvailable"] == 3

    cluster.apply(daemonset("registry.example/agent:2"))
    out = cluster.kubectl("rollout", "status", "ds/agent", "--timeout=60s").stdout
    assert "successfully rolled out" in out, out
    pods = agent_pods(cluster)
    assert len(pods) == 3 and all(p["spec"]["containers"][0]["image"].endswith(":2") for p in pods)

    cluster.simulate(1, "late-")
    cluster.wait(lambda: any(p["spec"].get("nodeName") == "late-0" for p in agent_pods(cluster)), "a pod on the new node")
