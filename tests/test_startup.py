"""The start-up path stays light: nothing heavy is imported before the first paint."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "plotext", "alembic", "textual_plotext", "numpy", "holidays", "icalendar", "dateutil")
DB_LAYER = ("sqlalchemy", "sqlmodel", "pydantic")


def loaded_modules(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {name.split(".")[0] for name in json.loads(out.splitlines()[-1])}


def test_app_start_up_imports_no_heavy_module():
    modules = loaded_modules("import ecomtui.cli, ecomtui.app\napp = ecomtui.app.EcomApp(db='unused.db')")
    assert not modules & set(HEAVY), modules & set(HEAVY)


def test_app_start_up_does_not_load_dialog_only_widgets():
    # TextArea (the notes field) is for dialogs: it loads when a dialog opens.
    out = subprocess.run(
        [sys.executable, "-c", "import sys, ecomtui.app; print(sorted(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "textual.widgets._text_area" not in out


def test_app_shell_paints_before_the_database_layer_loads():
    # The shell (tab bar, status line, board frame) is composed from light
    # modules only; SQLAlchemy/SQLModel load in the database worker afterwards.
    modules = loaded_modules("import ecomtui.app")
    assert not modules & set(DB_LAYER), modules & set(DB_LAYER)


def test_cli_help_imports_only_the_parser():
    modules = loaded_modules("import ecomtui.cli\necomtui.cli.build_parser().format_help()")
    assert not modules & set(HEAVY + DB_LAYER + ("textual",))


def test_task_list_does_not_load_pandas_or_alembic(tmp_path):
    db = tmp_path / "s.db"
    subprocess.run(
        [sys.executable, "-m", "ecomtui", "task", "add", "x", "--db", str(db)], check=True, capture_output=True
    )
    modules = loaded_modules(
        "import io, contextlib\nfrom ecomtui.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): main(['task', 'list', '--json', '--db', {str(db)!r}])"
    )
    assert not modules & set(HEAVY), modules & set(HEAVY)


def test_task_add_needs_neither_the_orm_nor_pydantic(tmp_path):
    # Adding a task is a Core insert: the command line stays quick for scripts.
    db = tmp_path / "s.db"
    subprocess.run(
        [sys.executable, "-m", "ecomtui", "task", "add", "first", "--db", str(db)], check=True, capture_output=True
    )
    modules = loaded_modules(
        "import io, contextlib\nfrom ecomtui.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): main(['task', 'add', 'x', '--db', {str(db)!r}])"
    )
    assert not modules & {"sqlmodel", "pydantic", "alembic"}, modules & {"sqlmodel", "pydantic", "alembic"}


def test_the_first_frame_imports_the_first_tab_only():
    # The other tabs' modules load once the first tab's data shows (ecomtui.ui.tabs).
    from ecomtui.ui.tabs import TAB_LIST

    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, ecomtui.app\napp = ecomtui.app.EcomApp(db='unused.db')\napp.tabs[app.first_tab]\n"
            "print(sorted(sys.modules))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    first, *others = [entry.path.partition(":")[0] for entry in TAB_LIST]
    assert f"'{first}'" in out
    assert [module for module in others if f"'{module}'" in out] == []
