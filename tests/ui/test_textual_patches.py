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
