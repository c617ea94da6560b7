"""The `?` screen: every key of the app, grouped by where it applies."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ecomtui.ui.widgets.key_footer import KeyFooter

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Everywhere",
        [
            ("2", "Tasks tab"),
            ("?", "this help"),
            ("ctrl+p", "command palette: every action, filters by channel / owner / sprint"),
            ("q", "quit"),
            ("escape", "close a dialog, clear a filter"),
        ],
    ),
    (
        "Task board",
        [
            ("← → / h l", "previous / next column"),
            ("↑ ↓ / k j", "previous / next card"),
            ("pgup pgdn home end", "page through a column"),
            ("n", "new task (in the selected column)"),
            ("e / enter", "edit the selected task"),
            ("d", "delete the selected task (asks first)"),
            ("shift+← / shift+→", "move the card to the previous / next column"),
            ("/", "filter by title, notes, owner, channel; enter keeps it, escape clears"),
        ],
    ),
    (
        "Dialogs",
        [
            ("tab / shift+tab", "next / previous field"),
            ("enter / space", "open a list (status, priority, channel, owner); ↑ ↓ then enter picks"),
            ("ctrl+s", "save (enter in a one-line field saves too)"),
            ("escape", "cancel, nothing is saved"),
            ("y / n", "answer a confirmation"),
        ],
    ),
]


def help_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for index, (section, keys) in enumerate(KEYS):
        if index:
            table.add_row("", "")
        table.add_row(Text(section, style="bold underline"), "")
        for key, what in keys:
            table.add_row(Text(key), Text(what))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(Text("Keys"), classes="dialog-title")
            yield Static(help_table())
        yield KeyFooter()


