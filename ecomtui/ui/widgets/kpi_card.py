"""One KPI card: the metric's value for the period, its changes, its goal and a 12-week sparkline.

The sparkline has one bar per week (twelve columns).

The card is focusable (the tab moves between cards with the arrow keys); its
border carries the metric's name on top and, below, how a derived figure is
computed ("orders / sessions"). The text is built from frozen values
(:class:`ecomtui.services.kpi_cards.Card`), never from markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Sparkline, Static

from ecomtui.services import kpi_format
from ecomtui.services.kpi_format import NA, change, goal_words, label, value_text

GOOD, BAD = "green", "red"


def change_text(metric: str, card, no_color: bool) -> Text:
    """``prev +4.2% · last yr -1.0%``, good changes green and bad ones red."""
    line = Text()
    for index, (name, figure) in enumerate((("prev ", card.previous), ("last yr ", card.last_year))):
        if index:
            line.append(" · ", "dim")
        line.append(name, "dim")
        if not figure.present:
            line.append("no data", "dim")
            continue
        text, verdict = change(metric, card.current.value, figure.value)
        style = "" if no_color or not verdict else (GOOD if verdict > 0 else BAD)
        line.append(text, style)
    return line


def goal_text(card, currency: str, month: str, no_color: bool) -> Text:
    """``goal ≥ €250,000.00 · on track`` (or that there is none)."""
    status = card.goal
    if status is None:
        return Text(f"no goal for {month} · g sets one", "dim")
    sign = "≥" if goal_words(status.goal.direction) == "at least" else "≤"
    line = Text(f"goal {sign} {value_text(card.metric, status.goal.target, currency)} · ", "dim")
    if status.on_track is None:
        line.append(f"{NA} so far")
    elif status.on_track:
        line.append("on track", "" if no_color else f"bold {GOOD}")
    else:
        line.append("off track", "bold reverse" if no_color else f"bold {BAD}")
    return line


class KpiCard(Vertical, can_focus=True):
    """A metric's card; :meth:`show` fills it from a service ``Card``."""

    DEFAULT_CSS = """
    KpiCard {
        height: 5;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    KpiCard:focus {
        border: round $accent;
        background: $accent 10%;
    }
    KpiCard > Horizontal {
        height: 1;
    }
    KpiCard .kpi-value {
        width: 1fr;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    KpiCard Sparkline {
        width: 12;
        margin-left: 1;
    }
    KpiCard .kpi-lines {
        height: 2;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, metric: str) -> None:
        super().__init__(id=f"kpi-{metric}", classes="kpi-card")
        self.metric = metric
        self.border_title = Content(label(metric))
        self.border_subtitle = Content(kpi_format.EXPLAINED.get(metric, ""))

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("…", classes="kpi-value", markup=False)
            yield Sparkline([], summary_function=max)
        yield Static("", classes="kpi-lines", markup=False)

    def show(self, card, currency: str, month: str, no_color: bool) -> None:
        """Fill the card from a service ``Card`` (the value, its changes, the goal, the weeks)."""
        value = self.query_one(".kpi-value", Static)
        lines = self.query_one(".kpi-lines", Static)
        spark = self.query_one(Sparkline)
        weeks = [float(w) if w is not None else 0.0 for w in card.weeks]
        spark.display = any(w is not None for w in card.weeks)
        spark.data = weeks
        if not card.current.present:
            value.update(Text("no data for this period", "dim"))
            body = Text("nothing imported for these days", "dim")
        else:
            value.update(Text(value_text(self.metric, card.current.value, currency)))
            body = change_text(self.metric, card, no_color)
        body.append("\n")
        body.append_text(goal_text(card, currency, month, no_color))
        lines.update(body)
