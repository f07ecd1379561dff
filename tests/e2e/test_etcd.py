"""`skiff server` on a real etcd cluster started by the test: kubectl works against it, and two
servers sharing the etcd see each other's writes and watches and keep optimistic concurrency."""
import json
import shutil
import subprocess
import threading
import time

import pytest

from conftest import Server, make_kubectl
from ha_cluster import EtcdMembers, etcd, start_pair, stop_pair  # noqa: F401 (etcd is a fixture)


@pytest.fixture(scope="module")
def servers(etcd):
    """Two API servers on the same etcd, each preferring a different member."""
    a, b = start_pair(etcd, extra_b=["--disable-controller-manager", "--disable-scheduler"])
    yield a, b
    stop_pair((a, b))


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


def test_a_server_on_a_fresh_etcd_starts_its_components_at_once_and_stops_on_sigterm():
    """The controller manager and scheduler inside `skiff server` elect through Leases on etcd.
    Their first Lease request waits for the loopback listener, rather than failing before it
    listens and waiting a 2 s retry period; and SIGTERM ends the server promptly."""
    members = EtcdMembers(1)
    server = Server(extra_args=["--datastore-endpoint", members.endpoints, "--log-level", "debug"])
    try:
        members.start()
        server.start(timeout=90)
        deadline = time.time() + 30
        started = ("controllers started:", "scheduler default-scheduler synced")
        while time.time() < deadline and not all(line in open(server.log_path, errors="replace").read() for line in started):
            time.sleep(0.1)
        log = open(server.log_path, errors="replace").read()
        assert all(line in log for line in started), log[-4000:]
        # LeaderElector logs every failed attempt at debug level.
        failed = [line for line in log.splitlines() if "lease kube-" in line]
        assert not failed, failed
        server.proc.terminate()
        try:
            server.proc.wait(20)
        except subprocess.TimeoutExpired:
            pytest.fail(f"skiff server on etcd did not exit within 20 s of SIGTERM: {server.log()}")
    finally:
        if server.proc and server.proc.poll() is None:
            server.kill9()
        shutil.rmtree(server.dir, ignore_errors=True)
        members.close()
