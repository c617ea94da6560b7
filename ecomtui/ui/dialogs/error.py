"""A modal that explains a failure in words, instead of a traceback."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecomtui.text import visible
from ecomtui.ui.widgets.key_footer import KeyFooter


class ErrorDialog(ModalScreen[None]):
    """Shows a title and a message; any of enter / escape closes it."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error"):
            yield Static(Text(visible(self.title_text)), classes="dialog-title")
            yield Static(Text(visible(self.message, multiline=True)), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", compact=True)
        yield KeyFooter()

    def on_button_pressed(self) -> None:
        self.dismiss()
