"""What every form dialog shares: a plain error line that points at the field, save and cancel keys.

A form subclasses :class:`FormDialog`, has a ``#form-error`` Static, a button
``#save`` and a cancel button, and implements ``action_save``. Enter in a
one-line field saves, escape cancels.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ecomtui.services.validation import InvalidInput


class FormDialog(ModalScreen):
    """A modal form: ``ctrl+s`` / enter / the Save button save, escape / Cancel cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def action_save(self) -> None:
        raise NotImplementedError

    def _show_error(self, exc: InvalidInput) -> None:
        """Say what is wrong in one plain line and put the cursor on the field it names."""
        error = self.query_one("#form-error", Static)
        error.update(Text(exc.message))
        error.add_class("-visible")
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        if exc.field:
            try:
                field = self.query_one(f"#{exc.field}")
            except Exception:
                return
            field.add_class("-invalid")
            field.focus()

    def action_cancel(self) -> None:
        if self.app.screen is self:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
