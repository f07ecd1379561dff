"""Service account tokens from inside a pod: admission mounts a bound token, the cluster CA and
the namespace at /var/run/secrets/kubernetes.io/serviceaccount, the kubelet fetches the token
with a TokenRequest, and the token authenticates the pod's service account against the API
server, from inside the pod (busybox wget over TLS) and from the Python client."""
import json

import pytest

from node_host import AgentCluster, busybox_pod

SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"


@pytest.fixture(scope="module")
def node():
    c = AgentCluster()
    yield c
    c.stop()


def test_a_pod_reaches_the_api_server_with_its_mounted_token(node):
    node.kubectl("create", "serviceaccount", "reader")
    node.kubectl("create", "rolebinding", "reader-view", "--clusterrole=view", "--serviceaccount=default:reader")
    node.apply(busybox_pod("sa", "sleep 3600", serviceAccountName="reader"))
    pod = node.wait_phase("sa", "Running")
    files = node.kubectl("exec", "sa", "--", "ls", SA_DIR).stdout.split()
    assert sorted(files) == ["ca.crt", "namespace", "token"]
    assert node.kubectl("exec", "sa", "--", "cat", f"{SA_DIR}/namespace").stdout == "default"
    ca = node.kubectl("exec", "sa", "--", "cat", f"{SA_DIR}/ca.crt").stdout
    assert ca.startswith("-----BEGIN CERTIFICATE-----")
    env = node.kubectl("exec", "sa", "--", "env").stdout
    assert "KUBERNETES_SERVICE_HOST=10.43.0.1" in env and "KUBERNETES_SERVICE_PORT=443" in env

    # From inside the pod: the token lists pods (the view binding), over TLS to the node's address
    # on the pod network (the pod's default gateway; the node's own address here is loopback).
    url = f"https://$(ip route | awk '/default/ {{print $3}}'):{node.server.port}/api/v1/namespaces/default/pods"
    script = f'wget -q -O- --no-check-certificate --header "Authorization: Bearer $(cat {SA_DIR}/token)" {url}'
    listed = json.loads(node.kubectl("exec", "sa", "--", "sh", "-c", script).stdout)
    assert listed["kind"] == "PodList" and "sa" in [p["metadata"]["name"] for p in listed["items"]]
    # Writes are not in view: 403, naming the service account.
    denied = node.kubectl("exec", "sa", "--", "sh", "-c", script.replace(" -q -O-", " -S -O- --post-data '{}'") + " 2>&1",
                          check=False).stdout
    assert "403" in denied

    # The same token from the Python client: the API server knows it as the service account.
    token = node.kubectl("exec", "sa", "--", "cat", f"{SA_DIR}/token").stdout
    from kubernetes import client
    cfg = client.Configuration()
    cfg.host = f"https://127.0.0.1:{node.server.port}"
    cfg.ssl_ca_cert = node.server.ca
    cfg.api_key = {"authorization": f"Bearer {token}"}
    core = client.CoreV1Api(client.ApiClient(cfg))
    assert "sa" in [p.metadata.name for p in core.list_namespaced_pod("default").items]
    with pytest.raises(client.exceptions.ApiException) as forbidden:
        core.create_namespaced_config_map("default", {"metadata": {"name": "nope"}})
    assert forbidden.value.status == 403
    message = json.loads(forbidden.value.body)["message"]
    assert 'User "system:serviceaccount:default:reader" cannot create resource "configmaps"' in message

    # The token dies with its pod.
    node.kubectl("delete", "pod", "sa", "--grace-period=1")
    node.wait(lambda: node.kubectl("get", "pod", "sa", check=False).returncode != 0, "pod sa gone")
    with pytest.raises(client.exceptions.ApiException) as refused:
        client.CoreV1Api(client.ApiClient(cfg)).list_namespaced_pod("default")
    assert refused.value.status == 401
