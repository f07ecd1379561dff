"""Bad input gets a Kubernetes Status with the right code and reason, never a crash or a hang."""
import pytest

CM = "/api/v1/namespaces/default/configmaps"


def assert_status(result, code, reason):
    status, body, _ = result
    assert status == code, body
    assert isinstance(body, dict) and body.get("kind") == "Status", body
    assert body["code"] == code and body["reason"] == reason, body
    return body


@pytest.mark.parametrize("raw", [b"{", b"{\"a\":}", b"[1,2", b"nul", b"\"unterminated", b"{\"a\":1}}", b"\xff\xfe",
                                 b"{" * 5000 + b"}" * 5000])
def test_malformed_json_is_400(server, raw):
    assert_status(server.request("POST", CM, raw), 400, "BadRequest")


def test_wrong_json_shapes(server):
    assert_status(server.request("POST", CM, b"[]"), 400, "BadRequest")
    assert_status(server.request("POST", CM, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}}), 400, "BadRequest")
    assert_status(server.request("POST", CM, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": "x"}), 400, "BadRequest")
    body = assert_status(server.request("POST", CM, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}), 422, "Invalid")
    assert body["details"]["causes"][0]["field"] == "metadata.name"


def test_body_over_3_mib_is_413(server):
    big = b'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"a":"' + b"x" * (3 * 1024 * 1024) + b'"}}'
    status, _, _ = server.request("POST", CM, big)
    assert status == 413


def test_unknown_patch_type_is_415(server):
    server.request("POST", CM, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "p415"}})
    assert_status(server.request("PATCH", CM + "/p415", {"data": {}}, content_type="text/plain"), 415, "UnsupportedMediaType")


def test_invalid_objects_are_422_with_causes(server):
    body = assert_status(server.request("POST", "/api/v1/namespaces/default/pods",
                                        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "nocontainers"},
                                         "spec": {"containers": []}}), 422, "Invalid")
    assert any(c["field"].startswith("spec.containers") for c in body["details"]["causes"])
    body = assert_status(server.request("POST", CM, {"apiVersion": "v1", "kind": "ConfigMap",
                                                     "metadata": {"name": "x", "labels": {"bad key!": "v"}}}), 422, "Invalid")
    assert body["details"]["causes"][0]["field"] == "metadata.labels"


def test_not_found_and_method_not_allowed(server):
    assert_status(server.request("GET", CM + "/nothing"), 404, "NotFound")
    assert_status(server.request("GET", "/apis/nope/v1/things"), 404, "NotFound")
    assert_status(server.request("PUT", CM, {"apiVersion": "v1", "kind": "ConfigMap"}), 405, "MethodNotAllowed")


def test_bad_selectors_and_resource_versions_are_400(server):
    assert_status(server.request("GET", CM + "?labelSelector=a%20in%20(b"), 400, "BadRequest")
    assert_status(server.request("GET", CM + "?fieldSelector=spec.nope%3Dx"), 400, "BadRequest")
    assert_status(server.request("GET", CM + "?resourceVersion=abc"), 400, "BadRequest")
    assert_status(server.request("GET", CM + "?limit=2&continue=garbage"), 400, "BadRequest")


def test_no_half_written_objects(server):
    # A rejected create leaves nothing behind.
    server.request("POST", CM, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Half"}})
    status, _, _ = server.request("GET", CM + "/Half")
    assert status == 404


def test_server_still_healthy(server):
    status, body, _ = server.request("GET", "/readyz")
    assert status == 200 and body == "ok"
