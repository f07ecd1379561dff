"""RBAC through the real kubectl and the Python client: the admin kubeconfig impersonates users
(`--as`, `Impersonate-User`), whom roles and bindings then allow or refuse exactly as Kubernetes does."""
import json
import time

import pytest
from kubernetes import client
from kubernetes.client.rest import ApiException

NS = "rbac-e2e"


def wait_for(what, check, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def view_rules(kubectl):
    return json.loads(kubectl("get", "clusterrole", "view", "-o", "json").stdout).get("rules") or []


@pytest.fixture(scope="module")
def ns(kubectl):
    kubectl("create", "namespace", NS)
    # The clusterrole-aggregation controller fills view, edit and admin.
    wait_for("aggregated view rules", lambda: any("pods" in r.get("resources", []) for r in view_rules(kubectl)))
    kubectl("create", "rolebinding", "alice-view", "--clusterrole=view", "--user=alice", "-n", NS)
    kubectl("create", "rolebinding", "bob-edit", "--clusterrole=edit", "--user=bob", "-n", NS)
    kubectl("create", "rolebinding", "carol-admin", "--clusterrole=admin", "--user=carol", "-n", NS)
    kubectl("create", "configmap", "existing", "--from-literal=a=b", "-n", NS)
    yield NS
    kubectl("delete", "namespace", NS, "--wait=false", check=False)


def test_view_user_reads_but_gets_kubernetes_403_on_writes(kubectl, ns):
    assert "existing" in kubectl("--as", "alice", "get", "configmaps", "-n", ns).stdout
    kubectl("--as", "alice", "get", "pods", "-n", ns)
    created = kubectl("--as", "alice", "create", "configmap", "x", "-n", ns, check=False)
    assert created.returncode != 0
    # kubectl create prefixes "failed to create configmap"; the server's message follows whole.
    assert ('configmaps is forbidden: User "alice" cannot create resource '
            f'"configmaps" in API group "" in the namespace "{ns}"') in created.stderr
    deleted = kubectl("--as", "alice", "delete", "configmap", "existing", "-n", ns, check=False)
    assert ('Error from server (Forbidden): configmaps "existing" is forbidden: User "alice" cannot delete '
            f'resource "configmaps" in API group "" in the namespace "{ns}"') in deleted.stderr
    other = kubectl("--as", "alice", "get", "configmaps", "-n", "default", check=False)
    assert 'cannot list resource "configmaps" in API group "" in the namespace "default"' in other.stderr


def test_python_client_impersonating_a_viewer(server, ns):
    from kubernetes import config
    cfg = client.Configuration()
    config.load_kube_config(config_file=server.kubeconfig, client_configuration=cfg)
    api = client.ApiClient(cfg)
    api.set_default_header("Impersonate-User", "alice")
    core = client.CoreV1Api(api)
    names = [cm.metadata.name for cm in core.list_namespaced_config_map(ns).items]
    assert "existing" in names
    with pytest.raises(ApiException) as e:
        core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py")))
    assert e.value.status == 403
    body = json.loads(e.value.body)
    assert body["reason"] == "Forbidden"
    assert body["message"] == (f'configmaps is forbidden: User "alice" cannot create resource "configmaps" '
                               f'in API group "" in the namespace "{ns}"')


def test_edit_user_creates_but_cannot_manage_roles(kubectl, ns):
    kubectl("--as", "bob", "create", "configmap", "by-bob", "--from-literal=k=v", "-n", ns)
    kubectl("--as", "bob", "delete", "configmap", "by-bob", "-n", ns)
    refused = kubectl("--as", "bob", "create", "role", "r", "--verb=get", "--resource=pods", "-n", ns, check=False)
    assert 'roles.rbac.authorization.k8s.io is forbidden: User "bob" cannot create resource "roles"' in refused.stderr


def test_auth_can_i_yes_no_and_list(kubectl, ns):
    yes = kubectl("auth", "can-i", "list", "pods", "-n", ns, "--as", "alice", check=False)
    assert yes.returncode == 0 and yes.stdout.strip() == "yes"
    no = kubectl("auth", "can-i", "create", "pods", "-n", ns, "--as", "alice", check=False)
    assert no.returncode == 1 and no.stdout.strip() == "no"
    assert kubectl("auth", "can-i", "delete", "pods", "-n", ns, "--as", "bob").stdout.strip() == "yes"
    assert kubectl("auth", "can-i", "create", "rolebindings", "-n", ns, "--as", "carol").stdout.strip() == "yes"
    listed = kubectl("auth", "can-i", "--list", "-n", ns, "--as", "alice").stdout
    header = listed.splitlines()[0].split()
    assert header[:2] == ["Resources", "Non-Resource"]
    pods = [line for line in listed.splitlines() if line.split()[:1] == ["pods"]]
    assert pods and pods[0].split()[-3:] == ["[get", "list", "watch]"]
    assert "selfsubjectaccessreviews.authorization.k8s.io" in listed


def test_escalation_is_refused(kubectl, ns):
    role = kubectl("--as", "carol", "create", "role", "all-secrets", "--verb=*", "--resource=secrets", "-n", ns,
                   check=False)
    assert role.returncode != 0
    assert ('roles.rbac.authorization.k8s.io "all-secrets" is forbidden: user "carol" (groups=["system:authenticated"]) '
            'is attempting to grant RBAC permissions not currently held:') in role.stderr
    assert '{APIGroups:[""], Resources:["secrets"], Verbs:["*"]}' in role.stderr
    binding = kubectl("--as", "carol", "create", "rolebinding", "dave-root", "--clusterrole=cluster-admin",
                      "--user=dave", "-n", ns, check=False)
    assert binding.returncode != 0
    assert 'rolebindings.rbac.authorization.k8s.io "dave-root" is forbidden: user "carol"' in binding.stderr
    # What carol holds she may grant.
    kubectl("--as", "carol", "create", "rolebinding", "dave-view", "--clusterrole=view", "--user=dave", "-n", ns)
    kubectl("--as", "carol", "create", "role", "cm-reader", "--verb=get,list", "--resource=configmaps", "-n", ns)


def test_aggregation_extends_view(kubectl, ns):
    before = kubectl("--as", "alice", "get", "leases", "-n", ns, check=False)
    assert 'cannot list resource "leases" in API group "coordination.k8s.io"' in before.stderr
    manifest = {
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
        "metadata": {"name": "leases-view", "labels": {"rbac.authorization.k8s.io/aggregate-to-view": "true"}},
        "rules": [{"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["get", "list", "watch"]}],
    }
    kubectl("apply", "-f", "-", input=json.dumps(manifest))
    wait_for("view to aggregate leases-view",
             lambda: any("leases" in r.get("resources", []) for r in view_rules(kubectl)))
    wait_for("alice to list leases",
             lambda: kubectl("--as", "alice", "get", "leases", "-n", ns, check=False).returncode == 0)
    wait_for("edit and admin to aggregate view's rules", lambda: all(
        any("leases" in r.get("resources", []) and r.get("verbs") == ["get", "list", "watch"]
            for r in json.loads(kubectl("get", "clusterrole", name, "-o", "json").stdout).get("rules") or [])
        for name in ("edit", "admin")))
    kubectl("delete", "clusterrole", "leases-view")


def test_tables_print_kubernetes_columns(kubectl, ns):
    roles = kubectl("get", "clusterroles", "view", "edit").stdout.splitlines()
    assert roles[0].split() == ["NAME", "CREATED", "AT"]
    bindings = kubectl("get", "rolebindings", "-n", ns, "-o", "wide").stdout.splitlines()
    assert bindings[0].split() == ["NAME", "ROLE", "AGE", "USERS", "GROUPS", "SERVICEACCOUNTS"]
    alice = [line.split() for line in bindings if line.startswith("alice-view")][0]
    assert alice[1] == "ClusterRole/view" and alice[3] == "alice"
    crb = kubectl("get", "clusterrolebinding", "cluster-admin", "-o", "wide").stdout.splitlines()
    assert crb[1].split()[1] == "ClusterRole/cluster-admin" and crb[1].split()[-1] == "system:masters"


def test_apply_and_validation(kubectl, ns):
    manifest = {
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
        "metadata": {"name": "applied", "namespace": ns},
        "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}],
    }
    kubectl("apply", "-f", "-", input=json.dumps(manifest))
    bad = dict(manifest, rules=[{"apiGroups": [""], "resources": ["pods"]}])
    refused = kubectl("apply", "-f", "-", input=json.dumps(bad), check=False)
    assert "rules[0].verbs: Required value: verbs must contain at least one value" in refused.stderr
    kubectl("create", "rolebinding", "rb", "--role=applied", "--user=x", "-n", ns)
    patched = kubectl("patch", "rolebinding", "rb", "-n", ns, "--type=merge", "-p",
                      '{"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"other"}}', check=False)
    assert "cannot change roleRef" in patched.stderr
