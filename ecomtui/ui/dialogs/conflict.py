"""A save met a newer version of the row: show both, field by field, and let the user choose.

Shared by every editable table. The user's typing is never lost here: cancel
goes back to the form as it was. Stored values may come from other tools:
their control characters are shown made visible.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecomtui.text import visible
from ecomtui.ui.widgets.key_footer import KeyFooter

# (field label, theirs: what is stored now, yours: what you typed)
ConflictRow = tuple[str, str, str]


def conflict_table(rows: list[ConflictRow]) -> Table:
    table = Table(box=None, padding=(0, 1), expand=True, show_edge=False)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("theirs (saved meanwhile)", ratio=1, overflow="fold")
    table.add_column("yours", ratio=1, overflow="fold")
    for field, theirs, yours in rows:
        table.add_row(Text(field), Text(visible(theirs, multiline=True)), Text(visible(yours, multiline=True)))
    return table


class ConflictDialog(ModalScreen[str | None]):
    """Dismisses with "reload" (take theirs), "keep" (save mine over theirs) or None (back to the form)."""

    BINDINGS = [
        Binding("r", "choose('reload')", "Reload theirs", tooltip="drop your changes, show what is saved now"),
        Binding("k", "choose('keep')", "Keep mine", tooltip="save yours over theirs, knowingly"),
        Binding("escape", "choose(None)", "Back", tooltip="back to your form, nothing saved"),
    ]

    def __init__(self, what: str, rows: list[ConflictRow]) -> None:
        super().__init__(classes="dialog-screen")
        self.what = what
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog conflict"):
            yield Static(Text(f"{visible(self.what)} was changed by someone else"), classes="dialog-title")
            if self.rows:
                yield Static(Text("While you were editing, these fields were saved elsewhere:"), classes="dialog-body")
                yield Static(conflict_table(self.rows), classes="dialog-body")
            else:
                yield Static(Text("It was saved elsewhere while you were editing."), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reload theirs (r)", id="reload", compact=True)
                yield Button("Keep mine (k)", variant="warning", id="keep", compact=True)
                yield Button("Back (esc)", id="back", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()

    def action_choose(self, choice: str | None) -> None:
        if self.app.screen is self:
            self.dismiss(choice)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose({"reload": "reload", "keep": "keep"}.get(event.button.id or ""))
