"""`skiff controller-manager`, `scheduler` and `simulate` run their Swift tasks on swift-nio's event
loops (threads named NIO-SGLTN-...); the server keeps the Swift runtime's own pool (Dispatch worker
threads); SKIFF_GLOBAL_EXECUTOR=loops or =dispatch chooses for any command. Which threads do the
work is read from the CPU time of each thread in /proc."""
import os
import shutil
import subprocess
import time

from conftest import Server, skiff_binary


def cpu_ticks_by_pool(pid):
    """CPU ticks (user + system) of the process's threads, summed for the NIO event loops and for
    everything else."""
    totals = {"loops": 0, "other": 0}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        ticks = int(fields[11]) + int(fields[12])
        totals["loops" if name.startswith("NIO-SGLTN") else "other"] += ticks
    return totals


def work_done_by_pool(server, requests=400):
    before = cpu_ticks_by_pool(server.proc.pid)
    for i in range(requests):
        status, body, _ = server.request("GET", "/api/v1/namespaces/default/configmaps")
        assert status == 200, body
    after = cpu_ticks_by_pool(server.proc.pid)
    return {pool: after[pool] - before[pool] for pool in after}


def on_the_loops(work):
    """Reading, handling and answering all happen on the loops: other threads do (almost) nothing."""
    return work["loops"] > 0 and work["other"] * 20 <= work["loops"] + work["other"]


def on_the_runtime_pool(work):
    """The handlers run on the runtime's pool: a tenth or more of the work is off the loops."""
    return work["other"] * 10 >= work["loops"] + work["other"]


def test_the_server_keeps_the_runtime_pool(server):
    work = work_done_by_pool(server)
    assert on_the_runtime_pool(work), work


def test_the_server_takes_the_loops_when_asked():
    s = Server(env={"SKIFF_GLOBAL_EXECUTOR": "loops"}).start()
    try:
        work = work_done_by_pool(s)
        assert on_the_loops(work), work
    finally:
        s.stop()
        shutil.rmtree(s.dir, ignore_errors=True)


def test_the_controller_manager_runs_on_the_loops():
    s = Server(extra_args=["--disable-controller-manager"]).start()
    manager = subprocess.Popen(
        [skiff_binary(), "controller-manager", "--kubeconfig", s.kubeconfig, "--no-leader-elect", "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        replicaset = {
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "loops"},
            "spec": {"replicas": 60, "selector": {"matchLabels": {"app": "loops"}},
                     "template": {"metadata": {"labels": {"app": "loops"}},
                                  "spec": {"containers": [{"name": "c", "image": "busybox"}]}}}}
        status, body, _ = s.request("POST", "/apis/apps/v1/namespaces/default/replicasets", replicaset)
        assert status == 201, body
        deadline = time.time() + 30
        count = 0
        while time.time() < deadline and count < 60:
            _, body, _ = s.request("GET", "/api/v1/namespaces/default/pods?labelSelector=app%3Dloops")
            count = len(body.get("items", []))
            time.sleep(0.2)
        assert count == 60, f"the controller manager made {count} of 60 pods"
        work = cpu_ticks_by_pool(manager.pid)
        assert on_the_loops(work), work
    finally:
        manager.terminate()
        manager.wait(10)
        s.stop()
        shutil.rmtree(s.dir, ignore_errors=True)
