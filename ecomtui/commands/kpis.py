"""KPI commands: ``import shopify-orders|ga4|ads|kpis FILE`` and ``kpis``.

An import prints what it did (rows, orders, values added / changed /
unchanged, what it skipped and why) and, when stderr is a terminal, a
progress line there while it reads. A file it cannot use is refused with one
line on stderr and nothing written; a file with nothing to import says so
and exits 1. ``kpis`` only reads: it never creates a database.
"""

from __future__ import annotations

import sys
import time

from ecomtui.commands.common import CliError, open_db, open_existing_db, print_json, shared_group

# kind -> (module, function, help)
IMPORTERS = {
    "shopify-orders": (
        "ecomtui.importers.shopify_orders",
        "import_shopify_orders",
        "Shopify orders export -> daily revenue, orders, AOV, new / returning customers",
    ),
    "ga4": ("ecomtui.importers.ga4", "import_ga4", "GA4 CSV export -> sessions, users, add-to-carts, purchases"),
    "ads": (
        "ecomtui.importers.ads",
        "import_ads",
        "Google Ads / Meta Ads report by day -> spend (expenses) and ad KPIs",
    ),
    "kpis": ("ecomtui.importers.kpis_csv", "import_kpis", "generic CSV: a date column and one column per metric key"),
}


def register(sub) -> None:
    actions = shared_group(sub, "import", "import an export file", "import_kind")
    for kind, (module, function, help) in IMPORTERS.items():
        parser = actions.add_parser(kind, help=help)
        parser.add_argument("file", help="the exported file (CSV)")
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="import the readable rows and list the others (default: refuse the file)",
        )
        parser.set_defaults(handler=import_command, importer=(module, function))

    kpis = sub.add_parser("kpis", help="daily KPI values, stored and derived")
    kpis.add_argument("--from", dest="start", metavar="DATE", help="first day YYYY-MM-DD")
    kpis.add_argument("--to", dest="end", metavar="DATE", help="last day YYYY-MM-DD")
    kpis.add_argument("--metric", help="only this metric key (revenue, aov, roas...)")
    kpis.add_argument("--json", action="store_true", help="JSON for scripts")
    kpis.set_defaults(handler=kpis_command)


def import_command(args) -> int:
    import importlib

    from ecomtui.importers.source import open_source

    module, function = args.importer
    open_source(args.file, f"import {args.import_kind}")  # a missing or binary file creates no database
    database = open_db(args.db)
    bar = ProgressLine(args.file) if sys.stderr.isatty() else None
    try:
        summary = getattr(importlib.import_module(module), function)(
            database, args.file, skip_bad_rows=args.skip_bad_rows, progress=bar
        )
    finally:
        if bar is not None:
            bar.close()
    print("\n".join(summary.lines()))
    if not summary.rows_imported:
        raise CliError(f"{summary.file_name}: nothing was imported (see the skipped rows and sections above)")
    return 0


class ProgressLine:
    """``progress(done, total)`` drawn as one updating line on stderr (a terminal), at most 10 times a second."""

    def __init__(self, name: str):
        self._name = name
        self._shown = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._shown < 0.1 and done < total:
            return
        self._shown = now
        share = done / total if total else 1.0
        filled = int(share * 30)
        sys.stderr.write(f"\rreading [{'#' * filled}{'.' * (30 - filled)}] {share:4.0%}")
        sys.stderr.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            sys.stderr.write("\r" + " " * 48 + "\r")
            sys.stderr.flush()


def kpis_command(args) -> int:
    from ecomtui.services import kpis
    from ecomtui.services.currency import store_currency
    from ecomtui.services.validation import InvalidInput, parse_date

    start = parse_date(args.start, "--from")
    end = parse_date(args.end, "--to")
    if start and end and start > end:
        raise InvalidInput(f"--from {start} is after --to {end}", "from")
    metric = kpis.parse_metric(args.metric, "--metric") if args.metric else None
    database = open_existing_db(args.db)
    with database.connect() as conn:
        if args.json:
            print_json(kpis.kpis_json(conn, start, end, metric))
            return 0
        values = kpis.daily_values(conn, start, end, [metric] if metric else None)
        currency = store_currency(conn)
    print_kpi_table(values, currency)
    return 0


NOTES = {
    "revenue": "revenue: refunds count on their order's day (the orders export has no refund date)",
    "conversion_rate": "conversion rate = orders / sessions (Shopify's own figure counts sessions that completed checkout)",
}


def print_kpi_table(values, currency: str) -> None:
    if not values:
        print("no KPI values (import a shop, GA4 or ads export first: ecomtui import --help)")
        return
    print(f"{'DATE':<10}  {'METRIC':<24}  VALUE")
    for v in values:
        print(f"{v.day.isoformat():<10}  {v.metric:<24}  {format_value(v.metric, v.value, currency)}")
    for key, note in NOTES.items():
        if any(v.metric == key for v in values):
            print(note)


def format_value(metric: str, value, currency: str) -> str:
    """``1,659.95 EUR``, ``1,204``, ``2.10%``, ROAS ``2.16``; ``n/a`` for a zero denominator."""
    from ecomtui.services.currency import minor_digits
    from ecomtui.services.kpi_metrics import COUNT, KIND, MONEY

    if value is None:
        return "n/a"
    if KIND[metric] == MONEY:
        return f"{value:,.{minor_digits(currency)}f} {currency}"
    if KIND[metric] == COUNT:
        return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"{value:.2f}" if metric == "roas" else f"{value:.2%}"
