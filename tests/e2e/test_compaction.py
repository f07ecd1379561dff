"""`skiff server --etcd-compaction-interval` compacts the store's history as kube-apiserver
compacts etcd: a list at a resourceVersion older than the compaction is 410 Expired with
Kubernetes' message, the current state is untouched, and the server keeps serving."""
import os
import re
import shutil
import sqlite3
import time

from conftest import Server, make_kubectl


def compacted_revisions(server):
    with open(server.log_path, errors="replace") as f:
        return [int(m) for m in re.findall(r"compacted the store's history up to revision (\d+)", f.read())]


def test_history_is_compacted_every_interval():
    s = Server(extra_args=["--etcd-compaction-interval", "1s"])
    s.start()
    try:
        kubectl = make_kubectl(s.kubeconfig)
        kubectl("create", "configmap", "counter", "--from-literal=n=0")
        first = kubectl("get", "configmap", "counter", "-o", "jsonpath={.metadata.resourceVersion}").stdout
        for n in range(1, 4):
            kubectl("patch", "configmap", "counter", "-p", f'{{"data":{{"n":"{n}"}}}}')
        last = int(kubectl("get", "configmap", "counter", "-o", "jsonpath={.metadata.resourceVersion}").stdout)
        deadline = time.time() + 20
        while time.time() < deadline and not [r for r in compacted_revisions(s) if r >= last]:
            time.sleep(0.2)
        assert [r for r in compacted_revisions(s) if r >= last], s.log()

        status, body, _ = s.request(
            "GET", f"/api/v1/namespaces/default/configmaps?resourceVersion={first}&resourceVersionMatch=Exact")
        assert status == 410, body
        assert body["reason"] == "Expired" and body["message"] == "The resourceVersion for the provided list is too old.", body
        assert kubectl("get", "configmap", "counter", "-o", "jsonpath={.data.n}").stdout == "3"
        kubectl("create", "configmap", "after")
        # The SQLite log holds one row for the counter's key now, not one per update.
        db = sqlite3.connect(os.path.join(s.dir, "db", "state.db"))
        try:
            rows = db.execute("SELECT COUNT(*) FROM log WHERE key = '/registry/configmaps/default/counter'").fetchone()[0]
            assert rows == 1, rows
        finally:
            db.close()
    finally:
        s.stop()
        shutil.rmtree(s.dir, ignore_errors=True)
