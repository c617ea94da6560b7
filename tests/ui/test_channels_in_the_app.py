"""Channels from the command palette, and their colours on the board."""

from __future__ import annotations

import pytest
from rich.style import Style
from support import seed_tasks, wait_loaded, wait_until
from textual.widgets import Input, Select

from ecomtui.app import EcomApp
from ecomtui.db.engine import open_database
from ecomtui.services.channels import list_channels
from ecomtui.ui.dialogs.prompt import PromptDialog
from ecomtui.ui.dialogs.task_form import TaskForm


def stored_channels(path):
    database = open_database(str(path))
    with database.connect() as conn:
        found = list_channels(conn)
    database.dispose()
    return found


async def run_command(pilot, name: str) -> None:
    """Run the palette command called ``name`` (as picking it in ctrl+p does)."""
    board = pilot.app.tab("tasks")
    callback = next(cb for shown, cb, _ in board.commands() if shown == name)
    callback()
    await pilot.pause()


async def answer(pilot, text: str) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PromptDialog), "prompt")
    pilot.app.screen.query_one("#answer", Input).value = text
    await pilot.press("enter")


async def test_add_rename_colour_and_retire_a_channel_from_the_palette(tmp_path):
    path = seed_tasks(tmp_path / "ch.db", [{"title": "Coupons", "status": "todo", "channel": "Affiliate"}])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        board = app.tab("tasks")
        await run_command(pilot, "Channels: add a channel")
        await answer(pilot, "TikTok")
        await wait_until(pilot, lambda: any(name == "TikTok" for _, name in board.channels), "channel added")
        await run_command(pilot, "Channels: rename TikTok")
        await answer(pilot, "TikTok Shop")
        await wait_until(pilot, lambda: any(name == "TikTok Shop" for _, name in board.channels), "renamed")
        await run_command(pilot, "Channels: colour of TikTok Shop")
        await answer(pilot, "red")
        await run_command(pilot, "Channels: move TikTok Shop up")
        await run_command(pilot, "Channels: retire Affiliate")
        await wait_until(pilot, lambda: all(name != "Affiliate" for _, name in board.channels), "retired")

        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm), "dialog")
        offered = [str(prompt) for prompt, _ in app.screen.query_one("#channel", Select)._options]
        assert any("TikTok Shop" in name for name in offered)
        assert not any("Affiliate" in name for name in offered)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")  # the task keeps its retired channel, marked so
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm), "dialog")
        channel = app.screen.query_one("#channel", Select)
        assert channel.value == board.cards[0].channel_id
        assert any("Affiliate (retired)" in str(prompt) for prompt, _ in channel._options)
    channels = {c.name: c for c in stored_channels(path)}
    assert channels["TikTok Shop"].colour == "#e15759"
    assert channels["Affiliate"].retired
    assert [c.name for c in stored_channels(path)][-2:] == ["TikTok Shop", "Other"]
    assert board.cards[0].channel == "Affiliate"


async def test_a_taken_name_is_explained_and_changes_nothing(tmp_path):
    path = tmp_path / "taken.db"
    app = EcomApp(db=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await run_command(pilot, "Channels: add a channel")
        await answer(pilot, "seo")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ErrorDialog", "error shown")
    assert len(stored_channels(path)) == 10


@pytest.mark.parametrize("no_color", [False, True])
async def test_channel_names_on_cards_wear_the_channel_colour_unless_no_color(tmp_path, monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    path = seed_tasks(tmp_path / "colour.db", [{"title": "Mail", "status": "todo", "channel": "Email"}])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        column = app.tab("tasks").column("todo")
        meta = column._card_line(column.cards[0], 2, 24)
        email = next(c for c in stored_channels(path) if c.name == "Email")
        colours = {s.color.name for s in (span.style for span in meta.spans) if isinstance(s, Style) and s.color}
        assert meta.plain.strip() == "Email"
        assert (email.colour in colours) is not no_color
