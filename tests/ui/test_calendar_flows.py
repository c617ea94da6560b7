"""Pilot-driven flows on the Calendar tab: what a user does with the keyboard, and what sticks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from support import screen_text, wait_until
from textual.widgets import Input, Static

from ecomtui.app import EcomApp
from ecomtui.db.engine import open_database
from ecomtui.demo import write_demo
from ecomtui.services import promotion_queries, promotions
from ecomtui.ui.dialogs.confirm import ConfirmDialog
from ecomtui.ui.dialogs.promotion_form import PromotionForm

SIZE = (120, 40)
TODAY = date(2026, 11, 23)


def seed(path: Path, rows: list[dict], country: str = "DE") -> Path:
    database = open_database(str(path))
    with database.transaction() as conn:
        promotions.set_calendar_settings(conn, country=country)
        for row in rows:
            promotions.create_promotion(conn, promotions.parse_promotion_input(conn, **row))
    database.dispose()
    return path


def stored(path: Path):
    database = open_database(str(path))
    with database.connect() as conn:
        found = promotion_queries.load_promotions(conn)
    database.dispose()
    return found


@pytest.fixture
def calendar_db(tmp_path):
    return seed(
        tmp_path / "cal.db",
        [
            {"name": "Black Week", "start": "2026-11-20", "end": "2026-11-30", "channels": ["PPC"], "code": "BW20"},
            {"name": "Cyber", "start": "2026-11-27", "end": "2026-12-02", "channels": ["PPC"]},
            {"name": "Gift guide mail", "start": "2026-12-08", "end": "2026-12-08", "channels": ["Email"]},
        ],
    )


def calendar(app):
    return app.tab("calendar")


async def open_calendar(pilot) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: calendar(app) is not None and calendar(app).loaded, "calendar loaded")
    await pilot.press("3")
    await wait_until(pilot, lambda: "in the month" in screen_text(app), "calendar shown")
    await pilot.pause()


def status(app) -> str:
    return str(calendar(app).query_one("#cal-status", Static).render())


def agenda_title(app) -> str:
    return str(calendar(app).query_one("#agenda-title", Static).render())


async def test_key_3_on_the_demo_store_shows_the_month_with_promotions_black_friday_and_holidays(tmp_path):
    db = write_demo(str(tmp_path / "demo.db"), scale="small", seed=7, today=TODAY)
    app = EcomApp(db=str(db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        text = screen_text(app)
        assert "November 2026" in text
        assert "Black Friday" in text and "Cyber Monday" in text
        assert "Repentance" in text  # Saxony's holiday on 18 November
        assert "Black Week sale" in text and "!Black Week sale" in text  # the demo's deliberate conflict
        assert "W48" in text
        assert "Monday 2026-11-23" in agenda_title(app)


async def test_months_and_days_move_from_the_keyboard_alone(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("right")
        assert "Tuesday 2026-11-24" in agenda_title(app)
        await pilot.press("down")
        assert "Tuesday 2026-12-01" in agenda_title(app)
        assert "December 2026" in status(app)  # the cursor took the month with it
        await pilot.press("right_square_bracket")
        assert "January 2027" in status(app)
        await pilot.press("pageup", "pageup", "left_square_bracket")
        assert "October 2026" in status(app)
        await pilot.press("pagedown")
        assert "November 2026" in status(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "25 Christmas" in screen_text(app)
        await pilot.press("t")
        assert "Monday 2026-11-23" in agenda_title(app)


async def test_a_range_selected_with_shift_lists_its_promotions(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("down", "down", "shift+right", "shift+right")
        assert "2026-12-07 → 2026-12-09" in agenda_title(app)
        assert "1 promotion" in agenda_title(app)
        assert "Gift guide mail" in screen_text(app)


async def test_conflicts_are_flagged_on_both_in_grid_and_agenda(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("right", "right", "right", "right")  # Friday 27th: both run
        text = screen_text(app)
        assert "!Black Week" in text and "!Cyber" in text
        assert "! conflicts with Cyber (PPC)" in text
        assert "! conflicts with Black Week (PPC)" in text
        assert "2 in conflict" in status(app)


async def test_new_promotion_on_the_selected_day_is_saved(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("right")  # Tuesday 24th: no retail event
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, PromotionForm), "dialog")
        form = app.screen
        assert form.query_one("#start", Input).value == "2026-11-24"
        form.query_one("#name", Input).value = "Flash sale: stoves"
        form.query_one("#end", Input).value = "2026-11-25"
        form.query_one("#code", Input).value = "bw20"  # the same code as Black Week: a warning, not a refusal
        await pilot.pause()
        assert "Conflicts with Black Week (same code)" in str(form.query_one("#conflicts", Static).render())
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, PromotionForm), "dialog closed")
        await pilot.pause()
        assert "Flash sale: stoves" in screen_text(app)
    names = {p.name: (p.start, p.end, p.code) for p in stored(calendar_db)}
    assert names["Flash sale: stoves"] == (date(2026, 11, 24), date(2026, 11, 25), "bw20")


async def test_n_on_black_friday_offers_a_promotion_around_it(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("right", "right", "right", "right", "n")
        await wait_until(pilot, lambda: isinstance(app.screen, PromotionForm), "dialog")
        form = app.screen
        assert "around Black Friday" in form.title_text
        assert form.query_one("#name", Input).value == "Black Week sale"
        assert (form.query_one("#start", Input).value, form.query_one("#end", Input).value) == (
            "2026-11-23",
            "2026-11-30",
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, PromotionForm), "dialog closed")
    assert len(stored(calendar_db)) == 3  # cancelled: nothing written


async def test_a_bad_date_is_explained_in_the_dialog_and_nothing_is_saved(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, PromotionForm), "dialog")
        form = app.screen
        form.query_one("#name", Input).value = "Backwards"
        form.query_one("#end", Input).value = "2026-11-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PromotionForm)
        assert "is before the start" in str(form.query_one("#form-error", Static).render())
    assert "Backwards" not in [p.name for p in stored(calendar_db)]


async def test_edit_moves_a_promotion_out_of_conflict(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("right", "right", "right", "right")
        tab = calendar(app)
        assert tab.agenda.selected_promotion.name == "Black Week"
        await pilot.press("tab", "down")  # into the agenda, to Cyber
        assert tab.agenda.selected_promotion.name == "Cyber"
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, PromotionForm), "dialog")
        form = app.screen
        assert "Conflicts with Black Week (PPC)" in str(form.query_one("#conflicts", Static).render())
        form.query_one("#start", Input).value = "2026-12-01"
        await pilot.pause()
        assert str(form.query_one("#conflicts", Static).render()) == ""
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, PromotionForm), "dialog closed")
        await wait_until(pilot, lambda: "in conflict" not in status(app), "conflict gone")
    cyber = next(p for p in stored(calendar_db) if p.name == "Cyber")
    assert (cyber.start, cyber.sequence) == (date(2026, 12, 1), 1)


async def test_delete_asks_first(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "confirm")
        await pilot.press("n")
        await pilot.pause()
        assert len(stored(calendar_db)) == 3
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "confirm")
        await pilot.press("y")
        await pilot.pause(0.3)
    assert [p.name for p in stored(calendar_db)] == ["Cyber", "Gift guide mail"]


async def test_filter_by_text_and_escape_clears_it(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("slash", *"cyber")
        await pilot.pause()
        text = screen_text(app)
        assert "Cyber" in text and "Black Week" not in text
        assert 'filter "cyber"' in status(app)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert "Black Week" in screen_text(app)
        await pilot.press("slash", *"status:idea")
        await pilot.pause()
        assert "0 promotions in the month" in status(app)


async def test_user_text_is_shown_as_typed(tmp_path):
    db = seed(
        tmp_path / "odd.db",
        [
            {
                "name": "[bold]Sale[/] 🎉",
                "start": "2026-11-23",
                "end": "2026-11-24",
                "code": "[red]",
                "channels": ["SEO"],
            }
        ],
    )
    app = EcomApp(db=str(db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        assert "[bold]Sale[/] 🎉" in screen_text(app)
        assert "[red]" in screen_text(app)


async def test_another_tools_changes_show_and_keep_the_selected_day(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("down", "down")  # 2026-12-07
        seed(calendar_db, [{"name": "Added elsewhere", "start": "2026-12-07", "end": "2026-12-07"}])
        await wait_until(pilot, lambda: "Added elsewhere" in screen_text(app), "live refresh")
        assert "2026-12-07" in agenda_title(app)


async def test_a_save_over_someone_elses_change_shows_both_and_keeps_mine_on_request(calendar_db):
    from ecomtui.ui.dialogs.conflict import ConflictDialog

    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("e")  # Black Week, highlighted on the 23rd
        await wait_until(pilot, lambda: isinstance(app.screen, PromotionForm), "dialog")
        # meanwhile, someone else renames it
        database = open_database(str(calendar_db))
        with database.transaction() as conn:
            theirs = next(p for p in promotion_queries.load_promotions(conn) if p.name == "Black Week")
            data = replace(promotions.input_of(theirs), name="Black Week (agency copy)")
            promotions.update_promotion(conn, theirs.id, data, expected_version=theirs.version)
        database.dispose()
        app.screen.query_one("#code", Input).value = "BW25"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog), "conflict shown")
        await wait_until(pilot, lambda: "Black Week (agency copy)" in screen_text(app), "theirs shown")
        assert "theirs (saved meanwhile)" in screen_text(app)
        await pilot.press("k")
        await wait_until(pilot, lambda: not isinstance(app.screen, (ConflictDialog, PromotionForm)), "saved")
    (mine,) = [p for p in stored(calendar_db) if p.code == "BW25"]
    assert mine.name == "Black Week"  # kept mine, knowingly


async def test_the_country_is_changed_from_the_palette_and_a_bad_one_explained(calendar_db):
    from ecomtui.ui.dialogs.calendar_settings import CalendarSettingsForm

    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(pilot)
        assert "holidays: DE" in status(app)
        offered = {name: run for name, run, _ in calendar(app).commands()}
        offered["Calendar settings: country and shipping cut-off"]()
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarSettingsForm), "settings")
        await wait_until(pilot, lambda: "Calendar settings" in screen_text(app), "settings shown")
        form = app.screen
        form.query_one("#country", Input).value = "Narnia"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "not a country code" in screen_text(app), "explained")
        form.query_one("#country", Input).value = "gb"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "holidays: GB" in status(app), "saved and shown")
        calendar(app).grid.select(date(2026, 12, 26))
        await pilot.pause()
        assert "Boxing Day · public holiday (GB)" in screen_text(app)


async def test_enter_on_a_dashboard_promotion_shows_it_on_the_calendar(calendar_db):
    app = EcomApp(db=str(calendar_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: all(t.loaded for t in app.tabs.values()), "tabs loaded")
        block = app.tabs["dashboard"].query_one("#dash-promotions OptionList")
        rows = [str(o.prompt) for o in block._options]
        assert any("Black Week" in row and "conflicts with Cyber (PPC)" in row for row in rows)
        block.focus()
        await pilot.pause()
        block.highlighted = next(
            i for i, o in enumerate(block._options) if o.id and "2026-11-27  Cyber" in str(o.prompt)
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.current_tab is calendar(app), "the calendar")
        await pilot.pause()
        assert "Friday 2026-11-27" in agenda_title(app)  # its first day: it is not running yet
        assert calendar(app).agenda.selected_promotion.name == "Cyber"
