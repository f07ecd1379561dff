"""The kubelet with real runc containers, driven by the real kubectl and the Python client: pods
from the local registry's busybox run, share localhost, log, exec, restart and stop as on
Kubernetes. One node cluster in a network namespace of its own (node_host.py)."""
import json
import time

import pytest

from node_host import AgentCluster, busybox_pod


@pytest.fixture(scope="module")
def node():
    c = AgentCluster()
    yield c
    c.stop()


def test_node_registers_with_real_capacity(node):
    n = json.loads(node.kubectl("get", "node", node.node, "-o", "json").stdout)
    assert int(n["status"]["capacity"]["pods"]) == 110
    assert n["status"]["capacity"]["cpu"] == str(len(open("/proc/cpuinfo").read().split("processor\t:")) - 1)
    assert n["metadata"]["labels"]["kubernetes.io/os"] == "linux"
    assert n["status"]["nodeInfo"]["containerRuntimeVersion"].startswith("runc://")
    assert node.kubectl("get", "lease", node.node, "-n", "kube-node-lease", check=False).returncode == 0


def test_pod_runs_with_an_ip_and_its_logs_reach_kubectl_and_python(node):
    node.apply(busybox_pod("hello", "echo hello; sleep 0.2; echo oops >&2; sleep 0.2; echo bye; sleep 3600"))
    pod = node.wait_phase("hello", "Running")
    ip = pod["status"]["podIP"]
    assert ip.startswith("10.42."), ip
    assert pod["status"]["podIPs"] == [{"ip": ip}]
    status = node.container_status("hello")
    assert status["ready"] and status["started"] and status["containerID"].startswith("runc://")
    assert status["imageID"], status
    wide = node.kubectl("get", "pod", "hello", "-o", "wide").stdout
    assert ip in wide and node.node in wide
    node.wait(lambda: "bye" in node.kubectl("logs", "hello").stdout, "logs")
    # stdout and stderr are separate pipes: only the pauses between the writes order them.
    assert sorted(node.kubectl("logs", "hello").stdout.splitlines()) == ["bye", "hello", "oops"]
    assert node.kubectl("logs", "hello", "--tail=1").stdout == "bye\n"
    stamped = node.kubectl("logs", "hello", "--timestamps").stdout.splitlines()
    assert stamped[0].endswith(" hello") and stamped[0][:4].isdigit()
    from kubernetes import client, config
    cfg = client.Configuration()
    config.load_kube_config(config_file=node.server.kubeconfig, client_configuration=cfg)
    core = client.CoreV1Api(client.ApiClient(cfg))
    assert core.read_namespaced_pod_log("hello", "default", tail_lines=2) == "oops\nbye\n"


def test_exec_returns_output_and_exit_code(node):
    node.apply(busybox_pod("shell", "sleep 3600"))
    node.wait_phase("shell", "Running")
    p = node.kubectl("exec", "shell", "--", "sh", "-c", "echo out; echo err >&2; exit 3", check=False)
    assert p.returncode == 3, p
    assert p.stdout == "out\n" and "err" in p.stderr
    p = node.kubectl("exec", "-i", "shell", "--", "cat", input="piped\n")
    assert p.stdout == "piped\n"
    from kubernetes import client, config
    from kubernetes.stream import stream
    cfg = client.Configuration()
    config.load_kube_config(config_file=node.server.kubeconfig, client_configuration=cfg)
    core = client.CoreV1Api(client.ApiClient(cfg))
    out = stream(core.connect_get_namespaced_pod_exec, "shell", "default", command=["hostname"],
                 stderr=True, stdin=False, stdout=True, tty=False)
    assert out.strip() == "shell"


def test_containers_of_a_pod_share_localhost(node):
    node.apply({
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "pair"},
        "spec": {"terminationGracePeriodSeconds": 1, "containers": [
            {"name": "server", "image": "busybox",
             "command": ["sh", "-c", "mkdir -p /www && echo shared > /www/index.html && httpd -f -p 8080 -h /www"]},
            {"name": "client", "image": "busybox",
             "command": ["sh", "-c", "until wget -qO- http://127.0.0.1:8080/; do sleep 0.2; done; sleep 3600"]},
        ]}})
    node.wait_phase("pair", "Running")
    node.wait(lambda: "shared" in node.kubectl("logs", "pair", "-c", "client", check=False).stdout, "client reaches server on localhost")


def test_failed_containers_restart_with_backoff_and_finished_pods_get_their_phase(node):
    node.apply(busybox_pod("crasher", "echo crashing; exit 1"))
    node.apply(busybox_pod("done-ok", "exit 0", restartPolicy="Never"))
    node.apply(busybox_pod("done-bad", "exit 7", restartPolicy="Never"))
    assert node.wait_phase("done-ok", "Succeeded")["status"]["containerStatuses"][0]["state"]["terminated"]["reason"] == "Completed"
    bad = node.wait_phase("done-bad", "Failed")["status"]["containerStatuses"][0]["state"]["terminated"]
    assert bad["exitCode"] == 7 and bad["reason"] == "Error"
    status = node.wait(lambda: (s := node.container_status("crasher")) and s.get("restartCount", 0) >= 1
                       and s["state"].get("waiting", {}).get("reason") == "CrashLoopBackOff" and s, "CrashLoopBackOff", timeout=60)
    assert status["lastState"]["terminated"]["exitCode"] == 1
    assert "crashing" in node.kubectl("logs", "crasher", "--previous").stdout
    events = node.kubectl("get", "events", "--field-selector", "involvedObject.name=crasher", "-o", "json").stdout
    reasons = {e["reason"] for e in json.loads(events)["items"]}
    assert {"Pulled", "Created", "Started", "BackOff"} <= reasons, reasons


def test_deleting_a_pod_stops_it_gracefully(node):
    node.apply(busybox_pod("graceful", "trap 'echo got TERM; exit 0' TERM; while true; do sleep 0.1; done",
                           terminationGracePeriodSeconds=30))
    node.apply(busybox_pod("stubborn", "trap '' TERM; while true; do sleep 0.1; done", terminationGracePeriodSeconds=2))
    node.wait_phase("graceful", "Running")
    node.wait_phase("stubborn", "Running")
    started = time.time()
    node.kubectl("delete", "pod", "graceful", "--wait=true", timeout=60)
    assert time.time() - started < 20, "a pod that exits on SIGTERM must not wait out its 30 s grace period"
    started = time.time()
    node.kubectl("delete", "pod", "stubborn", "--wait=true", timeout=60)
    assert time.time() - started >= 2, "a pod ignoring SIGTERM is killed only after its grace period"


def test_runtime_state_is_on_a_tmpfs_and_killall_leaves_nothing_mounted(node):
    """Runs last in this module: it stops the server (and so the agent) with a pod running."""
    import os
    import subprocess
    from conftest import skiff_binary
    data = os.path.join(node.dir, "data")
    state = os.path.join(data, "agent", "runtime", "state")

    def mounts_under(path):
        with open("/proc/self/mountinfo") as f:
            return [line.split()[4] for line in f if line.split()[4].startswith(path + "/") or line.split()[4] == path]

    with open("/proc/self/mountinfo") as f:
        types = {line.split()[4]: line.split(" - ")[1].split()[0] for line in f}
    assert types.get(state) == "tmpfs", f"no tmpfs on {state}"
    node.apply(busybox_pod("left-running", "sleep 3600"))
    pod = node.wait_phase("left-running", "Running")
    uid = pod["metadata"]["uid"]
    assert any(f"/pods/{uid}/volumes/" in m for m in mounts_under(data)), "the token volume is not mounted"
    node.server.stop()
    assert mounts_under(data), "stopping the agent must leave its pods running"
    killed = subprocess.run([skiff_binary(), "killall", "--data-dir", data], capture_output=True, text=True)
    assert killed.returncode == 0, killed.stdout + killed.stderr
    assert mounts_under(data) == [], f"mounts left after killall: {mounts_under(data)}"
