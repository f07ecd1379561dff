"""Faults under load on two `skiff server`s and a three-member etcd cluster, each bounded in time:
kill -9 one etcd member, kill -9 one API server while clients switch to the other, and restart the
whole etcd cluster while a watch runs. Acknowledged writes are never lost, and the watch sees every
acknowledged write exactly once, with strictly increasing resourceVersions."""
import json
import ssl
import threading
import time
import urllib.request

import pytest

from ha_cluster import Writer, etcd, names_in, start_pair, stop_pair, wait_until


@pytest.fixture(scope="module")
def servers(etcd):
    # Controllers and schedulers are not under test here; without them the load is the test's own.
    a, b = start_pair(etcd, extra_b=["--disable-controller-manager", "--disable-scheduler"])
    yield a, b
    stop_pair((a, b))


def test_kill9_one_etcd_member_under_write_load_loses_no_acknowledged_write(etcd, servers):
    a, b = servers
    writers = [Writer([a], "member-a", limit=10_000).start(), Writer([b], "member-b", limit=10_000).start()]
    wait_until("writes before the kill", lambda: all(len(w.acked) >= 20 for w in writers), 30)
    # Member 0 is the one server A sends its requests to.
    etcd.kill9(0)
    killed_at = time.time()
    wait_until("acknowledgements after the kill", lambda: all(len(w.acked_after(killed_at)) >= 20 for w in writers), 40)
    for w in writers:
        w.stop()
    for w in writers:
        assert set(w.acked) <= names_in(b, w.prefix), set(w.acked) - names_in(b, w.prefix)
        assert set(w.acked) <= names_in(a, w.prefix)
    etcd.start_again([0])


def test_kill9_one_api_server_under_load_while_clients_switch_loses_no_acknowledged_write(servers):
    a, b = servers
    writer = Writer([a, b], "switch", limit=10_000).start()
    wait_until("writes through A", lambda: len(writer.acked) >= 20, 30)
    a.kill9()
    killed_at = time.time()
    wait_until("writes through B after A died", lambda: len(writer.acked_after(killed_at)) >= 20, 30)
    writer.stop()
    assert set(writer.acked) <= names_in(b, "switch"), set(writer.acked) - names_in(b, "switch")
    a.start(timeout=60)
    assert set(writer.acked) <= names_in(a, "switch")


class EventLog:
    """A watch of ConfigMaps on one server from a resourceVersion, re-established from the last
    resourceVersion it received whenever the stream ends (as client-go's reflector does), until
    stopped. Records every (type, name, resourceVersion)."""

    def __init__(self, server, rv):
        self.server = server
        self.rv = rv
        self.events = []
        self.errors = []
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop_event.is_set():
            url = (f"{self.server.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={self.rv}"
                   "&timeoutSeconds=5&allowWatchBookmarks=true")
            try:
                with urllib.request.urlopen(url, timeout=30, context=self.server.tls_context()) as r:
                    for line in r:
                        if self.stop_event.is_set():
                            return
                        event = json.loads(line)
                        if event["type"] == "ERROR":
                            self.errors.append(event["object"])
                            break
                        rv = event["object"]["metadata"]["resourceVersion"]
                        if event["type"] != "BOOKMARK":
                            self.events.append((event["type"], event["object"]["metadata"]["name"], int(rv)))
                        self.rv = rv
            except Exception:  # the server is cut off from etcd or the connection broke: watch again
                time.sleep(0.2)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stop_event.set()
        self.thread.join(15)
        assert not self.thread.is_alive(), "watch did not stop"


def test_restart_whole_etcd_cluster_servers_recover_and_watch_resumes_without_gaps_or_duplicates(etcd, servers):
    a, b = servers
    status, listed, _ = b.request("GET", "/api/v1/namespaces/default/configmaps")
    assert status == 200, listed
    watch = EventLog(b, listed["metadata"]["resourceVersion"]).start()
    writer = Writer([a], "restart", limit=10_000).start()
    wait_until("writes before the restart", lambda: len(writer.acked) >= 20, 30)
    etcd.stop_all()
    time.sleep(1)
    etcd.start_again(range(3))
    restarted_at = time.time()
    wait_until("writes after the restart", lambda: len(writer.acked_after(restarted_at)) >= 20, 45)
    writer.stop()
    for s in (a, b):
        with urllib.request.urlopen(s.url + "/readyz", timeout=5, context=s.tls_context()) as r:
            assert r.status == 200
    last = max(rv for _, rv in writer.acked.values())
    wait_until("the watch to catch up", lambda: any(rv >= last for _, _, rv in watch.events), 30)
    watch.stop()
    assert watch.errors == []
    rvs = [rv for _, _, rv in watch.events]
    assert rvs == sorted(set(rvs)), "resourceVersions not strictly increasing"
    added = [name for kind, name, _ in watch.events if kind == "ADDED" and name.startswith("restart-")]
    assert len(added) == len(set(added)), "an ADDED event came twice"
    assert set(writer.acked) <= set(added), set(writer.acked) - set(added)
    for name, (_, rv) in writer.acked.items():
        assert ("ADDED", name, rv) in watch.events
    assert set(writer.acked) <= names_in(b, "restart")
