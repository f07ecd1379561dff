"""The API server's loopback: the controller manager and scheduler inside `skiff server` reach it
over plain HTTP on a Unix socket in a folder only the server's user may enter, each with a random
bearer token that never leaves the process. Anyone else on the socket is refused."""
import http.client
import json
import os
import shutil
import socket
import stat
import subprocess
import tempfile
import time

from conftest import free_port, skiff_binary


class UnixConnection(http.client.HTTPConnection):
    """HTTP/1.1 over the Unix socket at `path`."""

    def __init__(self, path):
        super().__init__("localhost", timeout=5)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(5)
        self.sock.connect(self.path)


def loopback_socket(server):
    return os.path.join(server.dir, "server", "loopback", "api.sock")


def get(path, url, token=None):
    conn = UnixConnection(path)
    try:
        conn.request("GET", url, headers={"Authorization": f"Bearer {token}"} if token else {})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def test_socket_lives_in_a_folder_only_the_server_user_enters(server):
    path = loopback_socket(server)
    assert stat.S_ISSOCK(os.stat(path).st_mode), f"{path} is not a socket"
    folder_mode = stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode)
    assert folder_mode == 0o700, f"loopback folder mode {oct(folder_mode)}"


def test_requests_without_the_loopback_token_are_refused(server):
    path = loopback_socket(server)
    status, body = get(path, "/api/v1/namespaces")
    assert status == 401, body
    assert body.get("kind") == "Status" and body.get("reason") == "Unauthorized", body
    status, body = get(path, "/api/v1/namespaces", token="not-a-loopback-token")
    assert status == 401, body
    # Health endpoints stay open, as on the TLS port.
    conn = UnixConnection(path)
    conn.request("GET", "/readyz")
    response = conn.getresponse()
    assert (response.status, response.read()) == (200, b"ok")
    conn.close()


def test_in_process_controllers_and_scheduler_are_connected_over_the_socket(server, kubectl):
    path = loopback_socket(server)
    # The controllers' work shows: a new namespace gets its default ServiceAccount.
    kubectl("create", "namespace", "loopback-check")
    deadline = time.time() + 20
    while time.time() < deadline:
        if kubectl("get", "serviceaccount", "default", "-n", "loopback-check", check=False).returncode == 0:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("no default ServiceAccount in loopback-check after 20 s")
    # And their connections (informer watches, leases) are on the socket, from the server's own process.
    sockets = subprocess.run(["ss", "-xp", "state", "established"], capture_output=True, text=True, check=True).stdout
    peers = [line for line in sockets.splitlines() if path in line and f"pid={server.proc.pid}," in line]
    assert len(peers) >= 2, f"expected the server's clients on {path}, ss shows:\n{sockets}"


def test_a_server_on_a_port_in_use_exits_with_a_clear_error(server):
    """The listeners are checked before any component starts: a port in use ends `skiff server`
    with exit code 1 and a message naming the address and the flags, not a crash while the
    components it had started are torn down."""
    other = tempfile.mkdtemp(prefix="skiff-e2e-")
    try:
        done = subprocess.run(
            [skiff_binary(), "server", "--disable-agent", "--data-dir", other, "--write-kubeconfig",
             os.path.join(other, "kubeconfig.yaml"), "--https-listen-port", str(server.port)],
            capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, (done.returncode, done.stderr[-3000:])
        assert f"cannot listen on 0.0.0.0:{server.port} (--bind-address, --https-listen-port)" in done.stderr, done.stderr[-3000:]
        assert "Address already in use" in done.stderr, done.stderr[-3000:]
        # The same for the in-process kubelet's API port, before the agent starts.
        with socket.socket() as taken:
            taken.bind(("0.0.0.0", 0))
            taken.listen(1)
            done = subprocess.run(
                [skiff_binary(), "server", "--data-dir", other, "--write-kubeconfig", os.path.join(other, "kubeconfig.yaml"),
                 "--https-listen-port", str(free_port()), "--kubelet-port", str(taken.getsockname()[1])],
                capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, (done.returncode, done.stderr[-3000:])
        assert "(--kubelet-address, --kubelet-port)" in done.stderr and "Address already in use" in done.stderr, done.stderr[-3000:]
    finally:
        shutil.rmtree(other, ignore_errors=True)
