"""Generic KPI CSV -> daily facts: a date column and one column per metric key.

For figures from any other tool (a spreadsheet, another shop system): the
header names a ``date`` (or ``day``) column, ``YYYY-MM-DD``, and metric keys
(``revenue``, ``orders``, ``sessions``, ``ad_spend``... written in any case,
with spaces for underscores). Values are stored with the source ``kpis_csv``;
the shop's own export wins over them for the same metric and day, ad figures
add up with the ad platforms'. A derived KPI (``aov``, ``conversion_rate``...)
is computed from stored facts, never imported: such a column is skipped and
said so. An unknown column refuses the file (a typo would otherwise go
unnoticed). Money is taken to be in the store's currency.
"""

from __future__ import annotations

from pathlib import Path

from ecomtui.importers.headers import normalise_header
from ecomtui.importers.report import BadRows, ImportRefused, ImportSummary, refuse_bad_rows, shown
from ecomtui.importers.source import Progress, open_source
from ecomtui.importers.table import data_lines, find_header, read_chunks
from ecomtui.importers.writer import write_import
from ecomtui.services.kpi_metrics import DERIVATIONS, INPUT_KEYS, METRIC_KEYS, MONEY, STORED_KEYS
from ecomtui.services.kpi_metrics import KIND as METRIC_KIND
from ecomtui.services.kpis import Fact

KIND = "kpis"
SOURCE = "kpis_csv"
WHAT = "import kpis"
DATE_COLUMNS = ("date", "day")


def metric_key(header: str) -> str:
    """``'Ad Spend'`` -> ``'ad_spend'``."""
    return "_".join(normalise_header(header).replace("-", " ").split())


def import_kpis(
    database, path: str | Path, *, skip_bad_rows: bool = False, progress: Progress | None = None
) -> ImportSummary:
    """Import a generic KPI CSV into ``database``; see the module text for the layout."""
    import numpy as np

    from ecomtui.importers.values import parse_days, parse_micros, text_array

    source = open_source(path, WHAT)
    header = find_header(source, lambda cells: True, WHAT, "it has no header row")
    summary = ImportSummary(kind=KIND, file_name=source.name)
    date_column, metrics = _columns(header.cells, summary, source.name)
    bad = BadRows()
    facts: dict[tuple, tuple[int, int]] = {}  # (day, key) -> (micros, row)
    for chunk in read_chunks(source, header, [date_column, *metrics], WHAT, progress):
        cells = np.strings.strip(text_array(chunk[date_column]))
        days, bad_day = parse_days(cells, ("%Y%m%d",))
        values = {key: parse_micros(chunk[column]) for column, key in metrics.items()}
        empty_row = (cells == "") & np.logical_and.reduce([empty for _, empty, _ in values.values()])
        summary.not_data["empty row"] += int(empty_row.sum())
        unreadable = bad_day & ~empty_row
        for index, cell in zip(chunk.index[unreadable], cells[unreadable]):
            bad.add(
                index,
                f"{date_column} {shown(cell)} is not a date (use YYYY-MM-DD)" if cell else f"{date_column} is empty",
            )
        for column, (_, _, wrong) in zip(metrics, values.values()):
            for index, cell in zip(chunk.index[wrong], chunk[column][wrong]):
                bad.add(index, f"{column} {shown(cell)} is not a number")
            unreadable |= wrong
        keep = ~unreadable & ~empty_row
        for key, (micros, empty, _) in values.items():
            for index, day, value in zip(chunk.index[keep & ~empty], days[keep & ~empty], micros[keep & ~empty]):
                _add(facts, bad, key, day.item(), int(value), int(index))
        summary.rows_imported += int(keep.sum())
    if bad:
        lines = bad.by_line(data_lines(source, header))
        if not skip_bad_rows:
            raise refuse_bad_rows(f"{WHAT}: {source.name}", lines)
        summary.bad_rows_skipped = lines
    if facts:
        summary.first_day, summary.last_day = min(d for d, _ in facts), max(d for d, _ in facts)
    if any(METRIC_KIND[key] == MONEY for _, key in facts):
        summary.notes.append("amounts were taken to be in the store's currency")
    found = [Fact(day, key, SOURCE, micros) for (day, key), (micros, _) in sorted(facts.items())]
    return write_import(database, source, summary, facts=found)


def _columns(cells: list[str], summary: ImportSummary, name: str) -> tuple[str, dict[str, str]]:
    """The date column and {column: metric key}; derived columns skipped, unknown ones refused."""
    date_column = next((c for c in cells if normalise_header(c) in DATE_COLUMNS), None)
    if date_column is None:
        raise ImportRefused(f"{WHAT}: {name}: no 'date' column; nothing was imported", "file")
    metrics: dict[str, str] = {}
    unknown = []
    for cell in cells:
        if cell == date_column or not cell.strip():
            continue
        key = metric_key(cell)
        if key in STORED_KEYS:
            metrics[cell] = key
        elif key in DERIVATIONS:
            numerator, denominator, _ = DERIVATIONS[key]
            summary.sections_skipped.append(
                f"column '{cell}': {key} is computed from {numerator} and {denominator}, never imported"
            )
        else:
            unknown.append(cell)
    if unknown:
        listed = ", ".join(f"'{c}'" for c in unknown)
        known = ", ".join(k for k in METRIC_KEYS + INPUT_KEYS if k in STORED_KEYS)
        raise ImportRefused(
            f"{WHAT}: {name}: {listed} {'is not a metric key' if len(unknown) == 1 else 'are not metric keys'} "
            f"(the keys: {known}); nothing was imported",
            "file",
        )
    if not metrics:
        raise ImportRefused(f"{WHAT}: {name}: no metric column beside the date; nothing was imported", "file")
    return date_column, metrics


def _add(facts: dict, bad: BadRows, key: str, day, micros: int, row: int) -> None:
    earlier = facts.get((day, key))
    if earlier is not None and earlier[0] != micros:
        bad.add(row, f"{key} for {day.isoformat()} is given twice with different values")
        return
    facts[(day, key)] = (micros, row)
