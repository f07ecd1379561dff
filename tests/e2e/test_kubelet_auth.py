"""The kubelet API (port 10250) authenticates callers (client certificates of the cluster's
client CA, bearer tokens through TokenReview) and authorizes them (SubjectAccessReview on
nodes/proxy, nodes/log, ...), as a kubelet in webhook mode does; TokenReview itself through the
Python client. One node cluster in a network namespace of its own (node_host.py)."""
import json
import ssl
import urllib.error
import urllib.request

import pytest

from node_host import AgentCluster, busybox_pod

KUBELET = "https://127.0.0.1:10250"


@pytest.fixture(scope="module")
def node():
    # Denials are cached 30 s by default; 1 s lets a new binding show at once.
    c = AgentCluster(server_args=["--authorization-webhook-cache-unauthorized-ttl", "1s"])
    yield c
    c.stop()


def api_client(node):
    from kubernetes import client, config
    cfg = client.Configuration()
    config.load_kube_config(config_file=node.server.kubeconfig, client_configuration=cfg)
    return client.ApiClient(cfg)


def kubelet_get(node, path, token=None, cert=None):
    """GET on the kubelet API over TLS (trusting the server CA, presenting client certificate
    `cert` when given); returns (status, body text)."""
    ctx = ssl.create_default_context(cafile=node.server.ca)
    if cert:
        ctx.load_cert_chain(*cert)
    req = urllib.request.Request(KUBELET + path)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=30, context=ctx) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def service_account_token(node, name, role):
    """A token of a new service account `name` bound to ClusterRole `role`."""
    node.kubectl("create", "serviceaccount", name)
    node.kubectl("create", "clusterrolebinding", f"{name}-{role}", f"--clusterrole={role}", f"--serviceaccount=default:{name}")
    return node.kubectl("create", "token", name).stdout.strip()


def test_token_review_of_a_service_account_token_through_the_python_client(node):
    from kubernetes import client
    token = service_account_token(node, "reviewed", "view")
    authn = client.AuthenticationV1Api(api_client(node))
    review = authn.create_token_review(client.V1TokenReview(spec=client.V1TokenReviewSpec(token=token)))
    assert review.status.authenticated is True
    assert review.status.user.username == "system:serviceaccount:default:reviewed"
    assert review.status.user.groups == ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"]
    assert review.status.audiences == ["https://kubernetes.default.svc.cluster.local"]
    refused = authn.create_token_review(client.V1TokenReview(spec=client.V1TokenReviewSpec(token=token, audiences=["vault"])))
    assert not refused.status.authenticated
    assert "is invalid for the target audiences" in refused.status.error
    garbage = authn.create_token_review(client.V1TokenReview(spec=client.V1TokenReviewSpec(token="garbage")))
    assert not garbage.status.authenticated and garbage.status.error == "invalid bearer token"


def test_kubelet_api_without_credentials_is_401_and_with_a_client_certificate_answers(node):
    assert kubelet_get(node, "/healthz") == (401, "Unauthorized")
    assert kubelet_get(node, "/containerLogs/default/x/y", token="not-a-token") == (401, "Unauthorized")
    # The admin's certificate (system:admin in system:masters) is authenticated and allowed.
    assert kubelet_get(node, "/healthz", cert=node.server.admin_cert) == (200, "ok")


def test_kubelet_api_needs_nodes_proxy_which_kubelet_api_admin_grants(node):
    node.apply(busybox_pod("logger", "echo from-logger; sleep 3600"))
    node.wait_phase("logger", "Running")
    node.wait(lambda: "from-logger" in node.kubectl("logs", "logger").stdout, "logs through the API server")
    token = service_account_token(node, "viewer", "view")
    user = "system:serviceaccount:default:viewer"
    assert kubelet_get(node, "/healthz", token) == (
        403, f"Forbidden (user={user}, verb=get, resource=nodes, subresource(s)=[healthz proxy])\n")
    assert kubelet_get(node, "/containerLogs/default/logger/main", token) == (
        403, f"Forbidden (user={user}, verb=get, resource=nodes, subresource(s)=[proxy])\n")
    node.kubectl("create", "clusterrolebinding", "viewer-kubelet", "--clusterrole=system:kubelet-api-admin",
                 "--serviceaccount=default:viewer")
    node.wait(lambda: kubelet_get(node, "/containerLogs/default/logger/main", token) == (200, "from-logger\n"),
              "the binding to open the kubelet API", timeout=15)
    assert kubelet_get(node, "/healthz", token) == (200, "ok")


def test_kubectl_logs_and_exec_still_reach_the_kubelet(node):
    node.apply(busybox_pod("talker", "echo talk; sleep 3600"))
    node.wait_phase("talker", "Running")
    node.wait(lambda: node.kubectl("logs", "talker").stdout == "talk\n", "kubectl logs")
    p = node.kubectl("exec", "talker", "--", "sh", "-c", "echo out; exit 4", check=False)
    assert p.returncode == 4 and p.stdout == "out\n", p
