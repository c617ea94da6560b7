"""The command line as a user or a script sees it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version as installed_version

import pytest
from cli_support import HANG_GUARD, one_line_error, subprocess_cli, tasks_in

import ecomtui
from ecomtui.cli import main
from ecomtui.db.engine import open_database
from ecomtui.db.location import DEFAULT_FILE, ENV_VAR

# Show file paths in full: the test files are outside this fake home.
pytestmark = pytest.mark.usefixtures("fake_home")

JSON_KEYS = {"id", "title", "status", "channel", "owner", "priority", "due", "sprint"}


# ---- task add / task list ------------------------------------------------------------


def test_added_task_is_listed_exactly_as_typed(cli, db):
    code, out, err = cli(
        "task",
        "add",
        "Fix [bold]checkout[/]",
        "--status",
        "doing",
        "--channel",
        "ppc",
        "--due",
        "2026-12-01",
        "--db",
        db,
    )
    assert (code, err) == (0, "")
    assert out.startswith("added task ")
    assert "Fix [bold]checkout[/]" in out

    listed = tasks_in(cli, db)
    assert len(listed) == 1
    task = listed[0]
    assert set(task) == JSON_KEYS
    assert task == {
        "id": task["id"],
        "title": "Fix [bold]checkout[/]",
        "status": "doing",
        "channel": "PPC",
        "owner": None,
        "priority": "normal",
        "due": "2026-12-01",
        "sprint": "2026-11",  # the current sprint, as the dialog suggests
    }
    assert isinstance(task["id"], int)
    assert out.startswith(f"added task {task['id']}")


def test_every_option_of_task_add(cli, db):
    from ecomtui.db.models import Partner

    database = open_database(db)
    with database.write() as session:
        session.add(Partner(name="Acme Agency", kind="agency"))
    database.dispose()

    code, _, err = cli(
        "task", "add", "Brief 😀 עברית", "--status", "review", "--channel", "PAID SOCIAL", "--owner", "acme agency",
        "--due", "2027-01-31", "--priority", "urgent", "--sprint", "2027-01", "--notes", "see [red]mail[/]", "--db", db,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert tasks_in(cli, db)[0] | {"id": 0} == {
        "id": 0,
        "title": "Brief 😀 עברית",
        "status": "review",
        "channel": "Paid Social",
        "owner": "Acme Agency",
        "priority": "urgent",
        "due": "2027-01-31",
        "sprint": "2027-01",
    }


def test_empty_list(cli, db):
    open_database(db).dispose()
    assert cli("task", "list", "--json", "--db", db) == (0, "[]\n", "")
    code, out, err = cli("task", "list", "--db", db)
    assert (code, err) == (0, "")
    assert out.strip() == "no tasks"


def test_plain_list_shows_labels_and_titles(cli, db):
    cli("task", "add", "Fix [bold]checkout[/]", "--status", "doing", "--db", db)
    code, out, err = cli("task", "list", "--db", db)
    assert (code, err) == (0, "")
    row = out.splitlines()[1]
    assert "In progress" in row and row.endswith("Fix [bold]checkout[/]")


def test_task_list_status_filter(cli, db):
    for title, status in (("a", "doing"), ("b", "todo"), ("c", "doing"), ("d", "done")):
        assert cli("task", "add", title, "--status", status, "--db", db)[0] == 0
    code, out, err = cli("task", "list", "--status", "doing", "--json", "--db", db)
    assert (code, err) == (0, "")
    assert sorted(t["title"] for t in json.loads(out)) == ["a", "c"]
    code, out, _ = cli("task", "list", "--status", "DONE", "--json", "--db", db)
    assert [t["title"] for t in json.loads(out)] == ["d"]
    code, out, _ = cli("task", "list", "--status", "review", "--json", "--db", db)
    assert json.loads(out) == []
    assert len(tasks_in(cli, db)) == 4


def test_title_starting_with_a_dash(cli, db):
    assert cli("task", "add", "--db", db, "--", "-10% sale banner")[0] == 0
    assert [t["title"] for t in tasks_in(cli, db)] == ["-10% sale banner"]


# ---- --db anywhere -------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "{db}", "task", "list", "--json"],
        ["task", "--db", "{db}", "list", "--json"],
        ["task", "list", "--json", "--db", "{db}"],
        ["--db={db}", "task", "list", "--json"],
        ["task", "list", "--db={db}", "--json"],
    ],
)
def test_db_is_accepted_anywhere(cli, db, sandbox, argv):
    assert cli("--db", db, "task", "add", "where am I")[0] == 0
    code, out, err = cli(*[a.format(db=db) for a in argv])
    assert (code, err) == (0, "")
    assert [t["title"] for t in json.loads(out)] == ["where am I"]
    assert not sandbox.env_db.exists()


def test_without_db_the_environment_file_is_used(cli, sandbox):
    assert cli("task", "add", "from env")[0] == 0
    assert sandbox.env_db.is_file()
    assert [t["title"] for t in tasks_in(cli, str(sandbox.env_db))] == ["from env"]


def test_without_db_or_environment_the_user_data_dir_is_used(cli, monkeypatch, sandbox):
    monkeypatch.delenv(ENV_VAR)
    assert cli("task", "add", "from data dir")[0] == 0
    assert (sandbox.data_dir / DEFAULT_FILE).is_file()
    assert not sandbox.env_db.exists()
    code, out, _ = cli("info")
    assert code == 0
    assert str(sandbox.data_dir / DEFAULT_FILE) in out


def test_db_without_value_is_a_one_line_error(cli):
    code, out, err = cli("task", "list", "--db")
    assert code != 0
    assert "--db" in one_line_error(err)
    assert out == ""


# ---- refused input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["task", "add", "x", "--status", "nope"], "nope"),
        (["task", "add", "x", "--due", "2026-13-45"], "2026-13-45"),
        (["task", "add", "x", "--due", "2026-02-30"], "2026-02-30"),
        (["task", "add", "x", "--channel", "TikTok"], "TikTok"),
        (["task", "add", "x", "--owner", "Nobody Inc"], "Nobody Inc"),
        (["task", "add", "x", "--priority", "asap"], "asap"),
        (["task", "add", "x", "--sprint", "2026-13"], "2026-13"),
        (["task", "add"], "title"),
        (["task", "add", ""], "title"),
        (["task", "add", "   "], "title"),
        (["task", "list", "--status", "nope"], "nope"),
        (["task", "frobnicate"], "frobnicate"),
        (["task", "add", "x", "--colour", "red"], "--colour"),
    ],
)
def test_refused_input_exits_non_zero_with_one_line_and_adds_nothing(cli, db, args, mentions):
    assert cli("task", "add", "existing", "--db", db)[0] == 0
    code, out, err = cli(*args, "--db", db)
    assert code != 0
    assert mentions in one_line_error(err)
    assert out == ""
    assert [t["title"] for t in tasks_in(cli, db)] == ["existing"]


def test_unusable_url_is_one_line_and_hides_the_password(cli):
    code, _, err = cli("task", "list", "--db", "nosuchdriver://shop:s3cret-pw@db.example.com/ecom")
    assert code != 0
    line = one_line_error(err)
    assert "s3cret-pw" not in line
    assert "db.example.com" in line


def test_database_under_a_regular_file_is_one_line(cli, tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    code, _, err = cli("task", "list", "--db", str(blocker / "shop.db"))
    assert code != 0
    one_line_error(err)


def test_foreign_sqlite_file_is_refused_in_one_line(cli, tmp_path):
    import sqlite3

    path = tmp_path / "crm.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    code, _, err = cli("task", "add", "x", "--db", str(path))
    assert code != 0
    assert "not an ecomtui database" in one_line_error(err)


def test_file_that_is_not_a_database_is_refused_and_left_alone(cli, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    code, _, err = cli("task", "list", "--db", str(path))
    assert code != 0
    assert err.startswith("ecomtui: error: ") and str(path) in err
    assert path.read_text() == "shopping list\n"


def test_file_that_is_not_a_database_gives_one_line(cli, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    code, _, err = cli("task", "list", "--db", str(path))
    assert code != 0
    one_line_error(err)


# ---- info, help, version -------------------------------------------------------------


def test_info_shows_database_and_schema_revision(cli, db):
    from ecomtui.db.schema import HEAD_REVISION

    cli("task", "add", "one", "--db", db)
    code, out, err = cli("info", "--db", db)
    assert (code, err) == (0, "")
    lines = {line.split(None, 1)[0]: line.split(None, 1)[1] for line in out.splitlines() if line.strip()}
    assert lines["database"] == db
    assert lines["schema"].startswith(HEAD_REVISION)
    assert lines["ecomtui"] == ecomtui.__version__
    assert lines["tasks"] == "1"


def test_info_shows_home_as_tilde(cli, fake_home):
    db = str(fake_home / "stores" / "main.db")
    assert cli("task", "add", "one", "--db", db)[0] == 0
    code, out, _ = cli("info", "--db", db)
    assert code == 0
    assert "~/stores/main.db" in out


def test_info_uses_the_environment_database(cli, sandbox):
    assert cli("task", "add", "one")[0] == 0
    code, out, _ = cli("info")
    assert code == 0
    assert str(sandbox.env_db) in out


def test_info_hides_url_password(cli):
    code, out, err = cli("info", "--db", "nosuchdriver://shop:s3cret-pw@db.example.com/ecom")
    assert code != 0
    assert "s3cret-pw" not in out + err


@pytest.mark.parametrize(
    "args", [["--help"], ["-h"], ["task", "--help"], ["task", "add", "--help"], ["info", "--help"]]
)
def test_help_exits_zero(cli, args):
    code, out, err = cli(*args)
    assert code == 0
    assert out.startswith("usage: ecomtui")
    assert err == ""


def test_help_lists_the_commands(cli):
    _, out, _ = cli("--help")
    for word in ("task", "info", "--db", "--version"):
        assert word in out


def test_version(cli):
    code, out, err = cli("--version")
    assert (code, err) == (0, "")
    assert out == f"ecomtui {ecomtui.__version__}\n"
    assert ecomtui.__version__ == installed_version("ecomtui")


# ---- through a real process ----------------------------------------------------------


def test_real_process_round_trip(tmp_path, db):
    title = "Fix [bold]checkout[/] 🛒 עברית [/"
    added = subprocess_cli(
        "task", "add", title, "--status", "doing", "--channel", "ppc", "--due", "2026-12-01", "--db", db, cwd=tmp_path
    )
    assert (added.returncode, added.stderr) == (0, "")
    listed = subprocess_cli("--db", db, "task", "list", "--json", cwd=tmp_path)
    assert (listed.returncode, listed.stderr) == (0, "")
    [task] = json.loads(listed.stdout)
    assert set(task) == JSON_KEYS
    assert (task["title"], task["status"], task["channel"], task["due"]) == (title, "doing", "PPC", "2026-12-01")


def test_real_process_error_is_one_line_without_traceback(tmp_path, db):
    for args in (
        ["task", "add", "x", "--due", "2026-13-45"],
        ["task", "add"],
        ["task", "add", "x", "--channel", "nope"],
    ):
        run = subprocess_cli(*args, "--db", db, cwd=tmp_path)
        assert run.returncode != 0
        assert "Traceback" not in run.stderr
        one_line_error(run.stderr)
    listed = subprocess_cli("task", "list", "--json", "--db", db, cwd=tmp_path)
    assert json.loads(listed.stdout) == []


def test_real_process_help_and_version(tmp_path):
    helped = subprocess_cli("--help", cwd=tmp_path)
    assert helped.returncode == 0 and "usage: ecomtui" in helped.stdout
    versioned = subprocess_cli("--version", cwd=tmp_path)
    assert (versioned.returncode, versioned.stdout) == (0, f"ecomtui {ecomtui.__version__}\n")


def test_real_process_info(tmp_path):
    db = str(tmp_path / "proc.db")
    open_database(db).dispose()
    run = subprocess_cli("info", "--db", db, cwd=tmp_path)
    assert run.returncode == 0
    assert db in run.stdout and "schema" in run.stdout


@pytest.mark.parametrize("title", ["two\nlines", "tab\there", "bell\x07"])
def test_a_title_must_be_one_line(capsys, db, title):
    code = main(["task", "add", title, "--db", db])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and "one line" in err
    assert main(["task", "list", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == []


# ---- PostgreSQL ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://shop:s3cret-pw@db.example.com/ecom",
        "postgresql://shop@db.example.com/ecom",
        "postgres://db/ecom",
    ],
)
@pytest.mark.parametrize("command", [["task", "list"], ["task", "add", "x"], ["info"]])
def test_postgresql_without_its_driver_names_the_extra(cli, monkeypatch, url, command):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    code, out, err = cli(*command, "--db", url)
    assert code == 1
    assert one_line_error(err) == "ecomtui: error: PostgreSQL needs the driver: pip install 'ecomtui[postgres]'"
    if command[0] == "task":
        assert out == ""


@pytest.mark.parametrize("command", [["task", "list"], ["task", "add", "x"], ["info"]])
def test_unreachable_postgresql_is_one_plain_line(cli, command):
    code, _, err = cli(*command, "--db", "postgresql://shop:s3cret-pw@127.0.0.1:1/ecom")
    assert code == 1
    line = one_line_error(err)
    assert line.startswith("ecomtui: error: cannot connect to postgresql://shop:***@127.0.0.1:1/ecom: ")
    assert "s3cret-pw" not in line and "Error" not in line


# ---- text is data, never terminal control ----------------------------------------------


def test_notes_with_terminal_escapes_are_refused_and_nothing_is_added(cli, db):
    open_database(db).dispose()
    code, out, err = cli("task", "add", "t", "--notes", "\x1b]0;PWNED\x07\x1b[?1049l", "--db", db)
    assert (code, out) == (1, "")
    assert err == (
        "ecomtui: error: notes contains a control character (ESC); only text, tabs and line breaks are allowed\n"
    )
    assert tasks_in(cli, db) == []


def test_an_escape_in_a_refused_value_is_not_echoed_raw(cli, db):
    code, _, err = cli("task", "add", "t", "--status", "\x1b[2Jdone", "--db", db)
    assert code != 0
    assert "\x1b" not in err
    assert one_line_error(err) == (
        "ecomtui: error: status: '␛[2Jdone' is not one of backlog, todo, doing, review, done"
        ' (or the labels "Backlog", "To do", "In progress", "Review", "Done")'
    )


def write_raw_task(db: str, title: str, notes: str = "", channel: str | None = None) -> None:
    """A task written by another tool, straight into the file: nothing of ecomtui checks it."""
    import sqlite3

    con = sqlite3.connect(db)
    channel_id = None
    if channel is not None:
        channel_id = con.execute(
            "INSERT INTO channel (name, position) VALUES (?, 99) RETURNING id", (channel,)
        ).fetchone()[0]
    con.execute(
        "INSERT INTO task (title, notes, status, priority, channel_id, created_at, updated_at)"
        " VALUES (?, ?, 'todo', 'normal', ?, '2026-11-01 00:00:00', '2026-11-01 00:00:00')",
        (title, notes, channel_id),
    )
    con.commit()
    con.close()


def test_task_list_shows_control_characters_written_by_other_tools_made_visible(cli, tmp_path):
    db = str(tmp_path / "raw.db")  # written to by another tool with sqlite3 itself
    open_database(db).dispose()
    write_raw_task(db, "Sale\x1b]0;PWNED\x07 now\x00!", channel="Ads\x1b[2J")
    code, out, err = cli("task", "list", "--db", db)
    assert (code, err) == (0, "")
    row = out.splitlines()[1]
    assert row.endswith("Sale␛]0;PWNED␇ now␀!")
    assert "Ads␛[2J" in row
    for raw in ("\x1b", "\x07", "\x00"):
        assert raw not in out


def test_task_list_json_keeps_the_exact_stored_text(cli, tmp_path):
    db = str(tmp_path / "raw.db")  # written to by another tool with sqlite3 itself
    open_database(db).dispose()
    title = "Sale\x1b]0;PWNED\x07 now\x00!\x9b\x7f"
    write_raw_task(db, title, channel="Ads\x1b[2J")
    code, out, err = cli("task", "list", "--json", "--db", db)
    assert (code, err) == (0, "")
    for raw in ("\x1b", "\x07", "\x00", "\x9b", "\x7f"):
        assert raw not in out  # written as JSON escapes...
    [task] = json.loads(out)
    assert (task["title"], task["channel"]) == (title, "Ads\x1b[2J")  # ...that decode to the stored text


def test_an_argument_that_is_not_utf8_is_one_plain_line(tmp_path):
    import os

    db = str(tmp_path / "bytes.db")
    run = subprocess.run(
        [sys.executable, "-m", "ecomtui", "task", "add", b"caf\xe9", "--db", db],
        capture_output=True,
        timeout=HANG_GUARD,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert run.returncode == 1
    assert run.stderr.decode() == (
        "ecomtui: error: title is not valid UTF-8 text; set the terminal to UTF-8 (e.g. LANG=C.UTF-8) and try again\n"
    )
