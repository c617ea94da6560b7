"""The Textual internals ecomtui patches are still where the patches expect them."""

from __future__ import annotations

from ecomtui.ui.textual_patches import FocusRepaintScreen, internals_missing


def test_the_textual_internals_the_patches_rely_on_are_unchanged():
    missing = internals_missing()
    assert not missing, (
        "Textual changed under ecomtui/ui/textual_patches.py; re-check each patch against the new "
        "Textual before bumping the pin: " + "; ".join(missing)
    )


def test_focus_changes_do_not_repaint_the_whole_screen():
    assert FocusRepaintScreen.__dict__["focused"]._repaint is False


async def test_a_filter_longer_than_its_field_still_shows_the_cursor_and_filters(tmp_path):
    from support import seed_tasks, wait_loaded

    from ecomtui.app import EcomApp
    from ecomtui.ui.textual_patches import FilterInput

    path = seed_tasks(tmp_path / "f.db", [{"title": "Short", "status": "todo"}])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("2", "slash")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, FilterInput)
        text = "x" * 120
        await pilot.press(*text)
        await pilot.pause()
        assert field.value == text and app.tab("tasks").filter.text == text
        assert field.scroll_offset.x > 0  # scrolled so the cursor at the end shows
        assert field.cursor_screen_offset.x <= field.region.right  # as a plain Input puts it


async def test_hidden_tabs_are_laid_out_while_idle_without_showing_or_taking_the_focus(tmp_path):
    from support import screen_text, seed_tasks, wait_until

    from ecomtui.app import EcomApp
    from ecomtui.ui.textual_patches import predraw

    path = seed_tasks(tmp_path / "p.db", [{"title": "Pre-drawn card", "status": "todo"}])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        board = app.tabs["tasks"]
        await wait_until(pilot, lambda: board.loaded and board.column("todo").given_width > 0, "board laid out")
        await pilot.pause()
        assert app.current_tab is app.tabs["dashboard"]
        assert "To do" not in screen_text(app)  # laid out, never shown
        focused = app.focused
        assert focused is None or app.tabs["dashboard"] in focused.ancestors_with_self

        assert predraw(app.tabs["dashboard"], draw=True) is False  # the shown tab: nothing to do
        await pilot.press("question_mark")  # help on top: the tabs' screen is not current
        await pilot.pause()
        assert predraw(board, draw=True) is False
        board.load()  # new data while the dialog is open: pre-drawn once it closes
        await wait_until(pilot, lambda: board in app._predraw_later, "pre-draw put off")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not app._predraw_later, "pre-draw done after the dialog")
        await pilot.press("2")
        await pilot.pause()
        assert "Pre-drawn card" in screen_text(app) and "To do 1" in screen_text(app)
