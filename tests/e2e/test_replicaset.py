"""The ReplicaSet controller against a real server with hollow nodes, driven by the real kubectl:
pods created and Running, `kubectl get rs` columns, scaling, replacement of a deleted pod, and
cascading deletion."""
import json

import pytest

from cluster import Cluster


@pytest.fixture
def cluster():
    c = Cluster()
    yield c
    c.stop()


def replica_set(name, replicas):
    return {
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": name, "labels": {"app": name}},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "app", "image": "registry.example/app:1",
                                         "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}]},
            },
        },
    }


def pods_of(cluster, name):
    """The pods labelled app=NAME that are not terminating."""
    items = json.loads(cluster.kubectl("get", "pods", "-l", f"app={name}", "-o", "json").stdout)["items"]
    return [p for p in items if not p["metadata"].get("deletionTimestamp")]


def running(cluster, name):
    return [p for p in pods_of(cluster, name) if p.get("status", {}).get("phase") == "Running"]


def test_replicaset_scale_replace_and_cascade(cluster):
    cluster.simulate(3, "hollow-")
    cluster.apply(replica_set("web", 5))
    cluster.wait(lambda: len(running(cluster, "web")) == 5, "5 running pods", timeout=60)

    def columns():
        out = cluster.kubectl("get", "rs", "web", "--no-headers").stdout.split()
        return out[:4]
    cluster.wait(lambda: columns() == ["web", "5", "5", "5"], "kubectl get rs: DESIRED 5 CURRENT 5 READY 5", timeout=30)
    header = cluster.kubectl("get", "rs", "web").stdout.splitlines()[0].split()
    assert header == ["NAME", "DESIRED", "CURRENT", "READY", "AGE"]
    for pod in pods_of(cluster, "web"):
        ref = pod["metadata"]["ownerReferences"][0]
        assert ref["kind"] == "ReplicaSet" and ref["name"] == "web" and ref["controller"] is True
        assert pod["metadata"]["name"].startswith("web-")
    events = cluster.kubectl("get", "events", "--field-selector", "involvedObject.name=web", "-o", "json").stdout
    assert "SuccessfulCreate" in events and "Created pod: web-" in events

    cluster.kubectl("scale", "rs", "web", "--replicas=2")
    cluster.wait(lambda: len(pods_of(cluster, "web")) == 2, "2 pods after scaling down", timeout=60)
    cluster.wait(lambda: columns() == ["web", "2", "2", "2"], "kubectl get rs: 2 2 2", timeout=30)

    victim = pods_of(cluster, "web")[0]["metadata"]["name"]
    cluster.kubectl("delete", "pod", victim, "--wait=false")
    cluster.wait(lambda: len(running(cluster, "web")) == 2 and victim not in {p["metadata"]["name"] for p in running(cluster, "web")},
                 "a replacement for the deleted pod", timeout=60)

    cluster.kubectl("delete", "rs", "web", "--wait=true", timeout=60)
    cluster.wait(lambda: not pods_of(cluster, "web"), "pods deleted with their ReplicaSet", timeout=60)
