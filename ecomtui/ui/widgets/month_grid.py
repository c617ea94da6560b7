"""The month grid of the calendar, drawn with the Line API.

One row of weekday names, then one block per ISO week (its number in the
margin): a line of day numbers with the day's retail event or holiday, and
lane lines below where each promotion is a bar in its channel's colour across
its days ("!" marks a conflict). A day with more promotions than fit counts
the others ("+N") on its day line. The cursor is the selected day; shift+arrows stretch it to a range.

User text (promotion and event names) is drawn as plain ``Text``, never as
markup, with control characters made visible. Per the rule in
``ui/textual_patches.py`` the grid refreshes itself on focus and blur: its
cursor is drawn brighter while it has focus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ecomtui.clock import iso_week
from ecomtui.services.month_layout import Bar, WeekRows, add_months, fit_rows, month_weeks, week_bars, week_heights
from ecomtui.services.promotion_data import Promotion
from ecomtui.services.retail_calendar import HOLIDAY, RetailEvent
from ecomtui.text import visible
from ecomtui.ui.channel_style import bar_style, first_colour

MARGIN = 4  # "W48 "
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LONG_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class MonthGrid(Widget, can_focus=True):
    """A month of days with promotion bars; the cursor day (or range) is what the agenda lists."""

    ALLOW_MAXIMIZE = False

    COMPONENT_CLASSES = {
        "grid--header",
        "grid--week",
        "grid--day",
        "grid--other-month",
        "grid--today",
        "grid--cursor",
        "grid--cursor-blurred",
        "grid--range",
        "grid--holiday",
        "grid--retail",
        "grid--more",
    }

    BINDINGS = [
        Binding("left,h", "move(-1)", "Previous day", show=False, tooltip="previous day"),
        Binding("right,l", "move(1)", "Next day", show=False, tooltip="next day"),
        Binding("up,k", "move(-7)", "Week up", show=False, tooltip="same day a week earlier"),
        Binding("down,j", "move(7)", "Week down", show=False, tooltip="same day a week later"),
        Binding("shift+left", "stretch(-1)", "Range left", show=False, tooltip="stretch the selection a day back"),
        Binding("shift+right", "stretch(1)", "Range right", show=False, tooltip="stretch the selection a day on"),
        Binding("shift+up", "stretch(-7)", "Range up", show=False, tooltip="stretch the selection a week back"),
        Binding("shift+down", "stretch(7)", "Range down", show=False, tooltip="stretch the selection a week on"),
        Binding("left_square_bracket,pageup", "month(-1)", "Prev month", key_display="[", tooltip="previous month"),
        Binding("right_square_bracket,pagedown", "month(1)", "Next month", key_display="]", tooltip="next month"),
    ]

    class Moved(Message):
        """The selected day or range changed."""

        def __init__(self, grid: MonthGrid) -> None:
            super().__init__()
            self.grid = grid

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor = date.today()
        self.anchor: date | None = None  # the other end of a range; None for one day
        self.today = date.today()
        self.promotions: Sequence[Promotion] = ()
        self.conflicted: frozenset[int] = frozenset()
        self.events: Callable[[date], list[RetailEvent]] = lambda day: []
        self.no_color = False
        self.colours: dict[int, str] = {}  # channel id -> colour, set by the tab
        self._weeks: list[tuple[date, WeekRows, int, int]] | None = None
        self._styles: dict[str, Style] = {}

    # ---- data --------------------------------------------------------------------------

    def set_data(
        self,
        promotions: Sequence[Promotion],
        conflicted: frozenset[int],
        events: Callable[[date], list[RetailEvent]],
        today: date,
    ) -> None:
        """Show these promotions (already filtered), with conflicts marked and events from ``events(day)``."""
        self.promotions = promotions
        self.conflicted = conflicted
        self.events = events
        self.today = today
        self._weeks = None
        self.refresh()

    @property
    def month(self) -> tuple[int, int]:
        return self.cursor.year, self.cursor.month

    @property
    def selection(self) -> tuple[date, date]:
        """The selected days, first to last (one day when no range)."""
        other = self.anchor or self.cursor
        return min(self.cursor, other), max(self.cursor, other)

    def select(self, day: date, anchor: date | None = None) -> None:
        """Put the cursor on ``day`` (and the range's other end on ``anchor``)."""
        month_changed = (day.year, day.month) != self.month
        self.cursor = day
        self.anchor = anchor if anchor != day else None
        if month_changed:
            self._weeks = None
        self.refresh()
        self.post_message(self.Moved(self))

    # ---- actions ----------------------------------------------------------------------

    def action_move(self, days: int) -> None:
        self.select(self.cursor + timedelta(days=days))

    def action_stretch(self, days: int) -> None:
        self.select(self.cursor + timedelta(days=days), self.anchor or self.cursor)

    def action_month(self, step: int) -> None:
        self.select(add_months(self.cursor, step))

    def on_click(self, event: events.Click) -> None:
        day = self._day_at(event.x, event.y)
        if day is not None:
            self.focus()
            self.select(day, self.cursor if event.shift else None)

    def _day_at(self, x: int, y: int) -> date | None:
        cell = self._cell_width()
        if y < 1 or x < MARGIN or cell <= 0:
            return None
        column = (x - MARGIN) // cell
        for monday, _, top, height in self._layout():
            if top <= y < top + height and column <= 6:
                return monday + timedelta(days=column)
        return None

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._weeks = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    # ---- layout -----------------------------------------------------------------------

    def _cell_width(self) -> int:
        return max(3, (self.size.width - MARGIN) // 7)

    def _layout(self) -> list[tuple[date, WeekRows, int, int]]:
        """Per week: its Monday, its lane rows, its first line and its height (spare lines to busy weeks)."""
        if self._weeks is None:
            mondays = month_weeks(*self.month)
            first, last = mondays[0], mondays[-1] + timedelta(days=6)
            showing = [p for p in self.promotions if p.start <= last and first <= p.end]
            bars = [week_bars(showing, monday) for monday in mondays]
            demands = [max((bar.lane + 1 for bar in week), default=0) for week in bars]
            heights = week_heights(self.size.height - 1, demands)
            self._weeks = []
            top = 1
            for monday, week, height in zip(mondays, bars, heights):
                self._weeks.append((monday, fit_rows(week, height - 1), top, height))
                top += height
        return self._weeks

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    # ---- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        weeks = self._layout()
        if y == 0:
            text = self._header()
        else:
            for monday, rows, top, height in weeks:
                if top <= y < top + height:
                    row = y - top
                    text = self._day_line(monday, rows.hidden) if row == 0 else self._lane_line(monday, rows, row - 1)
                    break
            else:
                return Strip.blank(width, base)
        text.truncate(width, overflow="crop", pad=True)
        segments = [Segment(s.text, base + s.style if s.style else base) for s in text.render(self.app.console, end="")]
        return Strip(segments, width).adjust_cell_length(width, base)

    def _header(self) -> Text:
        cell = self._cell_width()
        names = LONG_WEEKDAYS if cell >= 11 else WEEKDAYS
        text = Text(" " * MARGIN, self._style("grid--header"))
        for name in names:
            text.append(f" {name}".ljust(cell)[:cell], self._style("grid--header"))
        return text

    def _selected(self, day: date) -> str | None:
        first, last = self.selection
        if day == self.cursor:
            return "grid--cursor" if self.has_focus else "grid--cursor-blurred"
        if first <= day <= last:
            return "grid--range"
        return None

    def _day_line(self, monday: date, hidden: tuple[int, ...]) -> Text:
        cell = self._cell_width()
        week_style = self._style("grid--week")
        text = Text(f"{'W' + iso_week(monday)[-2:]:<{MARGIN}}", week_style)
        for column in range(7):
            day = monday + timedelta(days=column)
            in_month = (day.year, day.month) == self.month
            base = self._style("grid--day" if in_month else "grid--other-month") + week_style
            selected = self._selected(day)
            if selected:
                base = base + self._style(selected)
            part = Text(style=base)
            number = f"{day.day:>2}"
            part.append(number, base + self._style("grid--today") if day == self.today else base)
            happening = self.events(day)
            more = f"+{hidden[column]}" if hidden[column] else ""
            room = cell - 1 - 3 - (len(more) + 1 if more else 0)
            if happening and more and room < 5:  # too narrow for both: the event's name wins (the agenda counts)
                more, room = "", cell - 1 - 3
            if happening and room >= 2:
                first = happening[0]
                style = base + self._style("grid--holiday" if first.kind == HOLIDAY else "grid--retail")
                label = Text(visible(first.name), style=style)
                label.truncate(room, overflow="ellipsis")
                part.append(" ")
                part.append_text(label)
            if more:
                part.append(" " * max(1, cell - 1 - part.cell_len - len(more)))
                part.append(more, base + self._style("grid--more"))
            part.truncate(cell - 1, overflow="ellipsis", pad=True)
            part.append(" ", base)
            text.append_text(part)
        return text

    def _lane_line(self, monday: date, rows: WeekRows, row: int) -> Text:
        cell = self._cell_width()
        text = Text(" " * MARGIN)
        if row >= len(rows.cells):
            return text
        cells = rows.cells[row]
        column = 0
        while column < 7:
            item = cells[column]
            day = monday + timedelta(days=column)
            if isinstance(item, Bar):
                span = column
                while span + 1 < 7 and cells[span + 1] is item:
                    span += 1
                text.append_text(self._bar(item, column, span, cell))
                column = span + 1
                continue
            selected = self._selected(day)
            text.append(" " * cell, self._style(selected) if selected else Style())
            column += 1
        return text

    def _bar(self, bar: Bar, first: int, last: int, cell: int) -> Text:
        promotion = bar.promotion
        width = (last - first + 1) * cell
        gap = 1 if last == bar.last and bar.ends else 0
        label = ("!" if promotion.id in self.conflicted else "") + (
            "‹" if first == bar.first and not bar.starts else ""
        )
        label += visible(promotion.name)
        if self.no_color:
            style = Style(reverse=True)
        else:
            style = bar_style(first_colour(promotion.channel_ids, self.colours))
        if promotion.status in ("cancelled", "idea"):
            style += Style(italic=True, dim=promotion.status == "cancelled", strike=promotion.status == "cancelled")
        body = Text(label, style=style)
        body.truncate(width - gap, overflow="ellipsis", pad=True)
        if gap:
            body.append(" ")
        return body
