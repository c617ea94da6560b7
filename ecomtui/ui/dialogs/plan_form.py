"""Set a channel's planned budget for one month (the Budget tab's ``b``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from ecomtui.services.budget_input import PlanInput, build_plan_input
from ecomtui.services.money import format_amount
from ecomtui.ui.dialogs.record_form import RecordForm, Save, choices, name_of
from ecomtui.ui.widgets.key_footer import KeyFooter


class PlanForm(RecordForm):
    """Dismisses with the saved ``PlanLine``, or None when cancelled.

    ``plans`` maps channel ids to the month's stored plans: choosing another
    channel shows (and edits) that channel's plan.
    """

    WHAT = "The plan"

    def __init__(
        self,
        *,
        save: Save,
        month: str,
        month_label: str,
        channels: list[tuple[int, str]],
        plans: dict,
        channel_id: int | None,
        currency: str = "EUR",
        digits: int = 2,
        previous: dict | None = None,  # last month's plans by channel id, for a hint
    ) -> None:
        line = plans.get(channel_id)
        super().__init__(save=save, version=line.version if line else None)
        self.month = month
        self.month_label = month_label
        self.channels = channels
        self.plans = plans
        self.channel_id = channel_id
        self.currency = currency
        self.digits = digits
        self.previous = previous or {}

    def compose(self) -> ComposeResult:
        line = self.plans.get(self.channel_id)
        with Vertical(classes="dialog record-form plan-form"):
            yield Static(Text(f"Plan for {self.month_label}"), classes="dialog-title")
            yield Static("", id="form-error", markup=False)
            with Grid(classes="form-grid budget-grid"):
                yield Label("Channel")
                yield Select(
                    choices(self.channels, self.channel_id, None),
                    value=self.channel_id if self.channel_id is not None else Select.NULL,
                    prompt="(choose)",
                    id="channel",
                    compact=True,
                )
                yield Label("Planned")
                yield Input(
                    str(line.planned) if line else "",
                    id="amount",
                    compact=True,
                    placeholder=f"in {self.currency}, e.g. 3000",
                    select_on_focus=False,
                )
            yield Static(self._hint(), id="plan-hint", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#amount" if self.channel_id is not None else "#channel").focus()

    def _hint(self) -> Text:
        previous = self.previous.get(self.channel_id)
        if previous is None:
            return Text("No plan last month.", style="dim")
        return Text(f"Last month: {format_amount(previous.planned, self.digits)} {self.currency}", style="dim")

    def on_select_changed(self, event: Select.Changed) -> None:
        """Another channel: show and edit its plan for the month."""
        if event.select.id != "channel" or event.value is Select.NULL or event.value == self.channel_id:
            return
        self.channel_id = event.value
        line = self.plans.get(self.channel_id)
        self.version = line.version if line else None
        self.query_one("#amount", Input).value = str(line.planned) if line else ""
        self.query_one("#plan-hint", Static).update(self._hint())

    def _channel(self) -> int | None:
        value = self.query_one("#channel", Select).value
        return None if value is Select.NULL else value  # type: ignore[return-value]

    def read_input(self) -> PlanInput:
        return build_plan_input(
            month=self.month,
            channel_id=self._channel(),
            amount=self.query_one("#amount", Input).value,
            digits=self.digits,
        )

    def typed_fields(self) -> dict[str, str]:
        return {
            "Channel": name_of(self.channels, self._channel()),
            "Planned": self.query_one("#amount", Input).value.strip(),
        }

    def stored_fields(self, current) -> dict[str, str]:
        return {"Channel": name_of(self.channels, current.channel_id), "Planned": str(current.planned)}

    def take(self, current) -> None:
        self.plans = {**self.plans, current.channel_id: current}
        self.query_one("#amount", Input).value = str(current.planned)
