"""Budget commands: ``budget set / show / retainers`` and ``expense add``."""

from __future__ import annotations

from ecomtui.commands.common import add_group, fit, open_db, print_json


def register(sub) -> None:
    actions = add_group(
        sub, "budget", "monthly plans per channel; planned vs actual, pacing, forecast", "budget_command"
    )

    set_ = actions.add_parser("set", help="set a channel's planned budget for a month")
    set_.add_argument("month", metavar="MONTH", help="YYYY-MM")
    set_.add_argument("channel", metavar="CHANNEL", help="channel name, case-insensitive")
    set_.add_argument("amount", metavar="AMOUNT", help="planned amount in the store currency, e.g. 3000 or 1200.50")
    set_.set_defaults(handler=set_command)

    show = actions.add_parser("show", help="planned vs actual per channel, variance, pacing and forecast")
    show.add_argument("--month", help="YYYY-MM (default: the month of --as-of, else this month)")
    show.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD: the figures as they stood that day (default today)")
    show.add_argument("--json", action="store_true", help="JSON for scripts")
    show.set_defaults(handler=show_command)

    retainers = actions.add_parser("retainers", help="book the partners' monthly retainers as expenses (once a month)")
    retainers.add_argument("--month", help="YYYY-MM (default this month)")
    retainers.set_defaults(handler=retainers_command)

    expense = add_group(sub, "expense", "record spending", "expense_command")
    add = expense.add_parser("add", help="record an expense")
    add.add_argument("amount", metavar="AMOUNT", help="amount in the store currency, e.g. 1200.50")
    add.add_argument("--channel", help="channel name, case-insensitive (required)")
    add.add_argument("--date", help="YYYY-MM-DD (default today)")
    add.add_argument("--partner", help="the agency, freelancer or team member paid")
    add.add_argument("--promotion", help="the promotion it paid for")
    add.add_argument("--note", default="", help="a note")
    add.set_defaults(handler=expense_add_command)


def _money(amount, digits: int, currency: str) -> str:
    from ecomtui.services.money import format_amount

    return f"{format_amount(amount, digits)} {currency}"


def set_command(args) -> int:
    from ecomtui.services import budget
    from ecomtui.services.budget_input import build_plan_input, require_month
    from ecomtui.services.budget_queries import all_channels, currency_digits
    from ecomtui.services.lookups import find_channel
    from ecomtui.services.money import parse_amount

    require_month(args.month)  # the typed values first: a typo never opens (or creates) a store
    parse_amount(args.amount, digits=3, required=True)
    database = open_db(args.db)
    with database.transaction() as conn:
        currency, digits = currency_digits(conn)
        data = build_plan_input(
            month=args.month, channel_id=find_channel(conn, args.channel), amount=args.amount, digits=digits
        )
        line = budget.set_plan(conn, data)
        name = next(c.name for c in all_channels(conn) if c.id == line.channel_id)
    print(f"planned {_money(line.planned, digits, currency)} for {name} in {line.month}")
    return 0


def show_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services import budget_calc as calc
    from ecomtui.services.budget_queries import month_json, month_report
    from ecomtui.services.validation import parse_date, parse_month

    as_of = parse_date(args.as_of, "as-of")
    month = parse_month(args.month) or calc.month_key(as_of or clock.today())
    if as_of is None:
        as_of = clock.today()
    database = open_db(args.db, must_exist=True)
    with database.connect() as conn:
        report, channels, currency = month_report(conn, month, as_of)
    if args.json:
        print_json(month_json(report, channels, currency))
    else:
        print_report(report, channels, currency)
    return 0


def print_report(report, channels, currency: str) -> None:
    from ecomtui.services.currency import minor_digits
    from ecomtui.services.money import format_amount

    digits = minor_digits(currency)
    clock = report.clock
    state = f"day {clock.elapsed} of {clock.days}" if clock.state == "running" else clock.state
    print(f"Budget {clock.month} in {currency}, as of {clock.as_of.isoformat()} ({state})")
    if not report.channels:
        print("no plan and no spending this month")
        return
    names = {c.id: c.name for c in channels}
    print(
        f"{'CHANNEL':<14} {'PLANNED':>12} {'ACTUAL':>12} {'VARIANCE':>12} {'USED':>7} {'PACING':>6} {'FORECAST':>12}  STATUS"
    )

    def line(name: str, f) -> str:
        money = [format_amount(v, digits) for v in (f.planned, f.actual, f.variance)]
        used = f"{f.used * 100:.1f}%" if f.used is not None else "n/a"
        pacing = f"{f.pacing:.2f}" if f.pacing is not None else "n/a"
        status, alert = f.status(clock)
        return (
            f"{fit(name, 14)} {money[0]:>12} {money[1]:>12} {money[2]:>12} {used:>7} {pacing:>6} "
            f"{format_amount(f.forecast, digits):>12}  {'! ' if alert else ''}{status}"
        )

    for row in report.channels:
        print(line(names.get(row.channel_id, str(row.channel_id)), row.figures))
    print(line("Total", report.total))


def retainers_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services import budget
    from ecomtui.services.budget_calc import month_key
    from ecomtui.services.budget_input import require_month

    month = require_month(args.month or month_key(clock.today()))
    database = open_db(args.db)
    with database.transaction() as conn:
        booking = budget.book_retainers(conn, month)
    for name, amount in booking.booked:
        print(f"booked {amount} for {name}")
    print(booking.summary())
    return 0


def expense_add_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services import budget
    from ecomtui.services.budget_queries import currency_digits
    from ecomtui.services.money import parse_amount
    from ecomtui.services.validation import parse_date

    # the typed values first: a typo never opens (or creates) a store
    parse_amount(args.amount, digits=3, required=True, allow_zero=False)
    parse_date(args.date)
    database = open_db(args.db)
    with database.transaction() as conn:
        data = budget.parse_expense_args(
            conn,
            amount=args.amount,
            channel=args.channel,
            day=args.date,
            partner=args.partner,
            promotion=args.promotion,
            note=args.note,
            today=clock.today(),
        )
        row = budget.add_expense(conn, data)
        currency, digits = currency_digits(conn)
    print(f"added expense {row.id}: {_money(row.amount, digits, currency)} on {row.channel}, {row.day.isoformat()}")
    return 0
