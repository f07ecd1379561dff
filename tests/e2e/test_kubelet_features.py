"""The kubelet's features on real containers: probes of every kind, init containers, volumes and
environment from ConfigMaps, Secrets and the downward API, OOM kills, image pull errors, tarball
import, and a restart of the whole server with pods running."""
import atexit
import json
import os
import shutil
import signal
import subprocess
import tempfile

import pytest

from conftest import ROOT, skiff_binary
from node_host import AgentCluster, busybox_pod


@pytest.fixture(scope="module")
def node():
    c = AgentCluster()
    yield c
    c.stop()


def condition(pod, kind):
    for c in (pod or {}).get("status", {}).get("conditions", []):
        if c["type"] == kind:
            return c["status"]
    return None


def test_probes_pass_and_fail(node):
    web = "mkdir -p /www && echo ok > /www/index.html && httpd -f -p 8080 -h /www"
    probe = lambda kind, spec: {kind: {**spec, "periodSeconds": 1, "failureThreshold": 1}}
    node.apply(busybox_pod("http-ready", web, container=probe("readinessProbe", {"httpGet": {"path": "/", "port": 8080}})))
    node.apply(busybox_pod("http-missing", web, container=probe("readinessProbe", {"httpGet": {"path": "/nope", "port": 8080}})))
    node.apply(busybox_pod("tcp-ready", web, container=probe("readinessProbe", {"tcpSocket": {"port": 8080}})))
    node.apply(busybox_pod("exec-unready", "sleep 3600", container=probe("readinessProbe", {"exec": {"command": ["false"]}})))
    node.apply(busybox_pod("live-fails", "sleep 3600", container=probe("livenessProbe", {"tcpSocket": {"port": 9}})))
    for name in ("http-ready", "tcp-ready"):
        node.wait(lambda: condition(node.pod(name), "Ready") == "True", f"{name} Ready")
    for name in ("http-missing", "exec-unready"):
        node.wait_phase(name, "Running")
        node.wait(lambda: condition(node.pod(name), "ContainersReady") == "False", f"{name} not ready")
        assert condition(node.pod(name), "Ready") == "False"
    node.wait(lambda: (node.container_status("live-fails") or {}).get("restartCount", 0) >= 1, "liveness restart", timeout=60)
    events = json.loads(node.kubectl("get", "events", "-o", "json").stdout)["items"]
    messages = [e["message"] for e in events if e["reason"] == "Unhealthy"]
    assert any(m.startswith("Readiness probe failed: HTTP probe failed with statuscode: 404") for m in messages), messages
    assert any(m.startswith("Liveness probe failed:") for m in messages), messages


def test_init_containers_run_in_order_before_the_app(node):
    node.apply({
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "inits"},
        "spec": {"terminationGracePeriodSeconds": 1, "volumes": [{"name": "work", "emptyDir": {}}],
                 "initContainers": [
                     {"name": f"init{i}", "image": "busybox", "command": ["sh", "-c", f"echo init{i} >> /work/order"],
                      "volumeMounts": [{"name": "work", "mountPath": "/work"}]} for i in (1, 2)],
                 "containers": [{"name": "app", "image": "busybox", "command": ["sh", "-c", "cat /work/order; sleep 3600"],
                                 "volumeMounts": [{"name": "work", "mountPath": "/work"}]}]}})
    pod = node.wait_phase("inits", "Running")
    assert [s["state"]["terminated"]["reason"] for s in pod["status"]["initContainerStatuses"]] == ["Completed", "Completed"]
    node.wait(lambda: node.kubectl("logs", "inits", "-c", "app").stdout == "init1\ninit2\n", "app sees both inits")


def test_volumes_and_environment(node):
    node.kubectl("create", "configmap", "settings", "--from-literal=color=blue", "--from-literal=size=10")
    node.kubectl("create", "secret", "generic", "creds", "--from-literal=password=hunter2")
    host_dir = tempfile.mkdtemp(prefix="skiff-hostpath-")
    atexit.register(shutil.rmtree, host_dir, ignore_errors=True)
    with open(os.path.join(host_dir, "greeting"), "w") as f:
        f.write("from the host")
    script = ("echo COLOR=$COLOR; echo PASSWORD=$PASSWORD; echo POD=$POD_NAME NS=$POD_NS; echo SIZE=$CFG_size; "
              "cat /cfg/color; echo; cat /sec/password; echo; cat /info/labels; echo; cat /host/greeting; echo; "
              "grep -q ' /scratch tmpfs' /proc/mounts && echo scratch-is-tmpfs; sleep 3600")
    node.apply({
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "wired", "labels": {"app": "wired"}},
        "spec": {"terminationGracePeriodSeconds": 1,
                 "volumes": [{"name": "cfg", "configMap": {"name": "settings"}},
                             {"name": "sec", "secret": {"secretName": "creds"}},
                             {"name": "info", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}},
                             {"name": "host", "hostPath": {"path": host_dir, "type": "Directory"}},
                             {"name": "scratch", "emptyDir": {"medium": "Memory"}}],
                 "containers": [{
                     "name": "main", "image": "busybox", "command": ["sh", "-c", script],
                     "env": [{"name": "COLOR", "valueFrom": {"configMapKeyRef": {"name": "settings", "key": "color"}}},
                             {"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "creds", "key": "password"}}},
                             {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                             {"name": "POD_NS", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}}],
                     "envFrom": [{"prefix": "CFG_", "configMapRef": {"name": "settings"}}],
                     "volumeMounts": [{"name": "cfg", "mountPath": "/cfg"}, {"name": "sec", "mountPath": "/sec"},
                                      {"name": "info", "mountPath": "/info"}, {"name": "host", "mountPath": "/host"},
                                      {"name": "scratch", "mountPath": "/scratch"}]}]}})
    node.wait_phase("wired", "Running")
    expected = ["COLOR=blue", "PASSWORD=hunter2", "POD=wired NS=default", "SIZE=10", "blue", "hunter2", 'app="wired"',
                "from the host", "scratch-is-tmpfs"]
    node.wait(lambda: node.kubectl("logs", "wired").stdout.splitlines() == expected, "volumes and env in the logs")
    node.apply(busybox_pod("no-config", "sleep 3600", container={
        "env": [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "absent", "key": "x"}}}]}))
    waiting = node.wait(lambda: (s := node.container_status("no-config")) and s["state"].get("waiting", {}).get("reason") == "CreateContainerConfigError"
                        and s["state"]["waiting"], "CreateContainerConfigError")
    assert waiting["message"] == 'configmap "absent" not found'


def test_memory_limit_ends_in_an_oom_kill(node):
    node.apply(busybox_pod("hog", "x=aaaaaaaa; while true; do x=$x$x; done", restartPolicy="Never",
                           container={"resources": {"limits": {"memory": "16Mi"}}}))
    pod = node.wait_phase("hog", "Failed")
    terminated = pod["status"]["containerStatuses"][0]["state"]["terminated"]
    assert terminated["reason"] == "OOMKilled" and terminated["exitCode"] == 137
    assert pod["status"]["qosClass"] == "Burstable"


def test_image_pull_errors_surface_as_kubernetes_reasons(node):
    node.apply(busybox_pod("no-image", "true", container={"image": f"{node.registry}/library/absent:1"}))
    waiting = node.wait(lambda: (s := node.container_status("no-image")) and s["state"].get("waiting", {}).get("reason") in ("ErrImagePull", "ImagePullBackOff")
                        and s["state"]["waiting"], "ErrImagePull")
    assert "absent" in waiting["message"]
    node.apply(busybox_pod("never-pull", "true", container={"image": "never/pulled:1", "imagePullPolicy": "Never"}))
    node.wait(lambda: ((node.container_status("never-pull") or {}).get("state", {}).get("waiting", {}).get("reason")) == "ErrImageNeverPull",
              "ErrImageNeverPull")


def test_imported_tarball_runs_without_a_registry(node):
    archive = os.path.join(node.dir, "busybox.tar")
    subprocess.run([os.path.join(ROOT, "scripts", "busybox-image.sh"), "docker-archive", archive], check=True)
    subprocess.run([skiff_binary(), "image", "import", "--data-dir", node.server.dir, archive], check=True)
    listed = subprocess.run([skiff_binary(), "image", "ls", "--data-dir", node.server.dir], check=True, capture_output=True, text=True).stdout
    assert "busybox" in listed
    node.apply(busybox_pod("offline", "echo offline; sleep 3600", container={"image": "docker.io/library/busybox:latest", "imagePullPolicy": "Never"}))
    node.wait_phase("offline", "Running")


def test_server_restart_adopts_running_pods(node):
    node.apply(busybox_pod("survivor", "sleep 3600"))
    node.wait_phase("survivor", "Running")
    before = node.container_status("survivor")
    node.server.kill9()
    node.server.start()
    node.wait(node.node_ready, "node Ready after restart")
    after = node.wait(lambda: (s := node.container_status("survivor")) and s.get("state", {}).get("running") and s, "survivor running")
    assert after["containerID"] == before["containerID"]
    assert after["restartCount"] == 0
