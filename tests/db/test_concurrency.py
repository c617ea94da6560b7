"""Several programs writing to one store at once: nothing lost, never "database is locked".

Each test runs on a SQLite file and on a PostgreSQL database.
"""

from __future__ import annotations

import subprocess
import sys

from ecomtui.db.engine import open_database
from ecomtui.services import tasks

HANG_GUARD = 600  # seconds; only stops a hung run, never asserted on

# Every program says it is ready, waits for the common start signal, then does
# its share. TASK_ADDS runs `ecomtui task add` COUNT times, in-process (each
# call opens the store anew, as a separate command would) to spare 400
# interpreter start-ups. OPEN_AND_WRITE opens a store nobody opened yet at the
# same moment as the others, then adds COUNT tasks, reading the count in
# between like the board does.
_WAIT_FOR_GO = r"""
import sys, time
from pathlib import Path
target, name, go, count = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
"""
TASK_ADDS = (
    _WAIT_FOR_GO
    + r"""
import contextlib, io
from ecomtui.cli import main
for i in range(count):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["task", "add", f"{name} {i}", "--channel", "ppc", "--db", target])
    if code != 0 or err.getvalue() or not out.getvalue().startswith("added task "):
        sys.exit(f"task add {name} {i}: exit {code}: {err.getvalue().strip()}")
print("done", flush=True)
"""
)
OPEN_AND_WRITE = (
    _WAIT_FOR_GO
    + r"""
from ecomtui.db.engine import open_database
from ecomtui.services import tasks
db = open_database(target)
for i in range(count):
    with db.write() as session:
        tasks.create_task(session, tasks.parse_task_input(session, title=f"{name} {i}", channel="ppc"))
    with db.read() as session:
        tasks.count_tasks(session)
db.dispose()
print("done", flush=True)
"""
)


def run_together(tmp_path, script, target, names, count):
    """Start one process per name, release them together, return their (returncode, stdout, stderr)."""
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, target, name, str(go), str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )
        for name in names
    ]
    try:
        for proc in procs:
            line = proc.stdout.readline().strip()
            if line != "ready":
                proc.kill()
                assert line == "ready", proc.communicate()[1]
        go.touch()
        outputs = [proc.communicate(timeout=HANG_GUARD) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return [(proc.returncode, out, err) for proc, (out, err) in zip(procs, outputs)]


def stored_cards(target):
    db = open_database(target)
    try:
        with db.read() as session:
            return tasks.list_tasks(session)
    finally:
        db.dispose()


def assert_all_finished(results):
    for returncode, out, err in results:
        assert "database is locked" not in err
        assert returncode == 0, err
        assert out.split() == ["done"]


def test_four_processes_running_task_add_100_times_each(db_url, tmp_path):
    open_database(db_url).dispose()
    names = ["A", "B", "C", "D"]

    assert_all_finished(run_together(tmp_path, TASK_ADDS, db_url, names, 100))

    cards = stored_cards(db_url)
    assert len(cards) == 400
    assert sorted(c.title for c in cards) == sorted(f"{n} {i}" for n in names for i in range(100))
    assert len({c.id for c in cards}) == 400
    assert {c.channel for c in cards} == {"PPC"}


def test_processes_opening_a_new_store_at_the_same_moment(empty_db_url, backend, tmp_path):
    # The first start of several programs on a store that does not exist yet
    # (a file in a folder that does not exist either): all of them create /
    # migrate it at once; none may fail and nothing may be lost.
    target = str(tmp_path / "brand-new" / "shared.db") if backend == "sqlite" else empty_db_url
    names = ["A", "B", "C", "D"]

    assert_all_finished(run_together(tmp_path, OPEN_AND_WRITE, target, names, 20))

    cards = stored_cards(target)
    assert sorted(c.title for c in cards) == sorted(f"{n} {i}" for n in names for i in range(20))
