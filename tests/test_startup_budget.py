"""The Budget tab adds nothing to start-up: its module, content, tables and arithmetic load after the first data."""

from __future__ import annotations

import json
import subprocess
import sys

LATER = (
    "ecomtui.ui.budget",
    "ecomtui.ui.budget_panel",
    "ecomtui.services.budget_calc",
    "textual.widgets._data_table",
    "textual_plotext",
)


def test_starting_the_app_loads_nothing_of_the_budget_tab():
    code = (
        "import sys, json, ecomtui.cli, ecomtui.app\n"
        "app = ecomtui.app.EcomApp(db='unused.db')\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    modules = set(json.loads(out.splitlines()[-1]))
    assert not modules & set(LATER), modules & set(LATER)
