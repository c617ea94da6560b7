"""Log an interaction with a partner in one short dialog: kind, day, summary, next step, follow-up.

The day is today unless changed; a bad value is explained in the dialog,
which keeps what was typed. The dialog saves through the ``save`` function it
is given and closes once the save has landed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ecomtui.services.partner_roster import INTERACTION_KINDS, InteractionInput, build_interaction_input
from ecomtui.services.validation import InvalidInput
from ecomtui.text import visible
from ecomtui.ui.dialogs.form_support import show_form_error
from ecomtui.ui.widgets.key_footer import KeyFooter

KIND_LABELS = {"call": "Call", "meeting": "Meeting", "email": "E-mail", "review": "Review"}

# save(form, data): submits the write; answers with form.saved / form.save_failed
SaveInteraction = Callable[["InteractionForm", InteractionInput], None]


class InteractionForm(ModalScreen[object]):
    """Dismisses with what ``save`` answered (the partner as stored now); None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, *, partner_name: str, today: date, save: SaveInteraction) -> None:
        super().__init__(classes="dialog-screen")
        self.partner_name = partner_name
        self.today = today
        self.save = save
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog interaction-form"):
            yield Static(Text.assemble("Log with ", (visible(self.partner_name), "bold")), classes="dialog-title")
            yield Static("", id="form-error", markup=False)
            with Grid(classes="form-grid log-grid"):
                yield Label("Kind")
                yield Select(
                    [(KIND_LABELS[k], k) for k in INTERACTION_KINDS],
                    value="call",
                    allow_blank=False,
                    id="kind",
                    compact=True,
                )
                yield Label("Day")
                yield Input(self.today.isoformat(), id="day", compact=True, placeholder="YYYY-MM-DD")
                yield Label("Summary")
                yield Input("", id="summary", compact=True, placeholder="what was said or agreed")
                yield Label("Next step")
                yield Input("", id="next_step", compact=True, placeholder="optional")
                yield Label("Follow up")
                yield Input("", id="follow_up", compact=True, placeholder="YYYY-MM-DD, optional")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#summary", Input).focus()

    def action_save(self) -> None:
        if self.app.screen is not self or self.saving:
            return
        try:
            data = build_interaction_input(
                kind=str(self.query_one("#kind", Select).value),
                summary=self.query_one("#summary", Input).value,
                day=self.query_one("#day", Input).value,
                next_step=self.query_one("#next_step", Input).value,
                follow_up=self.query_one("#follow_up", Input).value,
                today=self.today,
            )
        except InvalidInput as exc:
            show_form_error(self, exc)
            return
        self.saving = True
        self.save(self, data)

    def saved(self, result) -> None:
        self.saving = False
        self.dismiss(result)

    def save_failed(self, exc: Exception) -> None:
        self.saving = False
        message = exc if isinstance(exc, InvalidInput) else InvalidInput(f"Not saved: {self.app.explain(exc)}")
        show_form_error(self, message)

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
