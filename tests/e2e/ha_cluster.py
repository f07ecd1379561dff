"""A three-member etcd cluster whose members the tests can kill and restart, and two `skiff server`s
on it sharing one cluster CA (so one kubeconfig trusts both), for the HA and fault tests."""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.request

import pytest

from conftest import Server, free_port


class EtcdMembers:
    """`size` etcd members on free loopback ports; each can be killed and started again on its
    data folder."""

    def __init__(self, size=3):
        self.binary = shutil.which("etcd")
        if not self.binary:
            pytest.fail("the etcd binary is missing: install Debian's etcd-server (scripts/install-deps.sh does)")
        self.dir = tempfile.mkdtemp(prefix="skiff-e2e-etcd-")
        self.members = [
            {"name": f"m{i}", "client": f"http://127.0.0.1:{free_port()}", "peer": f"http://127.0.0.1:{free_port()}"}
            for i in range(size)
        ]
        self.procs = [None] * size

    @property
    def endpoints(self):
        return ",".join(m["client"] for m in self.members)

    def launch(self, i):
        m = self.members[i]
        initial = ",".join(f"{x['name']}={x['peer']}" for x in self.members)
        log = open(os.path.join(self.dir, f"{m['name']}.log"), "ab")
        # On a restart etcd finds its data folder and ignores the --initial-* flags.
        self.procs[i] = subprocess.Popen(
            [self.binary, "--name", m["name"], "--data-dir", os.path.join(self.dir, m["name"]),
             "--listen-client-urls", m["client"], "--advertise-client-urls", m["client"],
             "--listen-peer-urls", m["peer"], "--initial-advertise-peer-urls", m["peer"],
             "--initial-cluster", initial, "--initial-cluster-state", "new",
             "--initial-cluster-token", "skiff-e2e-ha"],
            stdout=log, stderr=subprocess.STDOUT)

    def wait_healthy(self, indices, timeout=60):
        deadline = time.time() + timeout
        for i in indices:
            m = self.members[i]
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

    def start(self):
        for i in range(len(self.members)):
            self.launch(i)
        self.wait_healthy(range(len(self.members)))
        return self

    def etcdctl(self, *args):
        p = subprocess.run(
            ["etcdctl", "--endpoints", self.endpoints, *args], capture_output=True, text=True, timeout=30,
            env={**os.environ, "ETCDCTL_API": "3"})
        assert p.returncode == 0, p.stderr
        return p.stdout

    def kill9(self, i):
        self.procs[i].send_signal(signal.SIGKILL)
        self.procs[i].wait()

    def stop_all(self):
        """Stops every member (SIGTERM, as a service manager does)."""
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def start_again(self, indices):
        for i in indices:
            self.launch(i)
        self.wait_healthy(indices)

    def close(self):
        for p in self.procs:
            if p and p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(self.dir, ignore_errors=True)



@pytest.fixture(scope="module")
def etcd():
    """A three-member etcd for the test module (import it into the module to use it)."""
    cluster = EtcdMembers(3).start()
    yield cluster
    cluster.close()


def start_pair(etcd, extra_b=()):
    """Server A on the etcd members in order, then server B (preferring the members in reverse
    order) with A's cluster CAs and service account key copied into its data folder before it
    starts, as the README tells an operator adding a server."""
    members = etcd.endpoints.split(",")
    a = Server(extra_args=["--datastore-endpoint", ",".join(members)]).start(timeout=90)
    b = Server(extra_args=["--datastore-endpoint", ",".join(reversed(members)), *extra_b])
    share_cluster_ca(a.dir, b.dir)
    b.start(timeout=90)
    return a, b


def share_cluster_ca(from_dir, to_dir):
    """Copies what servers of one cluster must share: the two CAs and the service account key."""
    src, dst = os.path.join(from_dir, "server", "tls"), os.path.join(to_dir, "server", "tls")
    os.makedirs(dst, exist_ok=True)
    for name in ("server-ca.crt", "server-ca.key", "client-ca.crt", "client-ca.key", "service.key"):
        shutil.copy2(os.path.join(src, name), os.path.join(dst, name))


def stop_pair(servers):
    # SIGKILL: a graceful stop waits for clients' idle keep-alive connections (up to 10 s each),
    # and the data folders go anyway.
    for s in servers:
        if s.proc and s.proc.poll() is None:
            s.kill9()
        shutil.rmtree(s.dir, ignore_errors=True)


def configmap(name, **data):
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data}


class Writer:
    """Creates ConfigMaps `<prefix>-<n>` one after another until stopped or `limit` are
    acknowledged, through the first server that answers (switching on connection errors and 5xx);
    records which were acknowledged (201) and when."""

    def __init__(self, servers, prefix, limit=400, namespace="default"):
        self.servers = list(servers)
        self.prefix = prefix
        self.limit = limit
        self.path = f"/api/v1/namespaces/{namespace}/configmaps"
        self.acked = {}
        self.failures = 0
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        n = 0
        current = 0
        while not self.stop_event.is_set() and len(self.acked) < self.limit:
            name = f"{self.prefix}-{n}"
            try:
                status, body, _ = self.servers[current].request("POST", self.path, configmap(name, n=str(n)))
            except Exception:  # connection refused or reset, a timeout, a cut-off reply
                status, body = 0, None
            if status == 201:
                self.acked[name] = (time.time(), int(body["metadata"]["resourceVersion"]))
                n += 1
            elif status == 409:
                # A retried write that etcd applied before the connection broke: not
                # acknowledged to this client, so it is not counted; move on.
                n += 1
            else:
                self.failures += 1
                current = (current + 1) % len(self.servers)
                time.sleep(0.1)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stop_event.set()
        self.thread.join(60)
        assert not self.thread.is_alive(), "writer did not stop"

    def acked_after(self, t):
        return [n for n, (at, _) in self.acked.items() if at > t]


def wait_until(what, check, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def names_in(server, prefix, namespace="default"):
    status, body, _ = server.request("GET", f"/api/v1/namespaces/{namespace}/configmaps")
    assert status == 200, body
    return {i["metadata"]["name"] for i in body["items"] if i["metadata"]["name"].startswith(prefix + "-")}
