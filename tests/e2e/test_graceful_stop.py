"""SIGTERM stops `skiff server` with its agent promptly while clients hold streams open: an exec
session into a running shell (the kubelet kills the process, the API server's relay ends) and a
watch (ended, and a new one refused, once the caches stop). One node cluster in a network
namespace of its own (node_host.py); traffic stays on loopback."""
import os
import select
import subprocess
import time

from conftest import kubectl_binary
from node_host import AgentCluster, busybox_pod


def read_until(stream, text, timeout=20):
    """Reads `stream`'s file descriptor until `text` appears (unbuffered: select sees all)."""
    deadline = time.monotonic() + timeout
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(stream.fileno(), 65536)
        if not chunk:
            break
        seen += chunk
        if text.encode() in seen:
            return seen
    raise AssertionError(f"no {text!r} in {timeout}s: {seen!r}")


def test_sigterm_stops_the_server_with_an_exec_session_and_a_watch_open():
    node = AgentCluster()
    clients = []
    try:
        node.apply(busybox_pod("shell", "sleep 3600"))
        node.wait_phase("shell", "Running")
        kubectl = [kubectl_binary(), "--kubeconfig", node.server.kubeconfig]
        # A shell whose stdin stays open: it runs until told otherwise.
        shell = subprocess.Popen([*kubectl, "exec", "-i", "shell", "--", "sh"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        clients.append(shell)
        shell.stdin.write(b"echo ready\n")
        shell.stdin.flush()
        read_until(shell.stdout, "ready")
        watch = subprocess.Popen([*kubectl, "get", "pods", "--watch", "--request-timeout", "0"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        clients.append(watch)
        read_until(watch.stdout, "shell")
        started = time.monotonic()
        node.server.proc.terminate()
        try:
            code = node.server.proc.wait(30)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"skiff server still runs 30 s after SIGTERM: {node.server.log()}")
        # Well inside the 60 s after which what still runs would be cancelled.
        assert time.monotonic() - started < 30
        assert code == 0, node.server.log()
        # The exec session ended with the server rather than holding it.
        shell.wait(10)
    finally:
        for c in clients:
            if c.poll() is None:
                c.kill()
        node.stop()
