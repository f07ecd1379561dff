"""kubectl port-forward, the Python client's portforward and kubectl attach on real busybox
containers, through the API server to the kubelet: connections reach ports on the pod's own
loopback (inside its network namespace), and attach streams a running container's output.
One node cluster in a network namespace of its own (node_host.py); traffic stays on loopback."""
import fcntl
import hashlib
import json
import os
import pty
import select
import socket
import struct
import subprocess
import termios
import time
import urllib.request

import pytest

from conftest import kubectl_binary
from node_host import AgentCluster, busybox_pod

WEB = "mkdir -p /www && echo forwarded > /www/index.html && httpd -f -p 127.0.0.1:8080 -h /www"
TICKER = "i=0; while [ $i -lt 1000 ]; do echo tick $i; i=$((i+1)); sleep 0.2; done; sleep 3600"


@pytest.fixture(scope="module")
def node():
    c = AgentCluster()
    try:
        c.apply(busybox_pod("web", WEB))
        c.apply(busybox_pod("ticker", TICKER))
        c.apply(busybox_pod("catter", "cat", restartPolicy="Never", container={"stdin": True, "stdinOnce": True}))
        c.apply(busybox_pod("shell", "sh", container={"stdin": True, "tty": True}))
        c.wait_phase("web", "Running")
        c.wait_phase("ticker", "Running")
        c.wait_phase("catter", "Running")
        c.wait_phase("shell", "Running")
        yield c
    finally:
        c.stop()


def start_kubectl(node, *args):
    cmd = [kubectl_binary(), "--kubeconfig", node.server.kubeconfig, *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_until(stream, predicate, timeout=20):
    """Lines of `stream` until one satisfies `predicate` (returned with all read), or fails."""
    lines = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        line = stream.readline()
        if not line:
            break
        lines.append(line)
        if predicate(line):
            return lines
    pytest.fail(f"no matching line within {timeout}s; read: {lines!r}")


def core_api(node):
    """The Python client's CoreV1Api as the admin."""
    from kubernetes import client, config
    cfg = client.Configuration()
    config.load_kube_config(config_file=node.server.kubeconfig, client_configuration=cfg)
    return client.CoreV1Api(client.ApiClient(cfg))


def stop(proc):
    proc.terminate()
    try:
        return proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()


def forwarding(node, remote):
    """kubectl port-forward to `remote` on a local port kubectl picks; returns it and the process."""
    pf = start_kubectl(node, "port-forward", "--address", "127.0.0.1", "pod/web", f":{remote}")
    line = read_until(pf.stdout, lambda l: l.startswith("Forwarding from 127.0.0.1:"))[-1]
    local = int(line.split("127.0.0.1:")[1].split()[0])
    assert line.strip() == f"Forwarding from 127.0.0.1:{local} -> {remote}", line
    return local, pf


def test_kubectl_port_forward_reaches_the_pods_loopback(node):
    local, pf = forwarding(node, 8080)
    try:
        # httpd listens on the pod's 127.0.0.1 only: this can only come through the pod's netns.
        for _ in range(3):
            with urllib.request.urlopen(f"http://127.0.0.1:{local}/", timeout=10) as r:
                assert r.status == 200
                assert r.read() == b"forwarded\n"
        read_until(pf.stdout, lambda l: f"Handling connection for {local}" in l)
    finally:
        out, err = stop(pf)
    assert "error" not in err.lower(), err


def test_kubectl_port_forward_carries_a_large_download_intact(node):
    # 16 MiB: many times the kubelet's queues, so the transfer runs through their backpressure.
    node.kubectl("exec", "web", "--", "sh", "-c", "head -c 16777216 /dev/urandom > /www/big")
    digest = node.kubectl("exec", "web", "--", "sha256sum", "/www/big").stdout.split()[0]
    local, pf = forwarding(node, 8080)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{local}/big", timeout=60) as r:
            body = r.read()
    finally:
        stop(pf)
    assert len(body) == 16 << 20
    assert hashlib.sha256(body).hexdigest() == digest


def test_kubectl_cp_copies_into_and_out_of_a_pod(node, tmp_path):
    # kubectl cp is tar over exec: stdin into the pod (ended by closing it), stdout out of it.
    payload = os.urandom(300_000)
    (tmp_path / "in.bin").write_bytes(payload)
    node.kubectl("cp", str(tmp_path / "in.bin"), "web:/tmp/copied.bin", timeout=60)
    digest = node.kubectl("exec", "web", "--", "sha256sum", "/tmp/copied.bin").stdout.split()[0]
    assert digest == hashlib.sha256(payload).hexdigest()
    node.kubectl("cp", "web:/tmp/copied.bin", str(tmp_path / "out.bin"), timeout=60)
    assert (tmp_path / "out.bin").read_bytes() == payload


def test_kubectl_port_forward_to_a_closed_port_reports_the_kubelets_error(node):
    local, pf = forwarding(node, 9999)
    try:
        with socket.create_connection(("127.0.0.1", local), timeout=10) as s:
            s.settimeout(10)
            try:
                assert s.recv(100) == b""
            except ConnectionResetError:
                pass
        lines = read_until(pf.stderr, lambda l: "lost connection to pod" in l)
    finally:
        stop(pf)
    text = "".join(lines)
    # kubectl 1.37 logs the error stream's text, then gives up on the connection.
    assert '"An error occurred forwarding" err="error forwarding port 9999 to pod ' in text, text
    assert "failed to connect to localhost:9999 inside namespace" in text and "connection refused" in text, text
    assert f"localPort={local} remotePort=9999" in text, text


def test_python_client_portforward(node):
    from kubernetes.stream import portforward
    core = core_api(node)
    pf = portforward(core.connect_get_namespaced_pod_portforward, "web", "default", ports="8080")
    sock = pf.socket(8080)
    sock.settimeout(10)
    sock.sendall(b"GET / HTTP/1.0\r\nHost: web\r\n\r\n")
    reply = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            break
        reply += chunk
    sock.close()
    assert reply.startswith(b"HTTP/1.") and b" 200 " in reply.split(b"\r\n")[0], reply
    assert reply.endswith(b"forwarded\n"), reply
    assert pf.error(8080) is None


def test_python_client_portforward_error_channel(node):
    from kubernetes.stream import portforward
    core = core_api(node)
    pf = portforward(core.connect_get_namespaced_pod_portforward, "web", "default", ports="9999")
    sock = pf.socket(9999)
    sock.settimeout(10)
    assert sock.recv(100) == b""
    deadline = time.monotonic() + 10
    while pf.error(9999) is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "failed to connect to localhost:9999 inside namespace" in (pf.error(9999) or ""), pf.error(9999)


def test_kubectl_attach_streams_the_running_containers_output(node):
    attach = start_kubectl(node, "attach", "ticker")
    try:
        first = read_until(attach.stdout, lambda l: l.startswith("tick "))[-1]
        more = read_until(attach.stdout, lambda l: l.startswith("tick ") and l != first)
    finally:
        stop(attach)
    a = int(first.split()[1])
    b = int(more[-1].split()[1])
    assert b == a + 1, (first, more)


def test_python_client_attach_reads_the_output(node):
    from kubernetes.stream import stream
    resp = stream(core_api(node).connect_get_namespaced_pod_attach, "ticker", "default",
                  stderr=True, stdin=False, stdout=True, tty=False, _preload_content=False)
    out = ""
    deadline = time.monotonic() + 15
    try:
        while out.count("tick ") < 2 and resp.is_open() and time.monotonic() < deadline:
            resp.update(timeout=1)
            if resp.peek_stdout():
                out += resp.read_stdout()
    finally:
        resp.close()
    assert out.count("tick ") >= 2, out


def test_attach_to_an_unknown_container_is_a_bad_request(node):
    from kubernetes.stream import stream
    core = core_api(node)
    with pytest.raises(Exception) as failure:
        stream(core.connect_get_namespaced_pod_attach, "ticker", "default", container="nope",
               stderr=True, stdin=False, stdout=True, tty=False, _request_timeout=10)
    assert "400" in str(failure.value), failure.value
    # The same request without the upgrade shows the API server's reason.
    status, body, _ = node.server.request("GET", "/api/v1/namespaces/default/pods/ticker/attach?container=nope&stdout=true")
    assert status == 400 and "container nope is not valid for pod ticker" in body.get("message", ""), (status, body)


def test_kubectl_attach_stdin_reaches_a_stdin_once_container(node):
    p = node.kubectl("attach", "-i", "catter", input="hello attach\n", timeout=30)
    assert "hello attach" in p.stdout, p
    # stdinOnce: the first attach closing stdin ends `cat`, and with it the pod.
    node.wait_phase("catter", "Succeeded", timeout=20)


def test_port_forward_and_attach_need_create_on_the_subresource(node):
    # `view` may read pods but not create pods/portforward or pods/attach; `edit` may.
    viewer = "--as=system:serviceaccount:default:viewer"
    node.kubectl("create", "serviceaccount", "viewer")
    node.kubectl("create", "rolebinding", "viewer-view", "--clusterrole=view", "--serviceaccount=default:viewer")
    for subresource, args in (
        ("portforward", ("port-forward", "pod/web", ":8080")), ("attach", ("attach", "ticker")), ("exec", ("exec", "web", "--", "true")),
    ):
        # The WebSocket upgrade is refused; kubectl falls back to an SPDY upgrade, which gets
        # the 403 Status that kubectl prints.
        p = node.kubectl(viewer, *args, check=False, timeout=30)
        assert p.returncode != 0 and "Forwarding from" not in p.stdout and "tick" not in p.stdout, p
        assert "Forbidden" in p.stderr or "forbidden" in p.stderr, p
        assert f'cannot create resource "pods/{subresource}"' in p.stderr, p
    node.kubectl("create", "rolebinding", "viewer-edit", "--clusterrole=edit", "--serviceaccount=default:viewer")
    pf = start_kubectl(node, viewer, "port-forward", "--address", "127.0.0.1", "pod/web", ":8080")
    try:
        line = read_until(pf.stdout, lambda l: l.startswith("Forwarding from 127.0.0.1:"))[-1]
        local = int(line.split("127.0.0.1:")[1].split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{local}/", timeout=10) as r:
            assert r.read() == b"forwarded\n"
    finally:
        stop(pf)


class Terminal:
    """kubectl run in a pseudo-terminal of `rows` x `cols`, as a user's shell runs it: kubectl
    sees a terminal, puts it in raw mode and sends its size."""

    def __init__(self, node, *args, rows=40, cols=120):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        cmd = [kubectl_binary(), "--kubeconfig", node.server.kubeconfig, *args]
        self.proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
        os.close(slave)
        self.seen = b""

    def expect(self, text, timeout=30):
        """Reads until `text` (bytes) has been seen since the last match; fails with what was read."""
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            ready, _, _ = select.select([self.master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                pytest.fail(f"no {text!r} within {timeout}s; read: {self.seen!r}")
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                pytest.fail(f"kubectl ended before {text!r}; read: {self.seen!r}")
            self.seen += chunk
        self.seen = self.seen[self.seen.index(text) + len(text):]

    def type(self, text):
        os.write(self.master, text)

    def finish(self, timeout=30):
        """Waits for kubectl to exit (draining the terminal); returns its exit code and the rest."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.seen += os.read(self.master, 4096)
                except OSError:
                    pass
        if self.proc.poll() is None:
            self.proc.kill()
            pytest.fail(f"kubectl did not exit within {timeout}s; read: {self.seen!r}")
        os.close(self.master)
        return self.proc.returncode, self.seen


def test_kubectl_run_it_gives_a_shell_on_a_terminal_of_the_users_size(node):
    term = Terminal(node, "run", "-it", "--rm", "--restart=Never", "--image=busybox", "tty-shell", "--", "sh", rows=33, cols=101)
    try:
        term.expect(b"If you don't see a command prompt, try pressing enter.")
        # In raw mode Enter is a carriage return; the container's terminal makes it a newline.
        term.type(b"tty; stty size; echo $((6*7))\r")
        term.expect(b"/dev/pts/0")
        term.expect(b"33 101")
        term.expect(b"42")
        # A prompt has no newline: it shows because attach streams output as it comes.
        term.expect(b"/ # ")
        term.type(b"exit\r")
        code, rest = term.finish()
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
    assert code == 0, rest
    assert b'pod "tty-shell" deleted' in rest, rest
    node.wait(lambda: node.kubectl("get", "pod", "tty-shell", check=False).returncode != 0, "tty-shell deleted")


def test_kubectl_attach_it_types_into_a_running_shell_and_resizes_it(node):
    term = Terminal(node, "attach", "-it", "shell", rows=25, cols=90)
    try:
        term.expect(b"If you don't see a command prompt, try pressing enter.")
        term.type(b"stty size\r")
        term.expect(b"25 90")
        # A terminal echoes what is typed, and line editing happens in the container.
        term.type(b"echo abX\x7fc\r")
        term.expect(b"abc\r\n")
    finally:
        term.proc.terminate()
        term.finish()
    # Leaving the attach leaves the shell running (no stdinOnce).
    assert node.container_status("shell")["state"].get("running"), node.container_status("shell")


def test_python_client_attach_with_a_tty_resizes_and_reads_the_terminal(node):
    from kubernetes.stream import stream
    resp = stream(core_api(node).connect_get_namespaced_pod_attach, "shell", "default",
                  stdin=True, stdout=True, stderr=False, tty=True, _preload_content=False)
    out = ""
    try:
        resp.write_channel(4, json.dumps({"Width": 77, "Height": 22}))
        resp.write_stdin("stty size\n")
        deadline = time.monotonic() + 15
        while "22 77" not in out and resp.is_open() and time.monotonic() < deadline:
            resp.update(timeout=1)
            if resp.peek_stdout():
                out += resp.read_stdout()
    finally:
        resp.close()
    assert "22 77" in out, out
