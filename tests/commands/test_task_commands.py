"""The task command line for scripts, cron jobs and agents: show, edit, move, done, delete, list filters."""

from __future__ import annotations

import io
import json
import subprocess

import pytest
from cli_support import one_line_error, subprocess_cli, tasks_in

from ecomtui.db.engine import open_database
from ecomtui.db.models import Partner

pytestmark = pytest.mark.usefixtures("fake_home")


@pytest.fixture
def team_db(db):
    database = open_database(db)
    with database.write() as session:
        for name, kind in (("Jonas Berg", "in-house"), ("Lena Hoffmann", "in-house"), ("Luca Romano", "freelancer")):
            session.add(Partner(name=name, kind=kind))
    database.dispose()
    return db


def add(cli, db, title, *options) -> int:
    code, out, err = cli("task", "add", title, *options, "--db", db)
    assert (code, err) == (0, ""), err
    return int(out.split()[2].rstrip(":"))


def shown(cli, db, task_id) -> dict:
    code, out, err = cli("task", "show", str(task_id), "--json", "--db", db)
    assert (code, err) == (0, "")
    return json.loads(out)


def test_the_launch_of_a_new_channel_from_a_script(cli, team_db):
    db = team_db
    assert cli("channel", "add", "TikTok", "--db", db)[0] == 0
    task_id = add(cli, db, "Launch creator series", "--channel", "tiktok", "--owner", "jonas")
    assert shown(cli, db, task_id)["channel"] == "TikTok"

    code, out, err = cli("task", "edit", str(task_id), "--status", "In progress", "--db", db)
    assert (code, err) == (0, "")
    assert out == f"saved task {task_id}: Launch creator series\n"
    assert shown(cli, db, task_id)["status"] == "doing"

    assert (
        cli("task", "move", str(task_id), "review", "--db", db)[1]
        == f"moved task {task_id} to Review: Launch creator series\n"
    )
    assert shown(cli, db, task_id)["status"] == "review"
    assert cli("task", "done", str(task_id), "--db", db)[1] == f"moved task {task_id} to Done: Launch creator series\n"
    details = shown(cli, db, task_id)
    assert details["status"] == "done" and details["done_at"] is not None

    code, out, err = cli("task", "list", "--owner", "jonas", "--json", "--db", db)
    assert (code, err) == (0, "")
    assert [(t["id"], t["owner"], t["status"]) for t in json.loads(out)] == [(task_id, "Jonas Berg", "done")]


def test_show_gives_every_field(cli, team_db):
    task_id = add(cli, team_db, "Brief [b]x[/b]", "--owner", "lena", "--due", "2026-11-20", "--notes", "one\ntwo")
    details = shown(cli, team_db, task_id)
    assert details | {"created_at": None, "updated_at": None} == {
        "id": task_id, "title": "Brief [b]x[/b]", "status": "todo", "channel": None, "owner": "Lena Hoffmann",
        "priority": "normal", "due": "2026-11-20", "sprint": "2026-11", "notes": "one\ntwo",
        "created_at": None, "updated_at": None, "done_at": None,
    }  # fmt: skip
    assert details["created_at"].endswith("+00:00")
    code, out, _ = cli("task", "show", str(task_id), "--db", team_db)
    assert code == 0
    assert "title     Brief [b]x[/b]" in out
    assert "due       2026-11-20 (late by 3 days)" in out
    assert "notes\n  one\n  two\n" in out


def test_edit_changes_only_what_is_given_and_can_clear(cli, team_db):
    task_id = add(
        cli, team_db, "Brief", "--channel", "ppc", "--owner", "luca", "--due", "2026-12-01", "--priority", "high"
    )
    assert cli("task", "edit", str(task_id), "--title", "Brief v2", "--no-due", "--no-owner", "--db", team_db)[0] == 0
    details = shown(cli, team_db, task_id)
    assert (details["title"], details["due"], details["owner"], details["channel"], details["priority"]) == (
        "Brief v2", None, None, "PPC", "high"
    )  # fmt: skip


def test_list_filters_and_shows_the_sprint(cli, team_db):
    add(cli, team_db, "late one", "--due", "2026-11-01", "--channel", "seo")
    add(cli, team_db, "next sprint", "--sprint", "2026-12", "--channel", "seo")
    add(cli, team_db, "no sprint", "--no-sprint", "--status", "doing")
    add(cli, team_db, "late but done", "--due", "2026-11-01", "--status", "done")

    def titles(*criteria):
        code, out, err = cli("task", "list", *criteria, "--json", "--db", team_db)
        assert (code, err) == (0, "")
        return sorted(t["title"] for t in json.loads(out))

    assert titles("--overdue") == ["late one"]
    assert titles("--sprint", "2026-12") == ["next sprint"]
    assert titles("--channel", "SE", "--sprint", "2026-11") == ["late one"]
    assert titles("--status", "In progress") == ["no sprint"]
    _, out, _ = cli("task", "list", "--db", team_db)
    header, *rows = out.splitlines()
    assert "SPRINT" in header
    assert any("2026-12" in row and row.endswith("next sprint") for row in rows)


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["task", "show", "999"], "task 999 does not exist"),
        (["task", "show", "abc"], "'abc' is not a task id"),
        (["task", "edit", "999", "--title", "x"], "task 999 does not exist"),
        (["task", "edit", "{id}", "--status", "later"], "'later'"),
        (["task", "edit", "{id}", "--owner", "l"], "Lena Hoffmann, Luca Romano"),
        (["task", "edit", "{id}", "--owner", "nobody"], "unknown owner 'nobody'"),
        (["task", "edit", "{id}", "--due", "2026-02-30"], "'2026-02-30'"),
        (["task", "edit", "{id}", "--title", "  "], "title is required"),
        (["task", "edit", "{id}"], "nothing to change"),
        (["task", "edit", "{id}", "--due", "2026-12-01", "--no-due"], "--no-due"),
        (["task", "move", "{id}", "in progres"], "'in progres'"),
        (["task", "move", "999", "done"], "task 999 does not exist"),
        (["task", "done", "0"], "'0' is not a task id"),
        (["task", "delete", "999", "--yes"], "task 999 does not exist"),
        (["task", "list", "--owner", "l"], "could be"),
        (["task", "list", "--sprint", "2026-13"], "'2026-13'"),
        (["task", "add", "x", "--channel", "s"], "SEO, Paid Social, Social"),
    ],
)
def test_bad_input_is_one_line_non_zero_and_writes_nothing(cli, team_db, args, mentions):
    task_id = add(cli, team_db, "existing", "--due", "2026-12-24", "--owner", "jonas")
    before = shown(cli, team_db, task_id)
    code, out, err = cli(*[a.format(id=task_id) for a in args], "--db", team_db)
    assert code != 0
    assert mentions in one_line_error(err)
    assert out == ""
    assert shown(cli, team_db, task_id) == before
    assert len(tasks_in(cli, team_db)) == 1


def test_moving_to_the_same_column_changes_nothing(cli, db):
    task_id = add(cli, db, "x", "--status", "review")
    before = shown(cli, db, task_id)
    assert cli("task", "move", str(task_id), "Review", "--db", db)[:2] == (
        0,
        f"task {task_id} is already in Review: x\n",
    )
    assert shown(cli, db, task_id) == before


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "deleted"), [("y\n", True), ("yes\n", True), ("\n", False), ("n\n", False)])
def test_delete_asks_on_a_terminal(cli, db, monkeypatch, answer, deleted):
    task_id = add(cli, db, "Old banner")
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    code, _, err = cli("task", "delete", str(task_id), "--db", db)
    assert "Delete task" in err and "Old banner" in err
    assert (code == 0) is deleted
    assert len(tasks_in(cli, db)) == (0 if deleted else 1)


def test_delete_without_a_terminal_needs_yes(tmp_path):
    db = str(tmp_path / "d.db")
    assert subprocess_cli("task", "add", "Old banner", "--db", db, cwd=tmp_path).returncode == 0
    refused = subprocess_cli("task", "delete", "1", "--db", db, cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert refused.returncode != 0
    assert "--yes" in one_line_error(refused.stderr)
    assert refused.stdout == ""
    deleted = subprocess_cli("task", "delete", "1", "--yes", "--db", db, cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert (deleted.returncode, deleted.stdout) == (0, "deleted task 1: Old banner\n")
    listed = subprocess_cli("task", "list", "--json", "--db", db, cwd=tmp_path)
    assert json.loads(listed.stdout) == []
