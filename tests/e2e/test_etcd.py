"""`skiff server` on a real etcd cluster started by the test: kubectl works against it, and two
servers sharing the etcd see each other's writes and watches and keep optimistic concurrency."""
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request

import pytest

from conftest import Server, free_port, make_kubectl


class EtcdCluster:
    """`size` etcd members on free loopback ports with temporary data folders."""

    def __init__(self, size):
        self.binary = shutil.which("etcd")
        if not self.binary:
            pytest.fail("the etcd binary is missing: install Debian's etcd-server (scripts/install-deps.sh does)")
        self.dir = tempfile.mkdtemp(prefix="skiff-e2e-etcd-")
        self.members = [
            {"name": f"m{i}", "client": f"http://127.0.0.1:{free_port()}", "peer": f"http://127.0.0.1:{free_port()}"}
            for i in range(size)
        ]
        self.procs = []

    @property
    def endpoints(self):
        return ",".join(m["client"] for m in self.members)

    def start(self, timeout=60):
        initial = ",".join(f"{m['name']}={m['peer']}" for m in self.members)
        for m in self.members:
            log = open(os.path.join(self.dir, f"{m['name']}.log"), "ab")
            self.procs.append(subprocess.Popen(
                [self.binary, "--name", m["name"], "--data-dir", os.path.join(self.dir, m["name"]),
                 "--listen-client-urls", m["client"], "--advertise-client-urls", m["client"],
                 "--listen-peer-urls", m["peer"], "--initial-advertise-peer-urls", m["peer"],
                 "--initial-cluster", initial, "--initial-cluster-state", "new",
                 "--initial-cluster-token", "skiff-e2e"],
                stdout=log, stderr=subprocess.STDOUT))
        deadline = time.time() + timeout
        for m in self.members:
            while True:
                try:
                    with urllib.request.urlopen(m["client"] + "/health", timeout=1) as r:
                        if json.loads(r.read()).get("health") == "true":
                            break
                except (OSError, ValueError):
                    pass
                if time.time() > deadline:
                    raise RuntimeError(f"etcd member {m['name']} not healthy in {timeout}s")
                time.sleep(0.1)
        return self

    def etcdctl(self, *args):
        p = subprocess.run(
            ["etcdctl", "--endpoints", self.endpoints, *args], capture_output=True, text=True, timeout=30,
            env={**os.environ, "ETCDCTL_API": "3"})
        assert p.returncode == 0, p.stderr
        return p.stdout

    def stop(self):
        for p in self.procs:
            p.kill()
            p.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def etcd():
    cluster = EtcdCluster(3).start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="module")
def servers(etcd):
    """Two API servers on the same etcd, each preferring a different member."""
    members = etcd.endpoints.split(",")
    a = Server(extra_args=["--datastore-endpoint", ",".join(members)]).start(timeout=90)
    b = Server(extra_args=["--datastore-endpoint", ",".join(reversed(members)), "--disable-controller-manager",
                           "--disable-scheduler"]).start(timeout=90)
    yield a, b
    for s in (a, b):
        s.stop()
        shutil.rmtree(s.dir, ignore_errors=True)


def test_kubectl_create_get_watch_delete_on_etcd(etcd, servers):
    a, _ = servers
    kubectl = make_kubectl(a.kubeconfig)
    watch = subprocess.Popen(
        [*kubectl_cmd(a), "get", "configmaps", "--watch", "--output-watch-events", "-o",
         "custom-columns=EVENT:.type,NAME:.object.metadata.name", "--request-timeout", "60s"],
        stdout=subprocess.PIPE, text=True)
    try:
        kubectl("create", "configmap", "on-etcd", "--from-literal=k=v")
        got = json.loads(kubectl("get", "configmap", "on-etcd", "-o", "json").stdout)
        assert got["data"] == {"k": "v"}
        stored = etcd.etcdctl("get", "/registry/configmaps/default/on-etcd", "--print-value-only")
        assert json.loads(stored)["data"] == {"k": "v"}
        kubectl("delete", "configmap", "on-etcd")
        assert "NotFound" in kubectl("get", "configmap", "on-etcd", check=False).stderr
        assert etcd.etcdctl("get", "/registry/configmaps/default/on-etcd") == ""
        lines = read_lines(watch, lambda ls: any("DELETED" in l and "on-etcd" in l for l in ls))
        assert any("ADDED" in l and "on-etcd" in l for l in lines), lines
    finally:
        watch.kill()
        watch.wait()


def kubectl_cmd(server):
    from conftest import kubectl_binary
    return [kubectl_binary(), "--kubeconfig", server.kubeconfig]


def read_lines(proc, done, timeout=30):
    """Lines of `proc`'s output until `done(lines)` holds (read on a thread, bounded in time)."""
    lines = []
    finished = threading.Event()

    def pump():
        for line in proc.stdout:
            lines.append(line)
            if done(lines):
                finished.set()
                return
    threading.Thread(target=pump, daemon=True).start()
    assert finished.wait(timeout), f"watch output so far: {lines}"
    return lines


def test_two_servers_see_each_others_writes(servers):
    a, b = servers
    ka, kb = make_kubectl(a.kubeconfig), make_kubectl(b.kubeconfig)
    ka("create", "configmap", "from-a", "--from-literal=x=1")
    assert json.loads(kb("get", "configmap", "from-a", "-o", "json").stdout)["data"] == {"x": "1"}
    kb("create", "configmap", "from-b", "--from-literal=y=2")
    names = kb("get", "configmaps", "-o", "name").stdout.split()
    assert "configmap/from-a" in names and "configmap/from-b" in names
    assert json.loads(ka("get", "configmap", "from-b", "-o", "json").stdout)["data"] == {"y": "2"}


def test_watch_on_one_server_sees_writes_through_the_other(servers):
    from kubernetes import client, config, watch
    a, b = servers
    cfg = client.Configuration()
    config.load_kube_config(config_file=b.kubeconfig, client_configuration=cfg)
    core = client.CoreV1Api(client.ApiClient(cfg))
    rv = core.list_namespaced_config_map("default").metadata.resource_version
    seen = []

    def follow():
        for event in watch.Watch().stream(core.list_namespaced_config_map, "default", resource_version=rv,
                                          timeout_seconds=30):
            seen.append((event["type"], event["object"].metadata.name))
            if ("DELETED", "crossing") in seen:
                return
    t = threading.Thread(target=follow, daemon=True)
    t.start()
    ka = make_kubectl(a.kubeconfig)
    ka("create", "configmap", "crossing", "--from-literal=z=3")
    ka("delete", "configmap", "crossing")
    t.join(40)
    assert ("ADDED", "crossing") in seen and ("DELETED", "crossing") in seen, seen


def test_stale_update_through_one_server_after_update_through_other_conflicts(servers):
    a, b = servers
    status, created, _ = a.request("POST", "/api/v1/namespaces/default/configmaps",
                                   {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "occ"}, "data": {"n": "0"}})
    assert status == 201, created
    stale = created["metadata"]["resourceVersion"]
    fresh = dict(created, data={"n": "1"})
    status, updated, _ = b.request("PUT", "/api/v1/namespaces/default/configmaps/occ", fresh)
    assert status == 200, updated
    assert int(updated["metadata"]["resourceVersion"]) > int(stale)
    status, body, _ = a.request("PUT", "/api/v1/namespaces/default/configmaps/occ",
                                dict(created, data={"n": "stale"}))
    assert status == 409, body
    assert body["reason"] == "Conflict"
    assert body["message"] == ('Operation cannot be fulfilled on configmaps "occ": the object has been modified; '
                               "please apply your changes to the latest version and try again")
    status, current, _ = b.request("GET", "/api/v1/namespaces/default/configmaps/occ")
    assert current["data"] == {"n": "1"}
