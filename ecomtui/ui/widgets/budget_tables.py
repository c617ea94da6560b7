"""The Budget tab's two tables: the month per channel (with its sources and a total), and its expenses.

Both fill themselves from a ``services.budget_queries.BudgetView`` and keep
the selected row across refills (by row key). Every cell is a rich ``Text``:
user text (channel, partner, promotion names, notes) is never parsed as
markup, and control characters from other tools are shown as symbols.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from ecomtui.services import budget_calc as calc
from ecomtui.services.money import format_amount
from ecomtui.text import visible
from ecomtui.ui.channel_style import channel_styles, channel_text

if TYPE_CHECKING:
    from ecomtui.services.budget_queries import BudgetView, ExpenseRow

ALERT = "▲"
TOTAL_KEY = "total"


def month_label(month: str) -> str:
    first = calc.month_first(month)
    return f"{first:%B} {first.year}"


def cut(text: str, width: int) -> str:
    """One screen line of at most ``width`` characters (control characters made visible)."""
    text = visible(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def paid_to(expense: ExpenseRow) -> str:
    """Who or what was paid, for the expense list: the partner, the ad platform, or nothing."""
    if expense.source == "retainer":
        return f"{expense.partner or '?'} (retainer)"
    if expense.source != "manual":
        return calc.SOURCE_LABELS.get(expense.source, expense.source)
    return expense.partner or ""


class KeyedTable(DataTable):
    """A row-cursor DataTable that knows its selected row's key and can return to it."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)

    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:
            return None

    def select_key(self, key: str | None) -> bool:
        """Put the cursor on the row ``key``; False when there is no such row (any more)."""
        if key is None or not self.row_count:
            return False
        try:
            self.move_cursor(row=self.get_row_index(key), animate=False)
        except Exception:
            return False
        return True


class BudgetTable(KeyedTable):
    """Total (fixed at the top), then each channel with a plan or spending, its sources under it."""

    def show(self, view: BudgetView, *, wide: bool, no_color: bool, keep: str | None) -> None:
        self.clear(columns=True)
        for label, key in (
            ("Channel", "channel"),
            ("Planned", "planned"),
            ("Actual", "actual"),
            ("Variance", "variance"),
            ("Used", "used"),
            ("Pacing", "pacing"),
            ("Forecast", "forecast"),
        ):
            self.add_column(Text(label, justify="left" if key == "channel" else "right"), key=key)
        if wide:
            self.add_column("Status", key="status")
        cells = _FigureCells(view, wide=wide, no_color=no_color)
        report = view.report
        width = len(self.columns)
        names = {c.id: c.name for c in view.channels}
        styles = channel_styles(view.channels, no_color)
        if report.channels:  # first and fixed: the total stays in sight however long the list
            self.add_row(*cells.row(report.total, Text("Total", style="bold"), bold=True)[:width], key=TOTAL_KEY)
        for row in report.channels:
            name = cut(names.get(row.channel_id, str(row.channel_id)), 22 if wide else 13)
            label = channel_text(name, row.channel_id, styles, swatch=True)
            label.stylize("bold")
            self.add_row(*cells.row(row.figures, label)[:width], key=f"c{row.channel_id}")
            if len(row.breakdown) > 1 or any(group != calc.SOURCE_LABELS["manual"] for group, _ in row.breakdown):
                for index, (group, amount) in enumerate(row.breakdown):
                    kind, _, who = group.rpartition(" · ")
                    self.add_row(
                        Text("  ↳ " + cut(who, 22 if wide else 11), style="dim"),
                        Text(kind.lower(), style="dim italic", justify="right"),
                        Text(cells.money(amount), style="dim", justify="right"),
                        *[""] * (width - 3),
                        key=f"s{row.channel_id}:{index}",
                    )
        self.fixed_rows = 1 if report.channels else 0
        if not self.select_key(keep) and self.row_count > 1:
            self.move_cursor(row=1, animate=False)  # the first channel, under the fixed total

    def selected_channel(self) -> int | None:
        """The channel of the selected row (a channel or one of its sources); None on the total."""
        key = self.selected_key()
        if key and key[0] in "cs":
            return int(key[1:].split(":")[0])
        return None

    def selected_plan_channel(self) -> int | None:
        """The channel whose own row (not a source under it) is selected."""
        key = self.selected_key()
        return int(key[1:]) if key and key[0] == "c" else None


class _FigureCells:
    """One row's cells; what needs attention carries ▲ (bold red, or reversed without colour)."""

    def __init__(self, view: BudgetView, *, wide: bool, no_color: bool) -> None:
        self.clock = view.report.clock
        self.digits = view.digits
        self.wide = wide
        self.alert_style = "bold reverse" if no_color else "bold red"

    def money(self, amount) -> str:
        return format_amount(amount, self.digits)

    def row(self, f: calc.Figures, name: Text, *, bold: bool = False) -> list:
        status, alert = f.status(self.clock)
        gap = " " if self.wide else ""
        style = "bold" if bold else ""

        def cell(text: str, flagged: bool = False) -> Text:
            if flagged:
                return Text(f"{ALERT}{gap}{text}", style=self.alert_style, justify="right")
            return Text(text, style=style, justify="right")

        pace = f.spending_pacing(self.clock)  # retainers left out: see budget_calc.Figures.spending_pacing
        fast = pace is not None and pace > calc.OVER_PACE and self.clock.state == calc.RUNNING
        used = f"{f.used * 100:.{1 if self.wide else 0}f}%" if f.used is not None else "n/a"
        return [
            name,
            cell(self.money(f.planned) if f.planned is not None else "—"),
            cell(self.money(f.actual)),
            cell(self.money(f.variance), status in ("over budget", "unplanned")),
            cell(used),
            cell(f"{f.pacing:.2f}" if f.pacing is not None else "n/a", fast),
            cell(self.money(f.forecast) if f.forecast is not None else "n/a"),
            Text(f"{ALERT} {status}" if alert else status, style=self.alert_style if alert else "dim"),
        ]


class ExpenseList(KeyedTable):
    """The month's expenses, newest first; those dated after the as-of day are dimmed."""

    def show(self, view: BudgetView, expenses: list[ExpenseRow]) -> None:
        keep = self.selected_key()
        self.clear(columns=True)
        for label, key in (
            ("Date", "date"),
            ("Channel", "channel"),
            ("Amount", "amount"),
            ("From", "from"),
            ("Note", "note"),
            ("Promotion", "promotion"),
        ):
            self.add_column(Text(label, justify="right" if key == "amount" else "left"), key=key)
        as_of = view.report.clock.as_of
        styles = channel_styles(view.channels, self.app.no_color)
        for e in expenses:
            style = "dim" if e.day > as_of else ""
            channel = channel_text(cut(e.channel, 14), e.channel_id, styles)
            if style:
                channel.stylize(style)
            self.add_row(
                Text(e.day.isoformat(), style=style),
                channel,
                Text(format_amount(e.amount, view.digits), style=style, justify="right"),
                Text(cut(paid_to(e), 20), style=style),
                Text(cut(e.note, 40), style=style),
                Text(cut(e.promotion or "", 18), style=style),
                key=str(e.id),
            )
        self.select_key(keep)

    def selected(self, view: BudgetView | None) -> ExpenseRow | None:
        key = self.selected_key()
        if key is None or view is None:
            return None
        return next((e for e in view.expenses if str(e.id) == key), None)
