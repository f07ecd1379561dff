"""Every skiff process runs its Swift tasks on swift-nio's event loops (threads named
NIO-SGLTN-...), so a request is handled on the thread that reads it; SKIFF_GLOBAL_EXECUTOR=dispatch
keeps the Swift runtime's own pool (Dispatch worker threads). Which threads do the work is read
from the CPU time of each thread in /proc."""
import os
import shutil

from conftest import Server


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


def test_requests_are_handled_on_the_event_loops(server):
    work = work_done_by_pool(server)
    # Reading, handling and answering all happen on the loops: other threads do (almost) nothing.
    assert work["loops"] > 0 and work["other"] * 20 <= work["loops"] + work["other"], work


def test_the_runtime_pool_is_kept_when_asked():
    s = Server(env={"SKIFF_GLOBAL_EXECUTOR": "dispatch"}).start()
    try:
        work = work_done_by_pool(s)
        # The handlers run on the runtime's pool: a tenth or more of the work is off the loops.
        assert work["other"] * 10 >= work["loops"] + work["other"], work
    finally:
        s.stop()
        shutil.rmtree(s.dir, ignore_errors=True)
