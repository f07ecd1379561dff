"""The kubelet's read-only monitoring endpoints (/pods, /stats/summary, /metrics/resource,
/metrics) reached through the API server's nodes/{name}/proxy subresource with the real kubectl
(`get --raw`) and the Python client, on a real busybox pod whose stats come from its cgroups.
`view` does not grant nodes/proxy, so its users get 403. One node cluster in a network namespace
of its own (node_host.py)."""
import json
import ssl
import urllib.error
import urllib.request

import pytest

from node_host import AgentCluster, busybox_pod


@pytest.fixture(scope="module")
def node():
    c = AgentCluster()
    try:
        c.apply(busybox_pod(
            "stats", "head -c 1048576 /dev/urandom > /in-rootfs; head -c 2097152 /dev/urandom > /scratch/.part; "
            "mv /scratch/.part /scratch/data; sleep 3600",
            container_name="sleeper", container={"volumeMounts": [{"name": "scratch", "mountPath": "/scratch"}]},
            volumes=[{"name": "scratch", "emptyDir": {}}]))
        c.wait_phase("stats", "Running")
        c.wait(lambda: c.kubectl("exec", "stats", "--", "test", "-f", "/scratch/data", check=False).returncode == 0, "files written")
        yield c
    finally:
        c.stop()


def kubelet_get(node, path, token):
    """GET on the kubelet API itself (TLS, the cluster CA) with a bearer token: (status, text)."""
    ctx = ssl.create_default_context(cafile=node.server.ca)
    req = urllib.request.Request("https://127.0.0.1:10250" + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=30, context=ctx) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def raw(node, path, *args):
    return node.kubectl("get", "--raw", f"/api/v1/nodes/{node.node}/proxy{path}", *args, check=False)


def test_summary_lists_the_pod_with_its_containers_memory_working_set(node):
    p = raw(node, "/stats/summary")
    assert p.returncode == 0, p.stderr
    summary = json.loads(p.stdout)
    assert summary["node"]["nodeName"] == node.node
    assert summary["node"]["memory"]["workingSetBytes"] > 0
    assert summary["node"]["cpu"]["usageCoreNanoSeconds"] > 0
    assert summary["node"]["fs"]["capacityBytes"] > 0
    # The node's network namespace holds the pod bridge; the pod's veth end is left out.
    assert not any(i["name"].startswith("veth") for i in summary["node"]["network"]["interfaces"])
    pods = [pod for pod in summary["pods"] if pod["podRef"]["name"] == "stats"]
    assert len(pods) == 1, summary["pods"]
    pod = pods[0]
    assert pod["podRef"]["namespace"] == "default" and pod["podRef"]["uid"]
    assert [c["name"] for c in pod["containers"]] == ["sleeper"]
    container = pod["containers"][0]
    assert container["memory"]["workingSetBytes"] > 0
    assert container["memory"]["usageBytes"] >= container["memory"]["workingSetBytes"]
    assert "usageCoreNanoSeconds" in container["cpu"]
    assert container["logs"]["inodesUsed"] >= 2 and container["logs"]["capacityBytes"] > 0
    assert pod["memory"]["workingSetBytes"] >= container["memory"]["workingSetBytes"]
    # The writable layer holds the 1 MiB file the container wrote, the emptyDir the 2 MiB one.
    assert 1 << 20 <= container["rootfs"]["usedBytes"] < 2 << 20, container["rootfs"]
    assert container["rootfs"]["inodesUsed"] >= 2 and container["rootfs"]["capacityBytes"] > 0
    [scratch] = [v for v in pod["volume"] if v["name"] == "scratch"]
    assert 2 << 20 <= scratch["usedBytes"] < 3 << 20 and scratch["inodesUsed"] == 2, scratch
    used = container["rootfs"]["usedBytes"] + container["logs"]["usedBytes"] + scratch["usedBytes"]
    assert pod["ephemeral-storage"]["usedBytes"] >= used, (pod["ephemeral-storage"], used)
    # The pod's own network namespace: its eth0, not the node's interfaces.
    assert pod["network"]["name"] == "eth0" and "rxBytes" in pod["network"], pod["network"]
    assert [i["name"] for i in pod["network"]["interfaces"]] == ["eth0"]
    # A second scrape has a previous sample to make a rate from.
    again = json.loads(raw(node, "/stats/summary?only_cpu_and_memory=true").stdout)
    sleeper = [p for p in again["pods"] if p["podRef"]["name"] == "stats"][0]["containers"][0]
    assert "usageNanoCores" in sleeper["cpu"]
    assert "logs" not in sleeper
    assert "network" not in [p for p in again["pods"] if p["podRef"]["name"] == "stats"][0]
    assert "fs" not in again["node"]


def test_resource_metrics_have_the_containers_lines(node):
    p = raw(node, "/metrics/resource")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    labels = '{container="sleeper",namespace="default",pod="stats"}'
    for name in ("container_cpu_usage_seconds_total", "container_memory_working_set_bytes", "container_start_time_seconds"):
        assert any(line.startswith(name + labels + " ") for line in lines), (name, p.stdout)
    memory = [line for line in lines if line.startswith("container_memory_working_set_bytes" + labels)][0]
    assert float(memory.split()[1]) > 0
    assert any(line.startswith('pod_memory_working_set_bytes{namespace="default",pod="stats"} ') for line in lines)
    assert any(line.startswith("node_cpu_usage_seconds_total ") for line in lines)
    assert "resource_scrape_error 0" in lines
    assert "# TYPE container_cpu_usage_seconds_total counter" in lines


def test_kubelet_metrics_count_running_pods(node):
    p = raw(node, "/metrics")
    assert p.returncode == 0, p.stderr
    assert f'kubelet_node_name{{node="{node.node}"}} 1.0' in p.stdout.splitlines()
    running = [line for line in p.stdout.splitlines() if line.startswith("kubelet_running_pods ")]
    assert running and float(running[0].split()[1]) >= 1
    assert 'kubelet_running_containers{container_state="running"}' in p.stdout


def test_pods_lists_the_pod_through_the_python_client(node):
    from kubernetes import client, config
    cfg = client.Configuration()
    config.load_kube_config(config_file=node.server.kubeconfig, client_configuration=cfg)
    core = client.CoreV1Api(client.ApiClient(cfg))
    response = core.connect_get_node_proxy_with_path(node.node, "pods", _preload_content=False)
    listed = json.loads(response.data)
    assert listed["kind"] == "PodList" and listed["apiVersion"] == "v1"
    pod = [p for p in listed["items"] if p["metadata"]["name"] == "stats"][0]
    assert pod["spec"]["nodeName"] == node.node
    assert pod["status"]["phase"] == "Running"


def test_a_view_user_is_forbidden_the_node_proxy(node):
    node.kubectl("create", "serviceaccount", "stats-viewer")
    node.kubectl("create", "clusterrolebinding", "stats-viewer-view", "--clusterrole=view", "--serviceaccount=default:stats-viewer")
    viewer = "--as=system:serviceaccount:default:stats-viewer"
    # The binding works: the viewer reads pods...
    assert node.kubectl(viewer, "get", "pods", check=False).returncode == 0
    # ...but not the kubelet's endpoints.
    for path in ("/stats/summary", "/metrics/resource", "/pods"):
        p = raw(node, path, viewer)
        assert p.returncode != 0
        assert "Error from server (Forbidden)" in p.stderr, p.stderr
        assert (
            f'User "system:serviceaccount:default:stats-viewer" cannot get resource "nodes/proxy" in API group "" at the cluster scope'
            in p.stderr), p.stderr


def test_the_kubelet_asks_for_nodes_stats_and_nodes_metrics(node):
    # A service account allowed only `get nodes/stats` reads the summary straight from the
    # kubelet (SubjectAccessReview through the API server) but not its metrics; `view` gets neither.
    node.kubectl("create", "clusterrole", "stats-only", "--verb=get", "--resource=nodes/stats")
    for name, role in (("stats-only-sa", "stats-only"), ("stats-view-sa", "view")):
        node.kubectl("create", "serviceaccount", name)
        node.kubectl("create", "clusterrolebinding", name, f"--clusterrole={role}", f"--serviceaccount=default:{name}")
    stats_token = node.kubectl("create", "token", "stats-only-sa").stdout.strip()
    view_token = node.kubectl("create", "token", "stats-view-sa").stdout.strip()
    code, body = kubelet_get(node, "/stats/summary", stats_token)
    assert code == 200, body
    assert any(p["podRef"]["name"] == "stats" for p in json.loads(body)["pods"])
    user = "system:serviceaccount:default:stats-only-sa"
    assert kubelet_get(node, "/metrics/resource", stats_token) == (
        403, f"Forbidden (user={user}, verb=get, resource=nodes, subresource(s)=[metrics])\n")
    viewer = "system:serviceaccount:default:stats-view-sa"
    assert kubelet_get(node, "/stats/summary", view_token) == (
        403, f"Forbidden (user={viewer}, verb=get, resource=nodes, subresource(s)=[stats])\n")
    assert kubelet_get(node, "/pods", view_token) == (
        403, f"Forbidden (user={viewer}, verb=get, resource=nodes, subresource(s)=[pods proxy])\n")


def test_node_proxy_forwards_a_post_to_the_kubelets_run_endpoint(node):
    path = f"/api/v1/nodes/{node.node}/proxy/run/default/stats/sleeper?cmd=wc%20-c%20/scratch/data"
    p = node.kubectl("create", "--raw", path, "-f", "-", input="", check=False)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["2097152", "/scratch/data"], p.stdout
    # A failing command is the kubelet's 500, passed through.
    failing = f"/api/v1/nodes/{node.node}/proxy/run/default/stats/sleeper?cmd=ls%20/nowhere"
    p = node.kubectl("create", "--raw", failing, "-f", "-", input="", check=False)
    assert p.returncode != 0 and "command 'ls /nowhere' exited with 1" in p.stderr, p.stderr
    # POST needs `create` on nodes/proxy: a user allowed only `get` there is refused by the API server.
    node.kubectl("create", "clusterrole", "proxy-get", "--verb=get", "--resource=nodes/proxy")
    node.kubectl("create", "serviceaccount", "proxy-getter")
    node.kubectl("create", "clusterrolebinding", "proxy-getter", "--clusterrole=proxy-get", "--serviceaccount=default:proxy-getter")
    getter = "--as=system:serviceaccount:default:proxy-getter"
    assert raw(node, "/healthz", getter).returncode == 0
    p = node.kubectl(getter, "create", "--raw", path, "-f", "-", input="", check=False)
    assert p.returncode != 0 and 'cannot create resource "nodes/proxy"' in p.stderr, p.stderr
