"""A rolling update survives its controller manager being killed half-way: a new controller
manager picks the rollout up from the API state and finishes it, with no duplicate ReplicaSet
and no extra pods."""
import json
import time

from cluster import Cluster


def slow_deployment(image):
    return {
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "slow", "labels": {"app": "slow"}},
        "spec": {
            "replicas": 6, "minReadySeconds": 2,
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}},
            "selector": {"matchLabels": {"app": "slow"}},
            "template": {"metadata": {"labels": {"app": "slow"}},
                         "spec": {"containers": [{"name": "app", "image": image}]}},
        },
    }


def test_controller_manager_killed_mid_rollout():
    cluster = Cluster(server_args=["--disable-controller-manager"])
    try:
        cluster.simulate(3, "roll-")
        first = cluster.spawn("controller-manager", "controller-manager", "--no-leader-elect")
        cluster.apply(slow_deployment("app:1"))
        cluster.kubectl("rollout", "status", "deployment/slow", "--timeout=90s", timeout=120)
        cluster.kubectl("set", "image", "deployment/slow", "app=app:2")

        def updated():
            return cluster.get("deployment", "slow").get("status", {}).get("updatedReplicas", 0)
        cluster.wait(lambda: 1 <= updated() < 6, "the rollout to be under way", timeout=60)
        first.kill()  # SIGKILL, mid-rollout
        first.wait()
        at_kill = updated()
        assert at_kill < 6, "the rollout was still under way when the controller manager died"
        time.sleep(1)
        cluster.spawn("controller-manager", "controller-manager", "--no-leader-elect")
        p = cluster.kubectl("rollout", "status", "deployment/slow", "--timeout=120s", timeout=150)
        assert 'deployment "slow" successfully rolled out' in p.stdout
        sets = json.loads(cluster.kubectl("get", "rs", "-l", "app=slow", "-o", "json").stdout)["items"]
        assert len(sets) == 2, [rs["metadata"]["name"] for rs in sets]
        replicas = sorted(rs["spec"]["replicas"] for rs in sets)
        assert replicas == [0, 6]
        pods = json.loads(cluster.kubectl("get", "pods", "-l", "app=slow", "-o", "json").stdout)["items"]
        live = [p for p in pods if not p["metadata"].get("deletionTimestamp")]
        assert len(live) == 6 and all(p["spec"]["containers"][0]["image"] == "app:2" for p in live)
    finally:
        cluster.stop()
