"""At 80x24 the Dashboard drops detail (a few rows a table, one line each, no notes); from 100x30 it shows all."""

from __future__ import annotations

from datetime import date

from support import wait_until
from textual.widgets import OptionList

from ecomtui.app import EcomApp
from ecomtui.demo import write_demo
from ecomtui.ui.dashboard import COMPACT_ROWS


def _tasks_block(app):
    lists = app.tabs["dashboard"].query("#dash-tasks OptionList")
    return lists.first(OptionList) if lists else None


def _row_prompts(option_list: OptionList) -> list[str]:
    return [str(option.prompt) for option in option_list.options]


async def test_the_dashboard_drops_detail_at_80x24_and_shows_everything_when_there_is_room(tmp_path):
    db = write_demo(str(tmp_path / "demo.db"), scale="small", seed=7, today=date(2026, 11, 23))
    app = EcomApp(db=str(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.tabs["dashboard"].loaded and _tasks_block(app) is not None, "dashboard")
        sections = {s.key: s for s in app.tabs["dashboard"].sections}
        due = next(t for t in sections["tasks"].tables if t.title.startswith("Due this week"))
        assert len(due.rows) > COMPACT_ROWS  # the demo has more than fit
        prompts = _row_prompts(_tasks_block(app))
        assert f"  +{len(due.rows) - COMPACT_ROWS} more (all of them from 100x30)" in prompts
        width = app.tabs["dashboard"].query_one("#dash-tasks").content_region.width
        assert all(len(p) <= width for p in prompts)  # one line each
        assert not app.tabs["dashboard"].query(".dash-note")  # notes dropped

        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: len(_tasks_block(app).options) > len(prompts), "every row back")
        assert not any("more (all of them" in p for p in _row_prompts(_tasks_block(app)))
        assert app.tabs["dashboard"].query(".dash-note")
        assert app.focused is not None and app.tabs["dashboard"] in app.focused.ancestors
