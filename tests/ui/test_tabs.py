"""The tab list is the one place tabs come from: keys, help and palette follow from it."""

from __future__ import annotations

import pytest
from support import screen_text, wait_until

from ecomtui.app import EcomApp
from ecomtui.ui.dialogs.help import help_sections
from ecomtui.ui.tab import EcomTab, key_text
from ecomtui.ui.tabs import TABS


def test_every_tab_declares_what_the_app_needs():
    keys = [tab.TAB_KEY for tab in TABS]
    ids = [tab.TAB_ID for tab in TABS]
    assert len(set(keys)) == len(keys) and len(set(ids)) == len(ids)
    for tab in TABS:
        assert issubclass(tab, EcomTab)
        assert tab.TAB_KEY in "123456", tab
        assert tab.TAB_ID and tab.TAB_LABEL and tab.READY_MARKER, tab


def test_each_line_of_the_tab_list_names_the_key_id_and_label_its_class_declares():
    from ecomtui.ui.tabs import TAB_LIST, TabEntry

    assert [entry.load() for entry in TAB_LIST] == list(TABS)
    wrong = TabEntry("7", "tasks", "Tasks", "ecomtui.ui.tasks:TaskBoard")
    with pytest.raises(TypeError, match=r"ecomtui/ui/tabs\.py"):
        wrong.load()


def test_every_tab_has_a_help_section_with_its_keys():
    sections = dict(help_sections())
    for tab in TABS:
        assert sections.get(tab.TAB_LABEL), f"no help section for {tab.TAB_LABEL}"
    everywhere = dict(sections["Everywhere"])
    for tab in TABS:
        assert everywhere.get(tab.TAB_KEY) == f"{tab.TAB_LABEL} tab"


def test_help_lists_every_binding_of_the_app_and_the_tabs():
    listed = {key for _, entries in help_sections() for key, _ in entries}
    for source in (EcomApp, *TABS, *(w for tab in TABS for w in tab.HELP_WIDGETS)):
        for binding in source.BINDINGS:
            assert key_text(binding.key) in listed, f"{source.__name__}: {binding.key} is not in the help"


def test_key_text_is_how_a_user_writes_keys():
    assert key_text("shift+left,h") == "shift+← / h"
    assert key_text("question_mark") == "?"


async def test_each_tab_key_shows_its_tab_and_the_palette_offers_its_commands(tmp_path):
    app = EcomApp(db=str(tmp_path / "tabs.db"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: all(tab.loaded for tab in app.tabs.values()), "every tab loaded")
        for tab in TABS:
            await pilot.press(tab.TAB_KEY)
            await pilot.pause()
            assert app.current_tab is app.tabs[tab.TAB_ID]
            assert tab.READY_MARKER in screen_text(app) or not app.tabs[tab.TAB_ID].loaded
            assert list(app.current_tab.commands()), f"{tab.TAB_LABEL} offers no palette command"


async def test_the_palette_offers_the_current_tabs_commands_and_every_tab(tmp_path):
    from ecomtui.ui.commands import EcomCommands

    app = EcomApp(db=str(tmp_path / "palette.db"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: all(tab.loaded for tab in app.tabs.values()), "every tab loaded")
        provider = EcomCommands(app.screen)
        names = [name for name, _, _ in provider.commands()]
        for tab in TABS:
            assert f"Go to {tab.TAB_LABEL}" in names
        own = [name for name, _, _ in app.current_tab.commands()]
        assert own and set(own) <= set(names)  # the current tab's own commands
        await pilot.press("2")
        names = [name for name, _, _ in provider.commands()]
        assert "New task" in names and "Start the weekly review" not in names  # only what fits this tab


async def test_only_the_first_tab_is_there_for_the_first_frame_and_an_early_key_still_opens_its_tab(tmp_path):
    first, *others = sorted(TABS, key=lambda t: t.TAB_KEY)
    app = EcomApp(db=str(tmp_path / "early.db"))
    async with app.run_test(size=(120, 40)) as pilot:
        # before any data: the first tab alone is mounted, the tab bar names every tab
        assert app.tab(first.TAB_ID) is not None
        assert all(app.tab(tab.TAB_ID) is None for tab in others)
        last = others[-1]
        await pilot.press(last.TAB_KEY)  # pressed before the first tab's data showed
        await wait_until(pilot, lambda: app.current_tab is app.tabs[last.TAB_ID], f"{last.TAB_LABEL} shown")
        await wait_until(pilot, lambda: app.tabs[last.TAB_ID].loaded, f"{last.TAB_LABEL} loaded")
        await wait_until(pilot, lambda: all(tab.loaded for tab in app.tabs.values()), "every tab loaded")
        assert app.current_tab is app.tabs[last.TAB_ID]
        await pilot.pause()
        assert last.READY_MARKER in screen_text(app)
