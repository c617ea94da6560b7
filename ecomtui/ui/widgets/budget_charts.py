"""The Budget tab's two plotext charts: planned vs actual per channel, and the month's pace.

Imports plotext (through textual-plotext), so the tab imports this module only
when it first draws a chart: never on the app's start-up path. The figures
arrive as exact Decimals and become floats here only to place bars and dots on
screen; no amount shown as text comes from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import plotext._utility as plotext_utility
from textual_plotext import PlotextPlot


def _ordered_no_duplicates(data) -> list:
    return list(dict.fromkeys(data))


# plotext drops duplicate ticks and points through a set, so their order (and so which of two
# colliding tick labels survives) changed from run to run with Python's hash seed; keeping the
# order makes every chart, and its snapshot, the same each time.
plotext_utility.no_duplicates = _ordered_no_duplicates

PLANNED_COLOUR = "gray"
ACTUAL_COLOUR = "blue+"
PACE_COLOUR = "gray"


def short_amount(value: float) -> str:
    """``12500`` as ``12.5k``: axis labels stay narrow."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if abs(value) >= 1_000:
        return f"{value / 1_000:.1f}k".replace(".0k", "k")
    return f"{value:.0f}"


def short_label(name: str, width: int) -> str:
    """A channel name cut to ``width`` characters (``Marketplaces`` -> ``Market.``)."""
    width = max(width, 3)
    return name if len(name) <= width else name[: width - 1].rstrip() + "."


def _y_ticks(plt, top: float) -> None:
    top = top or 1.0
    ticks = [top * i / 3 for i in range(4)]
    plt.yticks(ticks, [short_amount(t) for t in ticks])


class PlanVsActualChart(PlotextPlot):
    """Planned and actual (to date) side by side for each channel."""

    def show_month(self, names: Sequence[str], planned: Sequence[Decimal], actual: Sequence[Decimal]) -> None:
        self._figures = (list(names), [float(v) for v in planned], [float(v) for v in actual])
        self.refresh()

    def render(self):
        plt = self.plt
        plt.clear_figure()
        names, planned, actual = getattr(self, "_figures", ([], [], []))
        plt.title("Planned vs actual")
        if names:
            width = max(3, (self.size.width - 8) // max(len(names), 1) - 2)
            labels = [short_label(n, width) for n in names]
            plt.multiple_bar(
                labels, [planned, actual], labels=["planned", "actual"], color=[PLANNED_COLOUR, ACTUAL_COLOUR]
            )
            _y_ticks(plt, max(planned + actual, default=0))
        return super().render()


class PaceChart(PlotextPlot):
    """Cumulative actual spend day by day against the even pace that ends on the plan."""

    def show_month(self, days: int, cumulative: Sequence[Decimal], pace: Sequence[Decimal]) -> None:
        self._figures = (days, [float(v) for v in cumulative], [float(v) for v in pace])
        self.refresh()

    def render(self):
        plt = self.plt
        plt.clear_figure()
        days, cumulative, pace = getattr(self, "_figures", (0, [], []))
        plt.title("Spent vs even pace")
        if days:
            plt.plot(list(range(1, days + 1)), pace, label="pace", color=PACE_COLOUR, marker="dot")
            if cumulative:
                plt.plot(
                    list(range(1, len(cumulative) + 1)),
                    cumulative,
                    label="spent",
                    color=ACTUAL_COLOUR,
                    marker="braille",
                )
            plt.xticks([1, 10, 20, days])
            _y_ticks(plt, max(pace + cumulative, default=0))
        return super().render()
