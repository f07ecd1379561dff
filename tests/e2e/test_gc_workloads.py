"""Cascading deletion of a ReplicaSet's pods with the three policies, through the real kubectl,
and a cascade that happens after the controller manager comes back from being down."""
import json

from cluster import Cluster


def replicaset(name, replicas):
    return {
        "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": name},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                 "template": {"metadata": {"labels": {"app": name}},
                              "spec": {"containers": [{"name": "app", "image": "registry.example/app:1"}]}}},
    }


def pods_of(cluster, app):
    out = cluster.kubectl("get", "pods", "-l", f"app={app}", "-o", "json").stdout
    return json.loads(out)["items"]


def test_replicaset_cascade_policies():
    cluster = Cluster()
    try:
        cluster.simulate(2, "gc-")
        for policy in ("background", "foreground", "orphan"):
            name = f"rs-{policy}"
            cluster.apply(replicaset(name, 3))
            cluster.wait(lambda: len(pods_of(cluster, name)) == 3, f"3 pods of {name}")
            cluster.kubectl("delete", "rs", name, f"--cascade={policy}", "--wait=true", timeout=60)
            assert cluster.get("rs", name, check=False) is None
            if policy == "foreground":
                # Foreground: the owner goes only after its dependents.
                assert pods_of(cluster, name) == [] or all(
                    p["metadata"].get("deletionTimestamp") for p in pods_of(cluster, name))
            if policy == "orphan":
                pods = pods_of(cluster, name)
                assert len(pods) == 3, "orphaned pods stay"
                assert all(not p["metadata"].get("ownerReferences") for p in pods), "and lose their owner reference"
            else:
                cluster.wait(lambda: pods_of(cluster, name) == [], f"the pods of {name} to be collected")
    finally:
        cluster.stop()


def test_dependents_are_collected_when_the_controller_manager_returns():
    cluster = Cluster(server_args=["--disable-controller-manager"])
    try:
        manager = cluster.spawn("controller-manager", "controller-manager", "--no-leader-elect")
        cluster.apply(replicaset("late", 3))
        cluster.wait(lambda: len(pods_of(cluster, "late")) == 3, "3 pods of late")
        manager.kill()
        manager.wait()
        cluster.kubectl("delete", "rs", "late", "--wait=false")
        assert cluster.get("rs", "late", check=False) is None
        assert len(pods_of(cluster, "late")) == 3, "nothing collects while the controller manager is down"
        cluster.spawn("controller-manager", "controller-manager", "--no-leader-elect")
        cluster.wait(lambda: pods_of(cluster, "late") == [], "the orphaned pods to be collected", timeout=30)
    finally:
        cluster.stop()
