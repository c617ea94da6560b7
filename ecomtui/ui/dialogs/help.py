"""The `?` screen: every key of the app, generated from the bindings so it cannot drift.

Sections: the app's own keys, then each tab's (its bindings, its inner
widgets' bindings and its notes, such as a legend), then the keys that every
dialog shares. In a tab's notes, an entry with text only on the left is a
sub-heading (such as the legend's) and an empty entry a blank line.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ecomtui.ui.tab import help_entries
from ecomtui.ui.widgets.key_footer import KeyFooter

DIALOG_KEYS = [
    ("tab / shift+tab", "next / previous field"),
    ("enter / space", "open a list (status, priority, channel, owner); ↑ ↓ then enter picks"),
    ("ctrl+s", "save (enter in a one-line field saves too)"),
    ("escape", "cancel, nothing is saved"),
    ("y / n", "answer a confirmation"),
]


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every section of the help screen, in order."""
    from ecomtui.app import GLOBAL_HELP_NOTES, EcomApp
    from ecomtui.ui.tabs import TABS

    sections = [("Everywhere", help_entries(EcomApp) + list(GLOBAL_HELP_NOTES))]
    sections += [tab.help_section() for tab in sorted(TABS, key=lambda t: t.TAB_KEY)]
    sections.append(("Dialogs", DIALOG_KEYS))
    return sections


def help_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for index, (section, keys) in enumerate(help_sections()):
        if index:
            table.add_row("", "")
        table.add_row(Text(section, style="bold underline"), "")
        for key, what in keys:
            if what:
                table.add_row(Text(key), Text(what))
            else:
                table.add_row(Text(key, style="underline"), "")
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(Text("Keys"), classes="dialog-title")
            yield Static(help_table(), id="help-keys")
        yield KeyFooter()

    def scroll_to_heading(self, heading: str) -> None:
        """Scroll so that a section or sub-heading (``"Marks on the board"``) is the first line shown."""
        keys = self.query_one("#help-keys", Static)
        console = self.app.console
        lines = console.render_lines(help_table(), console.options.update_width(keys.content_region.width), pad=False)
        for index, line in enumerate(lines):
            if "".join(segment.text for segment in line).strip() == heading:
                self.query_one(VerticalScroll).scroll_to(y=keys.virtual_region.y + index, animate=False)
                return
