"""Several programs writing to the same file at once: nothing lost, never "database is locked"."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from ecomtui.db.engine import open_database
from ecomtui.services import tasks

HANG_GUARD = 300  # seconds; only stops a hung run, never asserted on

# A writer says it is ready, waits for the common start signal, then adds COUNT
# tasks in COUNT write transactions, reading the count in between like the
# board does. With "open-first" it opens the database before the signal (the
# file exists already); with "open-after" every writer opens the (new) file at
# the same moment.
WRITER = r"""
import sys, time
from pathlib import Path
from ecomtui.db.engine import open_database
from ecomtui.services import tasks

path, name, go, mode, count = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4], int(sys.argv[5])
db = open_database(path) if mode == "open-first" else None
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
db = db or open_database(path)
for i in range(count):
    with db.write() as session:
        tasks.create_task(session, tasks.parse_task_input(session, title=f"{name} {i}", channel="ppc"))
    with db.read() as session:
        tasks.count_tasks(session)
db.dispose()
print("done", flush=True)
"""


def run_writers(tmp_path, path, names, mode, count):
    """Start one process per name, release them together, return their (returncode, stdout, stderr)."""
    go = tmp_path / f"go-{path.stem}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(go), mode, str(count)],
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


def stored_cards(path):
    db = open_database(str(path))
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


def test_two_processes_adding_100_tasks_each(tmp_path):
    path = tmp_path / "shared.db"
    open_database(str(path)).dispose()

    assert_all_finished(run_writers(tmp_path, path, ["A", "B"], "open-first", 100))

    cards = stored_cards(path)
    assert len(cards) == 200
    assert sorted(c.title for c in cards) == sorted(f"{n} {i}" for n in "AB" for i in range(100))
    assert len({c.id for c in cards}) == 200
    assert {c.channel for c in cards} == {"PPC"}


def test_processes_opening_a_new_file_at_the_same_moment(tmp_path):
    # The first start of several programs on a file that does not exist yet:
    # all of them create / migrate it; none may fail and nothing may be lost.
    path = tmp_path / "brand-new" / "shared.db"

    assert_all_finished(run_writers(tmp_path, path, ["A", "B", "C"], "open-after", 20))

    cards = stored_cards(path)
    assert sorted(c.title for c in cards) == sorted(f"{n} {i}" for n in "ABC" for i in range(20))


def _cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "ecomtui", *args],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        cwd=cwd,
    )


def test_two_shells_running_task_add_at_the_same_time(tmp_path):
    path = tmp_path / "cli.db"
    open_database(str(path)).dispose()

    def worker(name: str):
        return [_cli("task", "add", f"{name} {i}", "--db", str(path), cwd=tmp_path) for i in range(10)]

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = [r for batch in pool.map(worker, ("left", "right")) for r in batch]

    for run in runs:
        assert "database is locked" not in run.stderr
        assert run.returncode == 0, run.stderr
        assert run.stderr == ""
        assert run.stdout.startswith("added task ")

    listing = _cli("task", "list", "--json", "--db", str(path), cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    titles = sorted(t["title"] for t in json.loads(listing.stdout))
    assert titles == sorted(f"{n} {i}" for n in ("left", "right") for i in range(10))
