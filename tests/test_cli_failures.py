"""Every failure on the command line is one plain line: what happened, to which file, what to do.

Read-only files are tested as another user (root ignores file modes); a lock
held past the busy timeout with a short timeout set for the test.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from cli_support import one_line_error

from ecomtui.db import schema
from ecomtui.db.engine import open_database
from ecomtui.db.schema import HEAD_REVISION

# Show file paths in full: the test files are outside this fake home.
pytestmark = pytest.mark.usefixtures("fake_home")

COPY_HELP = "ask its owner for write access, or copy it and use the copy with --db"


def store_with_a_task(path: Path, title: str = "Brief SEO agency") -> Path:
    from ecomtui.services import tasks

    database = open_database(str(path))
    with database.transaction() as conn:
        tasks.create_task(conn, tasks.parse_task_input(conn, title=title))
    database.dispose()
    return path


def newer_store(path: Path) -> Path:
    """A store as a later ecomtui (schema 0999) would leave it."""
    store_with_a_task(path)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '0999'")
    return path


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---- read-only file or folder, as another user ------------------------------------------


@pytest.fixture
def read_only_file(other_user) -> Path:
    """A store shared read-only (0444) in a folder everyone may write."""
    folder = other_user.folder / "shared"
    folder.mkdir()
    os.chmod(folder, 0o777)
    path = store_with_a_task(folder / "shop.db")
    os.chmod(path, 0o444)
    return path


@pytest.fixture
def read_only_folder(other_user) -> Path:
    """A store the other user may write, in a folder they may not (SQLite cannot put its journal there)."""
    folder = other_user.folder / "locked-folder"
    folder.mkdir()
    path = store_with_a_task(folder / "shop.db")
    other_user.give(path)
    os.chmod(folder, 0o555)
    return path


def test_a_read_only_file_is_read_but_never_changed(other_user, read_only_file):
    listed = other_user.run("-m", "ecomtui", "task", "list", "--db", str(read_only_file))
    assert (listed.returncode, listed.stderr) == (0, "")
    assert listed.stdout.splitlines()[1].endswith("Brief SEO agency")

    added = other_user.run("-m", "ecomtui", "task", "add", "Not saved", "--db", str(read_only_file))
    assert added.returncode == 1
    assert one_line_error(added.stderr) == (
        f"ecomtui: error: nothing can be changed in {read_only_file}: it is read-only for you; {COPY_HELP}"
    )
    assert sqlite3.connect(read_only_file).execute("SELECT title FROM task").fetchall() == [("Brief SEO agency",)]


def test_info_says_a_file_is_read_only(other_user, read_only_file):
    info = other_user.run("-m", "ecomtui", "info", "--db", str(read_only_file))
    assert (info.returncode, info.stderr) == (0, "")
    assert "access       read-only: the file is not writable for you" in info.stdout.splitlines()


def test_a_store_in_a_read_only_folder_is_read_but_never_changed(other_user, read_only_folder):
    listed = other_user.run("-m", "ecomtui", "task", "list", "--json", "--db", str(read_only_folder))
    assert (listed.returncode, listed.stderr) == (0, "")
    assert '"title": "Brief SEO agency"' in listed.stdout

    added = other_user.run("-m", "ecomtui", "task", "add", "Not saved", "--db", str(read_only_folder))
    assert added.returncode == 1
    assert one_line_error(added.stderr) == (
        f"ecomtui: error: nothing can be changed in {read_only_folder}: its folder is read-only for you "
        f"(SQLite writes a journal beside the file); {COPY_HELP}"
    )
    assert files_in(read_only_folder.parent) == ["shop.db"]


def test_a_new_store_in_a_folder_that_is_not_writable_is_one_line(other_user):
    folder = other_user.folder / "not-mine"
    folder.mkdir()
    added = other_user.run("-m", "ecomtui", "task", "add", "x", "--db", str(folder / "shop.db"))
    assert added.returncode == 1
    assert one_line_error(added.stderr) == (
        f"ecomtui: error: cannot create {folder / 'shop.db'}: its folder is not writable for you; "
        "choose another place with --db"
    )


# ---- locked past the busy timeout ---------------------------------------------------------


def test_a_lock_held_past_the_busy_timeout_is_one_line_and_nothing_is_written(cli, tmp_path, monkeypatch):
    path = store_with_a_task(tmp_path / "busy.db")
    monkeypatch.setenv("ECOMTUI_BUSY_TIMEOUT_MS", "200")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a long write
    try:
        code, out, err = cli("task", "add", "Waits in vain", "--db", str(path))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (code, out) == (1, "")
    assert one_line_error(err) == (
        f"ecomtui: error: {path} stayed locked by another program for more than 0.2 seconds; "
        "nothing was changed; try again once it has finished"
    )
    assert [t["title"] for t in json.loads(cli("task", "list", "--json", "--db", str(path))[1])] == ["Brief SEO agency"]


# ---- files that are not (our) databases -----------------------------------------------------


def test_a_file_that_is_not_a_database_is_one_plain_line(cli, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    code, _, err = cli("task", "add", "x", "--db", str(path))
    assert code == 1
    assert one_line_error(err) == (
        f"ecomtui: error: {path} is not a database file (or it is damaged); "
        "check the path, or choose another file with --db"
    )
    assert path.read_text() == "shopping list\n"


def test_a_store_from_a_newer_ecomtui_is_one_plain_line(cli, tmp_path):
    path = newer_store(tmp_path / "newer.db")
    code, _, err = cli("task", "list", "--db", str(path))
    assert code == 1
    assert one_line_error(err) == (
        f"ecomtui: error: {path} was written by a newer ecomtui (schema 0999; this one knows up to "
        f"{HEAD_REVISION}); upgrade ecomtui to use it"
    )


@pytest.mark.parametrize(
    ("url", "line"),
    [
        (
            "nosuchdriver://shop:s3cret-pw@db.example.com/ecom",
            "cannot open nosuchdriver://shop:***@db.example.com/ecom: ecomtui does not know this kind of database "
            "URL; use a file path, or a URL like postgresql+psycopg://USER@HOST/DBNAME",
        ),
    ],
)
def test_an_unknown_url_is_one_plain_line(cli, url, line):
    code, _, err = cli("task", "list", "--db", url)
    assert code == 1
    assert one_line_error(err) == f"ecomtui: error: {line}"


@pytest.mark.parametrize(
    "args", [["task", "add", "x"], ["task", "list"], ["info"], ["task", "add", "x", "--notes", "\x1b[2J"]]
)
def test_no_failure_line_holds_sql_links_or_class_names(cli, tmp_path, args):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    _, _, err = cli(*args, "--db", str(path))
    line = one_line_error(err)
    for leak in ("SQL", "sqlalche.me", "Error:", "OperationalError", "[parameters", "\x1b"):
        assert leak not in line


# ---- commands that only read never create a store --------------------------------------------


@pytest.mark.parametrize("args", [["task", "list"], ["task", "list", "--json"], ["info"]])
def test_a_reading_command_refuses_a_missing_file_and_creates_nothing(cli, tmp_path, args):
    work = tmp_path / "work"
    work.mkdir()
    path = work / "nonexistent" / "dir" / "x.db"
    code, _, err = cli("--db", str(path), *args)
    assert code == 1
    assert one_line_error(err) == (
        f"ecomtui: error: there is no database at {path}; check the path (commands that only read never create one)"
    )
    assert files_in(work) == []


def test_a_command_that_writes_still_creates_a_new_store(cli, tmp_path):
    path = tmp_path / "new" / "shop.db"
    assert cli("task", "add", "First task", "--db", str(path))[0] == 0
    assert path.is_file()


# ---- info: upgrade due, newer, not ours -------------------------------------------------------


def schema_line(cli, path: Path) -> str:
    code, out, err = cli("info", "--db", str(path))
    assert (code, err) == (0, "")
    [line] = [line for line in out.splitlines() if line.startswith("schema ")]
    return line


def test_info_says_an_upgrade_is_due(cli, tmp_path):
    (tmp_path / "work").mkdir()
    path = tmp_path / "work" / "old.db"
    database = open_database(str(path), upgrade=False)
    schema.upgrade(database, "0001")
    database.dispose()
    assert schema_line(cli, path) == (
        f"schema       0001 (this ecomtui: {HEAD_REVISION}) - upgrade due: ecomtui upgrades it, after a backup, "
        "when it next opens it"
    )
    assert files_in(path.parent) == ["old.db"], "info only reads: no upgrade, no backup"


def test_info_says_a_store_is_newer_than_this_ecomtui(cli, tmp_path):
    path = newer_store(tmp_path / "newer.db")
    assert schema_line(cli, path) == (
        f"schema       0999 (this ecomtui: {HEAD_REVISION}) - newer than this ecomtui: upgrade ecomtui to use it"
    )


def test_info_says_a_file_is_not_an_ecomtui_database(cli, tmp_path):
    path = tmp_path / "crm.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    assert schema_line(cli, path) == (
        f"schema       none (this ecomtui: {HEAD_REVISION}) - not an ecomtui database (it holds other tables)"
    )


def test_info_on_a_file_that_is_no_database_at_all_is_one_line(cli, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    code, out, err = cli("info", "--db", str(path))
    assert code == 1
    assert f"database     {path}" in out.splitlines()
    assert one_line_error(err) == (
        f"ecomtui: error: {path} is not a database file (or it is damaged); "
        "check the path, or choose another file with --db"
    )


def test_text_another_program_wrote_as_invalid_utf8_is_one_plain_line(cli, tmp_path):
    path = store_with_a_task(tmp_path / "bytes.db")
    with sqlite3.connect(path) as con:
        con.execute("UPDATE task SET title = CAST(X'6361ff1b5b32' AS TEXT)")  # 'ca', a stray byte, ESC [2
    code, out, err = cli("task", "list", "--db", str(path))
    assert (code, out) == (1, "")
    assert one_line_error(err) == (
        f"ecomtui: error: {path} holds a title that is not valid UTF-8 (written by another program), "
        "so ecomtui cannot read it; correct it with the program that wrote it"
    )


def test_a_read_only_store_that_needs_an_upgrade_is_one_line_and_left_alone(other_user):
    folder = other_user.folder / "old"
    folder.mkdir()
    os.chmod(folder, 0o777)
    path = folder / "old.db"
    database = open_database(str(path), upgrade=False)
    schema.upgrade(database, "0001")
    database.dispose()
    os.chmod(path, 0o444)
    listed = other_user.run("-m", "ecomtui", "task", "list", "--db", str(path))
    assert listed.returncode == 1
    assert one_line_error(listed.stderr) == (
        f"ecomtui: error: {path} needs a schema upgrade (0001 to {HEAD_REVISION}) before ecomtui can use it, "
        f"but it is read-only for you; {COPY_HELP}"
    )
    assert files_in(folder) == ["old.db"], "no backup, no journal"
