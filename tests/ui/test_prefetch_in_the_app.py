"""The app with a prefetched first read (ecomtui.prefetch): shown as the first data, not read twice."""

from __future__ import annotations

from datetime import date

from support import screen_text, wait_until

from ecomtui import prefetch
from ecomtui.app import EcomApp
from ecomtui.db.location import resolve
from ecomtui.demo import write_demo
from ecomtui.ui.dashboard import DashboardTab

TODAY = date(2026, 11, 23)


async def test_the_app_shows_the_prefetched_read_and_does_not_read_it_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ECOMTUI_TODAY", TODAY.isoformat())
    path = write_demo(str(tmp_path / "store.db"), scale="small", seed=7, today=TODAY)
    reads: list[int] = []
    original = DashboardTab.load
    monkeypatch.setattr(DashboardTab, "load", lambda self: (reads.append(1), original(self))[1])
    app = EcomApp(db=str(path), prefetched=prefetch.start(resolve(str(path)), prefetch.first_read()))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: all(tab.loaded for tab in app.tabs.values()), "every tab loaded")
        assert "This week, 2026-W48" in screen_text(app)
        assert reads == []  # the Dashboard showed the child's read
        app.bridge.check_now()  # someone else changed the store: it reads for itself again
        await wait_until(pilot, lambda: reads == [1], "the Dashboard read again")
