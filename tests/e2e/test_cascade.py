"""Deletion with --cascade policies and namespace deletion, with the in-process controllers."""
import json


def owned_configmap(name, owner):
    return json.dumps({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": name, "ownerReferences": [{
            "apiVersion": "v1", "kind": "ConfigMap", "name": owner["metadata"]["name"],
            "uid": owner["metadata"]["uid"], "blockOwnerDeletion": True}]},
    })


def make_owner(kubectl, ns, name):
    kubectl("create", "configmap", name, "-n", ns)
    return json.loads(kubectl("get", "cm", name, "-n", ns, "-o", "json").stdout)


def test_cascade_background_foreground_orphan(kubectl):
    kubectl("create", "ns", "cascade")
    for policy in ("background", "foreground", "orphan"):
        owner = make_owner(kubectl, "cascade", f"owner-{policy}")
        kubectl("create", "-n", "cascade", "-f", "-", input=owned_configmap(f"dep-{policy}", owner))
        kubectl("delete", "cm", f"owner-{policy}", "-n", "cascade", f"--cascade={policy}", "--wait=true", timeout=60)
        assert kubectl("get", "cm", f"owner-{policy}", "-n", "cascade", check=False).returncode != 0
    # Orphaned dependents stay, without the owner reference.
    orphan = json.loads(kubectl("get", "cm", "dep-orphan", "-n", "cascade", "-o", "json").stdout)
    assert not orphan["metadata"].get("ownerReferences")
    # Background and foreground dependents are collected.
    kubectl("wait", "--for=delete", "cm/dep-background", "cm/dep-foreground", "-n", "cascade", "--timeout=30s", timeout=40)


def test_namespace_deletion_removes_contents(kubectl):
    kubectl("create", "ns", "short-lived")
    kubectl("create", "configmap", "inside", "-n", "short-lived")
    kubectl("delete", "ns", "short-lived", "--wait=true", timeout=60)
    p = kubectl("get", "ns", "short-lived", check=False)
    assert p.returncode != 0 and "NotFound" in p.stderr


def test_standalone_controller_manager_finalizes_namespaces():
    import shutil
    import subprocess
    import time
    from conftest import Server, skiff_binary
    s = Server(extra_args=["--disable-controller-manager"]).start()
    cm = None
    try:
        s.request("POST", "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "cm-test"}})
        s.request("DELETE", "/api/v1/namespaces/cm-test")
        time.sleep(1)
        status, ns, _ = s.request("GET", "/api/v1/namespaces/cm-test")
        assert status == 200 and ns["status"]["phase"] == "Terminating", "without controllers the namespace must stay"
        cm = subprocess.Popen([skiff_binary(), "controller-manager", "--kubeconfig", s.kubeconfig],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while time.time() < deadline:
            status, _, _ = s.request("GET", "/api/v1/namespaces/cm-test")
            if status == 404:
                break
            time.sleep(0.2)
        assert status == 404
    finally:
        if cm:
            cm.terminate()
            cm.wait(10)
        s.stop()
        shutil.rmtree(s.dir, ignore_errors=True)
