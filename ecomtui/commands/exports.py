"""``export``: the store's data in other tools' formats, one action per format (``export ics``, ...).

Domains add their format here as one action each; a handler imports its
exporter lazily. Exports only read: they never create a database.
"""

from __future__ import annotations

import sys

from ecomtui.commands.common import add_group, open_db


def register(sub) -> None:
    actions = add_group(sub, "export", "write the store's data for other tools", "export_command")

    ics = actions.add_parser("ics", help="promotions (and retail events) as iCalendar (RFC 5545)")
    ics.add_argument("--out", help="file to write (default: standard output)")
    ics.add_argument("--events", action="store_true", help="also the retail events and public holidays")
    ics.set_defaults(handler=export_ics)


def write_out(data: bytes, out: str | None, what: str) -> None:
    """Bytes to ``--out`` (written whole, then moved into place) or to standard output."""
    if not out:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    import os
    from pathlib import Path

    target = Path(out)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        from ecomtui.commands.common import CliError

        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"wrote {what} to {out}", file=sys.stderr)


def export_ics(args) -> int:
    from datetime import date

    from ecomtui import clock
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
    write_out(data, args.out, count)
    return 0
