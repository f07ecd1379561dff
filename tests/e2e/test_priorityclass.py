"""PriorityClasses (scheduling.k8s.io/v1) and priority admission, driven by the real kubectl."""
import json

HIGH = """
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: e2e-high
value: 100000
description: for the e2e pods
preemptionPolicy: Never
"""


def pod(name, class_name=None):
    spec = {"containers": [{"name": "c", "image": "busybox"}]}
    if class_name:
        spec["priorityClassName"] = class_name
    return json.dumps({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "spec": spec})


def test_discovery_and_explain(kubectl):
    lines = kubectl("api-resources", "--api-group=scheduling.k8s.io").stdout.splitlines()
    assert lines[0].split() == ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
    assert lines[1].split() == ["priorityclasses", "pc", "scheduling.k8s.io/v1", "false", "PriorityClass"]
    out = kubectl("explain", "priorityclass").stdout
    assert "KIND:" in out and "PriorityClass" in out and "scheduling.k8s.io" in out
    assert "value" in out and "-required-" in out and "preemptionPolicy" in out


def test_system_classes_columns_and_delete_refused(kubectl):
    lines = kubectl("get", "pc").stdout.splitlines()
    assert lines[0].split() == ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    node = rows["system-node-critical"]
    assert node[1:3] == ["2000001000", "false"] and node[4] == "PreemptLowerPriority"
    assert rows["system-cluster-critical"][1] == "2000000000"
    got = json.loads(kubectl("get", "priorityclass", "system-node-critical", "-o", "json").stdout)
    assert got["description"] == "Used for system critical pods that must not be moved from their current node."
    p = kubectl("delete", "pc", "system-node-critical", check=False)
    assert p.returncode != 0
    assert ('priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: '
            "this is a system priority class and cannot be deleted") in p.stderr
    assert kubectl("get", "pc", "system-node-critical", "-o", "name").stdout.strip() == \
        "priorityclass.scheduling.k8s.io/system-node-critical"


def test_pod_priority_comes_from_its_class(kubectl):
    kubectl("create", "-f", "-", input=HIGH)
    try:
        kubectl("create", "-f", "-", input=pod("prio-high", "e2e-high"))
        got = json.loads(kubectl("get", "pod", "prio-high", "-o", "json").stdout)
        assert got["spec"]["priority"] == 100000
        assert got["spec"]["preemptionPolicy"] == "Never"
        kubectl("create", "-f", "-", input=pod("prio-none"))
        assert kubectl("get", "pod", "prio-none", "-o", "jsonpath={.spec.priority}").stdout == "0"
        p = kubectl("create", "-f", "-", input=pod("prio-orphan", "e2e-missing"), check=False)
        assert p.returncode != 0
        assert 'pods "prio-orphan" is forbidden: no PriorityClass with name e2e-missing was found' in p.stderr
        assert kubectl("get", "pod", "prio-orphan", check=False).returncode != 0
    finally:
        kubectl("delete", "pod", "prio-high", "prio-none", "--ignore-not-found", "--wait=false")
        kubectl("delete", "pc", "e2e-high", "--ignore-not-found")


def test_create_subcommand_default_class_and_immutable_value(kubectl):
    # `kubectl create priorityclass` sends protobuf.
    kubectl("create", "priorityclass", "e2e-default", "--value=42", "--global-default",
            "--description=default for the e2e pods")
    try:
        row = kubectl("get", "pc", "e2e-default", "--no-headers").stdout.split()
        assert row[1:3] == ["42", "true"] and row[4] == "PreemptLowerPriority"
        kubectl("create", "-f", "-", input=pod("prio-default"))
        spec = json.loads(kubectl("get", "pod", "prio-default", "-o", "json").stdout)["spec"]
        assert spec["priority"] == 42 and spec["priorityClassName"] == "e2e-default"
        p = kubectl("create", "priorityclass", "e2e-second", "--value=1", "--global-default", check=False)
        assert p.returncode != 0
        assert "PriorityClass e2e-default is already marked as default. Only one default can exist" in p.stderr
        p = kubectl("patch", "pc", "e2e-default", "--type=merge", "-p", '{"value":43}', check=False)
        assert p.returncode != 0 and "value: Forbidden: may not be changed in an update." in p.stderr
        p = kubectl("create", "priorityclass", "e2e-huge", "--value=1000000001", check=False)
        assert p.returncode != 0 and "maximum allowed value of a user defined priority is 1000000000" in p.stderr
    finally:
        kubectl("delete", "pod", "prio-default", "--ignore-not-found", "--wait=false")
        kubectl("delete", "pc", "e2e-default", "--ignore-not-found")
