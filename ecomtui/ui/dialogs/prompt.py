"""Ask for one line of text (a channel's new name, a colour): enter answers, escape cancels."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ecomtui.ui.widgets.key_footer import KeyFooter


class PromptDialog(ModalScreen[str | None]):
    """Dismisses with the text typed (stripped), or None when cancelled or left empty."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: Text, *, value: str = "", placeholder: str = "", hint: Text | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Static(self.title_text, classes="dialog-title")
            if self.hint is not None:
                yield Static(self.hint, classes="dialog-body")
            yield Input(self.value, placeholder=self.placeholder, id="answer", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (enter)", variant="primary", id="ok", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    def _answer(self) -> None:
        if self.app.screen is self:
            self.dismiss(self.query_one("#answer", Input).value.strip() or None)

    def action_cancel(self) -> None:
        if self.app.screen is self:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._answer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._answer()
        else:
            self.action_cancel()
