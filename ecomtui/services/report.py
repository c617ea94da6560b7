"""One shape for the figures the Dashboard and the weekly review show: sections of small tables.

A :class:`Section` holds tables whose cells are plain JSON values (numbers as
strings of exact decimals for money, fractions for ratios, ISO dates) and
whose columns say how to show them. The screen, the Markdown export and the
``--json`` output all come from the same data, and a saved review keeps it as
its snapshot, so it reads the same after later imports.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

# column kinds: how a cell is shown
TEXT, INT, MONEY, RATIO, CHANGE, DATE, SPARK = "text", "int", "money", "ratio", "change", "date", "spark"
FIGURE = "figure"  # a figure already written out (a KPI's value in its own unit): shown as is, never cut
BARS = "▁▂▃▄▅▆▇█"


@dataclass
class Column:
    title: str
    kind: str = TEXT


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    links: list[tuple[str, int] | None] = field(default_factory=list)  # per row: (tab id, item id) to jump to
    empty: str = "nothing"

    def add(self, *cells, link: tuple[str, int] | None = None) -> None:
        self.rows.append([_plain(cell) for cell in cells])
        self.links.append(link)


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Section:
        tables = [
            Table(
                t["title"],
                [Column(**c) for c in t["columns"]],
                t["rows"],
                [tuple(link) if link else None for link in t.get("links", [])],
                t.get("empty", "nothing"),
            )
            for t in data["tables"]
        ]
        return cls(data["key"], data["title"], tables, list(data.get("notes", [])))


def _plain(value):
    """A cell as a JSON value: Decimal money as its exact string, dates as ISO, lists (sparklines) item by item."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def show(value, kind: str, currency: str = "EUR") -> str:
    """A cell as the user reads it (the same on screen and in Markdown)."""
    if value is None:
        return "n/a" if kind in (RATIO, CHANGE, MONEY) else "—"
    if kind == SPARK:
        return sparkline(value)
    if kind == MONEY:
        amount = Decimal(str(value))
        return f"{amount:,.2f} {currency}"
    if kind == RATIO:
        return f"{Decimal(str(value)) * 100:.1f}%"
    if kind == CHANGE:
        change = Decimal(str(value)) * 100
        return f"{change:+.1f}%"
    if kind == INT:
        return f"{int(value):,}"
    return str(value)


def sparkline(values: list) -> str:
    """Numbers as a line of block characters (plain text: works over any terminal and in Markdown)."""
    numbers = [float(v) for v in values if v is not None]
    if not numbers:
        return ""
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1.0
    return "".join(BARS[int((float(v) - low) / span * (len(BARS) - 1))] if v is not None else " " for v in values)


def markdown(sections: list[Section], *, title: str, currency: str = "EUR", intro: list[str] = ()) -> str:
    """Sections as Markdown: a heading per section, a table per table, no terminal escapes."""
    out = [f"# {_md(title)}", ""]
    for line in intro:
        out += [_md(line), ""]
    for section in sections:
        out += [f"## {_md(section.title)}", ""]
        for table in section.tables:
            out += [f"### {_md(table.title)}", ""]
            if not table.rows:
                out += [f"_{_md(table.empty)}_", ""]
                continue
            out.append("| " + " | ".join(_md(c.title) for c in table.columns) + " |")
            out.append(
                "| "
                + " | ".join("---:" if c.kind in (INT, MONEY, RATIO, CHANGE, FIGURE) else "---" for c in table.columns)
                + " |"
            )
            for row in table.rows:
                cells = [_md(show(v, c.kind, currency)) for v, c in zip(row, table.columns)]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
        for note in section.notes:
            out += [f"> {_md(note)}", ""]
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    """User text made safe for a Markdown table: no control characters, no pipes or line breaks."""
    cleaned = "".join(" " if ord(ch) < 32 or 127 <= ord(ch) < 160 else ch for ch in str(text))
    return cleaned.replace("|", "\\|").strip()
