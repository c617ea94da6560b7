"""Render every working screen of the demo store to SVG in ``screenshots/``.

Headless and stable: the date is frozen (ECOMTUI_TODAY), animations are off and
the demo store is written under a throwaway HOME so the status line reads the
same on every machine. Rerun after any change to a screen:

    python screenshots/render.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

TODAY = "2026-11-23"
OUT = Path(__file__).resolve().parent


async def review_open(pilot) -> None:
    """After ``w``: wait until the weekly review has read its figures."""
    for _ in range(200):
        if getattr(pilot.app.screen, "loaded", False) and hasattr(pilot.app.screen, "step_titles"):
            return
        await pilot.pause(0.05)
    raise SystemExit("the weekly review did not open")


def legend(app) -> None:
    """In the help screen, the board's marks at the top (other tabs' keys follow them)."""
    app.screen.scroll_to_heading("Marks on the board")


# Every tab at both sizes (from the app's own tab list), then screens reached by keys:
# (file name, terminal size, keys to press once every tab has loaded; a function is called with the app)
EXTRA_SHOTS = [
    ("tasks-filter-120x40.svg", (120, 40), ["2", "slash", *"brief"]),
    ("task-dialog-80x24.svg", (80, 24), ["2", "right", "e"]),
    ("help-120x40.svg", (120, 40), ["question_mark"]),
    ("help-legend-80x24.svg", (80, 24), ["question_mark", legend]),
    ("kpis-chart-120x40.svg", (120, 40), ["6", "enter"]),
    ("kpis-goal-80x24.svg", (80, 24), ["6", "right", "right", "g"]),
    ("agencies-detail-80x24.svg", (80, 24), ["4", "down", "enter"]),
    ("partner-dialog-80x24.svg", (80, 24), ["4", "e"]),
    ("partner-delete-120x40.svg", (120, 40), ["4", "d"]),
    ("promotion-dialog-80x24.svg", (80, 24), ["3", "tab", "down", "e"]),
    ("review-80x24.svg", (80, 24), ["w", review_open]),
    ("review-tasks-120x40.svg", (120, 40), ["w", review_open, "enter", "enter"]),
    ("budget-expenses-80x24.svg", (80, 24), ["5", "slash", *"retainer"]),
    ("expense-dialog-80x24.svg", (80, 24), ["5", "n"]),
]


def shots() -> list[tuple[str, tuple[int, int], list]]:
    from ecomtui.ui.tabs import TABS

    tabs = [
        (f"{tab.TAB_ID}-{w}x{h}.svg", (w, h), [tab.TAB_KEY])
        for tab in sorted(TABS, key=lambda t: t.TAB_KEY)
        for (w, h) in ((120, 40), (80, 24))
    ]
    return tabs + EXTRA_SHOTS


async def shoot(db: Path, name: str, size: tuple[int, int], keys: list) -> None:
    from ecomtui.app import EcomApp

    app = EcomApp(db=str(db))
    async with app.run_test(size=size) as pilot:
        for _ in range(400):
            if all(tab.loaded for tab in app.tabs.values()):
                break
            await pilot.pause(0.05)
        else:
            raise SystemExit(f"the tabs did not load for {name}")
        await pilot.pause(0.1)
        for key in keys:
            if asyncio.iscoroutinefunction(key):
                await key(pilot)
                await pilot.pause()
            elif callable(key):
                key(app)
                await pilot.pause()
            else:
                await pilot.press(key)
        await pilot.pause(0.3)
        app.save_screenshot(filename=name, path=str(OUT))
    print(f"wrote screenshots/{name}")


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="ecomtui-screens-"))
    os.environ.update(HOME=str(home), ECOMTUI_TODAY=TODAY, TEXTUAL_ANIMATION="none")
    for var in ("XDG_DATA_HOME", "ECOMTUI_DB", "NO_COLOR"):
        os.environ.pop(var, None)
    from ecomtui.demo import write_demo

    db = write_demo(None, scale="small", seed=7)
    for name, size, keys in shots():
        asyncio.run(shoot(db, name, size, keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
