"""Endpoints and EndpointSlices with the real kubectl: a Service selecting pods that hollow nodes
(`skiff simulate`) run and make Ready lists their IPs; a not-ready pod moves to notReadyAddresses."""
import json

import pytest

from cluster import Cluster


@pytest.fixture
def cluster():
    c = Cluster()
    yield c
    c.stop()


def web_deployment_pods(cluster, count):
    for i in range(count):
        cluster.apply({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": f"web-{i}", "labels": {"app": "web"}},
            "spec": {"containers": [{"name": "app", "image": "registry.example/web:1",
                                     "ports": [{"name": "http", "containerPort": 8080}]}]},
        })


def test_endpoints_and_slices_list_ready_pods(cluster):
    cluster.simulate(3, "ep-")
    cluster.apply({
        "apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
        "spec": {"selector": {"app": "web"}, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]},
    })
    web_deployment_pods(cluster, 3)
    cluster.wait(lambda: all(cluster.pod(f"web-{i}")["status"].get("podIP") for i in range(3)), "pods running with IPs")
    ips = sorted(cluster.pod(f"web-{i}")["status"]["podIP"] for i in range(3))

    def endpoint_ips():
        e = cluster.get("endpoints", "web", check=False) or {}
        return sorted(a["ip"] for s in e.get("subsets", []) for a in s.get("addresses", []))

    cluster.wait(lambda: endpoint_ips() == ips, "Endpoints web listing the three pod IPs")
    listed = cluster.kubectl("get", "endpoints", "web").stdout
    assert ":8080" in listed and ips[0] in listed, listed
    e = cluster.get("endpoints", "web")
    assert e["subsets"][0]["ports"] == [{"name": "http", "port": 8080, "protocol": "TCP"}]
    assert {a["targetRef"]["name"] for a in e["subsets"][0]["addresses"]} == {"web-0", "web-1", "web-2"}
    assert all(a["nodeName"].startswith("ep-") for a in e["subsets"][0]["addresses"])

    def slice_ips():
        out = cluster.kubectl("get", "endpointslices", "-l", "kubernetes.io/service-name=web", "-o", "json").stdout
        return sorted(ep["addresses"][0] for s in json.loads(out)["items"] for ep in (s.get("endpoints") or [])
                      if ep["conditions"].get("ready"))

    cluster.wait(lambda: slice_ips() == ips, "an EndpointSlice listing the three pod IPs as ready")
    table = cluster.kubectl("get", "endpointslices").stdout
    assert "web-" in table and "IPv4" in table and "8080" in table, table

    # A pod that stops being Ready moves to notReadyAddresses.
    pod = cluster.pod("web-0")
    conditions = [dict(c, status="False") if c["type"] == "Ready" else c for c in pod["status"]["conditions"]]
    cluster.kubectl("patch", "pod", "web-0", "--subresource=status", "--type=merge",
                    "-p", json.dumps({"status": {"conditions": conditions}}))
    ip0 = pod["status"]["podIP"]

    def not_ready():
        e = cluster.get("endpoints", "web")
        return [a["ip"] for s in e.get("subsets", []) for a in s.get("notReadyAddresses", [])]

    cluster.wait(lambda: not_ready() == [ip0], "web-0 listed as not ready", timeout=5)

    # Deleting the Service deletes its Endpoints.
    cluster.kubectl("delete", "service", "web")
    cluster.wait(lambda: cluster.get("endpoints", "web", check=False) is None, "Endpoints web deleted")
