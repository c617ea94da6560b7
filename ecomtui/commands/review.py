"""``ecomtui review``: the weekly review's figures for a week, as text, Markdown or JSON."""

from __future__ import annotations

import sys

from ecomtui.commands.common import open_db, print_json


def register(sub) -> None:
    review = sub.add_parser("review", help="the weekly review of an ISO week (default: the last full week)")
    review.add_argument("--week", help="ISO week, e.g. 2026-W47")
    review.add_argument("--as-of", dest="as_of", help="figures as they stood on this day (YYYY-MM-DD)")
    form = review.add_mutually_exclusive_group()
    form.add_argument("--markdown", action="store_true", help="Markdown, ready to paste")
    form.add_argument("--json", action="store_true", help="JSON for scripts")
    review.set_defaults(handler=review_command)


def review_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services import review
    from ecomtui.services.currency import store_currency
    from ecomtui.services.validation import parse_date

    as_of = parse_date(args.as_of, "as-of")
    period = review.period(args.week, as_of, clock.today())
    database = open_db(args.db)
    with database.connect() as conn:
        saved = review.load_saved(conn, period.week) if not args.as_of else None
        sections = saved.sections if saved is not None else review.build(conn, period)
        currency = store_currency(conn)
    if args.json:
        print_json(
            {
                "week": period.week,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "as_of": period.as_of.isoformat(),
                "currency": currency,
                "saved": saved is not None,
                "sections": [s.as_json() for s in sections],
                "notes": saved.notes if saved else "",
                "decisions": saved.decisions if saved else "",
                "priorities": saved.priorities if saved else "",
            }
        )
        return 0
    sys.stdout.write(review.review_markdown(period, sections, currency, saved))
    return 0
