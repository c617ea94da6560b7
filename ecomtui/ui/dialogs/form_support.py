"""What every form dialog shares: showing why a value was refused, next to the field."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from ecomtui.services.validation import InvalidInput
from ecomtui.text import visible


def show_form_error(form: Screen, exc: InvalidInput) -> None:
    """Show ``exc`` in the form's ``#form-error`` line and mark and focus the field it names."""
    error = form.query_one("#form-error", Static)
    error.update(Text(visible(exc.message)))
    error.add_class("-visible")
    for widget in form.query(".-invalid"):
        widget.remove_class("-invalid")
    if exc.field:
        try:
            field = form.query_one(f"#{exc.field}")
        except Exception:
            return
        field.add_class("-invalid")
        field.focus()
