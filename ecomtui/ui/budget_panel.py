"""The Budget tab's content: one month's plan vs actual per channel, where the money went, and how fast.

A table of the month's channels (planned, actual to date, variance, % used,
pacing, forecast; retainers and ad platforms as rows under their channel; a
total), two plotext charts (planned vs actual per channel; spent vs the even
pace) and the month's expenses, filterable with ``/``. Wide screens show it
all; below 110x32 the lower half shows one of bar chart, pace chart or
expense list at a time (``v``). The charts' module (plotext) is imported only
when a chart is first drawn.

The figures come from ``services.budget_calc`` (through
``services.budget_queries``), read and written through the app's database
bridge; after a change the month is read again. The tab itself
(:mod:`ecomtui.ui.budget`) mounts this panel after start-up, so none of it
(DataTable, the budget arithmetic) is on the app's start-up path.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import DataTable, Input, Static

from ecomtui import clock
from ecomtui.services import budget_calc as calc
from ecomtui.services.money import format_amount
from ecomtui.text import visible
from ecomtui.ui.tab import Command, EcomTab
from ecomtui.ui.textual_patches import FilterInput
from ecomtui.ui.widgets.budget_tables import (
    ALERT,
    TOTAL_KEY,
    BudgetTable,
    ExpenseList,
    month_label,
)

if TYPE_CHECKING:
    from ecomtui.services.budget_queries import BudgetView, ExpenseRow

WIDE_WIDTH, WIDE_HEIGHT = 110, 32
NARROW_VIEWS = ("bar", "pace", "expenses")
VIEW_NAMES = {"bar": "planned vs actual chart", "pace": "pace chart", "expenses": "expense list"}
MONTH_GROUP = Binding.Group("Month", compact=True)


def _load_job(month: str, today: date):
    def job(conn):
        from ecomtui.services.budget_queries import load_month

        return load_month(conn, month, today)

    return job


class BudgetPanel(Vertical):
    """The Budget tab's content, mounted once the app is up (see ecomtui.ui.budget)."""

    BINDINGS = [
        Binding(
            "left_square_bracket",
            "month(-1)",
            "Prev",
            key_display="[",
            group=MONTH_GROUP,
            tooltip="previous month",
            id="budget.prev_month",
        ),
        Binding(
            "right_square_bracket",
            "month(1)",
            "Next",
            key_display="]",
            group=MONTH_GROUP,
            tooltip="next month",
            id="budget.next_month",
        ),
        Binding("n", "new_expense", "Expense", tooltip="new expense (on the selected channel)", id="budget.new"),
        Binding("b", "set_plan", "Plan", tooltip="set the selected channel's plan for the month", id="budget.plan"),
        Binding(
            "e,enter",
            "edit",
            "Edit",
            tooltip="edit the selected expense, or the selected channel's plan",
            id="budget.edit",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            tooltip="delete the selected expense or channel plan (asks first)",
            id="budget.delete",
        ),
        Binding("v", "switch_view", "View", tooltip="narrow screens: bar chart, pace chart or expense list below"),
        Binding(
            "c", "copy_plan", "Copy plan", show=False, tooltip="copy last month's plan into this one (never overwrites)"
        ),
        Binding(
            "r",
            "book_retainers",
            "Retainers",
            show=False,
            tooltip="book the month's agency retainers as expenses (once)",
        ),
        Binding("escape", "clear_filter", "Clear", tooltip="clear the filter", id="budget.clear_filter"),
    ]

    def __init__(self, tab: EcomTab) -> None:
        super().__init__(id="budget-panel")
        self.tab = tab
        self.today = clock.today()
        self.month = calc.month_key(self.today)
        self.view: BudgetView | None = None
        self.filter_text = ""
        self.narrow_view = "bar"
        self._charts_ready = False
        self._select_after_load: str | None = None  # a row to select once the next read shows it
        self._channel_row: str | None = None  # the channel row last selected, kept from month to month

    def compose(self) -> ComposeResult:
        yield Static("Loading the budget…", id="budget-head", markup=False)
        yield BudgetTable(id="budget-table")
        yield Static("", id="budget-empty", markup=False)
        with Horizontal(id="budget-lower"):
            with Vertical(id="budget-expenses"):
                field = FilterInput(
                    placeholder="Filter expenses: note, channel, partner, promotion — esc clears",
                    id="expense-filter",
                    compact=True,
                )
                field.display = False
                yield field
                yield Static("", id="expense-title", markup=False)
                yield ExpenseList(id="expense-list")
            yield Vertical(id="budget-charts")

    def on_mount(self) -> None:
        self._table = self.query_one("#budget-table", BudgetTable)
        self._expenses = self.query_one("#expense-list", ExpenseList)
        self._head = self.query_one("#budget-head", Static)
        if self.tab.pending_select is not None:  # a Dashboard link followed before the panel was up
            self._select_after_load = f"c{self.tab.pending_select}"
            self.tab.pending_select = None
        self._apply_layout()
        self.load()

    # ---- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """(Re)read the selected month; keeps the selection, the filter and any open dialog."""
        self.today = clock.today()
        month = self.month

        def loaded(view: BudgetView) -> None:
            if month != self.month:
                return  # the user moved to another month meanwhile: that read is on its way
            self._show(view)
            self.call_after_refresh(self.tab.data_shown)

        self.app.bridge.submit(_load_job(month, self.today), requester=self, on_done=loaded)

    def _show(self, view: BudgetView) -> None:
        first_load = self.view is None
        self.view = view
        self._fill_table(view)
        if self._select_after_load:
            self._table.select_key(self._select_after_load)
            self._select_after_load = None
        self._fill_expenses()
        self._update_head()
        self._draw_charts()
        self.refresh_bindings()
        focused = self.screen.focused
        if first_load and not isinstance(focused, Input) and self.tab.display:
            self.screen.set_focus(self._table)

    # ---- the budget table --------------------------------------------------------------------

    def _money(self, amount) -> str:
        return format_amount(amount, self.view.digits if self.view else 2)

    def _fill_table(self, view: BudgetView) -> None:
        keep = self._table.selected_key() or self._channel_row
        if keep and keep != TOTAL_KEY:
            self._channel_row = keep  # kept across months without that channel
        self._table.show(view, wide=self.has_class("-wide"), no_color=self.app.no_color, keep=keep)
        empty = self.query_one("#budget-empty", Static)
        empty.display = not view.report.channels
        self.set_class(not view.report.channels, "-empty")  # the table keeps its header (and the focus)
        if not view.report.channels:
            previous = month_label(calc.shift_month(self.month, -1))
            empty.update(
                Text(
                    f"No plan and no spending in {month_label(self.month)}.\n"
                    f"b sets a channel's plan · c copies {previous}'s plan · n records an expense · r books retainers"
                )
            )

    def selected_channel(self) -> int | None:
        """The channel of the selected row (a channel, its sources, or the selected expense)."""
        if self.screen.focused is self._expenses:
            expense = self.selected_expense()
            if expense is not None:
                return expense.channel_id
        return self._table.selected_channel()

    def selected_expense(self) -> ExpenseRow | None:
        return self._expenses.selected(self.view)

    # ---- the expense list ---------------------------------------------------------------------

    def shown_expenses(self) -> list[ExpenseRow]:
        if self.view is None:
            return []
        words = self.filter_text.casefold().split()
        return [e for e in self.view.expenses if all(w in e.search_text() for w in words)]

    def _fill_expenses(self) -> None:
        self._expenses.show(self.view, self.shown_expenses())
        self.query_one("#expense-title", Static).update(self._expense_title())

    def _expense_title(self) -> Text:
        shown, total = len(self.shown_expenses()), len(self.view.expenses) if self.view else 0
        if self.filter_text.strip():
            return Text(f"Expenses · filter “{self.filter_text.strip()}” · {shown} of {total} · esc clears")
        return Text(f"Expenses in {month_label(self.month)} · {total}")

    # ---- header and charts --------------------------------------------------------------------

    def _update_head(self) -> None:
        view = self.view
        clock_ = view.report.clock
        line = Text()
        line.append(f"◀ {month_label(view.month)} ▶", "bold")
        if clock_.state == calc.RUNNING:
            line.append(f" · as of {clock_.as_of.isoformat()}, day {clock_.elapsed} of {clock_.days}")
        elif clock_.state == calc.FINISHED:
            line.append(f" · finished, as of {clock_.as_of.isoformat()}")
        else:
            line.append(f" · not started, as of {clock_.as_of.isoformat()}")
        line.append(f" · {view.currency}")
        alerts = [c for c in view.report.channels if c.figures.status(clock_)[1]]
        if alerts:
            line.append(" · ")
            style = "bold reverse" if self.app.no_color else "bold red"
            line.append(f"{ALERT} {len(alerts)} need{'s' * (len(alerts) == 1)} attention", style)
        self._head.update(line)

    def _draw_charts(self) -> None:
        """Give the charts the month; before they are mounted, mount them if the tab shows."""
        view = self.view
        if view is None:
            return
        container = self.query_one("#budget-charts", Vertical)
        if not self._charts_ready:
            if self.tab.display:
                self.mount_charts()
            return  # plotext loads when the tab is first shown or pre-drawn, not while the first data loads
        names = {c.id: c.name for c in view.channels}
        rows = view.report.channels
        bar = container.query_one("#bar-chart")
        bar.show_month(
            [names.get(r.channel_id, "?") for r in rows],
            [r.figures.planned or calc.ZERO for r in rows],
            [r.figures.actual for r in rows],
        )
        container.query_one("#pace-chart").show_month(view.report.clock.days, view.cumulative(), view.pace())
        self._apply_layout()

    # ---- layout --------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size  # not self.size: 0 when this comes after a pre-draw (textual_patches)
        wide = width >= WIDE_WIDTH and height >= WIDE_HEIGHT
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            if self.view is not None:
                self._fill_table(self.view)  # the status column comes and goes
        self._apply_layout()

    def _apply_layout(self) -> None:
        wide = self.has_class("-wide")
        expenses = self.query_one("#budget-expenses")
        charts = self.query_one("#budget-charts")
        expenses.display = wide or self.narrow_view == "expenses"
        charts.display = wide or self.narrow_view != "expenses"
        for chart_id, view in (("#bar-chart", "bar"), ("#pace-chart", "pace")):
            try:
                charts.query_one(chart_id).display = wide or self.narrow_view == view
            except NoMatches:
                pass
        if not expenses.display and self.screen.focused in (self._expenses, self.filter_input()):
            self.screen.set_focus(self._table)

    # ---- the app's hooks --------------------------------------------------------------------

    def mount_charts(self) -> None:
        """Mount the charts (importing plotext) and give them the month once they are in."""
        if self._charts_ready or self.view is None:
            return
        from ecomtui.ui.widgets.budget_charts import PaceChart, PlanVsActualChart

        self.query_one("#budget-charts", Vertical).mount(PlanVsActualChart(id="bar-chart"), PaceChart(id="pace-chart"))
        self._charts_ready = True
        self.call_after_refresh(self._draw_charts)

    def activated(self) -> None:
        if not self._charts_ready:
            self._draw_charts()
        if not isinstance(self.screen.focused, Input):
            self.screen.set_focus(self._table)

    def can_filter(self) -> bool:
        return self.tab.display and self.view is not None

    def filter_input(self) -> Input:
        return self.query_one("#expense-filter", Input)

    def start_filter(self) -> None:
        if not self.has_class("-wide"):
            self.narrow_view = "expenses"
            self._apply_layout()
        field = self.filter_input()
        field.display = True
        self.screen.set_focus(field)
        self.refresh_bindings()

    def commands(self) -> list[Command]:
        view = self.view
        previous = calc.shift_month(self.month, -1)
        out: list[Command] = [
            ("New expense", self.action_new_expense, "Record spending (n)"),
            ("Set a channel's plan", self.action_set_plan, f"Plan a channel for {month_label(self.month)} (b)"),
            ("Previous month", partial(self.action_month, -1), f"Show {month_label(previous)} ([)"),
            ("Next month", partial(self.action_month, 1), f"Show {month_label(calc.shift_month(self.month, 1))} (])"),
            ("This month", self.action_this_month, "Back to the current month"),
            (f"Copy {month_label(previous)}'s plan", self.action_copy_plan, "Into this month, never overwriting (c)"),
            (
                f"Book retainers for {month_label(self.month)}",
                self.action_book_retainers,
                "Agency retainers as expenses (r)",
            ),
            ("Filter expenses", self.start_filter, "Filter the month's expenses (/)"),
        ]
        if not self.has_class("-wide"):
            out.append(("Switch chart / expense list", self.action_switch_view, "Below the table (v)"))
        if self.selected_expense() is not None and self.screen.focused is self._expenses:
            out.append(("Edit selected expense", self.action_edit, "e, enter"))
            out.append(("Delete selected expense", self.action_delete, "Asks first (d)"))
        if view is not None:
            for channel in view.channels:
                out.append(
                    (
                        f"Set plan: {channel.name}",
                        partial(self.open_plan, channel.id),
                        f"{channel.name}'s plan for {month_label(self.month)}",
                    )
                )
        return out

    # ---- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self.filter_text) or self.filter_input().display
        if action == "switch_view":
            return not self.has_class("-wide")
        if action in ("edit", "delete"):
            return self._edit_target() is not None
        if action in ("new_expense", "set_plan", "copy_plan", "book_retainers", "month"):
            return self.view is not None
        return True

    def _edit_target(self) -> tuple[str, object] | None:
        """What e / d act on: the selected expense, or the selected channel's plan."""
        if self.view is None:
            return None
        focused = self.screen.focused
        if focused is self._expenses:
            expense = self.selected_expense()
            return ("expense", expense) if expense else None
        if focused is self._table:
            channel_id = self._table.selected_plan_channel()
            return ("plan", channel_id) if channel_id is not None else None
        return None

    def action_month(self, step: int) -> None:
        self.month = calc.shift_month(self.month, step)
        self._head.update(Text(f"◀ {month_label(self.month)} ▶ · loading…", style="bold"))
        self.load()

    def action_this_month(self) -> None:
        self.month = calc.month_key(clock.today())
        self.load()

    def select_channel(self, channel_id: int) -> None:
        """This month with the channel's row selected (a link from the Dashboard)."""
        key = f"c{channel_id}"
        self.screen.set_focus(self._table)
        if self.month == calc.month_key(clock.today()) and self._table.select_key(key):
            return
        self._select_after_load = key
        self.action_this_month()

    def action_switch_view(self) -> None:
        self.narrow_view = NARROW_VIEWS[(NARROW_VIEWS.index(self.narrow_view) + 1) % len(NARROW_VIEWS)]
        self._apply_layout()
        self.notify(f"Showing the {VIEW_NAMES[self.narrow_view]} (v switches)", timeout=2)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(Input.Changed, "#expense-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        if self.view is not None:
            self._fill_expenses()

    @on(Input.Submitted, "#expense-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            event.input.display = False
        self.screen.set_focus(self._expenses)

    def action_clear_filter(self) -> None:
        field = self.filter_input()
        had_focus = field.has_focus
        field.value = ""
        field.display = False
        self.filter_text = ""
        if self.view is not None:
            self._fill_expenses()
        if had_focus:
            self.screen.set_focus(self._expenses)
        self.refresh_bindings()

    # ---- writes ----------------------------------------------------------------------------------

    def _written(self, message: str | None = None) -> None:
        if message:
            self.notify(message, timeout=4, markup=False)
        self.load()

    def _write_failed(self, exc: Exception) -> None:
        from ecomtui.services.validation import InvalidInput

        if isinstance(exc, InvalidInput):
            self.notify(exc.message, title="Not saved", severity="warning", timeout=8, markup=False)
        else:
            self.app.show_error(exc)
        self.load()

    def _choices(self) -> dict:
        view = self.view
        return {
            "channels": [(c.id, c.name) for c in view.channels if not c.retired],
            "currency": view.currency,
            "digits": view.digits,
        }

    def action_new_expense(self) -> None:
        from ecomtui.ui.dialogs.expense_form import ExpenseForm

        view = self.view
        clock_ = view.report.clock
        day = self.today if clock_.first <= self.today <= clock_.last else clock_.first
        self.app.push_screen(
            ExpenseForm(
                save=self._save_expense,
                partners=view.partners,
                promotions=view.promotions,
                day=day,
                channel_id=self.selected_channel(),
                **self._choices(),
            ),
            self._expense_saved,
        )

    def _save_expense(self, form, data, version: int | None) -> None:
        expense_id = form.expense.id if form.expense else None

        def job(conn):
            from ecomtui.services import budget

            if expense_id is None:
                return budget.add_expense(conn, data)
            return budget.update_expense(conn, expense_id, data, expected=version)

        self.app.bridge.submit(job, requester=form, write=True, on_done=form.saved, on_error=form.save_failed)

    def _expense_saved(self, row: ExpenseRow | None) -> None:
        if row is None:
            return
        where = "" if calc.month_key(row.day) == self.month else f" ({month_label(calc.month_key(row.day))})"
        self._written(f"Saved {self._money(row.amount)} {self.view.currency} on {row.channel}, {row.day}{where}")

    def action_set_plan(self) -> None:
        self.open_plan(self.selected_channel())

    def open_plan(self, channel_id: int | None) -> None:
        from ecomtui.ui.dialogs.plan_form import PlanForm

        view = self.view
        previous_month = calc.shift_month(self.month, -1)

        def with_previous(previous) -> None:
            self.app.push_screen(
                PlanForm(
                    save=self._save_plan,
                    month=self.month,
                    month_label=month_label(self.month),
                    plans=dict(view.plans),
                    channel_id=channel_id,
                    previous=previous,
                    **self._choices(),
                ),
                self._plan_saved,
            )

        def job(conn):
            from ecomtui.services.budget_queries import plan_lines

            return plan_lines(conn, previous_month, view.digits)

        self.app.bridge.submit(job, requester=self, on_done=with_previous)

    def _save_plan(self, form, data, version: int | None) -> None:
        def job(conn):
            from ecomtui.services import budget

            return budget.set_plan(conn, data, expected=version)

        self.app.bridge.submit(job, requester=form, write=True, on_done=form.saved, on_error=form.save_failed)

    def _plan_saved(self, line) -> None:
        if line is None:
            return
        view = self.view
        name = next((c.name for c in view.channels if c.id == line.channel_id), "the channel")
        self._select_after_load = f"c{line.channel_id}"
        self._written(f"Planned {self._money(line.planned)} {view.currency} for {name} in {month_label(line.month)}")

    def action_edit(self) -> None:
        target = self._edit_target()
        if target is None:
            return
        kind, value = target
        if kind == "plan":
            self.open_plan(value)  # type: ignore[arg-type]
            return
        from ecomtui.ui.dialogs.expense_form import ExpenseForm

        view = self.view
        self.app.push_screen(
            ExpenseForm(
                save=self._save_expense,
                partners=view.partners,
                promotions=view.promotions,
                expense=value,
                **self._choices(),
            ),
            self._expense_saved,
        )

    def action_delete(self) -> None:
        from ecomtui.ui.dialogs.confirm import ConfirmDialog

        target = self._edit_target()
        if target is None:
            return
        kind, value = target
        view = self.view
        if kind == "expense":
            expense = value
            title = Text("Delete expense?")
            body = Text.assemble(
                f"{self._money(expense.amount)} {view.currency} on {expense.channel}, {expense.day.isoformat()}",
                (" — " + visible(expense.note)) if expense.note else "",
                " will be deleted for good.",
            )

            def job(conn):
                from ecomtui.services import budget

                budget.delete_expense(conn, expense.id, expected=expense.version)

            done = f"Deleted the expense of {self._money(expense.amount)} {view.currency}"
        else:
            line = view.plans.get(value)
            if line is None:
                self.notify("That channel has no plan this month", timeout=3)
                return
            name = next((c.name for c in view.channels if c.id == value), "the channel")
            title = Text("Remove plan?")
            body = Text(
                f"{name}'s plan of {self._money(line.planned)} {view.currency} for {month_label(self.month)} will be removed."
            )

            def job(conn):
                from ecomtui.services import budget

                budget.delete_plan(conn, line)

            done = f"Removed {name}'s plan for {month_label(self.month)}"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.bridge.submit(
                    job, requester=self, write=True, on_done=lambda _: self._written(done), on_error=self._write_failed
                )

        self.app.push_screen(ConfirmDialog(title, body, confirm_label="Delete"), confirmed)

    def action_copy_plan(self) -> None:
        source, target = calc.shift_month(self.month, -1), self.month

        def job(conn):
            from ecomtui.services import budget

            return budget.copy_plans(conn, source, target)

        def done(result) -> None:
            if result.copied == 0 and result.kept == 0:
                self._written(f"{month_label(source)} has no plan to copy")
                return
            kept = f"; {result.kept} channel{'s' * (result.kept != 1)} already had a plan" if result.kept else ""
            self._written(f"Copied {result.copied} plan{'s' * (result.copied != 1)} from {month_label(source)}{kept}")

        self.app.bridge.submit(job, requester=self, write=True, on_done=done, on_error=self._write_failed)

    def action_book_retainers(self) -> None:
        month = self.month

        def job(conn):
            from ecomtui.services import budget

            return budget.book_retainers(conn, month)

        self.app.bridge.submit(
            job,
            requester=self,
            write=True,
            on_done=lambda booking: self._written(booking.summary().capitalize()),
            on_error=self._write_failed,
        )
