"""Jobs with the real kubectl: pods from the template on hollow nodes, `kubectl wait
--for=condition=Complete` once they succeed (hollow nodes run pods for ever, so the test reports
them Succeeded through the status subresource), a failing Job reaching its backoff limit, and a
finished Job removed after ttlSecondsAfterFinished."""
import json

import pytest

from cluster import Cluster


@pytest.fixture
def cluster():
    c = Cluster()
    yield c
    c.stop()


def job_manifest(name, **spec):
    return {
        "apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
        "spec": {"template": {"spec": {"restartPolicy": "Never",
                                       "containers": [{"name": "work", "image": "registry.example/work:1"}]}},
                 **spec},
    }


def job_pods(cluster, name):
    out = cluster.kubectl("get", "pods", "-l", f"batch.kubernetes.io/job-name={name}", "-o", "json").stdout
    return json.loads(out)["items"]


def finish(cluster, pod, phase):
    cluster.kubectl("patch", "pod", pod, "--subresource=status", "--type=merge",
                    "-p", json.dumps({"status": {"phase": phase}}))


def test_job_completes_and_kubectl_wait_sees_it(cluster):
    cluster.simulate(2, "job-")
    cluster.apply(job_manifest("pi", completions=3, parallelism=2, ttlSecondsAfterFinished=2))
    done = set()
    while len(done) < 3:
        cluster.wait(lambda: any(p["status"].get("phase") == "Running" and p["metadata"]["name"] not in done
                                 for p in job_pods(cluster, "pi")), "a running job pod")
        running = [p for p in job_pods(cluster, "pi")
                   if p["status"].get("phase") == "Running" and p["metadata"]["name"] not in done]
        assert len([p for p in job_pods(cluster, "pi") if p["status"].get("phase") != "Succeeded"]) <= 2
        finish(cluster, running[0]["metadata"]["name"], "Succeeded")
        done.add(running[0]["metadata"]["name"])
    cluster.kubectl("wait", "--for=condition=Complete", "job/pi", "--timeout=30s")
    job = cluster.get("job", "pi")
    assert job["status"]["succeeded"] == 3 and job["status"].get("completionTime")
    assert [c["type"] for c in job["status"]["conditions"]] == ["SuccessCriteriaMet", "Complete"]
    listed = cluster.kubectl("get", "job", "pi").stdout
    assert "3/3" in listed, listed
    events = cluster.kubectl("get", "events", "--field-selector", "involvedObject.name=pi", "-o", "json").stdout
    assert "SuccessfulCreate" in events and "Completed" in events
    cluster.wait(lambda: cluster.get("job", "pi", check=False) is None, "job deleted after its TTL")


def test_job_fails_at_its_backoff_limit(cluster):
    cluster.simulate(1, "fail-")
    cluster.apply(job_manifest("flaky", backoffLimit=0))
    cluster.wait(lambda: any(p["status"].get("phase") == "Running" for p in job_pods(cluster, "flaky")), "a running pod")
    finish(cluster, job_pods(cluster, "flaky")[0]["metadata"]["name"], "Failed")
    cluster.kubectl("wait", "--for=condition=Failed", "job/flaky", "--timeout=30s")
    failed = [c for c in cluster.get("job", "flaky")["status"]["conditions"] if c["type"] == "Failed"][0]
    assert failed["reason"] == "BackoffLimitExceeded"
    assert failed["message"] == "Job has reached the specified backoff limit"
