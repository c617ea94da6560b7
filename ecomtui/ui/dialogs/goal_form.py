"""The goal dialog (``g`` on the KPIs tab): a metric, a month, a target, at least or at most.

It shows the goal already set for the chosen metric and month, if any, and
saves based on that row's version: when someone set the same goal meanwhile,
the save is refused and both versions are shown (reload theirs / keep mine /
back). Money is typed in the store currency, ratios in percent. The dialog
closes only once the save has landed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from ecomtui.services.kpi_format import CARD_METRICS, goal_words, label, parse_target, value_text
from ecomtui.services.kpi_metrics import AT_LEAST, AT_MOST, KIND, MONEY, RATIO, default_direction
from ecomtui.services.validation import InvalidInput, parse_month
from ecomtui.ui.dialogs.form import FormDialog
from ecomtui.ui.widgets.key_footer import KeyFooter

# save(form, month, metric, target, direction, expected row or None): answers with form.saved / form.save_failed
SaveGoal = Callable[..., None]


def typed_target(metric: str, target) -> str:
    """A stored target as the user would type it (ratios in percent, no currency sign)."""
    if KIND.get(metric) == RATIO:
        return f"{(target * 100).normalize():f}"
    return f"{target.normalize():f}"


class GoalForm(FormDialog):
    """Dismisses with the saved goal row, or None when cancelled."""

    def __init__(self, *, metric: str, month: str, goals: dict, currency: str, save: SaveGoal) -> None:
        super().__init__(classes="dialog-screen")
        self.metric = metric
        self.month = month
        self.goals = goals  # (month, metric) -> GoalRow, as the tab last read them
        self.currency = currency
        self.save = save
        self.saving = False
        self.expected = goals.get((month, metric))  # the row this save is based on

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog goal-form"):
            yield Static(Text("Set a monthly goal"), classes="dialog-title")
            yield Static("", id="form-error", markup=False)
            with Grid(classes="form-grid goal-grid"):
                yield Label("Metric")
                yield Select(
                    [(label(m), m) for m in CARD_METRICS],
                    value=self.metric,
                    allow_blank=False,
                    id="metric",
                    compact=True,
                )
                yield Label("Month")
                yield Input(self.month, id="month", compact=True, placeholder="YYYY-MM")
                yield Label("Target")
                yield Input("", id="target", compact=True, select_on_focus=False)
                yield Label("Goal is")
                yield Select(
                    [("at least the target", AT_LEAST), ("at most the target", AT_MOST)],
                    value=default_direction(self.metric),
                    allow_blank=False,
                    id="direction",
                    compact=True,
                )
            yield Static("", id="goal-current", classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._fill_from_goal()
        self.query_one("#target", Input).focus()

    # ---- the goal of the chosen metric and month --------------------------------------

    def _chosen(self) -> tuple[str, str]:
        return str(self.query_one("#metric", Select).value), self.query_one("#month", Input).value.strip()

    def _fill_from_goal(self) -> None:
        """Show the goal stored for the chosen metric and month (or the defaults)."""
        metric, month = self._chosen()
        goal = self.goals.get((month, metric))
        self.expected = goal
        target = self.query_one("#target", Input)
        target.placeholder = self._hint(metric)
        target.value = typed_target(metric, goal.target) if goal else ""
        self.query_one("#direction", Select).value = goal.direction if goal else default_direction(metric)
        self._describe_current(metric, month, goal)

    def _hint(self, metric: str) -> str:
        kind = KIND.get(metric)
        if kind == MONEY:
            return f"amount in {self.currency}, e.g. 250000"
        if kind == RATIO:
            return "percent, e.g. 2.5"
        return "a number, e.g. 3200"

    def _describe_current(self, metric: str, month: str, goal) -> None:
        if goal is None:
            text = f"No {label(metric)} goal for {month or 'this month'} yet."
        else:
            target = value_text(metric, goal.target, self.currency)
            text = f"Now: {label(metric)} {goal_words(goal.direction)} {target} in {month}; saving replaces it."
        self.query_one("#goal-current", Static).update(Text(text))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "metric":
            self._fill_from_goal()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "month":
            try:
                parse_month(event.value)
            except InvalidInput:
                return
            self._fill_from_goal()

    # ---- saving ---------------------------------------------------------------------

    def action_save(self) -> None:
        if self.app.screen is not self or self.saving:
            return
        metric, month = self._chosen()
        try:
            if not parse_month(month):
                raise InvalidInput("month is required (YYYY-MM, e.g. 2026-11)", "month")
            target = parse_target(self.query_one("#target", Input).value, metric)
        except InvalidInput as exc:
            self._show_error(exc)
            return
        self.saving = True
        direction = str(self.query_one("#direction", Select).value)
        self.save(self, month, metric, target, direction, self.expected)

    def saved(self, goal) -> None:
        self.saving = False
        self.dismiss(goal)

    def save_failed(self, exc: Exception) -> None:
        from ecomtui.services.versioning import Conflict, Gone

        self.saving = False
        if isinstance(exc, Conflict):
            self._show_conflict(exc.current)
        elif isinstance(exc, Gone):
            self.expected = None
            self._show_error(InvalidInput(f"{exc.message}; save again to set it anew"))
        elif isinstance(exc, InvalidInput):
            self._show_error(exc)
        else:
            self._show_error(InvalidInput(f"Not saved: {self.app.explain(exc)}"))

    def _show_conflict(self, theirs) -> None:
        from ecomtui.ui.dialogs.conflict import ConflictDialog

        metric = theirs.metric
        rows = [
            ("Target", value_text(metric, theirs.target, self.currency), self._typed_target_text(metric)),
            (
                "Goal is",
                goal_words(theirs.direction),
                goal_words(str(self.query_one("#direction", Select).value)),
            ),
        ]

        def chosen(choice: str | None) -> None:
            self.goals = {**self.goals, (theirs.month, theirs.metric): theirs}
            if choice == "reload":
                self._fill_from_goal()
                self.notify("Showing the goal as saved elsewhere; your change was dropped", timeout=4)
            elif choice == "keep":
                self.expected = theirs  # based on theirs now: saving overwrites it knowingly
                self.action_save()

        self.app.push_screen(ConflictDialog(f"The {label(metric)} goal for {theirs.month}", rows), chosen)

    def _typed_target_text(self, metric: str) -> str:
        try:
            return value_text(metric, parse_target(self.query_one("#target", Input).value, metric), self.currency)
        except InvalidInput:
            return self.query_one("#target", Input).value
