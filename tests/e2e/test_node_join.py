"""Joining an agent with the server's join token: `skiff agent --server URL --token T` bootstraps
its kubelet credentials through CertificateSigningRequests (auto-approved, issued by the
controller manager), its node becomes Ready, and its certificate is held to its own node. A
wrong token or a wrong CA hash is refused with a clear error. `kubectl certificate approve|deny`
and the Python client work on CSRs.

Everything runs inside a network namespace the test creates (the agent makes a bridge)."""
import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time

import pytest

from conftest import Server, make_kubectl, skiff_binary
from node_host import NetnsHost, _require, wait_until as wait


@pytest.fixture(scope="module")
def cluster():
    for tool, package in (("runc", "runc"), ("openssl", "openssl")):
        _require(tool, package)
    host = NetnsHost()
    server = None
    try:
        server = Server(extra_args=["--disable-scheduler"]).start()
        yield server
    finally:
        if server:
            server.stop()
            shutil.rmtree(server.dir, ignore_errors=True)
        host.leave()


def read_token(server):
    with open(os.path.join(server.dir, "server", "token")) as f:
        return f.read().strip()


class Agent:
    """One `skiff agent` process with its own data dir."""

    def __init__(self, server, token, node, data_dir=None):
        self.dir = data_dir or tempfile.mkdtemp(prefix="skiff-agent-")
        self.args = [skiff_binary(), "agent", "--server", server.url, "--token", token, "--node-name", node,
                     "--data-dir", self.dir, "--private-registry", os.path.join(self.dir, "none.yaml"),
                     "--pod-logs-dir", os.path.join(self.dir, "pod-logs")]
        self.log_path = os.path.join(self.dir, "agent.log")
        self.proc = None

    def run_to_exit(self, timeout=30):
        return subprocess.run(self.args, capture_output=True, text=True, timeout=timeout)

    def start(self):
        self.proc = subprocess.Popen(self.args, stdout=open(self.log_path, "ab"), stderr=subprocess.STDOUT)
        return self

    def log(self):
        with open(self.log_path, "rb") as f:
            return f.read()[-4000:].decode(errors="replace")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def cleanup(self):
        self.stop()
        subprocess.run([skiff_binary(), "killall", "--data-dir", self.dir], check=False, capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def node_ready(kubectl, name):
    p = kubectl("get", "node", name, "-o", "json", check=False)
    if p.returncode != 0:
        return False
    return any(c["type"] == "Ready" and c["status"] == "True" for c in json.loads(p.stdout)["status"].get("conditions", []))


def csrs(kubectl):
    return json.loads(kubectl("get", "csr", "-o", "json").stdout)["items"]


def test_token_file_has_the_k3s_form(cluster):
    token = read_token(cluster)
    assert re.fullmatch(r"K10[0-9a-f]{64}::[a-z0-9]{6}\.[a-z0-9]{16}", token), token
    with open(os.path.join(cluster.dir, "server", "node-token")) as f:
        assert f.read().strip() == token
    assert oct(os.stat(os.path.join(cluster.dir, "server", "token")).st_mode & 0o777) == "0o600"
    kubectl = make_kubectl(cluster.kubeconfig)
    token_id = token.split("::")[1].split(".")[0]
    secret = json.loads(kubectl("get", "secret", "-n", "kube-system", f"bootstrap-token-{token_id}", "-o", "json").stdout)
    assert secret["type"] == "bootstrap.kubernetes.io/token"
    assert base64.b64decode(secret["data"]["token-id"]).decode() == token_id
    assert base64.b64decode(secret["data"]["auth-extra-groups"]).decode() == "system:bootstrappers:skiff:default-node-token"
    # /cacerts answers without credentials, with the bytes the token's hash covers.
    status, body, _ = cluster.request("GET", "/cacerts", admin=False)
    assert status == 200 and body == open(cluster.ca).read()


def test_wrong_ca_hash_and_wrong_token_are_refused(cluster):
    token = read_token(cluster)
    credentials = token.split("::")[1]
    wrong_hash = Agent(cluster, "K10" + "0" * 64 + "::" + credentials, "bad-hash")
    wrong_secret = Agent(cluster, token[:-1] + ("a" if token[-1] != "a" else "b"), "bad-secret")
    try:
        p = wrong_hash.run_to_exit()
        assert p.returncode != 0
        assert "does not match the join token's CA hash" in p.stderr, p.stderr
        p = wrong_secret.run_to_exit()
        assert p.returncode != 0
        assert "refused the join token (401 Unauthorized)" in p.stderr, p.stderr
        assert not os.path.exists(os.path.join(wrong_secret.dir, "agent", "client-kubelet.crt"))
    finally:
        wrong_hash.cleanup()
        wrong_secret.cleanup()


def test_agent_joins_with_the_token(cluster):
    kubectl = make_kubectl(cluster.kubeconfig)
    token = read_token(cluster)
    token_id = token.split("::")[1].split(".")[0]
    agent = Agent(cluster, token, "joined-1").start()
    try:
        wait(lambda: node_ready(kubectl, "joined-1"), "node joined-1 Ready", detail=agent.log)
        assert "joined-1" in kubectl("get", "nodes").stdout
        # The API server reaches the joined agent's kubelet at the node's InternalIP, over TLS
        # checked against the serving certificate the agent got through its CSR.
        node = json.loads(kubectl("get", "node", "joined-1", "-o", "json").stdout)
        assert [a for a in node["status"]["addresses"] if a["type"] == "InternalIP"], node["status"]
        assert kubectl("get", "--raw", "/api/v1/nodes/joined-1/proxy/healthz").stdout == "ok"

        mine = {c["spec"]["signerName"]: c for c in csrs(kubectl)
                if c["spec"]["username"] in (f"system:bootstrap:{token_id}", "system:node:joined-1")}
        client = mine["kubernetes.io/kube-apiserver-client-kubelet"]
        serving = mine["kubernetes.io/kubelet-serving"]
        assert client["spec"]["username"] == f"system:bootstrap:{token_id}"
        assert "system:bootstrappers" in client["spec"]["groups"]
        assert serving["spec"]["username"] == "system:node:joined-1"
        for csr in (client, serving):
            approved = [c for c in csr["status"]["conditions"] if c["type"] == "Approved"]
            assert approved and approved[0]["reason"] == "AutoApproved", csr
            assert csr["status"]["certificate"]
        table = kubectl("get", "csr", client["metadata"]["name"]).stdout.splitlines()
        assert table[0].split() == ["NAME", "AGE", "SIGNERNAME", "REQUESTOR", "REQUESTEDDURATION", "CONDITION"], table
        assert table[1].split()[2:] == ["kubernetes.io/kube-apiserver-client-kubelet", f"system:bootstrap:{token_id}",
                                        "<none>", "Approved,Issued"], table

        # The node's own certificate may change its node but not another one.
        kubectl("create", "-f", "-", input=json.dumps(
            {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "other-node"}}))
        as_node = make_kubectl(os.path.join(agent.dir, "agent", "kubelet.kubeconfig"))
        assert as_node("auth", "whoami", "-o", "json").returncode == 0
        own = as_node("label", "node", "joined-1", "team=a", check=False)
        assert own.returncode == 0, own.stderr
        other = as_node("label", "node", "other-node", "team=a", check=False)
        assert other.returncode != 0 and "Forbidden" in other.stderr, other.stderr
        assert "node 'joined-1' cannot modify node 'other-node'" in other.stderr, other.stderr
        kubectl("delete", "node", "other-node")

        # A restart with valid credentials on disk asks for nothing new.
        before = len(csrs(kubectl))
        agent.stop()
        agent.start()
        wait(lambda: "using the kubelet credentials" in agent.log(), "the agent reusing its credentials", detail=agent.log)
        wait(lambda: node_ready(kubectl, "joined-1"), "node joined-1 Ready again", detail=agent.log)
        assert len(csrs(kubectl)) == before
    finally:
        agent.cleanup()


def test_kubectl_certificate_approve_and_deny(cluster):
    kubectl = make_kubectl(cluster.kubeconfig)
    work = tempfile.mkdtemp(prefix="skiff-csr-")
    try:
        for name in ("alice", "mallory"):
            subprocess.run(
                ["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                 "-subj", f"/O=devs/CN={name}", "-keyout", os.path.join(work, f"{name}.key"),
                 "-out", os.path.join(work, f"{name}.csr")], check=True, capture_output=True)
            request = base64.b64encode(open(os.path.join(work, f"{name}.csr"), "rb").read()).decode()
            kubectl("create", "-f", "-", input=json.dumps({
                "apiVersion": "certificates.k8s.io/v1", "kind": "CertificateSigningRequest", "metadata": {"name": name},
                "spec": {"request": request, "signerName": "kubernetes.io/kube-apiserver-client",
                         "expirationSeconds": 86400, "usages": ["client auth"]}}))
        line = kubectl("get", "csr", "alice").stdout.splitlines()[1].split()
        assert line[2:] == ["kubernetes.io/kube-apiserver-client", "system:admin", "24h", "Pending"], line
        kubectl("certificate", "approve", "alice")
        kubectl("certificate", "deny", "mallory")
        wait(lambda: kubectl("get", "csr", "alice").stdout.splitlines()[1].split()[-1] == "Approved,Issued", "alice issued")
        assert kubectl("get", "csr", "mallory").stdout.splitlines()[1].split()[-1] == "Denied"

        from kubernetes import client, config
        cfg = client.Configuration()
        config.load_kube_config(config_file=cluster.kubeconfig, client_configuration=cfg)
        api = client.CertificatesV1Api(client.ApiClient(cfg))
        alice = api.read_certificate_signing_request("alice")
        assert alice.status.conditions[0].type == "Approved" and alice.status.conditions[0].reason == "KubectlApprove"
        pem = base64.b64decode(alice.status.certificate).decode()
        with open(os.path.join(work, "alice.crt"), "w") as f:
            f.write(pem)
        # The issued certificate authenticates alice.
        as_alice = os.path.join(work, "alice.kubeconfig")
        with open(as_alice, "w") as f:
            json.dump({
                "apiVersion": "v1", "kind": "Config", "current-context": "a",
                "clusters": [{"name": "c", "cluster": {"server": cluster.url, "certificate-authority": cluster.ca}}],
                "users": [{"name": "alice", "user": {"client-certificate": os.path.join(work, "alice.crt"),
                                                      "client-key": os.path.join(work, "alice.key")}}],
                "contexts": [{"name": "a", "context": {"cluster": "c", "user": "alice"}}]}, f)
        whoami = json.loads(make_kubectl(as_alice)("auth", "whoami", "-o", "json").stdout)
        assert whoami["status"]["userInfo"]["username"] == "alice"
        assert "devs" in whoami["status"]["userInfo"]["groups"]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_token_create_list_delete(cluster):
    def skiff(*args):
        p = subprocess.run([skiff_binary(), "token", *args, "--kubeconfig", cluster.kubeconfig, "--data-dir", cluster.dir],
                           capture_output=True, text=True, timeout=30)
        assert p.returncode == 0, p.stderr
        return p.stdout

    created = skiff("create", "--ttl", "1h", "--description", "for worker-2").strip()
    server_hash = read_token(cluster).split("::")[0]
    assert re.fullmatch(r"K10[0-9a-f]{64}::[a-z0-9]{6}\.[a-z0-9]{16}", created) and created.startswith(server_hash + "::")
    credentials = created.split("::")[1]
    listed = skiff("list")
    assert credentials in listed and "system:bootstrappers:skiff:default-node-token" in listed
    assert skiff("delete", credentials.split(".")[0]).strip() == f'bootstrap token "{credentials.split(".")[0]}" deleted'
    assert credentials not in skiff("list")


def test_agent_renews_its_certificates_within_90_days_of_expiry(cluster):
    # Certificates signed for 2000 h (83 days) are within the 90-day renewal window from the
    # start, so the agent renews both at once, through CSRs it makes as the node itself. (A
    # server of its own; `cluster` provides the network namespace the agent's bridge goes in.)
    server = Server(extra_args=["--disable-scheduler", "--cluster-signing-duration", "2000h"]).start()
    kubectl = make_kubectl(server.kubeconfig)
    agent = Agent(server, read_token(server), "rotating-1").start()
    try:
        wait(lambda: "renewed certificate client-kubelet" in agent.log() and "renewed certificate serving-kubelet" in agent.log(),
             "the agent renewing its certificates", detail=agent.log)
        mine = [c for c in csrs(kubectl) if c["spec"]["username"] == "system:node:rotating-1"]
        renewals = [c for c in mine if c["spec"]["signerName"] == "kubernetes.io/kube-apiserver-client-kubelet"]
        assert len(renewals) == 1, mine
        approved = [c for c in renewals[0]["status"]["conditions"] if c["type"] == "Approved"]
        assert approved and approved[0]["reason"] == "AutoApproved", renewals[0]
        issued = base64.b64decode(renewals[0]["status"]["certificate"]).decode()
        with open(os.path.join(agent.dir, "agent", "client-kubelet.crt")) as f:
            assert f.read().strip() == issued.strip()
        # The renewed certificate is the node's: the kubeconfig naming the files works, and the
        # running agent keeps its node Ready (new connections present the new certificate).
        as_node = make_kubectl(os.path.join(agent.dir, "agent", "kubelet.kubeconfig"))
        whoami = json.loads(as_node("auth", "whoami", "-o", "json").stdout)
        assert whoami["status"]["userInfo"]["username"] == "system:node:rotating-1"
        wait(lambda: node_ready(kubectl, "rotating-1"), "node rotating-1 Ready", detail=agent.log)
        assert "cannot renew" not in agent.log()
    finally:
        agent.cleanup()
        server.stop()
        shutil.rmtree(server.dir, ignore_errors=True)
