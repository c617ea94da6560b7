"""Ad platform reports -> daily ad KPIs and the ad spend as expenses.

``ecomtui import ads FILE`` takes a Google Ads report split by day
(:mod:`ecomtui.importers.google_ads`) or a Meta Ads export split by day
(:mod:`ecomtui.importers.meta_ads`); which one is told by the header. Each
platform's figures are summed per day into the facts ``ad_spend``,
``ad_clicks``, ``ad_impressions``, ``ad_conversions`` and
``ad_conversion_value`` with the platform as their source (``google_ads``,
``meta_ads``): platforms add up when KPIs are shown. The spend of each day is
also an expense on the platform's channel (PPC for Google, Paid Social for
Meta) with the key ``<source>:<day>``, so importing the report again updates
it instead of adding it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ecomtui.importers.headers import normalise_header
from ecomtui.importers.report import BadRows, ImportSummary, refuse_bad_rows
from ecomtui.importers.source import Progress, open_source
from ecomtui.importers.table import data_lines, find_header
from ecomtui.importers.writer import write_import
from ecomtui.services.imported_expenses import ImportedExpense
from ecomtui.services.kpis import Fact

KIND = "ads"
WHAT = "import ads"
METRICS = ("ad_spend", "ad_clicks", "ad_impressions", "ad_conversions", "ad_conversion_value")


@dataclass(frozen=True)
class Platform:
    source: str  # fact source and expense source
    label: str  # "Google Ads"
    channel: str  # expense channel


GOOGLE = Platform("google_ads", "Google Ads", "PPC")
META = Platform("meta_ads", "Meta Ads", "Paid Social")


def is_meta_header(cells: list[str]) -> bool:
    names = {normalise_header(c) for c in cells}
    return "reporting starts" in names or any(n.startswith("amount spent") for n in names)


def is_google_header(cells: list[str]) -> bool:
    names = {normalise_header(c) for c in cells}
    return "cost" in names and bool(names & {"campaign", "day", "impr.", "impressions", "clicks"})


def import_ads(
    database, path: str | Path, *, skip_bad_rows: bool = False, progress: Progress | None = None
) -> ImportSummary:
    """Import a Google Ads or Meta Ads report split by day into ``database``."""
    from ecomtui.importers import google_ads, meta_ads

    source = open_source(path, WHAT)
    header = find_header(
        source,
        lambda cells: is_meta_header(cells) or is_google_header(cells),
        WHAT,
        "no report header found: expected a Google Ads report (Day, Cost, Clicks...) "
        "or a Meta Ads export (Reporting starts, Amount spent...)",
    )
    summary = ImportSummary(kind=KIND, file_name=source.name)
    if header.records_before:
        summary.not_data["report title or date range above the header"] += header.records_before
    bad = BadRows()
    reader = meta_ads if is_meta_header(header.cells) else google_ads
    platform = META if reader is meta_ads else GOOGLE
    daily = reader.read(source, header, summary, bad, progress)
    if bad:
        lines = bad.by_line(data_lines(source, header))
        if not skip_bad_rows:
            raise refuse_bad_rows(f"{WHAT}: {source.name}", lines)
        summary.bad_rows_skipped = lines
    facts, expenses = daily_facts(daily, platform, summary)
    return write_import(database, source, summary, facts=facts, expenses=expenses)


def daily_facts(rows, platform: Platform, summary: ImportSummary) -> tuple[list[Fact], list[ImportedExpense]]:
    """Sum readable rows (a DataFrame: ``day`` and metric micros) per day into facts and expenses."""
    if rows is None or not len(rows):
        return [], []
    totals = rows.groupby("day").sum()
    days = [d.date() for d in totals.index]
    summary.first_day, summary.last_day = min(days), max(days)
    facts = [
        Fact(day, metric, platform.source, int(value))
        for metric in METRICS
        if metric in totals
        for day, value in zip(days, totals[metric].tolist())
    ]
    expenses = [
        ImportedExpense(
            day=day,
            amount_micros=int(spend),
            channel=platform.channel,
            source=platform.source,
            import_key=f"{platform.source}:{day.isoformat()}",
            note=f"{platform.label} spend on {day.isoformat()} (imported)",
        )
        for day, spend in zip(days, totals["ad_spend"].tolist())
    ]
    return facts, expenses


def read_numbers(rows, columns: dict[str, str], keys, out, bad: BadRows):
    """Parse the ``keys`` columns present into ``out`` (micros); returns the mask of unreadable rows."""
    import numpy as np

    from ecomtui.importers.report import shown
    from ecomtui.importers.values import parse_micros

    unreadable = np.zeros(len(rows), dtype=bool)
    for key in keys:
        if key in columns:
            micros, _, wrong = parse_micros(rows[columns[key]])
            for index, cell in zip(rows.index[wrong], rows[columns[key]][wrong]):
                bad.add(index, f"{columns[key]} {shown(cell)} is not a number")
            unreadable |= wrong
            out[key] = micros
    return unreadable


def single_currency(codes, what: str, file_name: str) -> str | None:
    """The one currency code among ``codes`` (None if none); several refuse the file."""
    from ecomtui.importers.report import ImportRefused
    from ecomtui.services.currency import normalise_code

    found = sorted({normalise_code(c) or c.strip() for c in codes if c and c.strip()})
    if len(found) > 1:
        raise ImportRefused(
            f"{what}: {file_name} has amounts in several currencies ({', '.join(found)}); "
            "ecomtui keeps one currency per store, so nothing was imported",
            "file",
        )
    return found[0] if found else None


def no_currency_note(summary: ImportSummary) -> None:
    summary.notes.append("the report names no currency: its amounts were taken to be in the store's currency")
