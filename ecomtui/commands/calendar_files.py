"""The calendar's file kinds: ``export ics [--out FILE] [--events]`` and ``import ics FILE``.

``import`` and ``export`` are groups several domains add their kinds to
(``shared_group``). The export only reads (a missing database is an error);
the import reads and checks the whole file before the database is opened.
"""

from __future__ import annotations

from ecomtui.commands.common import CliError, open_db, shared_group


def register(sub) -> None:
    exports = shared_group(sub, "export", "export for other tools", "export_kind")
    ics_out = exports.add_parser("ics", help="promotions (and retail events) as iCalendar (RFC 5545)")
    ics_out.add_argument("--out", metavar="FILE", help="write to this file (default: standard output)")
    ics_out.add_argument("--events", action="store_true", help="also the retail events and public holidays")
    ics_out.set_defaults(handler=export_ics)

    imports = shared_group(sub, "import", "import an export file", "import_kind")
    ics_in = imports.add_parser(
        "ics", help="promotions back from our export; Google Calendar / Outlook events as ideas (by UID)"
    )
    ics_in.add_argument("file", help="the .ics file")
    ics_in.add_argument("--skip-bad-rows", action="store_true", help="import the rest when some events cannot be")
    ics_in.set_defaults(handler=import_ics)


def export_ics(args) -> int:
    from datetime import date

    from ecomtui import clock
    from ecomtui.commands.exports import write_output
    from ecomtui.exporters.ics import calendar_bytes
    from ecomtui.services import promotion_queries
    from ecomtui.services.retail_calendar import events_between, parse_cutoff

    database = open_db(args.db, must_exist=True)
    with database.connect() as conn:
        records = promotion_queries.load_promotions(conn)
        settings = promotion_queries.calendar_settings(conn)
        store = promotion_queries.read_setting(conn, "store_name") or "ecomtui"
    events = []
    if args.events:  # last year, this year and next
        year = clock.today().year
        events = events_between(
            date(year - 1, 1, 1), date(year + 1, 12, 31), settings.country, parse_cutoff(settings.cutoff)
        )
    data = calendar_bytes(
        records,
        stamp=clock.now().replace(microsecond=0),
        currency=settings.currency,
        name=f"{store} promotions",
        events=events,
        country=settings.country,
    )
    count = f"{len(records)} promotions" + (f" and {len(events)} events" if events else "")
    write_output(data, args.out, count)
    return 0


def import_ics(args) -> int:
    import sys
    from pathlib import Path

    from ecomtui import clock
    from ecomtui.importers.ics import apply_calendar, read_calendar_file
    from ecomtui.text import visible

    if not Path(args.file).is_file():
        raise CliError(f"import ics: no file {visible(args.file)}")
    parsed = read_calendar_file(args.file, today=clock.today(), skip_bad=args.skip_bad_rows)  # before any write
    database = open_db(args.db)
    with database.transaction() as conn:
        result = apply_calendar(conn, parsed)
    for problem in result.problems:
        print(f"not imported: {visible(problem)}", file=sys.stderr)
    for note in result.notes:
        print(visible(note), file=sys.stderr)
    print(result.summary())
    return 0
