"""A private cluster for a test: its own `skiff server`, hollow-node simulators and schedulers,
each a real process, all stopped at the end."""
import json
import os
import shutil
import signal
import subprocess
import time

from conftest import Server, make_kubectl, skiff_binary


class Cluster:
    def __init__(self, server_args=()):
        self.server = Server(extra_args=server_args).start()
        self.kubectl = make_kubectl(self.server.kubeconfig)
        self.procs = []

    def spawn(self, name, *args):
        """Starts `skiff <args>` against this cluster; returns the process."""
        log = open(os.path.join(self.server.dir, f"{name}-{len(self.procs)}.log"), "ab")
        # Components run with their own identities, as `skiff server` runs its own.
        cred = {"scheduler": "scheduler", "controller-manager": "controller"}.get(args[0], "admin")
        kubeconfig = os.path.join(self.server.dir, "server", "cred", f"{cred}.kubeconfig")
        proc = subprocess.Popen([skiff_binary(), *args, "--kubeconfig", kubeconfig],
                                stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        return proc

    def simulate(self, nodes, prefix, **flags):
        """Starts hollow nodes named PREFIX0.. and waits until they are registered."""
        args = ["simulate", "--nodes", str(nodes), "--name-prefix", prefix]
        for key, value in flags.items():
            args += [f"--{key.replace('_', '-')}", str(value)]
        proc = self.spawn("simulate", *args)
        self.wait(lambda: all(self.get("node", f"{prefix}{i}", check=False) for i in range(nodes)),
                  f"{nodes} hollow nodes {prefix}*", timeout=30)
        return proc

    def get(self, kind, name, namespace=None, check=True):
        args = ["get", kind, name, "-o", "json"] + (["-n", namespace] if namespace else [])
        p = self.kubectl(*args, check=check)
        return json.loads(p.stdout) if p.returncode == 0 else None

    def apply(self, manifest, namespace="default"):
        self.kubectl("apply", "-n", namespace, "-f", "-", input=json.dumps(manifest))

    def pod(self, name, namespace="default"):
        return self.get("pod", name, namespace)

    def wait(self, condition, what, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if condition():
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out after {timeout}s waiting for {what}\nserver log:\n{self.server.log()}")

    def wait_bound(self, name, namespace="default", timeout=30):
        self.wait(lambda: self.pod(name, namespace)["spec"].get("nodeName"), f"pod {name} to be bound", timeout)
        return self.pod(name, namespace)["spec"]["nodeName"]

    def wait_unschedulable(self, name, namespace="default", timeout=30):
        """Waits for PodScheduled=False/Unschedulable and returns its message."""
        def condition():
            for c in self.pod(name, namespace).get("status", {}).get("conditions", []):
                if c["type"] == "PodScheduled" and c["status"] == "False" and c.get("reason") == "Unschedulable":
                    return c["message"]
            return None
        self.wait(condition, f"pod {name} to be reported unschedulable", timeout)
        return condition()

    def stop(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.server.stop()
        shutil.rmtree(self.server.dir, ignore_errors=True)


def pod_manifest(name, cpu="100m", memory="64Mi", labels=None, **spec):
    """A pod with one container requesting `cpu` and `memory`; extra keyword arguments go into spec."""
    body = {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "labels": labels or {}},
        "spec": {"containers": [{"name": "app", "image": "registry.example/app:1",
                                 "resources": {"requests": {"cpu": cpu, "memory": memory}}}], **spec},
    }
    return body
