"""The KPIs tab: a card per metric for a week, month, quarter or year, charts, goals and imports.

The cards are built once (one per metric, :data:`ecomtui.services.kpi_format.CARD_METRICS`)
and filled from one read on the database thread (:func:`ecomtui.services.kpi_cards.load_cards`),
so a reload keeps the focused card. The period follows the latest imported
day until the user moves it (``<`` ``>`` ``[`` ``]``); ``t`` follows it again.
``enter`` opens the metric's chart, ``g`` sets a goal, ``i`` imports a file.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ItemGrid, VerticalScroll
from textual.widgets import Static

from ecomtui import clock
from ecomtui.services.kpi_format import CARD_METRICS
from ecomtui.services.kpi_periods import RANGE_LABELS, RANGES, regrouped
from ecomtui.ui.tab import Command, EcomTab
from ecomtui.ui.widgets.kpi_card import KpiCard

NOTES = "Conversion rate = orders / sessions · refunds count on their order's day"
WELCOME = (
    "No KPIs yet.\n\n"
    "Press  i  to import a Shopify orders export, a GA4 export,\n"
    "a Google Ads or Meta Ads report, or a CSV with a date column and one column per metric.\n\n"
    "Or quit and run  ecomtui demo  to explore a sample store."
)
PERIOD_GROUP = Binding.Group("Period", compact=True)
RANGE_GROUP = Binding.Group("Range", compact=True)


def _job_load_cards(period, range_: str, today):
    def job(conn):
        from ecomtui.services import kpi_cards

        return kpi_cards.load_cards(conn, period, range_, today)

    return job


class Welcome(Static, can_focus=True):
    """What an empty store shows instead of the cards; focusable, so the tab's keys (i) apply."""


class CardScroll(VerticalScroll, inherit_bindings=False):
    """The cards' scrolling area: the arrow keys move between cards (the tab's keys), not the view."""


class KpisTab(EcomTab):
    """Cards of the store's KPIs for a period, compared with the period before and last year."""

    DEFAULT_CSS = """
    KpisTab {
        height: 1fr;
        layout: vertical;
    }
    KpisTab #kpi-heading {
        height: 2;
        padding: 0 1;
    }
    KpisTab #kpi-scroll {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    KpisTab #kpi-grid {
        grid-gutter: 0 1;
        padding: 0 1;
    }
    KpisTab #kpi-notes {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    KpisTab #kpi-welcome {
        display: none;
        height: auto;
        margin: 1 2;
        padding: 1 2;
        border: round $accent;
        text-align: center;
    }
    KpisTab.-empty #kpi-welcome {
        display: block;
    }
    KpisTab.-empty #kpi-scroll {
        display: none;
    }
    """

    TAB_KEY = "6"
    TAB_ID = "kpis"
    TAB_LABEL = "KPIs"
    READY_MARKER = "vs previous"
    WARM_MODULES = ("ecomtui.services.kpi_cards", "ecomtui.services.kpi_goals")
    HELP_NOTES = (
        (
            "period",
            "the week, month, quarter or year shown; while it runs, its days up to the last day "
            "with data, compared with as many days of the period before and of the same period last year",
        ),
        ("sparkline", "the last 12 weeks (7-day steps ending on the period's last day with data)"),
        ("changes", "sums and money in percent; ratios in percentage points (pp)"),
        (
            "goal",
            "on track when the month so far is at or beyond an even pace to the target "
            "(for a ratio: the target itself)",
        ),
        ("n/a", "a ratio whose denominator is zero (no sessions, no ad spend...)"),
        ("in a chart", "[ ] < > as on the cards; escape, enter or q goes back to the cards"),
        ("in the import dialog", "→ completes a file or folder name; ctrl+s imports; the summary stays until escape"),
    )

    BINDINGS = [
        Binding("enter", "open_chart", "Chart", tooltip="chart of the selected metric, the period before overlaid"),
        Binding(
            "[",
            "change_range(-1)",
            "Shorter",
            group=RANGE_GROUP,
            tooltip="shorter range: year → quarter → month → week",
        ),
        Binding(
            "]",
            "change_range(1)",
            "Longer",
            group=RANGE_GROUP,
            tooltip="longer range: week → month → quarter → year",
        ),
        Binding(
            "<",
            "move_period(-1)",
            "Earlier",
            group=PERIOD_GROUP,
            tooltip="the period before (the week, month... before this one)",
        ),
        Binding(
            ">",
            "move_period(1)",
            "Later",
            group=PERIOD_GROUP,
            tooltip="the period after, up to the current one",
        ),
        Binding("t", "latest_period", "Latest", show=False, tooltip="back to the period of the latest data"),
        Binding("g", "set_goal", "Goal", tooltip="set a monthly goal (the selected metric, this month)"),
        Binding("i", "import_file", "Import", tooltip="import a file: Shopify orders, GA4, ads report, KPI CSV"),
        Binding("left", "move_focus(-1, 0)", "Left", show=False, tooltip="card to the left"),
        Binding("right", "move_focus(1, 0)", "Right", show=False, tooltip="card to the right"),
        Binding("up", "move_focus(0, -1)", "Up", show=False, tooltip="card above"),
        Binding("down", "move_focus(0, 1)", "Down", show=False, tooltip="card below"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.range_name = "month"
        self.period = None  # None: follow the latest data
        self.view = None
        self.today = clock.today()
        self._request = 0

    def compose(self) -> ComposeResult:
        yield Static("Loading KPIs…", id="kpi-heading", markup=False)
        with CardScroll(id="kpi-scroll"):
            yield ItemGrid(*(KpiCard(m) for m in CARD_METRICS), id="kpi-grid", min_column_width=38)
        yield Welcome(WELCOME, id="kpi-welcome", markup=False)
        yield Static(NOTES, id="kpi-notes", markup=False)

    def on_mount(self) -> None:
        self._cards = {card.metric: card for card in self.query(KpiCard)}

    # ---- loading ------------------------------------------------------------------

    def load(self) -> None:
        """Read the cards of the current period; the focused card, the range and open dialogs stay."""
        self.today = clock.today()
        self._request += 1
        request = self._request

        def loaded(view) -> None:
            if request != self._request:
                return  # a later read (the user moved on) is on its way
            self._show(view)
            self.call_after_refresh(self.data_shown)

        self.app.bridge.submit(
            _job_load_cards(self.period, self.range_name, self.today), requester=self, on_done=loaded
        )

    def _show(self, view) -> None:
        self.view = view
        no_color = self.app.no_color
        for card in view.cards:
            self._cards[card.metric].show(card, view.currency, view.goal_month, no_color)
        empty = view.latest is None
        self.set_class(empty, "-empty")
        self.query_one("#kpi-heading", Static).update(self._heading(view))
        # an empty store hides the cards: a card focused before the read showed that must give the
        # focus to the welcome (else the keys act on, and the footer offers, a card nobody sees)
        if self.display and (empty or not self._card_focused()):
            self.activated()
        self.refresh_bindings()

    def _heading(self, view) -> Text:
        period, window = view.period, view.window
        line = Text()
        line.append(f"{RANGE_LABELS[period.range]} {period.label}", "bold")
        line.append(f" · {window.label()}")
        if window.end < period.end:
            line.append(" (so far)")
        if period.range != "month":
            line.append(f" · goals of {view.goal_month}")
        if self.period is not None:
            line.append(" · t: latest", "dim")
        line.append("\n")
        line.append(f"vs previous {view.previous.label()} · vs last year {view.last_year.label()}", "dim")
        return line

    # ---- focus ----------------------------------------------------------------------

    def _card_focused(self) -> KpiCard | None:
        focused = self.screen.focused
        return focused if isinstance(focused, KpiCard) else None

    def selected_metric(self) -> str | None:
        card = self._card_focused()
        return card.metric if card else None

    def activated(self) -> None:
        if self.has_class("-empty"):
            self.screen.set_focus(self.query_one(Welcome))
        elif self._card_focused() is None:
            self.screen.set_focus(self._cards[CARD_METRICS[0]])

    def action_move_focus(self, dx: int, dy: int) -> None:
        cards = list(self._cards.values())
        current = self._card_focused()
        if current is None:
            self.activated()
            return
        columns = sum(1 for card in cards if card.region.y == cards[0].region.y) or 1
        index = cards.index(current) + dx + dy * columns
        if 0 <= index < len(cards):
            self.screen.set_focus(cards[index])

    # ---- the app's hooks ------------------------------------------------------------

    def database_failed(self) -> None:
        self.query_one("#kpi-heading", Static).update(Text("The database could not be opened."))

    def commands(self) -> Iterator[Command]:
        yield ("Import a KPI file", self.action_import_file, "Shopify orders, GA4, ads report or KPI CSV (i)")
        yield ("Set a KPI goal", self.action_set_goal, "A monthly target for a metric (g)")
        if self.selected_metric():
            yield ("Chart the selected KPI", self.action_open_chart, "The metric over the period (enter)")
        for range_ in RANGE_LABELS:
            yield (f"Show KPIs by {range_}", lambda r=range_: self.set_range(r), f"Cards for a {range_}")
        yield ("Show the latest KPI period", self.action_latest_period, "The period of the latest data (t)")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_chart",):
            return self.view is not None and self.selected_metric() is not None
        if action in ("change_range", "move_period", "latest_period", "set_goal"):
            return self.view is not None
        return True

    # ---- period ---------------------------------------------------------------------

    def set_range(self, range_: str) -> None:
        """Show a week, month, quarter or year around the days shown now."""
        if self.view is None:
            return
        self.range_name = range_
        if self.period is not None:
            self.period = regrouped(self.view.period, range_, self.view.window.end)
        self.load()

    def action_change_range(self, step: int) -> None:
        index = RANGES.index(self.range_name) + step
        if self.view is None or not 0 <= index < len(RANGES):
            self.app.bell()
            return
        self.set_range(RANGES[index])

    def action_move_period(self, step: int) -> None:
        if self.view is None:
            return
        period = self.view.period.shifted(step)
        if period.start > self.today:
            self.app.bell()
            return
        self.period = period
        self.load()

    def action_latest_period(self) -> None:
        self.period = None
        self.load()

    # ---- chart, goal, import ------------------------------------------------------------

    def action_open_chart(self) -> None:
        from ecomtui.ui.dialogs.kpi_chart import KpiChart

        metric = self.selected_metric()
        if metric is None or self.view is None:
            return
        self.app.push_screen(KpiChart(metric, self.view.period, self.today), self._chart_closed)

    def _chart_closed(self, period) -> None:
        if period is not None and self.view is not None and period != self.view.period:
            self.range_name = period.range
            self.period = period
            self.load()

    def action_set_goal(self) -> None:
        from ecomtui.ui.dialogs.goal_form import GoalForm

        if self.view is None:
            return
        form = GoalForm(
            metric=self.selected_metric() or CARD_METRICS[0],
            month=self.view.goal_month,
            goals=self.view.goals,
            currency=self.view.currency,
            save=self._save_goal,
        )
        self.app.push_screen(form, self._goal_saved)

    def _save_goal(self, form, month: str, metric: str, target, direction: str, expected) -> None:
        def job(conn):
            from ecomtui.services import kpi_goals

            return kpi_goals.save_goal(conn, month, metric, target, direction, expected=expected)

        self.app.bridge.submit(job, requester=form, write=True, on_done=form.saved, on_error=form.save_failed)

    def _goal_saved(self, goal) -> None:
        if goal is None or self.view is None:
            return
        from ecomtui.services.kpi_format import goal_words, label, value_text

        target = value_text(goal.metric, goal.target, self.view.currency)
        self.notify(
            f"Goal for {goal.month}: {label(goal.metric)} {goal_words(goal.direction)} {target}",
            timeout=4,
            markup=False,
        )
        self.load()

    def action_import_file(self) -> None:
        from ecomtui.ui.dialogs.kpi_import import ImportDialog

        self.app.push_screen(ImportDialog(), self._imported)

    def _imported(self, summary) -> None:
        if summary is not None:
            self.load()
