"""Shows a report :class:`~ecomtui.services.report.Section` (the review's steps, the Dashboard's blocks).

Cells are user text or figures: drawn as plain ``Text``, never parsed as
markup, with control characters made visible.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table as RichTable
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ecomtui.services.report import CHANGE, DATE, FIGURE, INT, MONEY, RATIO, Section, Table, show
from ecomtui.text import visible

NUMERIC = (INT, MONEY, RATIO, CHANGE, FIGURE)
WHOLE = (*NUMERIC, DATE)  # columns never cut: a figure or a date with an ellipsis reads as another one


def safe(text) -> str:
    """User text with control characters made visible (they must never reach the terminal)."""
    return visible(str(text))


def table_renderable(table: Table, currency: str, *, limit: int | None = None) -> RichTable | Text:
    if not table.rows:
        return Text(f"  {table.empty}", style="dim")
    grid = RichTable(box=None, padding=(0, 1), expand=True, show_edge=False, header_style="bold dim")
    rows = table.rows if limit is None else table.rows[:limit]
    cells = [[safe(show(v, c.kind, currency)) for v, c in zip(row, table.columns)] for row in rows]
    for index, column in enumerate(table.columns):
        numeric = column.kind in NUMERIC
        whole = column.kind in WHOLE
        grid.add_column(
            column.title,
            justify="right" if numeric else "left",
            no_wrap=True,
            overflow="ellipsis",
            # figures and dates keep their width; the other columns share what is left,
            # the first (it names the row: a task, a channel) the most
            min_width=max((len(row[index]) for row in cells), default=0) if whole else None,
            ratio=None if whole else (3 if index == 0 else 1),
        )
    for row in cells:
        grid.add_row(*(Text(cell) for cell in row))
    if limit is not None and len(table.rows) > limit:
        grid.add_row(Text(f"… {len(table.rows) - limit} more", style="dim"))
    return grid


def section_renderable(section: Section, currency: str) -> Group:
    parts = []
    for table in section.tables:
        parts.append(Text(safe(table.title), style="bold"))
        parts.append(table_renderable(table, currency))
        parts.append(Text(""))
    for note in section.notes:
        parts.append(Text(safe(note), style="italic"))
    return Group(*parts)


class SectionView(ScrollView, can_focus=True):
    """A section drawn once per width and scrolled by lines (a review step of a few hundred rows).

    A ``Static`` holding the Rich tables would lay them out again for every
    measure and paint (several times per step shown, ~35 ms each for 150 rows);
    this keeps the drawn lines until the width changes.
    """

    DEFAULT_CSS = """
    SectionView {
        scrollbar-gutter: stable;  /* one width whether or not it scrolls: drawn once */
    }
    """

    def __init__(self, section: Section, currency: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.section = section
        self.currency = currency
        self._lines: list[Strip] = []
        self._width: int | None = None

    def on_resize(self) -> None:
        self.draw(self.scrollable_content_region.width)

    @property
    def drawn_width(self) -> int | None:
        return self._width

    def draw(self, width: int) -> None:
        """Lay the section out for ``width`` cells (ahead of being shown, too); nothing if it already is."""
        if width == self._width or width <= 0:
            return
        console = self.app.console
        lines = console.render_lines(
            section_renderable(self.section, self.currency), console.options.update_width(width)
        )
        self._lines = [Strip(line, width) for line in lines]
        self._width = width
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._lines[index].crop_extend(0, width, self.rich_style).apply_style(self.rich_style)
