"""`skiff server --audit-log-path` records who did what, when, and the response code, at the
levels an audit Policy sets; Secret data never reaches the log at Metadata."""
import json
import os
import shutil
import uuid

from conftest import Server, make_kubectl

POLICY = """apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  nonResourceURLs: ["/healthz*", "/readyz*", "/livez*"]
- level: Metadata
  resources:
  - group: ""
    resources: ["secrets"]
- level: Request
  resources:
  - group: ""
    resources: ["configmaps"]
- level: RequestResponse
  resources:
  - group: ""
    resources: ["serviceaccounts"]
- level: Metadata
"""


def events(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def test_audit_log_records_requests_at_policy_levels():
    s = Server()
    policy = os.path.join(s.dir, "audit-policy.yaml")
    log = os.path.join(s.dir, "audit", "audit.log")
    with open(policy, "w") as f:
        f.write(POLICY)
    s.extra_args = ["--audit-log-path", log, "--audit-policy-file", policy]
    s.start()
    try:
        kubectl = make_kubectl(s.kubeconfig)
        marker = f"pw-{uuid.uuid4().hex}"
        kubectl("create", "secret", "generic", "audited", f"--from-literal=password={marker}")
        kubectl("create", "configmap", "audited", "--from-literal=colour=blue")
        kubectl("get", "secret", "audited")
        kubectl("create", "serviceaccount", "audited")
        missing = kubectl("get", "configmap", "absent", check=False)
        assert missing.returncode != 0
        recorded = events(log)
        with open(log) as f:
            text = f.read()
        assert marker not in text
        by_kubectl = [e for e in recorded if e["userAgent"].startswith("kubectl")]
        secret_create = [e for e in by_kubectl if e["verb"] == "create" and e.get("objectRef", {}).get("resource") == "secrets"]
        assert len(secret_create) == 1
        e = secret_create[0]
        assert e["kind"] == "Event" and e["apiVersion"] == "audit.k8s.io/v1"
        assert e["level"] == "Metadata" and "requestObject" not in e
        assert e["stage"] == "ResponseComplete"
        assert e["objectRef"]["namespace"] == "default"
        assert e["responseStatus"]["code"] == 201
        assert e["user"]["username"]
        assert e["userAgent"].startswith("kubectl")
        cm_create = [e for e in by_kubectl if e["verb"] == "create" and e.get("objectRef", {}).get("resource") == "configmaps"]
        assert cm_create[0]["level"] == "Request"
        assert cm_create[0]["requestObject"]["data"] == {"colour": "blue"}
        assert "responseObject" not in cm_create[0]
        # RequestResponse: the answer is recorded too, with what the server added (uid).
        sa_create = [e for e in by_kubectl if e["verb"] == "create" and e.get("objectRef", {}).get("resource") == "serviceaccounts"]
        assert sa_create[0]["level"] == "RequestResponse"
        assert sa_create[0]["requestObject"]["metadata"]["name"] == "audited"
        assert "uid" not in sa_create[0]["requestObject"]["metadata"]
        assert sa_create[0]["responseObject"]["kind"] == "ServiceAccount"
        assert sa_create[0]["responseObject"]["metadata"]["uid"]
        gets = [e for e in recorded if e["verb"] == "get" and e.get("objectRef", {}).get("name") == "absent"]
        assert gets and gets[0]["responseStatus"]["code"] == 404
        assert not [e for e in recorded if e["requestURI"].startswith("/readyz")]
        assert oct(os.stat(log).st_mode & 0o777) == "0o600"
    finally:
        s.stop()
        shutil.rmtree(s.dir, ignore_errors=True)
