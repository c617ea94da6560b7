"""What the Budget tab's dialogs share: saving through the tab, errors in place, conflicts shown.

Keys, the error line and the buttons come from :class:`ecomtui.ui.dialogs.form.FormDialog`.

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

from ecomtui.services.validation import InvalidInput
from ecomtui.services.versioning import Conflict
from ecomtui.ui.dialogs.form import FormDialog

# save(form, typed value, version the form was based on): submits the write; answers with saved / save_failed
Save = Callable[[Any, Any, "int | None"], None]


class RecordForm(FormDialog):
    """Base of a dialog that edits one record; subclasses compose the fields and read them."""

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
            self._show_error(exc)
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
            self._show_error(exc)
        else:
            self._show_error(InvalidInput(f"Not saved: {self.app.explain(exc)}"))

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


def choices(rows: list[tuple[int, str]], current: int | None, current_name: str | None, gone: str = "archived") -> list:
    """Select options from (id, name) rows, plus the record's own value when it is no longer offered."""
    offered = {row_id for row_id, _ in rows}
    extra = [(current, f"{current_name or current} ({gone})")] if current is not None and current not in offered else []
    return [(Text(name), row_id) for row_id, name in [*rows, *extra]]


def name_of(rows: list[tuple[int, str]], row_id: int | None, fallback: str | None = None) -> str:
    if row_id is None:
        return "—"
    return next((name for rid, name in rows if rid == row_id), fallback or str(row_id))
