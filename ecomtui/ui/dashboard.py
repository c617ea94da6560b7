"""The Dashboard tab: this week at a glance, every block one key away from its item.

Blocks come from :mod:`ecomtui.services.dashboard` (one per domain). Each row
that names an item (a task, a promotion, a partner) jumps to it on its tab
with ``enter``. At 80 columns the blocks stack; from 100 they sit two a row.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.geometry import Size
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ecomtui import clock
from ecomtui.services.report import FIGURE, TEXT, Section, show
from ecomtui.ui.tab import Command, EcomTab
from ecomtui.ui.textual_patches import SteadyOptionList
from ecomtui.ui.widgets.section_view import safe

WIDE = 100  # columns from which blocks sit two a row
TALL = 30  # rows from which the blocks show every row in full
COMPACT_ROWS = 4  # rows per table in the compact form (a narrow or short terminal)


def _job_blocks(today):
    def job(conn):
        from ecomtui.services import dashboard

        return dashboard.screen(conn, today)

    return job


def _row_text(row: list, columns, currency: str, width: int | None = None) -> Text:
    """A table row as one entry: dates first, then its text, then the rest dim; cut to one line of ``width``."""
    cells = [(safe(show(v, c.kind, currency)), c.kind) for v, c in zip(row, columns)]
    dates = [value for value, kind in cells if kind == "date" and value != "—"]
    texts = [value for value, kind in cells if kind in (TEXT, FIGURE)]  # the name, then what it reads
    rest = [value for value, kind in cells if kind not in (TEXT, FIGURE, "date")]
    text = Text()
    if dates:
        text.append(" ".join(dates) + "  ", "bold")
    text.append(texts[0] if texts else "")
    extra = [e for e in (*texts[1:], *rest) if e not in ("—", "")]
    if extra:
        text.append("  " + " · ".join(extra), "dim")
    if width is not None:
        text.truncate(max(width, 8), overflow="ellipsis")
    return text


class DashBlock(Vertical):
    """One block: its title, a list of rows (enter jumps to a linked row) and its notes."""

    def __init__(self, section: Section, currency: str, compact_width: int | None = None) -> None:
        super().__init__(classes="dash-block", id=f"dash-{section.key}")
        self.section = section
        self.currency = currency
        # the compact form drops detail: a few rows a table, one line each, no notes
        self.compact_width = compact_width

    def compose(self) -> ComposeResult:
        yield Static(Text(safe(self.section.title), style="bold"), classes="dash-title")
        options: list[Option] = []
        for t_index, table in enumerate(self.section.tables):
            count = len(table.rows)
            options.append(Option(Text(f"{safe(table.title)} ({count})", style="bold dim"), disabled=True))
            if not table.rows:
                options.append(Option(Text(f"  {table.empty}", style="dim"), disabled=True))
            compact = self.compact_width is not None
            shown = table.rows[:COMPACT_ROWS] if compact else table.rows
            for r_index, row in enumerate(shown):
                link = table.links[r_index] if r_index < len(table.links) else None
                option_id = f"{link[0]}:{link[1]}:{t_index}:{r_index}" if link else None
                text = _row_text(row, table.columns, self.currency, self.compact_width)
                options.append(Option(text, id=option_id, disabled=link is None))
            if len(shown) < len(table.rows):
                more = f"  +{len(table.rows) - len(shown)} more (all of them from 100x30)"
                options.append(Option(Text(more, style="dim"), disabled=True))
        yield SteadyOptionList(*options, classes="dash-list")
        if self.compact_width is None:
            for note in self.section.notes:
                yield Static(Text(safe(note), style="italic dim"), classes="dash-note")


class DashboardTab(EcomTab):
    """This week at a glance: tasks, KPIs, budget, promotions and agencies."""

    TAB_KEY = "1"
    TAB_ID = "dashboard"
    TAB_LABEL = "Dashboard"
    READY_MARKER = "This week, "  # the status line, written once the blocks are mounted
    WARM_MODULES = ("ecomtui.services.review",)
    BINDINGS = [
        Binding("tab", "app.focus_next", "Next block", show=False, tooltip="next block"),
        Binding("shift+tab", "app.focus_previous", "Previous block", show=False, tooltip="previous block"),
    ]
    HELP_NOTES = (
        ("↑ ↓", "move through a block's rows"),
        ("enter", "open the row's item on its tab (a task on the board, ...)"),
        ("w", "start the weekly review"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[Section] = []
        self.currency = "EUR"
        self._built_for: int | None = None  # the compact row width the blocks were built for
        self._given = Size(0, 0)  # the size of the last Resize

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dash-scroll"):
            yield Static(Text("Reading this week…"), id="dash-status")
            yield Grid(id="dash-grid")

    def on_resize(self, event) -> None:
        self._given = event.size  # self.size reads 0 when this comes after a pre-draw (textual_patches)
        self.query_one("#dash-grid", Grid).set_class(event.size.width >= WIDE, "-wide")
        if self.sections and self._compact_width() != self._built_for:
            self.call_later(self._rebuild)  # crossed into or out of the compact form

    def _compact_width(self) -> int | None:
        """The width of one compact row, or None when the blocks show everything (wide and tall)."""
        width, height = self.size or self._given
        if width >= WIDE and height >= TALL - 3:  # the tab bar, status line and footer take 3
            return None
        columns = width // 2 if width >= WIDE else width
        return max(columns - 8, 20)  # the grid's padding, the block's border and padding, the scrollbar

    def load(self) -> None:
        self.app.bridge.submit(_job_blocks(clock.today()), requester=self, on_done=self._loaded)

    def show_first_read(self, result) -> bool:
        self.call_later(self._loaded, result)
        return True

    async def _loaded(self, result) -> None:
        sections, currency = result
        focused = self.screen.focused
        keep = (focused.parent.id, focused.highlighted) if isinstance(focused, OptionList) and focused.parent else None
        self.sections = sections
        self.currency = currency
        with self.app.batch_update():  # one frame with the blocks and the status line, not one per step
            await self._build()
            today = clock.today()
            self.query_one("#dash-status", Static).update(
                Text(f"This week, {clock.iso_week(today)} · today {today.isoformat()} · enter opens an item · w review")
            )
        grid = self.query_one("#dash-grid", Grid)
        if keep is not None:
            try:
                options = grid.query_one(f"#{keep[0]} OptionList", OptionList)
                options.highlighted = keep[1]
                options.focus()
            except Exception:
                pass
        elif self.display and not self.loaded:
            self.activated()
        self.call_after_refresh(self.data_shown)

    async def _build(self) -> None:
        """(Re)build the blocks from the sections read, compact or in full for the size."""
        self._built_for = self._compact_width()
        grid = self.query_one("#dash-grid", Grid)
        if grid.children:
            await grid.remove_children()
        await grid.mount_all([DashBlock(section, self.currency, self._built_for) for section in self.sections])

    async def _rebuild(self) -> None:
        await self._build()
        if self.display:
            self.activated()

    def activated(self) -> None:
        lists = list(self.query(OptionList))
        if lists and not any(option_list.has_focus for option_list in lists):
            # the first block with a row to open (a block of figures only has none)
            usable = [ol for ol in lists if any(not option.disabled for option in ol.options)]
            (usable or lists)[0].focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            tab_id, item_id, *_ = event.option.id.split(":")
            self.app.jump_to(tab_id, int(item_id))

    def commands(self) -> Iterator[Command]:
        yield ("Start the weekly review", self.app.action_review, "Walk through last week step by step (w)")
        for section in self.sections:
            yield (f"Dashboard: go to {section.title}", partial(self._focus_block, section.key), "Move to that block")

    def _focus_block(self, key: str) -> None:
        try:
            self.query_one(f"#dash-{key} OptionList", OptionList).focus()
        except Exception:
            pass
