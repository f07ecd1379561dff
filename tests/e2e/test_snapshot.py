"""`skiff etcd-snapshot save|ls|delete|restore` and `skiff datastore migrate`: the cluster state
is backed up from a running server and restored after a stop, on SQLite and onto a real etcd."""
import json
import shutil
import subprocess

import pytest

from conftest import Server, make_kubectl, skiff_binary
from ha_cluster import EtcdMembers


def skiff(*args, check=True):
    p = subprocess.run([skiff_binary(), *args], capture_output=True, text=True, timeout=120)
    if check and p.returncode != 0:
        raise AssertionError(f"skiff {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def objects(kubectl, namespace):
    """name -> (uid, resourceVersion) of the ConfigMaps and Secrets the test made."""
    out = {}
    for kind in ("configmaps", "secrets"):
        items = json.loads(kubectl("get", kind, "-n", namespace, "-o", "json").stdout)["items"]
        for item in items:
            if item["metadata"]["name"].startswith(("cm-", "secret-")):
                out[item["metadata"]["name"]] = (item["metadata"]["uid"], int(item["metadata"]["resourceVersion"]))
    return out


def populate(kubectl, namespace, count=5):
    kubectl("create", "namespace", namespace)
    for i in range(count):
        kubectl("create", "configmap", f"cm-{i}", "-n", namespace, f"--from-literal=i={i}")
        kubectl("create", "secret", "generic", f"secret-{i}", "-n", namespace, f"--from-literal=password=p{i}")
    kubectl("label", "configmap", "cm-0", "-n", namespace, "touched=yes")


@pytest.fixture
def sqlite_server():
    s = Server().start()
    yield s
    s.stop()
    shutil.rmtree(s.dir, ignore_errors=True)


def test_save_on_a_running_server_then_restore_after_stop(sqlite_server):
    s = sqlite_server
    kubectl = make_kubectl(s.kubeconfig)
    populate(kubectl, "snap")
    before = objects(kubectl, "snap")

    saved = skiff("etcd-snapshot", "save", "--data-dir", s.dir, "--name", "e2e")
    assert "saved" in saved.stdout, saved.stdout
    listing = skiff("etcd-snapshot", "ls", "--data-dir", s.dir).stdout.splitlines()
    assert listing[0].split() == ["Name", "Location", "Size", "Created"]
    assert len(listing) == 2 and listing[1].startswith("e2e-"), listing
    name, location = listing[1].split()[:2]

    kubectl("delete", "configmap", "cm-1", "-n", "snap")
    kubectl("create", "configmap", "after-snapshot", "-n", "snap")
    s.stop()
    restored = skiff("etcd-snapshot", "restore", "--data-dir", s.dir, location.removeprefix("file://"))
    assert "previous database is kept" in restored.stdout, restored.stdout
    s.start()

    after = objects(kubectl, "snap")
    assert after == before, (before, after)
    assert kubectl("get", "configmap", "after-snapshot", "-n", "snap", check=False).returncode != 0
    assert kubectl("get", "configmap", "cm-0", "-n", "snap", "-o", "jsonpath={.metadata.labels.touched}").stdout == "yes"
    # New writes get resourceVersions past every one handed out before the restore.
    kubectl("create", "configmap", "new-after-restore", "-n", "snap")
    rv = int(kubectl("get", "configmap", "new-after-restore", "-n", "snap", "-o", "jsonpath={.metadata.resourceVersion}").stdout)
    assert rv > 1_000_000_000

    skiff("etcd-snapshot", "delete", "--data-dir", s.dir, name)
    assert len(skiff("etcd-snapshot", "ls", "--data-dir", s.dir).stdout.splitlines()) == 1


def test_restore_refuses_a_damaged_snapshot(sqlite_server):
    s = sqlite_server
    skiff("etcd-snapshot", "save", "--data-dir", s.dir, "--name", "damaged")
    path = skiff("etcd-snapshot", "ls", "--data-dir", s.dir).stdout.splitlines()[1].split()[1].removeprefix("file://")
    with open(path, "r+b") as f:
        f.seek(40)
        byte = f.read(1)
        f.seek(40)
        f.write(bytes([byte[0] ^ 0xFF]))
    s.stop()
    p = skiff("etcd-snapshot", "restore", "--data-dir", s.dir, path, check=False)
    assert p.returncode != 0 and "checksum" in p.stderr, p.stderr
    s.start()  # the database was left alone
    assert make_kubectl(s.kubeconfig)("get", "namespace", "default").returncode == 0


def test_migrate_sqlite_cluster_into_etcd_keeps_objects_uids_and_order(sqlite_server):
    s = sqlite_server
    kubectl = make_kubectl(s.kubeconfig)
    populate(kubectl, "moving")
    before = objects(kubectl, "moving")
    s.stop()

    etcd = EtcdMembers(1).start()
    try:
        migrated = skiff("datastore", "migrate", "--data-dir", s.dir, "--datastore-endpoint", etcd.endpoints)
        assert "Copied" in migrated.stdout, migrated.stdout
        again = skiff("datastore", "migrate", "--data-dir", s.dir, "--datastore-endpoint", etcd.endpoints, check=False)
        assert again.returncode != 0 and "empty" in again.stderr, again.stderr

        on_etcd = Server(data_dir=s.dir, extra_args=["--datastore-endpoint", etcd.endpoints]).start()
        try:
            after = objects(kubectl, "moving")
            assert {n: uid for n, (uid, _) in after.items()} == {n: uid for n, (uid, _) in before.items()}
            assert sorted(after, key=lambda n: after[n][1]) == sorted(before, key=lambda n: before[n][1])
            secret = json.loads(kubectl("get", "secret", "secret-2", "-n", "moving", "-o", "json").stdout)
            assert secret["data"]["password"] == "cDI="  # base64 of p2
            # The etcd-backed cluster can be snapshotted too.
            saved = skiff("etcd-snapshot", "save", "--data-dir", s.dir, "--datastore-endpoint", etcd.endpoints)
            assert "saved" in saved.stdout
        finally:
            on_etcd.stop()
    finally:
        etcd.close()
