"""The new / edit expense dialog: date, amount, channel, partner, promotion and a note.

Values are checked by ``services.budget_input.build_expense_input``; a bad one
(a negative amount, 2026-02-30) is explained in the dialog, which keeps what
was typed. The dialog saves through the Budget tab and closes only once the
save landed.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from ecomtui.services.budget_calc import spend_group
from ecomtui.services.budget_input import ExpenseInput, build_expense_input
from ecomtui.ui.dialogs.record_form import RecordForm, Save, choices, name_of
from ecomtui.ui.widgets.key_footer import KeyFooter


class ExpenseForm(RecordForm):
    """Dismisses with the saved expense (an ``ExpenseRow``), or None when cancelled."""

    WHAT = "The expense"

    def __init__(
        self,
        *,
        save: Save,
        channels: list[tuple[int, str]],
        partners: list[tuple[int, str]],
        promotions: list[tuple[int, str]],
        currency: str = "EUR",
        digits: int = 2,
        expense=None,  # an ExpenseRow to edit, or None for a new one
        day: date | None = None,
        channel_id: int | None = None,
    ) -> None:
        super().__init__(save=save, version=expense.version if expense else None)
        self.expense = expense
        self.channels = channels
        self.partners = partners
        self.promotions = promotions
        self.currency = currency
        self.digits = digits
        self.default_day = expense.day if expense else day
        self.default_channel = expense.channel_id if expense else channel_id

    def compose(self) -> ComposeResult:
        expense = self.expense
        with Vertical(classes="dialog record-form"):
            yield Static(Text("Edit expense" if expense else "New expense"), classes="dialog-title")
            yield Static("", id="form-error", markup=False)
            with Grid(classes="form-grid budget-grid"):
                yield Label("Date")
                yield Input(
                    self.default_day.isoformat() if self.default_day else "",
                    id="date",
                    compact=True,
                    placeholder="YYYY-MM-DD",
                )
                yield Label("Amount")
                yield Input(
                    str(expense.amount) if expense else "",
                    id="amount",
                    compact=True,
                    placeholder=f"in {self.currency}, e.g. 1200.50",
                    select_on_focus=False,
                )
                yield Label("Channel")
                yield Select(
                    choices(self.channels, self.default_channel, expense.channel if expense else None, "retired"),
                    value=self.default_channel if self.default_channel is not None else Select.NULL,
                    prompt="(choose)",
                    id="channel",
                    compact=True,
                )
                yield Label("Partner")
                yield Select(
                    choices(
                        self.partners, expense.partner_id if expense else None, expense.partner if expense else None
                    ),
                    value=expense.partner_id if expense and expense.partner_id is not None else Select.NULL,
                    prompt="(none)",
                    id="partner",
                    compact=True,
                )
                yield Label("Promotion")
                yield Select(
                    choices(
                        self.promotions,
                        expense.promotion_id if expense else None,
                        expense.promotion if expense else None,
                    ),
                    value=expense.promotion_id if expense and expense.promotion_id is not None else Select.NULL,
                    prompt="(none)",
                    id="promotion",
                    compact=True,
                )
                yield Label("Note")
                yield Input(expense.note if expense else "", id="note", compact=True, placeholder="what it paid for")
            if expense is not None and expense.source != "manual":
                yield Static(Text(f"From: {spend_group(expense.source, expense.partner)}"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#amount" if self.expense is None else "#date", Input).focus()

    def _value(self, select_id: str) -> int | None:
        value = self.query_one(select_id, Select).value
        return None if value is Select.NULL else value  # type: ignore[return-value]

    def read_input(self) -> ExpenseInput:
        return build_expense_input(
            day=self.query_one("#date", Input).value,
            amount=self.query_one("#amount", Input).value,
            channel_id=self._value("#channel"),
            partner_id=self._value("#partner"),
            promotion_id=self._value("#promotion"),
            note=self.query_one("#note", Input).value,
            digits=self.digits,
        )

    def typed_fields(self) -> dict[str, str]:
        return {
            "Date": self.query_one("#date", Input).value.strip(),
            "Amount": self.query_one("#amount", Input).value.strip(),
            "Channel": name_of(self.channels, self._value("#channel")),
            "Partner": name_of(self.partners, self._value("#partner")),
            "Promotion": name_of(self.promotions, self._value("#promotion")),
            "Note": self.query_one("#note", Input).value.strip() or "—",
        }

    def stored_fields(self, current) -> dict[str, str]:
        return {
            "Date": current.day.isoformat(),
            "Amount": str(current.amount),
            "Channel": current.channel,
            "Partner": current.partner or "—",
            "Promotion": current.promotion or "—",
            "Note": current.note or "—",
        }

    def take(self, current) -> None:
        self.expense = current
        self.query_one("#date", Input).value = current.day.isoformat()
        self.query_one("#amount", Input).value = str(current.amount)
        self.query_one("#note", Input).value = current.note
        for select_id, row_id in (
            ("#channel", current.channel_id),
            ("#partner", current.partner_id),
            ("#promotion", current.promotion_id),
        ):
            try:
                self.query_one(select_id, Select).value = row_id if row_id is not None else Select.NULL
            except Exception:  # no longer offered (archived meanwhile)
                self.query_one(select_id, Select).value = Select.NULL
