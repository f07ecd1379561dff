"""`skiff controller-manager` processes elect one leader through a Lease; a standby takes over
when the leader dies, and the controllers then work (namespace deletion completes)."""
import time

from cluster import Cluster


def holder(cluster):
    lease = cluster.get("lease", "kube-controller-manager", "kube-system", check=False)
    return (lease or {}).get("spec", {}).get("holderIdentity")


def test_standby_controller_manager_takes_over():
    cluster = Cluster(server_args=["--disable-controller-manager"])
    try:
        first = cluster.spawn("controller-manager", "controller-manager")
        cluster.wait(lambda: holder(cluster), "the first controller manager to take the lease")
        leader = holder(cluster)
        cluster.spawn("controller-manager", "controller-manager")
        time.sleep(3)
        assert holder(cluster) == leader, "the standby waits while the leader renews"
        first.kill()  # SIGKILL: the lease is not released
        first.wait()
        start = time.time()
        cluster.wait(lambda: holder(cluster) not in (None, "", leader), "the standby to take the lease", timeout=30)
        assert time.time() - start < 20, "takeover within the 15 s lease plus a retry"
        cluster.kubectl("create", "namespace", "doomed")
        cluster.kubectl("create", "configmap", "x", "-n", "doomed")
        cluster.kubectl("delete", "namespace", "doomed", "--wait=true", timeout=60)
        assert cluster.get("namespace", "doomed", check=False) is None
    finally:
        cluster.stop()


def test_every_namespace_gets_a_default_service_account(kubectl):
    kubectl("create", "namespace", "sa-demo")
    deadline = time.time() + 15
    while kubectl("get", "serviceaccount", "default", "-n", "sa-demo", check=False).returncode != 0:
        assert time.time() < deadline, "no default ServiceAccount in a new namespace"
        time.sleep(0.2)
    uid = kubectl("get", "serviceaccount", "default", "-n", "sa-demo", "-o", "jsonpath={.metadata.uid}").stdout
    kubectl("delete", "serviceaccount", "default", "-n", "sa-demo")
    deadline = time.time() + 15
    while True:
        p = kubectl("get", "serviceaccount", "default", "-n", "sa-demo", "-o", "jsonpath={.metadata.uid}", check=False)
        if p.returncode == 0 and p.stdout and p.stdout != uid:
            break
        assert time.time() < deadline, "the deleted default ServiceAccount was not recreated"
        time.sleep(0.2)
    assert "default" in kubectl("get", "serviceaccounts", "-A").stdout
