"""The calendar's settings: the store's country (for public holidays) and the Christmas shipping cut-off.

Saved through the ``save`` function it is given (checked by the services: an
unknown country or day is explained here and nothing is saved); closes once
the save landed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ecomtui.services.validation import InvalidInput
from ecomtui.ui.dialogs.form import FormDialog
from ecomtui.ui.widgets.key_footer import KeyFooter

# save(form, country, cutoff): submits the write; answers with form.saved / form.save_failed
SaveSettings = Callable[["CalendarSettingsForm", str, str], None]


class CalendarSettingsForm(FormDialog):
    """Dismisses with True once saved; None when cancelled."""

    def __init__(self, *, country: str, cutoff: str, save: SaveSettings) -> None:
        super().__init__(classes="dialog-screen")
        self.country = country
        self.cutoff = cutoff
        self.save = save
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog calendar-settings"):
            yield Static(Text("Calendar settings"), classes="dialog-title")
            yield Static("", id="form-error", markup=False)
            with Grid(classes="form-grid settings-grid"):
                yield Label("Country")
                yield Input(self.country, id="country", compact=True, placeholder="DE, GB, US... or a region: DE-SN")
                yield Label("Cut-off")
                yield Input(self.cutoff, id="cutoff", compact=True, placeholder="MM-DD, e.g. 12-18; empty: none")
            yield Static(
                Text(
                    "The country's public holidays and Mother's Day show on the calendar; the cut-off is "
                    "the last day orders arrive before Christmas."
                ),
                classes="dialog-body",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#country", Input).focus()

    def action_save(self) -> None:
        if self.app.screen is not self or self.saving:
            return
        self.saving = True
        cutoff = self.query_one("#cutoff", Input).value.strip() or "none"
        self.save(self, self.query_one("#country", Input).value, cutoff)

    def saved(self, _result=None) -> None:
        self.saving = False
        self.dismiss(True)

    def save_failed(self, exc: Exception) -> None:
        self.saving = False
        message = exc.message if isinstance(exc, InvalidInput) else f"Not saved: {self.app.explain(exc)}"
        error = self.query_one("#form-error", Static)
        error.update(Text(message))
        error.add_class("-visible")
        field = "cutoff" if isinstance(exc, InvalidInput) and exc.field == "cutoff" else "country"
        self.query_one(f"#{field}", Input).focus()
