"""The demo store generator: deterministic, believable, and never overwrites a real store."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
import time as time_module
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from ecomtui.db import location
from ecomtui.db.engine import open_database
from ecomtui.db.location import DbLocation
from ecomtui.db.models import TASK_STATUSES
from ecomtui.demo import is_demo_store, write_demo
from ecomtui.services import tasks
from ecomtui.services.validation import InvalidInput

TODAY = date(2026, 11, 24)
HANG_GUARD = 120  # seconds; only stops a hung run, never asserted on


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _task_rows(path: Path) -> list[tuple]:
    return _rows(
        path,
        "SELECT id, title, notes, status, channel_id, owner_id, priority, due, sprint,"
        " created_at, updated_at, done_at FROM task ORDER BY id",
    )


def _open(path: Path):
    return open_database(location=DbLocation(url=f"sqlite:///{path}", path=path))


def _board(path: Path, today: date = TODAY) -> list[tasks.TaskCard]:
    database = _open(path)
    try:
        with database.read() as session:
            return tasks.load_board(session, today)
    finally:
        database.dispose()


def _settings(path: Path) -> dict[str, str]:
    return dict(_rows(path, "SELECT key, value FROM setting"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Never reach the real user data dir or the user's $ECOMTUI_DB."""
    monkeypatch.setattr(location, "user_data_dir", lambda: tmp_path / "userdata")
    monkeypatch.delenv("ECOMTUI_DB", raising=False)
    monkeypatch.setenv("ECOMTUI_TODAY", TODAY.isoformat())


@pytest.fixture(scope="module")
def large_demo(tmp_path_factory) -> Path:
    return write_demo(str(tmp_path_factory.mktemp("large") / "large.db"), scale="large", today=TODAY)


# ---- determinism ----------------------------------------------------------------


def test_same_seed_and_today_give_identical_stores(tmp_path):
    a = write_demo(str(tmp_path / "a.db"), seed=11, today=TODAY)
    b = write_demo(str(tmp_path / "b.db"), seed=11, today=TODAY)
    assert _task_rows(a) == _task_rows(b)
    for table in ("partner", "partner_service", "contact", "setting"):
        assert _rows(a, f"SELECT * FROM {table} ORDER BY 1, 2") == _rows(b, f"SELECT * FROM {table} ORDER BY 1, 2")


def test_another_seed_or_day_gives_another_store(tmp_path):
    base = _task_rows(write_demo(str(tmp_path / "a.db"), seed=1, today=TODAY))
    assert _task_rows(write_demo(str(tmp_path / "b.db"), seed=2, today=TODAY)) != base
    assert _task_rows(write_demo(str(tmp_path / "c.db"), seed=1, today=TODAY + timedelta(days=40))) != base


def test_today_comes_from_ecomtui_today(tmp_path, monkeypatch):
    monkeypatch.setenv("ECOMTUI_TODAY", "2027-03-05")
    via_env = write_demo(str(tmp_path / "env.db"))
    explicit = write_demo(str(tmp_path / "explicit.db"), today=date(2027, 3, 5))
    assert _task_rows(via_env) == _task_rows(explicit)
    sprints = {s for (s,) in _rows(via_env, "SELECT DISTINCT sprint FROM task")}
    assert {"2027-03", "2027-04"} <= sprints


# ---- small scale content --------------------------------------------------------


def test_small_store_is_a_believable_board(tmp_path):
    path = write_demo(str(tmp_path / "small.db"), today=TODAY)
    rows = _rows(path, "SELECT title, status, channel_id, owner_id, priority, due, sprint, done_at FROM task")
    assert 100 <= len(rows) <= 140
    assert {r[1] for r in rows} == set(TASK_STATUSES)
    assert all(r[2] is not None and r[3] is not None for r in rows), "every task has a channel and an owner"
    assert all(r[0].strip() and "[" not in r[0] for r in rows)
    assert {r[4] for r in rows} == {"low", "normal", "high", "urgent"}
    assert sum(r[4] == "normal" for r in rows) > len(rows) / 3
    assert {r[6] for r in rows if r[1] != "done"} <= {"2026-11", "2026-12"}

    board = _board(path)
    assert len(board) == len(rows), "small store: every task is on the board"
    overdue = [c for c in board if c.is_overdue(TODAY)]
    assert 1 <= len(overdue) <= 10
    assert all(c.channel and c.owner for c in board)

    cutoff = datetime.combine(TODAY - timedelta(days=25), time.min, tzinfo=UTC)
    database = _open(path)
    try:
        with database.read() as session:
            from sqlmodel import select

            from ecomtui.db.models import Task

            done = session.exec(select(Task).where(Task.status == "done")).all()
            for task in done:
                assert task.done_at is not None and cutoff <= task.done_at
                assert task.done_at.date() <= TODAY
                assert task.created_at <= task.done_at
            for task in session.exec(select(Task).where(Task.status != "done")).all():
                assert task.done_at is None
                assert task.created_at <= task.updated_at
    finally:
        database.dispose()


def test_small_store_has_team_agencies_and_freelancers(tmp_path):
    path = write_demo(str(tmp_path / "small.db"), today=TODAY)
    kinds = dict(_rows(path, "SELECT kind, count(*) FROM partner GROUP BY kind"))
    assert kinds == {"in-house": 5, "agency": 4, "freelancer": 2}
    agencies = _rows(path, "SELECT id, retainer_minor, contract_end FROM partner WHERE kind = 'agency'")
    for partner_id, retainer, contract_end in agencies:
        assert retainer and retainer > 0
        assert contract_end is not None
        contacts = _rows(path, f"SELECT email, phone FROM contact WHERE partner_id = {partner_id}")
        assert contacts and all("@" in email and phone for email, phone in contacts)
        assert _rows(path, f"SELECT service FROM partner_service WHERE partner_id = {partner_id}")
    owners = {o for (o,) in _rows(path, "SELECT DISTINCT owner_id FROM task")}
    assert len(owners) >= 8
    settings = _settings(path)
    assert settings["demo_store"] == "1"
    assert settings["currency"] == "EUR"
    assert settings["store_name"]


def test_progress_lines(tmp_path):
    out = io.StringIO()
    write_demo(str(tmp_path / "p.db"), progress=out, today=TODAY)
    lines = out.getvalue().splitlines()
    assert lines and all(line.strip() for line in lines)
    assert any("120 tasks" in line for line in lines)


# ---- where it writes, and what it refuses ---------------------------------------


def _real_store(path: Path) -> None:
    database = open_database(str(path))
    try:
        with database.write() as session:
            data = tasks.parse_task_input(session, title="Plan Black Friday", status="todo")
            tasks.create_task(session, data)
    finally:
        database.dispose()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_refuses_to_overwrite_a_store_that_is_not_a_demo(tmp_path):
    path = tmp_path / "mine.db"
    _real_store(path)
    before = _snapshot(tmp_path)
    with pytest.raises(InvalidInput) as err:
        write_demo(str(path), today=TODAY)
    assert "not a demo" in err.value.message
    assert str(path) in err.value.message
    assert _snapshot(tmp_path) == before
    assert [r[0] for r in _rows(path, "SELECT title FROM task")] == ["Plan Black Friday"]


def test_refuses_any_other_non_empty_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    with pytest.raises(InvalidInput):
        write_demo(str(path), today=TODAY)
    assert path.read_text() == "shopping list\n"


def test_an_empty_file_may_be_used(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    assert write_demo(str(path), today=TODAY) == path
    assert is_demo_store(path)


def test_rewriting_a_demo_replaces_it(tmp_path):
    path = tmp_path / "demo.db"
    write_demo(str(path), seed=1, today=TODAY)
    first = _task_rows(path)
    write_demo(str(path), seed=2, today=TODAY)
    second = _task_rows(path)
    assert second != first
    assert second == _task_rows(write_demo(str(tmp_path / "fresh.db"), seed=2, today=TODAY))
    assert len(_rows(path, "SELECT id FROM partner")) == 11, "replaced, not appended to"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", "fresh.db"], "no temporary files left"


def test_refuses_a_url_that_is_neither_sqlite_nor_postgresql(tmp_path):
    with pytest.raises(InvalidInput) as err:
        write_demo("mysql://me:secret@db/shop", today=TODAY)
    assert err.value.message.startswith("demo:")
    assert "secret" not in err.value.message


def test_a_sqlite_url_names_the_file(tmp_path):
    path = tmp_path / "by-url.db"
    assert write_demo(f"sqlite:///{path}", today=TODAY) == path
    assert is_demo_store(path)


def test_default_location_is_the_demo_file_not_ecomtui_db(tmp_path, monkeypatch):
    real = tmp_path / "real.db"
    monkeypatch.setenv("ECOMTUI_DB", str(real))
    path = write_demo(None, today=TODAY)
    assert path == tmp_path / "userdata" / "demo.db"
    assert path.exists() and is_demo_store(path)
    assert not real.exists()


def test_cli_demo_no_open(tmp_path, capsys):
    from ecomtui.cli import main

    target = tmp_path / "cli.db"
    assert main(["demo", "--db", str(target), "--no-open"]) == 0
    assert str(target) in capsys.readouterr().out
    mine = tmp_path / "mine.db"
    _real_store(mine)
    assert main(["demo", "--no-open", "--db", str(mine)]) == 1
    assert "not a demo" in capsys.readouterr().err


# ---- large scale ----------------------------------------------------------------


def test_large_store_has_20000_tasks_and_a_workable_board(large_demo):
    assert _rows(large_demo, "SELECT count(*) FROM task") == [(20_000,)]
    board = _board(large_demo)
    assert 200 <= len(board) <= 3000
    open_tasks = _rows(large_demo, "SELECT count(*) FROM task WHERE status != 'done'")[0][0]
    assert 200 <= open_tasks <= 1500
    assert {c.status for c in board} == set(TASK_STATUSES)
    sprints = [s for (s,) in _rows(large_demo, "SELECT DISTINCT sprint FROM task ORDER BY sprint")]
    assert len(sprints) == 60
    assert sprints[-1] == "2026-12"
    overdue = [c for c in board if c.is_overdue(TODAY)]
    assert 1 <= len(overdue) <= 100


# ---- what killed runs and open apps leave --------------------------------------------


def _start(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, what: str, process: subprocess.Popen) -> None:
    deadline = time_module.monotonic() + HANG_GUARD
    while not condition():
        assert process.poll() is None, f"{what}: the process ended: {process.stderr.read()}"
        assert time_module.monotonic() < deadline, f"timed out waiting for {what}"
        time_module.sleep(0.05)


def test_the_next_demo_removes_what_a_killed_one_left(tmp_path):
    path = tmp_path / "demo.db"
    run = _start(
        f"from ecomtui.cli import main; main(['demo', '--scale', 'large', '--no-open', '--db', {str(path)!r}])"
    )
    try:
        _wait_for(lambda: any(p.name.endswith(".writing-wal") for p in tmp_path.iterdir()), "the build file", run)
    finally:
        run.kill()
        run.wait()
    assert any(".writing" in p.name for p in tmp_path.iterdir()), "the killed run left its build files"
    # a run still going (a live process) keeps its build file
    alive = _start("import time; time.sleep(600)")
    try:
        (tmp_path / f".demo.db.{alive.pid}.writing").write_bytes(b"")
        write_demo(str(path), today=TODAY)
        assert sorted(p.name for p in tmp_path.iterdir()) == [f".demo.db.{alive.pid}.writing", "demo.db"]
    finally:
        alive.kill()
        alive.wait()


APP_HOLDING = "import sys\nfrom ecomtui.app import EcomApp\nEcomApp(db=sys.argv[1]).run(headless=True)\n"


@pytest.fixture
def demo_open_in_an_app(tmp_path):
    """A demo store and an app (headless, in its own process) that has it open."""
    path = write_demo(str(tmp_path / "demo.db"), seed=1, today=TODAY)
    app = subprocess.Popen(
        [sys.executable, "-c", APP_HOLDING, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(lambda: Path(f"{path}-shm").exists(), "the app to open the store", app)
        yield path, app
    finally:
        app.kill()
        app.wait()


def test_a_demo_store_open_in_an_app_is_not_replaced(demo_open_in_an_app):
    path, _ = demo_open_in_an_app
    before = _task_rows(path)
    with pytest.raises(InvalidInput) as err:
        write_demo(str(path), seed=2, today=TODAY)
    assert err.value.message == (
        f"demo: {path} is open in ecomtui (or another program); close it and run demo again, "
        "or write another demo with --db"
    )
    assert _task_rows(path) == before
    asked = []
    write_demo(str(path), seed=2, today=TODAY, confirm=lambda p: asked.append(p) or True)
    assert asked == [path]
    assert _task_rows(path) != before


def test_a_killed_app_does_not_keep_the_demo_store(demo_open_in_an_app):
    path, app = demo_open_in_an_app
    app.kill()
    app.wait()
    write_demo(str(path), seed=2, today=TODAY)
    assert is_demo_store(path)


def test_cli_demo_refuses_an_open_demo_store_in_one_line(demo_open_in_an_app, capsys):
    from ecomtui.cli import main

    path, _ = demo_open_in_an_app
    assert main(["demo", "--no-open", "--db", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"ecomtui: error: demo: {path} is open in ecomtui (or another program); close it and run demo again, "
        "or write another demo with --db\n"
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_demo_asks_at_a_terminal_before_replacing_an_open_demo_store(demo_open_in_an_app, capsys, monkeypatch):
    from ecomtui.cli import main

    path, _ = demo_open_in_an_app
    before = _task_rows(path)
    monkeypatch.setattr(sys, "stdin", _Terminal("n\n"))
    assert main(["demo", "--no-open", "--seed", "2", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"ecomtui: {path} is open in ecomtui (or another program); replace it anyway? [y/N] ")
    assert _task_rows(path) == before
    monkeypatch.setattr(sys, "stdin", _Terminal("y\n"))
    assert main(["demo", "--no-open", "--seed", "2", "--db", str(path)]) == 0
    assert _task_rows(path) != before


# ---- PostgreSQL -----------------------------------------------------------------

STORE_TABLES = ("channel", "partner", "partner_service", "contact", "setting", "task")


def _store(target: str) -> dict[str, list[tuple]]:
    """Every row of the demo's tables, read alike from a file or a server (timestamps in UTC)."""
    from sqlalchemy import select
    from sqlmodel import SQLModel

    database = open_database(target)
    try:
        with database.connect() as conn:
            tables = {name: SQLModel.metadata.tables[name] for name in STORE_TABLES}
            return {
                name: [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
                for name, table in tables.items()
            }
    finally:
        database.dispose()


def test_postgresql_gets_the_same_store_as_a_file(tmp_path, empty_pg_url):
    out = io.StringIO()
    assert write_demo(empty_pg_url, seed=5, today=TODAY, progress=out) == empty_pg_url
    assert any("120 tasks" in line for line in out.getvalue().splitlines())
    in_file = _store(str(write_demo(str(tmp_path / "file.db"), seed=5, today=TODAY)))
    assert _store(empty_pg_url) == in_file
    assert len(in_file["task"]) == 120


def test_rewriting_a_postgresql_demo_replaces_it_and_new_ids_follow(tmp_path, empty_pg_url, cli):
    write_demo(empty_pg_url, seed=1, today=TODAY)
    write_demo(empty_pg_url, seed=2, today=TODAY)
    assert _store(empty_pg_url) == _store(str(write_demo(str(tmp_path / "fresh.db"), seed=2, today=TODAY)))
    code, out, err = cli("task", "add", "my own", "--channel", "seo", "--db", empty_pg_url)
    assert (code, err) == (0, "")
    assert out.startswith("added task 121:")


def test_refuses_a_postgresql_store_that_is_not_a_demo(empty_pg_url, cli):
    assert cli("task", "add", "Plan Black Friday", "--db", empty_pg_url)[0] == 0
    before = _store(empty_pg_url)
    with pytest.raises(InvalidInput) as err:
        write_demo(empty_pg_url, today=TODAY)
    assert "not a demo" in err.value.message
    assert _store(empty_pg_url) == before


def test_refuses_a_postgresql_database_holding_other_tables(empty_pg_url):
    from sqlalchemy import create_engine, inspect

    engine = create_engine(empty_pg_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
        with pytest.raises(InvalidInput, match="not a demo"):
            write_demo(empty_pg_url, today=TODAY)
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == ["customers"]
    finally:
        engine.dispose()


def test_cli_demo_on_postgresql_no_open(empty_pg_url, cli):
    code, out, err = cli("demo", "--no-open", "--db", empty_pg_url)
    assert code == 0
    assert out == f"demo store written to {empty_pg_url}\n"
    assert "120 tasks" in err
    code, out, _ = cli("task", "list", "--json", "--db", empty_pg_url)
    assert code == 0 and len(json.loads(out)) == 120


def test_cli_demo_on_an_unreachable_server_is_one_line(cli):
    code, out, err = cli("demo", "--no-open", "--db", "postgresql://me:s3cret@127.0.0.1:1/shop")
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("ecomtui: error: cannot connect to postgresql://me:***@127.0.0.1:1/shop: ")
    assert "s3cret" not in err and "Error" not in err
