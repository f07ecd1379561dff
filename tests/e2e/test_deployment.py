"""Deployments with the real kubectl over hollow nodes: rollout status, Available, set image
with two ReplicaSets, history, undo to an earlier template (a new revision), pause/resume and
restart. Needs the deployment and replicaset controllers and the scheduler of `skiff server`."""
import json

import pytest

from cluster import Cluster


@pytest.fixture
def cluster():
    c = Cluster()
    yield c
    c.stop()


def deployment(name, replicas, image):
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": {"app": name}},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {"metadata": {"labels": {"app": name}},
                         "spec": {"containers": [{"name": "app", "image": image}]}},
        },
    }


def replica_sets(cluster, app):
    out = cluster.kubectl("get", "rs", "-l", f"app={app}", "-o", "json").stdout
    return json.loads(out)["items"]


def rollout_status(cluster, name):
    p = cluster.kubectl("rollout", "status", f"deployment/{name}", "--timeout=90s", timeout=120)
    assert f'deployment "{name}" successfully rolled out' in p.stdout, p.stdout
    return p.stdout


def image_of(cluster, name):
    d = cluster.get("deployment", name)
    return d["spec"]["template"]["spec"]["containers"][0]["image"]


def test_rollout_history_undo_pause_resume_restart(cluster):
    cluster.simulate(3, "hollow-")
    cluster.apply(deployment("web", 5, "nginx:1.25"))
    rollout_status(cluster, "web")
    cluster.kubectl("wait", "--for=condition=Available", "deployment/web", "--timeout=60s", timeout=90)
    d = cluster.get("deployment", "web")
    assert d["status"]["availableReplicas"] == 5 and d["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "1"

    cluster.kubectl("set", "image", "deployment/web", "app=nginx:1.26")
    rollout_status(cluster, "web")
    sets = replica_sets(cluster, "web")
    assert len(sets) == 2
    by_revision = {rs["metadata"]["annotations"]["deployment.kubernetes.io/revision"]: rs for rs in sets}
    assert by_revision["2"]["spec"]["replicas"] == 5 and by_revision["1"]["spec"]["replicas"] == 0
    events = cluster.kubectl("get", "events", "--field-selector", "involvedObject.name=web", "-o", "json").stdout
    assert f"Scaled up replica set {by_revision['2']['metadata']['name']} from 0 to" in events

    history = cluster.kubectl("rollout", "history", "deployment/web").stdout
    assert "REVISION" in history and "1 " in history and "2 " in history, history

    cluster.kubectl("rollout", "undo", "deployment/web")
    rollout_status(cluster, "web")
    assert image_of(cluster, "web") == "nginx:1.25"
    cluster.wait(lambda: cluster.get("deployment", "web")["metadata"]["annotations"].get(
        "deployment.kubernetes.io/revision") == "3", "revision 3 after undo")
    first = [rs for rs in replica_sets(cluster, "web") if rs["metadata"]["name"] == by_revision["1"]["metadata"]["name"]]
    assert first and first[0]["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "3"
    assert first[0]["spec"]["replicas"] == 5

    cluster.kubectl("rollout", "pause", "deployment/web")
    cluster.wait(lambda: progressing(cluster, "web") == "DeploymentPaused", "Progressing DeploymentPaused")
    cluster.kubectl("set", "image", "deployment/web", "app=nginx:1.27")
    cluster.kubectl("scale", "deployment/web", "--replicas=6")
    cluster.wait(lambda: sum(rs["spec"]["replicas"] for rs in replica_sets(cluster, "web")) == 6, "scaling while paused")
    assert len(replica_sets(cluster, "web")) == 2, "no rollout while paused"
    cluster.kubectl("rollout", "resume", "deployment/web")
    rollout_status(cluster, "web")
    assert len(replica_sets(cluster, "web")) == 3

    cluster.kubectl("rollout", "restart", "deployment/web")
    rollout_status(cluster, "web")
    d = cluster.get("deployment", "web")
    assert "kubectl.kubernetes.io/restartedAt" in d["spec"]["template"]["metadata"]["annotations"]
    assert d["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "5"
    assert d["status"]["updatedReplicas"] == 6 and d["status"]["replicas"] == 6


def progressing(cluster, name):
    conditions = cluster.get("deployment", name)["status"].get("conditions", [])
    return next((c["reason"] for c in conditions if c["type"] == "Progressing"), None)


def test_rollout_status_reports_an_exceeded_progress_deadline(cluster):
    cluster.simulate(1, "hollow-")
    stuck = deployment("stuck", 2, "nginx:1.25")
    stuck["spec"]["progressDeadlineSeconds"] = 2
    stuck["spec"]["template"]["spec"]["nodeSelector"] = {"no": "such-node"}
    cluster.apply(stuck)
    p = cluster.kubectl("rollout", "status", "deployment/stuck", "--timeout=60s", check=False, timeout=90)
    assert p.returncode != 0
    assert 'deployment "stuck" exceeded its progress deadline' in p.stderr, (p.stdout, p.stderr)
    assert progressing(cluster, "stuck") == "ProgressDeadlineExceeded"
    cluster.kubectl("wait", "--for=condition=Available=False", "deployment/stuck", "--timeout=30s", timeout=60)
