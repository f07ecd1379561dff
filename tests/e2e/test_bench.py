"""The shipped benchmarks run end to end at a small size: their load generator's requests reach a
real `skiff server` and every one is answered, or the command fails."""
import re
import subprocess

from conftest import skiff_binary


def run_bench(*args, timeout=240):
    done = subprocess.run([skiff_binary(), "bench", *args], capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"skiff bench {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    # The bench kills a server that ignores SIGTERM for 30 s, and says so: a shutdown bug.
    assert "did not exit within 30 s of SIGTERM" not in done.stderr, done.stderr
    return done.stdout


def test_bench_apiserver_creates_and_reads_through_its_connections():
    out = run_bench("apiserver", "--pods", "300", "--gets", "300", "--rate", "50", "--seconds", "1",
                    "--list-pods", "40", "--watchers", "2", "--watch-events", "2")
    creates = re.search(r"creates: 300 pods in ([0-9.]+) s = ([0-9]+) pods/s", out)
    assert creates and float(creates.group(2)) > 0, out
    assert re.search(r"load generator [0-9.]+ s \(([0-9]+) us/create\)", out), out
    assert re.search(r"gets: 300 of one pod in [0-9.]+ s", out), out
    # The host's speed before and after, to compare runs taken at different times.
    speeds = [float(v) for v in re.findall(r"host speed[a-z ]*: ([0-9.]+) us per parse of the reference pod", out)]
    assert len(speeds) == 2 and all(v > 0 for v in speeds), out
    # Every created pod is bound and reported Running (the bench fails on any answer but 2xx).
    assert re.search(r"bindings: 300 in [0-9.]+ s = [0-9]+/s; CPU: server [0-9]+ us each", out), out
    assert re.search(r"status patches: 300 in [0-9.]+ s = [0-9]+/s; CPU: server [0-9]+ us each", out), out
    # The list run counts what the creates made: 40 pods, each answered 201.
    assert re.search(r"list 40 pods: best [0-9.]+ ms", out), out


def test_bench_handlers_sends_each_pods_writes_to_the_responder_in_process():
    out = run_bench("handlers", "--pods", "200", "--rounds", "2", "--concurrency", "16")
    # The bench checks every answer's status and then reads the last pod back from the store.
    assert "last pod: bound to hollow-199, Running" in out, out
    assert "200 pods per round, 16 concurrent requests, SQLite store, best of 2 rounds" in out, out
    for phase in ("create", "binding", "status patch", "get"):
        row = re.search(phase + r": ([0-9.]+) us of CPU per request \(([0-9.]+) us of wall time\)", out)
        assert row and float(row.group(1)) > 0 and float(row.group(2)) > 0, out
    refused = subprocess.run([skiff_binary(), "bench", "handlers", "--pods", "0"], capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "must be above 0" in refused.stderr, refused


def test_bench_json_times_the_field_managers_update():
    out = run_bench("json", "--iterations", "200", "--rounds", "1")
    row = re.search(r"managed fields of that status patch \(the field manager's update\): ([0-9.]+) us", out)
    assert row and float(row.group(1)) > 0, out
    assert re.search(r"strategic merge of a hollow node's status patch onto the bound pod: [0-9.]+ us", out), out


def test_bench_scheduler_binds_every_created_pod():
    out = run_bench("scheduler", "--nodes", "20", "--pods", "200", "--concurrency", "8")
    assert re.search(r"scheduled: 200 pods in [0-9.]+ s from first create to last binding", out), out
    requests = re.search(r"requests: POST pods ([0-9]+)", out)
    # 200 creates and 200 bindings (and the probe pod's two).
    assert requests and int(requests.group(1)) >= 400, out


def test_bench_datastores_writes_raw_values_as_large_as_the_stored_pods():
    out = run_bench("datastores", "--backends", "sqlite,etcd1", "--pods", "200", "--raw-writes", "400",
                    "--rate", "50", "--seconds", "1")
    sizes = []
    for backend in ("sqlite", "etcd1"):
        row = re.search(backend + r": raw store ([0-9]+) writes/s of ([0-9]+) B .*; API server ([0-9]+) pod creates/s", out)
        assert row and int(row.group(1)) > 0 and int(row.group(3)) > 0, out
        # The raw values are the size of the pod the API server stored in the same backend:
        # the bench's pod with its defaults, service account volume and managed fields.
        assert 2000 < int(row.group(2)) < 4000, out
        sizes.append(int(row.group(2)))
    # The two backends' pods differ only in their random names.
    assert abs(sizes[0] - sizes[1]) <= 16, out
    assert re.search(r"\| etcd1 \| [0-9]+ \([0-9.]+ ms\), [0-9]+ B \| [0-9]+ \| [0-9]+% \|", out), out
    # --value-bytes sets the size instead; nonsense sizes are refused before anything starts.
    out = run_bench("datastores", "--backends", "sqlite", "--pods", "20", "--raw-writes", "40", "--rate", "20",
                    "--seconds", "1", "--value-bytes", "1234")
    assert re.search(r"sqlite: raw store [0-9]+ writes/s of 1234 B", out), out
    refused = subprocess.run([skiff_binary(), "bench", "datastores", "--value-bytes", "0"], capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "--value-bytes must be at least 1" in refused.stderr, refused


def test_bench_decisions_places_every_pod_on_a_sample_of_the_nodes():
    out = run_bench("decisions", "--nodes", "200", "--pods", "500", "--rounds", "1")
    # Kubernetes' adaptive sample of 200 nodes is 100 (49%, at least 100).
    assert re.search(r"500 pods on 200 hollow nodes, 100 nodes filtered per pod", out), out
    decision = re.search(r"decision: ([0-9.]+) us per pod \(([0-9]+) ns per node filtered\), best of 1 rounds", out)
    assert decision and float(decision.group(1)) > 0, out
    refused = subprocess.run([skiff_binary(), "bench", "decisions", "--nodes", "0"], capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "must be above 0" in refused.stderr, refused
    # More pods than the hollow nodes hold (110 each) is refused before anything runs.
    refused = subprocess.run([skiff_binary(), "bench", "decisions", "--nodes", "1", "--pods", "111"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "must fit on the nodes (110 pods each)" in refused.stderr, refused
