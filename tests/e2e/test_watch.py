"""Watch framing and resourceVersion semantics, read off the raw HTTPS stream."""
import http.client
import json
import time

NS = "/api/v1/namespaces/default/configmaps"


def stream(server, path, count, timeout=10):
    """Reads `count` newline-terminated events (or until the server closes)."""
    conn = http.client.HTTPSConnection("127.0.0.1", server.port, timeout=timeout, context=server.tls_context())
    conn.request("GET", path)
    resp = conn.getresponse()
    assert resp.status == 200
    assert resp.getheader("Content-Type").startswith("application/json")
    events = []
    while len(events) < count:
        line = resp.readline()
        if not line:
            break
        assert line.endswith(b"\n")
        events.append(json.loads(line))
    conn.close()
    return events


def create(server, name, labels=None):
    status, body, _ = server.request("POST", NS, {"apiVersion": "v1", "kind": "ConfigMap",
                                                  "metadata": {"name": name, "labels": labels or {}}})
    assert status == 201, body
    return body


def test_rv_zero_gives_synthetic_added_then_changes(server):
    first = create(server, "wz-1", {"w": "z"})
    import threading
    threading.Timer(0.5, lambda: create(server, "wz-2", {"w": "z"})).start()
    events = stream(server, NS + "?watch=true&resourceVersion=0&labelSelector=w%3Dz", 2)
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in events] == [("ADDED", "wz-1"), ("ADDED", "wz-2")]
    assert int(events[1]["object"]["metadata"]["resourceVersion"]) > int(first["metadata"]["resourceVersion"])


def test_resume_from_revision_replays_in_order(server):
    a = create(server, "wr-a", {"w": "r"})
    rv = a["metadata"]["resourceVersion"]
    create(server, "wr-b", {"w": "r"})
    server.request("DELETE", NS + "/wr-a")
    events = stream(server, NS + f"?watch=true&resourceVersion={rv}&labelSelector=w%3Dr", 2)
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in events] == [("ADDED", "wr-b"), ("DELETED", "wr-a")]


def test_timeout_seconds_closes_stream(server):
    start = time.time()
    events = stream(server, NS + "?watch=true&timeoutSeconds=1&resourceVersion=999999999999", 100, timeout=10)
    assert time.time() - start < 5
    assert all(e["type"] != "ERROR" for e in events) or events


def test_send_initial_events_ends_with_bookmark(server):
    create(server, "wi-1", {"w": "i"})
    events = stream(server, NS + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"
                    "&allowWatchBookmarks=true&labelSelector=w%3Di", 2)
    assert events[0]["type"] == "ADDED" and events[0]["object"]["metadata"]["name"] == "wi-1"
    assert events[1]["type"] == "BOOKMARK"
    assert events[1]["object"]["metadata"]["annotations"]["k8s.io/initial-events-end"] == "true"
    assert int(events[1]["object"]["metadata"]["resourceVersion"]) >= int(events[0]["object"]["metadata"]["resourceVersion"])


def test_table_watch_rows(server):
    create(server, "wt-1", {"w": "t"})
    conn = http.client.HTTPSConnection("127.0.0.1", server.port, timeout=10, context=server.tls_context())
    conn.request("GET", NS + "?watch=true&resourceVersion=0&labelSelector=w%3Dt",
                 headers={"Accept": "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"})
    line = conn.getresponse().readline()
    conn.close()
    event = json.loads(line)
    assert event["object"]["kind"] == "Table"
    assert event["object"]["rows"][0]["cells"][0] == "wt-1"


def test_a_large_initial_state_arrives_whole_over_several_writes(server):
    """Events waiting for a watch go out together, split into writes of about 1 MiB: 300
    ConfigMaps of 8 KiB (2.4 MiB) must all arrive as whole, parseable lines, in key order."""
    payload = "x" * 8192
    names = [f"wbig-{i:03d}" for i in range(300)]
    for name in names:
        status, body, _ = server.request("POST", NS, {"apiVersion": "v1", "kind": "ConfigMap",
                                                      "metadata": {"name": name, "labels": {"w": "big"}},
                                                      "data": {"payload": payload}})
        assert status == 201, body
    events = stream(server, NS + "?watch=true&resourceVersion=0&labelSelector=w%3Dbig", len(names), timeout=30)
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in events] == [("ADDED", n) for n in names]
    assert all(e["object"]["data"]["payload"] == payload for e in events)
