"""Promotion commands: ``promo add``, ``promo list`` and ``promo settings`` (country, shipping cut-off)."""

from __future__ import annotations

from ecomtui.commands.common import CliError, add_group, fit, open_db, print_json


def register(sub) -> None:
    actions = add_group(sub, "promo", "add or list promotions; calendar settings", "promo_command")

    add = actions.add_parser("add", help="add a promotion (conflicts are reported, never refused)")
    add.add_argument("name")
    add.add_argument("--start", required=True, help="first day YYYY-MM-DD")
    add.add_argument("--end", required=True, help="last day YYYY-MM-DD (included)")
    add.add_argument("--channel", action="append", default=[], help="a channel (repeat for several)")
    add.add_argument("--code", default="", help="discount code")
    add.add_argument("--discount", help="percent (15 or 15%%), or an amount off (10 EUR)")
    add.add_argument("--budget", help="budget amount")
    add.add_argument("--target", help="revenue target amount")
    add.add_argument("--kind", help="sale, discount code, free shipping, bundle, launch, newsletter, influencer, other")
    add.add_argument("--status", help="idea, planned, live, done, cancelled (default planned)")
    add.add_argument("--owner", help="team member or partner name")
    add.add_argument("--notes", default="", help="notes")
    add.set_defaults(handler=add_command)

    lst = actions.add_parser("list", help="list promotions with their conflicts")
    lst.add_argument("--from", dest="first", help="only those running on or after YYYY-MM-DD")
    lst.add_argument("--to", dest="last", help="only those running on or before YYYY-MM-DD")
    lst.add_argument("--json", action="store_true", help="JSON for scripts")
    lst.set_defaults(handler=list_command)

    settings = actions.add_parser("settings", help="show or set the store country and the shipping cut-off")
    settings.add_argument(
        "--country", help="country for public holidays (DE, GB, US...), optionally with a region (DE-SN)"
    )
    settings.add_argument("--shipping-cutoff", dest="cutoff", help="Christmas shipping cut-off MM-DD, or none")
    settings.set_defaults(handler=settings_command)


def add_command(args) -> int:
    from ecomtui.services import promotion_conflicts, promotion_queries, promotions
    from ecomtui.services.promotion_data import build_promotion_input
    from ecomtui.text import visible

    fields = {
        "kind": args.kind,
        "status": args.status,
        "code": args.code,
        "discount": args.discount,
        "budget": args.budget,
        "revenue_target": args.target,
        "notes": args.notes,
    }
    build_promotion_input(name=args.name, start=args.start, end=args.end, **fields)  # bad values: no file written
    database = open_db(args.db)
    with database.transaction() as conn:
        data = promotions.parse_promotion_input(
            conn, name=args.name, start=args.start, end=args.end, channels=args.channel, owner=args.owner, **fields
        )
        record = promotions.create_promotion(conn, data)
        others = promotion_queries.list_promotions(conn, record.start, record.end)
    print(
        f"added promotion {record.id}: {visible(record.name)} ({record.start.isoformat()} to {record.end.isoformat()})"
    )
    names = {p.id: visible(p.name) for p in others}
    channel_names = dict(zip(record.channel_ids, record.channels))
    for clash in promotion_conflicts.conflicts_of(record, others):
        text = promotion_conflicts.describe_clash(clash, names, channel_names)
        print(f"warning: overlaps {text} (id {clash.other})")
    return 0


def list_command(args) -> int:
    from ecomtui.services import promotion_conflicts, promotion_queries
    from ecomtui.services.validation import parse_date

    first = parse_date(args.first, "from")
    last = parse_date(args.last, "to")
    if first and last and last < first:
        raise CliError(f"--to {last.isoformat()} is before --from {first.isoformat()}")
    database = open_db(args.db, must_exist=True)
    with database.connect() as conn:
        everything = promotion_queries.load_promotions(conn)
        currency = promotion_queries.calendar_settings(conn).currency
    conflicts = promotion_conflicts.find_conflicts(everything)
    listing = [p for p in everything if p.overlaps(first or p.start, last or p.end)]
    if args.json:
        print_json([p.as_json([c.other for c in conflicts.get(p.id, [])]) for p in listing])
    else:
        print_table(listing, conflicts, currency)
    return 0


def print_table(records, conflicts, currency: str) -> None:
    from ecomtui.text import visible
    from ecomtui.vocabulary import PROMOTION_STATUS_LABELS

    if not records:
        print("no promotions")
        return
    print(f"{'ID':>5}  {'START':<10}  {'END':<10}  {'STATUS':<9}  {'CHANNELS':<16}  {'CODE':<10}  {'OFF':<10}  NAME")
    for p in records:
        clash = conflicts.get(p.id, [])
        warning = f"  ! conflicts with {', '.join(str(c.other) for c in clash)}" if clash else ""
        print(
            f"{p.id:>5}  {p.start.isoformat():<10}  {p.end.isoformat():<10}  "
            f"{PROMOTION_STATUS_LABELS.get(p.status, p.status):<9}  {fit(visible(', '.join(p.channels)) or '-', 16)}  "
            f"{fit(visible(p.code) or '-', 10)}  {fit(p.discount_text(currency) or '-', 10)}  {visible(p.name)}{warning}"
        )


def settings_command(args) -> int:
    from ecomtui.services import promotion_queries, promotions

    if args.country is not None or args.cutoff is not None:
        from ecomtui.services.retail_calendar import check_country, parse_cutoff

        if args.country is not None:
            check_country(args.country)  # refused before any file is touched
        parse_cutoff(args.cutoff)
        database = open_db(args.db)
        with database.transaction() as conn:
            promotions.set_calendar_settings(conn, country=args.country, cutoff=args.cutoff)
    else:
        database = open_db(args.db, must_exist=True)
    with database.connect() as conn:
        settings = promotion_queries.calendar_settings(conn)
    source = {"settings": "", "locale": " (from your locale)", "default": " (default: none set)"}[
        settings.country_source
    ]
    print(f"country           {settings.country}{source}")
    print(f"shipping cut-off  {settings.cutoff or 'none'}")
    print(f"currency          {settings.currency}")
    return 0
