"""Acknowledged writes survive `kill -9` of the server."""
import shutil
import threading

from conftest import Server


def test_acknowledged_writes_survive_kill_9():
    s = Server().start()
    acknowledged = []
    stop = threading.Event()

    def writer(worker):
        i = 0
        while not stop.is_set() and i < 2000:
            name = f"cm-{worker}-{i}"
            try:
                status, _, _ = s.request("POST", "/api/v1/namespaces/default/configmaps",
                                         {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name},
                                          "data": {"i": str(i)}})
            except OSError:
                return  # the server was killed mid-request: this write was never acknowledged
            if status != 201:
                return
            acknowledged.append(name)
            i += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    while len(acknowledged) < 300:
        threading.Event().wait(0.01)
    s.kill9()
    stop.set()
    for t in threads:
        t.join(30)
    assert len(acknowledged) >= 300
    restarted = Server(data_dir=s.dir)
    restarted.start()
    try:
        status, body, _ = restarted.request("GET", "/api/v1/namespaces/default/configmaps")
        assert status == 200
        present = {item["metadata"]["name"] for item in body["items"]}
        missing = [n for n in acknowledged if n not in present]
        assert missing == [], f"{len(missing)} acknowledged writes lost, e.g. {missing[:5]}"
        # The store keeps working after recovery: revisions keep growing.
        status, created, _ = restarted.request("POST", "/api/v1/namespaces/default/configmaps",
                                               {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "after"}})
        assert status == 201
        assert int(created["metadata"]["resourceVersion"]) > int(body["metadata"]["resourceVersion"])
    finally:
        restarted.stop()
        shutil.rmtree(s.dir, ignore_errors=True)
