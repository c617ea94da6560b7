"""What the Budget tab's dialogs share: saving through the tab, errors in place, conflicts shown.

A form checks what was typed (``read_input``), hands it to the ``save``
function it was given, and closes only once the save landed (``saved``). A
refusal keeps everything typed and says why in the form; a save that met a
newer version of the record opens the ConflictDialog (theirs / yours), from
which the user reloads theirs, keeps theirs overwritten knowingly, or goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ecomtui.services.validation import InvalidInput
from ecomtui.services.versioning import Conflict

# save(form, typed value, version the form was based on): submits the write; answers with saved / save_failed
Save = Callable[[Any, Any, "int | None"], None]


class RecordForm(ModalScreen):
    """Base of a dialog that edits one record; subclasses compose the fields and read them."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    WHAT = "record"  # what the conflict dialog calls it

    def __init__(self, *, save: Save, version: int | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.save = save
        self.version = version  # of the record as the form shows it (None: a new one)
        self.saving = False

    # ---- for subclasses -------------------------------------------------------------

    def read_input(self) -> Any:
        """What was typed, checked; raises InvalidInput naming the field."""
        raise NotImplementedError

    def typed_fields(self) -> dict[str, str]:
        """The fields as typed, for the conflict view."""
        return {}

    def stored_fields(self, current: Any) -> dict[str, str]:
        """The record as stored now, for the conflict view."""
        return {}

    def take(self, current: Any) -> None:
        """Show the stored record in the fields (the user chose "reload theirs")."""

    # ---- saving -----------------------------------------------------------------------

    def action_save(self) -> None:
        if self.app.screen is not self or self.saving:
            return
        try:
            data = self.read_input()
        except InvalidInput as exc:
            self.show_error(exc)
            return
        self.saving = True
        self.save(self, data, self.version)

    def saved(self, result: Any) -> None:
        """The save landed: close with the record as stored."""
        self.saving = False
        self.dismiss(result)

    def save_failed(self, exc: Exception) -> None:
        """The save did not land: keep what was typed and say why (or show both versions)."""
        self.saving = False
        if isinstance(exc, Conflict) and exc.current is not None and not isinstance(exc.current, dict):
            self._show_conflict(exc.current)
        elif isinstance(exc, InvalidInput):
            self.show_error(exc)
        else:
            self.show_error(InvalidInput(f"Not saved: {self.app.explain(exc)}"))

    def _show_conflict(self, current: Any) -> None:
        from ecomtui.ui.dialogs.conflict import ConflictDialog

        theirs = self.stored_fields(current)
        yours = self.typed_fields()
        rows = [(name, theirs[name], yours.get(name, "")) for name in theirs if theirs[name] != yours.get(name)]

        def chosen(choice: str | None) -> None:
            if choice == "reload":
                self.take(current)
                self.version = current.version
                self.notify("Showing what is saved now; your changes were dropped", timeout=4)
            elif choice == "keep":
                self.version = current.version  # based on theirs now: saving overwrites it knowingly
                self.action_save()

        self.app.push_screen(ConflictDialog(self.WHAT, rows), chosen)

    def show_error(self, exc: InvalidInput) -> None:
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


def choices(rows: list[tuple[int, str]], current: int | None, current_name: str | None, gone: str = "archived") -> list:
    """Select options from (id, name) rows, plus the record's own value when it is no longer offered."""
    offered = {row_id for row_id, _ in rows}
    extra = [(current, f"{current_name or current} ({gone})")] if current is not None and current not in offered else []
    return [(Text(name), row_id) for row_id, name in [*rows, *extra]]


def name_of(rows: list[tuple[int, str]], row_id: int | None, fallback: str | None = None) -> str:
    if row_id is None:
        return "—"
    return next((name for rid, name in rows if rid == row_id), fallback or str(row_id))
