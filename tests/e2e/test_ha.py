"""Two `skiff server`s on one three-member etcd cluster started by the test: one kubeconfig trusts
both, a watch on one sees writes through the other, optimistic concurrency holds across them,
Services created through both never share a cluster IP or node port, exactly one scheduler and
one controller manager lead, and leadership moves when the leader is killed."""
import json
import threading

import pytest

from conftest import make_kubectl
from ha_cluster import configmap, etcd, start_pair, stop_pair, wait_until


@pytest.fixture(scope="module")
def servers(etcd):
    a, b = start_pair(etcd)
    yield a, b
    stop_pair((a, b))


def test_one_kubeconfig_trusts_both_servers(servers):
    a, b = servers
    kubectl = make_kubectl(a.kubeconfig)
    kubectl("create", "configmap", "shared-trust", "--from-literal=k=v")
    got = json.loads(kubectl("--server", b.url, "get", "configmap", "shared-trust", "-o", "json").stdout)
    assert got["data"] == {"k": "v"}


def test_watch_on_b_sees_writes_through_a(servers):
    from kubernetes import client, config, watch
    a, b = servers
    cfg = client.Configuration()
    config.load_kube_config(config_file=a.kubeconfig, client_configuration=cfg)
    cfg.host = b.url  # A's kubeconfig, B's address: the same CA signed both serving certificates
    core = client.CoreV1Api(client.ApiClient(cfg))
    rv = core.list_namespaced_config_map("default").metadata.resource_version
    seen = []

    def follow():
        for event in watch.Watch().stream(core.list_namespaced_config_map, "default", resource_version=rv,
                                          timeout_seconds=30):
            seen.append((event["type"], event["object"].metadata.name, int(event["object"].metadata.resource_version)))
            if event["type"] == "DELETED" and event["object"].metadata.name == "through-a":
                return
    t = threading.Thread(target=follow, daemon=True)
    t.start()
    status, created, _ = a.request("POST", "/api/v1/namespaces/default/configmaps", configmap("through-a", x="1"))
    assert status == 201, created
    status, updated, _ = a.request("PUT", "/api/v1/namespaces/default/configmaps/through-a",
                                   dict(created, data={"x": "2"}))
    assert status == 200, updated
    assert a.request("DELETE", "/api/v1/namespaces/default/configmaps/through-a")[0] == 200
    t.join(40)
    mine = [(k, rv) for k, n, rv in seen if n == "through-a"]
    assert [k for k, _ in mine] == ["ADDED", "MODIFIED", "DELETED"], seen
    assert mine[0][1] == int(created["metadata"]["resourceVersion"])
    assert mine[1][1] == int(updated["metadata"]["resourceVersion"])
    assert mine[0][1] < mine[1][1] < mine[2][1]


def test_stale_update_through_b_after_update_through_a_conflicts(servers):
    a, b = servers
    path = "/api/v1/namespaces/default/configmaps"
    status, created, _ = a.request("POST", path, configmap("occ-ha", n="0"))
    assert status == 201, created
    status, updated, _ = a.request("PUT", path + "/occ-ha", dict(created, data={"n": "1"}))
    assert status == 200, updated
    status, body, _ = b.request("PUT", path + "/occ-ha", dict(created, data={"n": "stale"}))
    assert status == 409, body
    assert body["reason"] == "Conflict"
    assert body["message"] == ('Operation cannot be fulfilled on configmaps "occ-ha": the object has been modified; '
                               "please apply your changes to the latest version and try again")
    status, current, _ = b.request("GET", path + "/occ-ha")
    assert current["data"] == {"n": "1"}
    assert current["metadata"]["resourceVersion"] == updated["metadata"]["resourceVersion"]


def test_services_created_concurrently_through_both_never_share_an_ip_or_port(servers, etcd):
    a, b = servers
    path = "/api/v1/namespaces/default/services"
    results = {a.url: [], b.url: []}

    def create(server, tag):
        for i in range(15):
            spec = {"type": "NodePort" if i % 3 == 0 else "ClusterIP", "selector": {"app": tag},
                    "ports": [{"port": 80}]}
            results[server.url].append(server.request(
                "POST", path, {"apiVersion": "v1", "kind": "Service", "metadata": {"name": f"svc-{tag}-{i}"},
                               "spec": spec}))
    threads = [threading.Thread(target=create, args=(s, tag)) for s, tag in ((a, "a"), (b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    replies = results[a.url] + results[b.url]
    assert [status for status, _, _ in replies] == [201] * 30, [body.get("message") for status, body, _ in replies if status != 201]
    ips = [body["spec"]["clusterIP"] for _, body, _ in replies]
    assert len(set(ips)) == 30, sorted(ips)
    ports = [body["spec"]["ports"][0]["nodePort"] for _, body, _ in replies if body["spec"]["type"] == "NodePort"]
    assert len(ports) == 10 and len(set(ports)) == 10, sorted(ports)
    # Each allocation is a key in etcd, removed with its Service.
    held = etcd.etcdctl("get", "--prefix", "/registry/ranges/serviceips/", "--keys-only").split()
    assert set(f"/registry/ranges/serviceips/{ip}" for ip in ips) <= set(held)
    name = replies[0][1]["metadata"]["name"]
    assert b.request("DELETE", f"{path}/{name}")[0] == 200
    assert etcd.etcdctl("get", f"/registry/ranges/serviceips/{ips[0]}") == ""


def lease_holder(server, name):
    status, lease, _ = server.request("GET", f"/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/{name}")
    return lease["spec"].get("holderIdentity", "") if status == 200 else ""


def leader_of(servers, name):
    """The server whose log says it became leader of `name` as the Lease's holder; exactly one."""
    holder = lease_holder(servers[0] if servers[0].proc.poll() is None else servers[1], name)
    if not holder:
        return None
    leading = [s for s in servers if f"became leader of kube-system/{name} as {holder}" in s.log_text()]
    assert len(leading) <= 1, f"two servers claim {name} as {holder}"
    return leading[0] if leading else None


def test_exactly_one_scheduler_and_controller_manager_lead_and_leadership_moves_after_kill9(servers):
    a, b = servers
    for s in (a, b):
        s.log_text = lambda s=s: open(s.log_path, errors="replace").read()
    leaders = {}
    for lease in ("kube-scheduler", "kube-controller-manager"):
        leaders[lease] = wait_until(f"a leader of {lease}", lambda: leader_of((a, b), lease), 30)
        other = b if leaders[lease] is a else a
        # The other server is a candidate that does not lead.
        assert f"became leader of kube-system/{lease}" not in other.log_text()
    victim = leaders["kube-scheduler"]
    survivor = b if victim is a else a
    victim.kill9()
    for lease in ("kube-scheduler", "kube-controller-manager"):
        # The Lease lasts 15 s after its last renewal; the survivor retries every 2 s.
        wait_until(f"{survivor.url} leading {lease}", lambda: leader_of((victim, survivor), lease) is survivor, 40)
