"""The official Python client (pip `kubernetes`) against `skiff server`."""
import threading

import pytest
from kubernetes import client, watch
from kubernetes.client.rest import ApiException


def pod(name, labels=None):
    return client.V1Pod(
        metadata=client.V1ObjectMeta(name=name, labels=labels or {}),
        spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="busybox:1.36")]))


def test_namespace_and_pod_crud(api):
    core = client.CoreV1Api(api)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="py-crud")))
    created = core.create_namespaced_pod("py-crud", pod("p1", {"app": "x"}))
    assert created.metadata.uid and created.metadata.resource_version
    assert created.spec.restart_policy == "Always" and created.spec.dns_policy == "ClusterFirst"
    assert created.spec.termination_grace_period_seconds == 30
    assert created.status.phase == "Pending"
    got = core.read_namespaced_pod("p1", "py-crud")
    assert got.metadata.uid == created.metadata.uid
    listed = core.list_namespaced_pod("py-crud", label_selector="app in (x,y)")
    assert [p.metadata.name for p in listed.items] == ["p1"]
    assert core.list_namespaced_pod("py-crud", label_selector="app notin (x)").items == []
    assert [p.metadata.name for p in core.list_namespaced_pod("py-crud", field_selector="metadata.name=p1").items] == ["p1"]
    assert core.list_namespaced_pod("py-crud", field_selector="status.phase=Running").items == []
    # The scheduler may write the pending pod's status meanwhile: read-modify-write retries on
    # conflict, as client-go's RetryOnConflict does.
    for _ in range(5):
        got.metadata.labels["extra"] = "yes"
        try:
            replaced = core.replace_namespaced_pod("p1", "py-crud", got)
            break
        except ApiException as conflict:
            assert conflict.status == 409
            got = core.read_namespaced_pod("p1", "py-crud")
    assert replaced.metadata.labels["extra"] == "yes"
    assert int(replaced.metadata.resource_version) > int(got.metadata.resource_version)
    core.delete_namespaced_pod("p1", "py-crud")
    with pytest.raises(ApiException) as e:
        core.read_namespaced_pod("p1", "py-crud")
    assert e.value.status == 404


def test_errors_have_kubernetes_status(api):
    core = client.CoreV1Api(api)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="py-errors")))
    core.create_namespaced_config_map("py-errors", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="dup")))
    with pytest.raises(ApiException) as e:
        core.create_namespaced_config_map("py-errors", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="dup")))
    assert e.value.status == 409 and '"reason":"AlreadyExists"' in e.value.body
    with pytest.raises(ApiException) as e:
        core.create_namespaced_config_map("py-errors", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="Bad_Name")))
    assert e.value.status == 422 and '"reason":"Invalid"' in e.value.body and "metadata.name" in e.value.body
    with pytest.raises(ApiException) as e:
        core.create_namespaced_config_map("no-such-ns", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="x")))
    assert e.value.status == 404
    stale = core.read_namespaced_config_map("dup", "py-errors")
    core.patch_namespaced_config_map("dup", "py-errors", {"data": {"a": "1"}})
    stale.data = {"a": "2"}
    with pytest.raises(ApiException) as e:
        core.replace_namespaced_config_map("dup", "py-errors", stale)
    assert e.value.status == 409 and '"reason":"Conflict"' in e.value.body


def test_every_patch_type(api, server):
    apps = client.AppsV1Api(api)
    core = client.CoreV1Api(api)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="py-patch")))
    dep = {
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"a": "b"}},
                 "template": {"metadata": {"labels": {"a": "b"}},
                              "spec": {"containers": [{"name": "one", "image": "i:1"}]}}},
    }
    apps.create_namespaced_deployment("py-patch", dep)
    # Strategic merge (the client's default for dicts): a second container is merged in by name.
    apps.patch_namespaced_deployment("d", "py-patch", {"spec": {"template": {"spec": {"containers": [{"name": "two", "image": "i:2"}]}}}})
    got = apps.read_namespaced_deployment("d", "py-patch")
    assert sorted(c.name for c in got.spec.template.spec.containers) == ["one", "two"]
    # JSON patch (a list body).
    apps.patch_namespaced_deployment("d", "py-patch", [{"op": "replace", "path": "/spec/replicas", "value": 3}])
    assert apps.read_namespaced_deployment("d", "py-patch").spec.replicas == 3
    # Merge patch replaces lists whole.
    status, _, _ = server.request(
        "PATCH", "/apis/apps/v1/namespaces/py-patch/deployments/d",
        {"spec": {"template": {"spec": {"containers": [{"name": "only", "image": "i:3"}]}}}},
        content_type="application/merge-patch+json")
    assert status == 200
    got = apps.read_namespaced_deployment("d", "py-patch")
    assert [c.name for c in got.spec.template.spec.containers] == ["only"]
    # Scale subresource.
    scale = apps.patch_namespaced_deployment_scale("d", "py-patch", {"spec": {"replicas": 7}})
    assert scale.spec.replicas == 7 and scale.kind == "Scale"
    assert apps.read_namespaced_deployment_scale("d", "py-patch").spec.replicas == 7


# Every namespace holds the kube-root-ca.crt ConfigMap; these tests count their own.
NOT_ROOT_CA = "metadata.name!=kube-root-ca.crt"


def test_watch_and_resume(api):
    core = client.CoreV1Api(api)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="py-watch")))
    listed = core.list_namespaced_config_map("py-watch", field_selector=NOT_ROOT_CA)
    seen = []

    def run():
        w = watch.Watch()
        for ev in w.stream(core.list_namespaced_config_map, "py-watch", field_selector=NOT_ROOT_CA,
                           resource_version=listed.metadata.resource_version, timeout_seconds=10):
            seen.append((ev["type"], ev["object"].metadata.name))
            if len(seen) == 3:
                w.stop()

    t = threading.Thread(target=run)
    t.start()
    core.create_namespaced_config_map("py-watch", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="w1")))
    core.patch_namespaced_config_map("w1", "py-watch", {"data": {"k": "v"}})
    core.delete_namespaced_config_map("w1", "py-watch")
    t.join(15)
    assert seen == [("ADDED", "w1"), ("MODIFIED", "w1"), ("DELETED", "w1")]


def test_informer_style_list_then_watch_from_list_revision(api):
    core = client.CoreV1Api(api)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="py-inf")))
    for i in range(3):
        core.create_namespaced_config_map("py-inf", client.V1ConfigMap(metadata=client.V1ObjectMeta(name=f"c{i}")))
    page = core.list_namespaced_config_map("py-inf", limit=2, field_selector=NOT_ROOT_CA)
    assert len(page.items) == 2 and page.metadata._continue
    rest = core.list_namespaced_config_map("py-inf", limit=2, _continue=page.metadata._continue, field_selector=NOT_ROOT_CA)
    assert [c.metadata.name for c in page.items + rest.items] == ["c0", "c1", "c2"]
    rv = page.metadata.resource_version
    core.create_namespaced_config_map("py-inf", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="c3")))
    w = watch.Watch()
    events = []
    for ev in w.stream(core.list_namespaced_config_map, "py-inf", resource_version=rv, timeout_seconds=5):
        events.append((ev["type"], ev["object"].metadata.name))
        w.stop()
    assert events == [("ADDED", "c3")]


def test_pod_eviction_deletes_the_pod(api, kubectl):
    """policy/v1 Eviction on pods/eviction: discovery names it, the Python client and kubectl's
    raw POST evict, a mismatched name is refused."""
    import json
    resources = json.loads(kubectl("get", "--raw", "/api/v1").stdout)["resources"]
    eviction = next(r for r in resources if r["name"] == "pods/eviction")
    assert (eviction["group"], eviction["version"], eviction["kind"], eviction["verbs"]) == ("policy", "v1", "Eviction", ["create"])
    core = client.CoreV1Api(api)
    core.create_namespaced_pod("default", pod("evict-me"))
    body = client.V1Eviction(metadata=client.V1ObjectMeta(name="evict-me", namespace="default"),
                             delete_options=client.V1DeleteOptions(grace_period_seconds=0))
    core.create_namespaced_pod_eviction("evict-me", "default", body)
    with pytest.raises(ApiException) as gone:
        core.read_namespaced_pod("evict-me", "default")
    assert gone.value.status == 404
    core.create_namespaced_pod("default", pod("evict-other"))
    with pytest.raises(ApiException) as mismatch:
        core.create_namespaced_pod_eviction("evict-other", "default", client.V1Eviction(
            metadata=client.V1ObjectMeta(name="someone-else")))
    assert mismatch.value.status == 400 and "does not match" in mismatch.value.body
    with pytest.raises(ApiException) as missing:
        core.create_namespaced_pod_eviction("nobody", "default", client.V1Eviction(metadata=client.V1ObjectMeta(name="nobody")))
    assert missing.value.status == 404
