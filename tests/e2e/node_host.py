"""A one-node cluster with a real kubelet, inside a network namespace the test creates.

The pytest process itself enters the namespace (setns), so the `skiff server` it starts, the local
registry serving the busybox image, the real kubectl and the Python client all live there: the
pod bridge, veth pairs and pod IPs never touch the machine's own network. Leaving restores the
original namespace, after the pods, containers and mounts are gone."""
import ctypes
import json
import os
import shutil
import subprocess
import tempfile
import time
import uuid

from conftest import ROOT, Server, make_kubectl, skiff_binary

CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def _setns(fd):
    if _libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns failed")


def _require(tool, package):
    if shutil.which(tool) is None:
        raise RuntimeError(f"{tool} is missing: install Debian package {package} (scripts/install-deps.sh does)")


def wait_until(predicate, what, timeout=60, interval=0.2, detail=lambda: ""):
    """Polls `predicate` until it returns something true (returned); fails after `timeout`
    seconds saying `what`, the last value and `detail()` (e.g. a log tail)."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {last!r})\n{detail()}")


class NetnsHost:
    """A network namespace with loopback up, entered by this process until `leave`."""

    def __init__(self):
        _require("ip", "iproute2")
        self.name = f"skiff-e2e-{uuid.uuid4().hex[:8]}"
        subprocess.run(["ip", "netns", "add", self.name], check=True)
        subprocess.run(["ip", "-n", self.name, "link", "set", "lo", "up"], check=True)
        self.original = os.open("/proc/self/ns/net", os.O_RDONLY)
        target = os.open(f"/run/netns/{self.name}", os.O_RDONLY)
        try:
            _setns(target)
        finally:
            os.close(target)

    def leave(self):
        _setns(self.original)
        os.close(self.original)
        subprocess.run(["ip", "netns", "del", self.name], check=False)


class AgentCluster:
    """`skiff server` with its agent (kubelet, runc, pod network) in a namespace of its own, and
    a local registry (on the namespace's loopback) that docker.io resolves to."""

    def __init__(self, server_args=()):
        for tool, package in (("runc", "runc"), ("docker-registry", "docker-registry"), ("skopeo", "skopeo")):
            _require(tool, package)
        self.host = NetnsHost()
        self.dir = tempfile.mkdtemp(prefix="skiff-node-")
        try:
            script = os.path.join(ROOT, "scripts", "busybox-image.sh")
            self.registry = subprocess.run([script, "start"], check=True, capture_output=True, text=True).stdout.strip()
            self.registries_yaml = os.path.join(self.dir, "registries.yaml")
            with open(self.registries_yaml, "w") as f:
                f.write(f'mirrors:\n  docker.io:\n    endpoint:\n      - "http://{self.registry}"\n')
            self.server = Server(
                data_dir=self._mkdir("data"), agent=True,
                extra_args=["--private-registry", self.registries_yaml, "--pod-logs-dir", self._mkdir("pod-logs"),
                            *self.log_level(), *server_args]).start()
            self.kubectl = make_kubectl(self.server.kubeconfig)
            self.wait(self.node_ready, "the node Ready", timeout=60)
        except BaseException:
            self.stop()
            raise

    @staticmethod
    def log_level():
        """`--log-level` from SKIFF_E2E_LOG_LEVEL (e.g. debug, to see each pod sync in a failure's log)."""
        level = os.environ.get("SKIFF_E2E_LOG_LEVEL")
        return ["--log-level", level] if level else []

    def _mkdir(self, name):
        path = os.path.join(self.dir, name)
        os.makedirs(path, exist_ok=True)
        return path

    def node_ready(self):
        p = self.kubectl("get", "nodes", "-o", "json", check=False)
        if p.returncode != 0:
            return False
        for node in json.loads(p.stdout)["items"]:
            for c in node["status"].get("conditions", []):
                if c["type"] == "Ready" and c["status"] == "True":
                    self.node = node["metadata"]["name"]
                    return True
        return False

    def wait(self, predicate, what, timeout=60, interval=0.2):
        return wait_until(predicate, what, timeout, interval, detail=self.server.log)

    def apply(self, manifest):
        self.kubectl("apply", "-f", "-", input=json.dumps(manifest))

    def pod(self, name, namespace="default"):
        p = self.kubectl("get", "pod", name, "-n", namespace, "-o", "json", check=False)
        return json.loads(p.stdout) if p.returncode == 0 else None

    def wait_phase(self, name, phase, timeout=60):
        """Waits for pod `name` to reach `phase` (returned); a timeout shows the pod's last status."""
        last = {}

        def reached():
            pod = self.pod(name)
            last["status"] = pod and pod.get("status")
            return pod if pod and pod["status"].get("phase") == phase else None
        def detail():
            events = self.kubectl("get", "events", "--field-selector", f"involvedObject.name={name}", check=False).stdout
            return f"last status: {json.dumps(last.get('status'))}\nevents:\n{events}\n{self.server.log()}"
        return wait_until(reached, f"pod {name} {phase}", timeout, detail=detail)

    def container_status(self, name, container=None):
        pod = self.pod(name) or {}
        for status in pod.get("status", {}).get("containerStatuses", []):
            if container is None or status["name"] == container:
                return status
        return None

    def stop(self):
        """Deletes every pod (so the kubelet stops and removes the containers), stops the server
        and the registry, removes what is left (containers, mounts) and leaves the namespace."""
        try:
            if getattr(self, "server", None) and self.server.proc and self.server.proc.poll() is None:
                self.kubectl("delete", "pods", "--all", "-A", "--grace-period=1", "--wait=true", check=False, timeout=120)
                self.server.stop()
            if getattr(self, "registry", None):
                subprocess.run([os.path.join(ROOT, "scripts", "busybox-image.sh"), "stop", self.registry], check=False)
            subprocess.run([skiff_binary(), "killall", "--data-dir", os.path.join(self.dir, "data")], check=False)
        finally:
            self.host.leave()
            shutil.rmtree(self.dir, ignore_errors=True)


def busybox_pod(name, command, **spec):
    container = {"name": spec.pop("container_name", "main"), "image": "busybox", "command": ["sh", "-c", command]}
    container.update(spec.pop("container", {}))
    pod_spec = {"containers": [container], "terminationGracePeriodSeconds": 2}
    pod_spec.update(spec)
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "spec": pod_spec}
