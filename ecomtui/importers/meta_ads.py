"""Meta Ads export split by day -> daily spend, impressions, clicks, purchases, purchase value.

An Ads Manager export has ``Reporting starts`` / ``Reporting ends``,
``Campaign name``, ``Amount spent (USD)`` (the currency inside the header),
``Impressions``, ``Link clicks``, ``Results``, ``Purchases`` and ``Purchase
ROAS (return on ad spend)``; ``-`` means no value. Its first row is often the
total of all campaigns, with a blank campaign name: not data. Split by day
(Breakdown > By time > Day), each row's start and end are the same day; a row
covering several days cannot be put on days and refuses the file, saying how
to export it. Conversions are purchases; their value is the purchases
conversion value, or spend x purchase ROAS when only the ROAS is given.
"""

from __future__ import annotations

import re

from ecomtui.importers.ads import no_currency_note, read_numbers, single_currency
from ecomtui.importers.headers import match_columns, normalise_header
from ecomtui.importers.report import BadRows, ImportRefused, ImportSummary, shown
from ecomtui.importers.source import Progress, SourceFile
from ecomtui.importers.table import Header, read_chunks

WHAT = "import ads"
COLUMNS = {
    "campaign": ("Campaign name", "Campaign"),
    "day": ("Day",),
    "starts": ("Reporting starts",),
    "ends": ("Reporting ends",),
    "ad_impressions": ("Impressions",),
    "ad_clicks": ("Link clicks", "Clicks (all)", "Clicks"),
    "ad_conversions": ("Purchases", "Website purchases"),
    "value": ("Purchases conversion value", "Purchase conversion value", "Website purchases conversion value"),
    "roas": ("Purchase ROAS (return on ad spend)", "Website purchase ROAS (return on ad spend)", "Purchase ROAS"),
    "currency": ("Currency",),
}
_SPENT = re.compile(r"amount spent(?:\s*\((\w{3})\))?$")


def read(source: SourceFile, header: Header, summary: ImportSummary, bad: BadRows, progress: Progress | None):
    """Readable rows as a DataFrame (``day`` and metric micros); unreadable ones go to ``bad``."""
    import pandas as pd

    what = f"{WHAT}: {source.name}"
    columns = match_columns(header.cells, COLUMNS, what=what)
    spent = [(cell, _SPENT.match(normalise_header(cell))) for cell in header.cells]
    spent = [(cell, match) for cell, match in spent if match]
    if not spent:
        raise ImportRefused(
            f"{what}: no 'Amount spent' column (is it a Meta Ads export?); nothing was imported", "file"
        )
    if "day" not in columns and not {"starts", "ends"} <= set(columns):
        raise ImportRefused(
            f"{what}: no 'Day' or 'Reporting starts' and 'Reporting ends' columns; nothing was imported", "file"
        )
    spend_column, match = spent[0]
    columns["ad_spend"] = spend_column
    parts, currencies = [], [match.group(1).upper()] if match.group(1) else []
    for chunk in read_chunks(source, header, list(dict.fromkeys(columns.values())), WHAT, progress):
        part, found = _chunk(chunk, columns, summary, bad, what)
        parts.append(part)
        currencies.extend(found)
    summary.currency = single_currency(currencies, WHAT, source.name)
    if summary.currency is None:
        no_currency_note(summary)
    return pd.concat(parts) if parts else None


def _chunk(chunk, columns: dict[str, str], summary: ImportSummary, bad: BadRows, what: str):
    import numpy as np
    import pandas as pd

    from ecomtui.importers.values import parse_days, text_array

    if "campaign" in columns:
        total = np.strings.strip(text_array(chunk[columns["campaign"]])) == ""
        summary.not_data["total row (blank campaign name)"] += int(total.sum())
        chunk = chunk[~total]
    day_cells = np.strings.strip(text_array(chunk[columns["day" if "day" in columns else "starts"]]))
    days, unreadable = parse_days(day_cells)
    for index, cell in zip(chunk.index[unreadable], day_cells[unreadable]):
        bad.add(index, f"day {shown(cell)} is not a date" if cell else "the day is empty")
    if "day" not in columns:
        ends, bad_end = parse_days(chunk[columns["ends"]])
        spans = ~unreadable & ~bad_end & (ends != days)
        if spans.any():
            first = int(np.flatnonzero(spans)[0])
            raise ImportRefused(
                f"{what}: rows cover several days ({days[first]} to {ends[first]} in one row), so their figures "
                "cannot be put on days and nothing was imported. In Ads Manager choose Breakdown > By time > Day, "
                "export again and import that file",
                "file",
            )
    out = pd.DataFrame({"day": days}, index=chunk.index)
    numbers = ("ad_spend", "ad_impressions", "ad_clicks", "ad_conversions", "value", "roas")
    unreadable |= read_numbers(chunk, columns, numbers, out, bad)
    if "value" in out:
        out["ad_conversion_value"] = out.pop("value")
        out.pop("roas", None)
    elif "roas" in out:  # value = spend x ROAS, exact in Python integers, half up at the micro
        product = out.pop("roas").to_numpy(dtype=object) * out["ad_spend"].to_numpy(dtype=object)
        out["ad_conversion_value"] = ((product + 500_000) // 1_000_000).astype(np.int64)
    currencies = set(chunk[columns["currency"]]) if "currency" in columns else set()
    summary.rows_imported += int((~unreadable).sum())
    return out[~unreadable], currencies
