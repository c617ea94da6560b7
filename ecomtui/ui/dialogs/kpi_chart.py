"""A metric's chart (``enter`` on a KPI card): the period day by day, the period before overlaid.

plotext (through textual-plotext) is imported when the chart first opens,
never on the app's start-up path. The period keys of the tab work here too
(``[`` ``]`` range, ``<`` ``>`` period); closing hands the period back to the
tab. A year is drawn in 7-day steps. Points with no data (or n/a) are left out.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ecomtui.services.kpi_format import EXPLAINED, label, value_text
from ecomtui.services.kpi_metrics import KIND, MONEY, RATIO
from ecomtui.services.kpi_periods import RANGES, Period, regrouped
from ecomtui.ui.widgets.key_footer import KeyFooter

TICKS = 5


def _number(metric: str, value) -> float:
    """A value as a chart coordinate (drawing only: the figures on screen stay exact)."""
    return float(value * 100) if KIND.get(metric) == RATIO else float(value)


def y_unit(metric: str, currency: str) -> str:
    kind = KIND.get(metric)
    return "%" if kind == RATIO else currency if kind == MONEY else ""


def tick_labels(period: Period, step: int) -> tuple[list[int], list[str]]:
    """About TICKS positions along the period (1 = its first point) with their ISO dates."""
    points = (period.end - period.start).days // step + 1
    every = max(1, -(-points // TICKS))
    positions = list(range(1, points + 1, every))
    return positions, [(period.start + timedelta(days=(p - 1) * step)).isoformat() for p in positions]


class KpiChart(ModalScreen):
    """Dismisses with the period shown last (the tab follows it)."""

    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", tooltip="back to the cards"),
        Binding("[", "change_range(-1)", "Shorter", tooltip="shorter range"),
        Binding("]", "change_range(1)", "Longer", tooltip="longer range"),
        Binding("<", "move_period(-1)", "Earlier", tooltip="the period before"),
        Binding(">", "move_period(1)", "Later", tooltip="the period after"),
    ]

    DEFAULT_CSS = """
    KpiChart {
        align: center middle;
        background: $background 60%;
    }
    KpiChart > Vertical {
        width: 100%;
        height: 1fr;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    KpiChart #chart-title {
        height: auto;
    }
    KpiChart #chart-legend {
        height: auto;
        color: $text-muted;
    }
    """

    def __init__(self, metric: str, period: Period, today: date) -> None:
        super().__init__()
        self.metric = metric
        self.period = period
        self.today = today
        self.series = None
        self._request = 0

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        with Vertical():
            yield Static(Text(f"{label(self.metric)} · loading…"), id="chart-title")
            yield PlotextPlot(id="chart-plot")
            yield Static("", id="chart-legend", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        metric, period, today = self.metric, self.period, self.today
        self._request += 1
        request = self._request

        def job(conn):
            from ecomtui.services.kpi_cards import load_series

            return load_series(conn, metric, period, today)

        def loaded(series) -> None:
            if request == self._request:
                self.draw(series)

        self.app.bridge.submit(job, requester=self, on_done=loaded)

    def draw(self, series) -> None:
        from textual_plotext import PlotextPlot

        self.series = series
        metric, period = self.metric, series.period
        title = Text()
        title.append(label(metric), "bold")
        title.append(f" · {period.label} ({series.window.label()}) vs {series.previous.label}")
        unit = y_unit(metric, series.currency)
        if unit:
            title.append(f" · in {unit}", "dim")
        self.query_one("#chart-title", Static).update(title)
        plot = self.query_one("#chart-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        no_color = self.app.no_color
        drawn = False
        for points, name, marker, colour in (
            (series.before, f"{series.previous.label} (the period before)", "dot", "gray"),
            (series.current, period.label, "hd", "cyan"),
        ):
            xs = [index + 1 for index, (_, value) in enumerate(points) if value is not None]
            ys = [_number(metric, value) for _, value in points if value is not None]
            if xs:
                drawn = True
                plt.plot(xs, ys, label=name, marker=marker, color=None if no_color else colour)
        positions, labels = tick_labels(period, series.step)
        plt.xticks(positions, labels)
        plt.xlim(1, max(positions[-1], len(series.before), 2))
        plot.refresh()
        self.query_one("#chart-legend", Static).update(self._legend(series, drawn))

    def _legend(self, series, drawn: bool) -> Text:
        metric = self.metric
        step = "week (7-day steps)" if series.step == 7 else "day"
        text = Text(f"One point per {step}. ")
        if not drawn:
            text.append("No data for these days. ")
        latest = next((v for _, v in reversed(series.current) if v is not None), None)
        if latest is not None:
            text.append(f"Last point: {value_text(metric, latest, series.currency)}. ")
        if metric in EXPLAINED:
            text.append(f"{label(metric)}: {EXPLAINED[metric]}.")
        return text

    # ---- keys -----------------------------------------------------------------------

    def action_close(self) -> None:
        if self.app.screen is self:
            self.dismiss(self.period)

    def action_change_range(self, step: int) -> None:
        index = RANGES.index(self.period.range) + step
        if not 0 <= index < len(RANGES):
            self.app.bell()
            return
        end = self.series.window.end if self.series else self.today
        self.period = regrouped(self.period, RANGES[index], end)
        self.load()

    def action_move_period(self, step: int) -> None:
        period = self.period.shifted(step)
        if period.start > self.today:
            self.app.bell()
            return
        self.period = period
        self.load()
