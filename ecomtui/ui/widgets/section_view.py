"""Shows a report :class:`~ecomtui.services.report.Section` (the review's steps, the Dashboard's blocks).

Cells are user text or figures: drawn as plain ``Text``, never parsed as
markup, with control characters made visible.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table as RichTable
from rich.text import Text

from ecomtui.services.report import INT, MONEY, RATIO, Section, Table, show
from ecomtui.text import visible

NUMERIC = (INT, MONEY, RATIO, "change")


def safe(text) -> str:
    """User text with control characters made visible (they must never reach the terminal)."""
    return visible(str(text))


def table_renderable(table: Table, currency: str, *, limit: int | None = None) -> RichTable | Text:
    if not table.rows:
        return Text(f"  {table.empty}", style="dim")
    grid = RichTable(box=None, padding=(0, 1), expand=True, show_edge=False, header_style="bold dim")
    for index, column in enumerate(table.columns):
        numeric = column.kind in NUMERIC
        grid.add_column(
            column.title,
            justify="right" if numeric else "left",
            no_wrap=True,
            overflow="ellipsis",
            # the first column names the row (a task, a channel): it gets the room
            ratio=None if numeric or column.kind == "date" else (3 if index == 0 else 1),
        )
    rows = table.rows if limit is None else table.rows[:limit]
    for row in rows:
        grid.add_row(*(Text(safe(show(v, c.kind, currency))) for v, c in zip(row, table.columns)))
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
