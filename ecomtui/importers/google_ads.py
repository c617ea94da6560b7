"""Google Ads report split by day -> daily cost, clicks, impressions, conversions, conversion value.

Google Ads downloads come as UTF-8 with commas or UTF-16 (with a byte-order
mark) with tabs. Line 1 is the report name, line 2 the date range, then the
header (``Day``, ``Campaign``, ``Impr.``, ``Clicks``, ``Cost``,
``Conversions``, ``Conv. value``, ``Currency code``...). Numbers may carry
thousands separators (``"795,836"``); `` --`` means no value. ``Total: ...``
rows at the end (``Total: Account``, ``Total: Campaigns``...) repeat the sums
and are not data. A report without a ``Day`` column covers its whole date
range in each row and cannot be put on days: it is refused with the way to
download it split by day.
"""

from __future__ import annotations

from ecomtui.importers.ads import no_currency_note, read_numbers, single_currency
from ecomtui.importers.headers import match_columns
from ecomtui.importers.report import BadRows, ImportRefused, ImportSummary, shown
from ecomtui.importers.source import Progress, SourceFile
from ecomtui.importers.table import Header, read_chunks

WHAT = "import ads"
COLUMNS = {
    "day": ("Day", "Date"),
    "ad_spend": ("Cost",),
    "ad_clicks": ("Clicks",),
    "ad_impressions": ("Impr.", "Impressions"),
    "ad_conversions": ("Conversions",),
    "ad_conversion_value": ("Conv. value", "Conversion value", "Total conv. value"),
    "currency": ("Currency code", "Currency"),
}
METRICS = ("ad_spend", "ad_clicks", "ad_impressions", "ad_conversions", "ad_conversion_value")
DAY_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%a, %b %d, %Y", "%Y%m%d")


def read(source: SourceFile, header: Header, summary: ImportSummary, bad: BadRows, progress: Progress | None):
    """Readable rows as a DataFrame (``day`` and metric micros); unreadable ones go to ``bad``."""
    import numpy as np
    import pandas as pd

    from ecomtui.importers.values import parse_days, text_array

    columns = match_columns(
        header.cells,
        COLUMNS,
        required=("ad_spend",),
        what=f"{WHAT}: {source.name}",
        hint=" (is it a Google Ads report?)",
    )
    if "day" not in columns:
        raise ImportRefused(_not_by_day(source, header), "file")
    first = header.cells[0]  # where Google writes "Total: ..."
    wanted = list(dict.fromkeys([first, *columns.values()]))
    parts, currencies = [], []
    for chunk in read_chunks(source, header, wanted, WHAT, progress):
        lead = np.strings.lower(np.strings.strip(text_array(chunk[first])))
        total = np.strings.startswith(lead, "total:") | (lead == "total")
        summary.not_data["summary row (Total: ...)"] += int(total.sum())
        rows = chunk[~total]
        day_cells = np.strings.strip(text_array(rows[columns["day"]]))
        days, bad_day = parse_days(day_cells, DAY_FORMATS)
        unreadable = bad_day.copy()
        for index, cell in zip(rows.index[bad_day], day_cells[bad_day]):
            bad.add(index, f"Day {shown(cell)} is not a date" if cell else "Day is empty")
        out = pd.DataFrame({"day": days}, index=rows.index)
        unreadable |= read_numbers(rows, columns, METRICS, out, bad)
        if "currency" in columns:
            currencies.extend(set(rows[columns["currency"]]))
        summary.rows_imported += int((~unreadable).sum())
        parts.append(out[~unreadable])
    summary.currency = single_currency(currencies, WHAT, source.name)
    if summary.currency is None:
        no_currency_note(summary)
    return pd.concat(parts) if parts else None


def _not_by_day(source: SourceFile, header: Header) -> str:
    span = ""
    if len(header.above) >= 2 and header.above[1]:
        span = f" ({header.above[1][0].strip()})"
    return (
        f"{WHAT}: {source.name} is a Google Ads report without a 'Day' column: each row covers the whole "
        f"date range{span}, so its figures cannot be put on days and nothing was imported. In Google Ads, "
        "add the Day segment (Segment > Time > Day above the campaigns table, or the 'Day' column in the "
        "Report editor), download the report again and import that file"
    )
