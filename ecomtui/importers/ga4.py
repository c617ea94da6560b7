"""GA4 CSV export -> daily sessions, users, add-to-carts, purchases and GA4's purchase revenue.

A GA4 export holds several sections separated by blank lines, each with a
``#`` comment block (``Start date: 20251203`` / ``End date: ...``), a header
and rows. A section is imported when it is split by day -- a ``Date``
dimension (``20251203``) or ``Nth day`` (``0000``, ``0001``... counted from
the section's start date) -- and has a metric the store keeps:

=====================  ===========  ==========================================
GA4 metric             key          note
=====================  ===========  ==========================================
Sessions               sessions
Total users            users        Active users when there is no Total users
Add to carts           carts        for cart abandonment
Ecommerce purchases    purchases    for cart abandonment (Transactions if absent)
Purchase revenue       revenue      source ``ga4``: the shop's own revenue is shown,
                                    GA4's kept for comparison
=====================  ===========  ==========================================

Other sections (by page, by source, no date...) are skipped, each with its
reason in the summary; ``Grand total`` rows are not data.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ecomtui.importers.headers import normalise_header
from ecomtui.importers.report import BadRows, ImportSummary, refuse_bad_rows, shown
from ecomtui.importers.source import Progress, open_source
from ecomtui.importers.writer import write_import
from ecomtui.services.kpis import Fact

KIND = "ga4"
SOURCE = "ga4"
WHAT = "import ga4"

# normalised GA4 metric name -> (store key, preference: lower wins when two map to one key)
METRICS = {
    "sessions": ("sessions", 0),
    "total users": ("users", 0),
    "active users": ("users", 1),
    "add to carts": ("carts", 0),
    "add-to-carts": ("carts", 0),
    "ecommerce purchases": ("purchases", 0),
    "transactions": ("purchases", 1),
    "purchase revenue": ("revenue", 0),
}
DATE_DIMENSIONS = ("date", "nth day")
_START = re.compile(r"#\s*start date:\s*(\d{8})", re.IGNORECASE)
_GA4_VISITORS = {"new", "returning", "new users", "returning users"}


@dataclass
class _Section:
    line: int  # line of the header
    header: list[str]
    start: date | None
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"section '{self.header[0]}' (line {self.line})"


def import_ga4(
    database, path: str | Path, *, skip_bad_rows: bool = False, progress: Progress | None = None
) -> ImportSummary:
    """Import a GA4 CSV export into ``database``; see the module text for what is kept."""
    source = open_source(path, WHAT)
    summary = ImportSummary(kind=KIND, file_name=source.name)
    with source.text() as handle:  # lines as a text editor counts them (not str.splitlines' extra breaks)
        sections = _sections([line.rstrip("\r\n") for line in handle], summary)
    bad = BadRows()
    facts: dict[tuple[date, str], tuple[int, int]] = {}  # (day, key) -> (micros, line)
    for section in sections:
        _read_section(section, summary, bad, facts)
    if bad:
        if not skip_bad_rows:
            raise refuse_bad_rows(f"{WHAT}: {source.name}", bad.by_line())
        summary.bad_rows_skipped = bad.by_line()
    if progress is not None:
        progress(source.size, source.size)
    if facts:
        days = [day for day, _ in facts]
        summary.first_day, summary.last_day = min(days), max(days)
    found = [Fact(day, key, SOURCE, micros) for (day, key), (micros, _) in sorted(facts.items())]
    return write_import(database, source, summary, facts=found)


def _sections(lines: list[str], summary: ImportSummary) -> list[_Section]:
    """Split the file into sections; comment and blank lines are counted as not data."""
    sections: list[_Section] = []
    current: _Section | None = None
    start: date | None = None
    for number, line in enumerate(lines, 1):
        text = line.lstrip("\ufeff")
        if text.startswith("#"):
            summary.not_data["comment line"] += 1
            match = _START.match(text.strip())
            if match:
                start = _yyyymmdd(match.group(1))
            current = None
        elif not text.strip():
            summary.not_data["blank line"] += 1
            current = None
        else:
            cells = next(csv.reader([text]))
            if current is None:
                current = _Section(line=number, header=cells, start=start)
                sections.append(current)
            else:
                current.rows.append((number, cells))
    return sections


def _yyyymmdd(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if re.fullmatch(r"\d{8}", text) else None
    except ValueError:
        return None


def _read_section(section: _Section, summary: ImportSummary, bad: BadRows, facts: dict) -> None:
    """Add a usable section's values to ``facts``; say why any other section is skipped."""
    names = [normalise_header(h) for h in section.header]
    reason = _skip_reason(section, names)
    if reason:
        summary.sections_skipped.append(f"{section.title}: {reason}")
        if section.rows:
            summary.not_data["row of a skipped section"] += len(section.rows)
        return
    date_column = next(i for i, n in enumerate(names) if n in DATE_DIMENSIONS)
    nth_day = names[date_column] == "nth day"
    columns = _metric_columns(names)
    for line, cells in section.rows:
        first = normalise_header(cells[0]) if cells else ""
        if first in ("grand total", "total", "totals"):
            summary.not_data["grand total row"] += 1
            continue
        day = _day(cells[date_column] if date_column < len(cells) else "", nth_day, section.start)
        if day is None:
            bad.add(
                line,
                f"{section.header[date_column]} {shown(cells[date_column] if date_column < len(cells) else '')} is not a day",
            )
            continue
        row_values = _row_values(line, cells, section.header, columns, bad)
        if row_values is None:
            continue
        for key, micros in row_values.items():
            earlier = facts.get((day, key))
            if earlier is not None and earlier[0] != micros:
                bad.add(line, f"{key} for {day.isoformat()} differs from line {earlier[1]}")
                continue
            facts[(day, key)] = (micros, line)
        summary.rows_imported += 1


def _skip_reason(section: _Section, names: list[str]) -> str | None:
    dates = [n for n in names if n in DATE_DIMENSIONS]
    if not dates:
        return "no date dimension (Date or Nth day), so its figures cannot be put on days"
    metrics = _metric_columns(names)
    others = [section.header[i] for i, n in enumerate(names) if n not in DATE_DIMENSIONS and i not in metrics.values()]
    if not metrics:
        if _GA4_VISITORS & set(names):
            return "it counts new and returning users (GA4 visitors), not the store's new and returning customers"
        listed = ", ".join(others) or "none"
        return f"no metric the store keeps (its columns: {listed})"
    if "nth day" in dates and section.start is None:
        return "its days are 'Nth day' but the file gives no Start date"
    dimensions = [h for h in others if not _numeric_column(section, section.header.index(h))]
    if dimensions:
        return f"it is broken down by {', '.join(dimensions)} as well as by day: export it by date only"
    return None


def _metric_columns(names: list[str]) -> dict[str, int]:
    """Store key -> column index, the preferred GA4 metric winning (Total users over Active users)."""
    chosen: dict[str, tuple[int, int]] = {}
    for i, name in enumerate(names):
        if name in METRICS:
            key, rank = METRICS[name]
            if key not in chosen or rank < chosen[key][0]:
                chosen[key] = (rank, i)
    return {key: i for key, (_, i) in chosen.items()}


def _numeric_column(section: _Section, index: int) -> bool:
    from ecomtui.importers.values import parse_micros

    cells = [cells[index] if index < len(cells) else "" for _, cells in section.rows]
    cells = [c for c in cells if normalise_header(c) not in ("grand total", "total")]
    return not parse_micros(cells)[2].any() if cells else True


def _day(text: str, nth_day: bool, start: date | None) -> date | None:
    text = text.strip()
    if nth_day:
        return start + timedelta(days=int(text)) if start is not None and text.isdigit() else None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # some exports write dates the ISO way
        text = text.replace("-", "")
    return _yyyymmdd(text)


def _row_values(line: int, cells: list[str], header: list[str], columns: dict[str, int], bad: BadRows) -> dict | None:
    from ecomtui.importers.values import parse_micros

    values = [cells[i] if i < len(cells) else "" for i in columns.values()]
    micros, empty, unreadable = parse_micros(values)
    if unreadable.any():
        for i, cell, wrong in zip(columns.values(), values, unreadable):
            if wrong:
                bad.add(line, f"{header[i]} {shown(cell)} is not a number")
        return None
    return {key: int(m) for key, m, blank in zip(columns, micros, empty) if not blank}
