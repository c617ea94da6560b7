"""Partner commands: ``partner add | list | edit | archive | log``.

A partner is named like a task owner: exactly, or by a unique case-insensitive
prefix of any word of its name; an unknown or ambiguous name is refused with
the candidates. Bad input is one line and writes nothing.
"""

from __future__ import annotations

from ecomtui.commands.common import add_group, fit, open_db, print_json
from ecomtui.text import visible


def _partner_options(parser, *, editing: bool) -> None:
    from ecomtui.vocabulary import PARTNER_KINDS

    kinds = "|".join(PARTNER_KINDS)
    parser.add_argument("--kind", required=not editing, metavar=kinds, help="what the partner is")
    parser.add_argument("--services", metavar="SEO,PPC", help="channels and services they work on, comma-separated")
    parser.add_argument(
        "--contact", metavar="NAME", help="a contact person (edit: updated if the name exists, else added)"
    )
    parser.add_argument("--role", help="the contact's role")
    parser.add_argument("--email", metavar="E", help="the contact's e-mail")
    parser.add_argument("--phone", metavar="P", help="the contact's phone")
    parser.add_argument("--retainer", metavar="AMOUNT", help="monthly retainer or rate, e.g. 2500 or 2500.50")
    parser.add_argument("--contract-start", metavar="DATE", help="contract start YYYY-MM-DD")
    parser.add_argument("--contract-end", metavar="DATE", help="contract end YYYY-MM-DD")
    parser.add_argument("--notice", metavar="DAYS", help="notice period in days")
    parser.add_argument("--rating", metavar="1-5", help="how well they work, 1 to 5")
    parser.add_argument("--website", help="web address")
    parser.add_argument("--notes", help="notes")


def register(sub) -> None:
    actions = add_group(sub, "partner", "agencies, freelancers and in-house specialists", "partner_command")

    add = actions.add_parser("add", help="add a partner")
    add.add_argument("name")
    _partner_options(add, editing=False)
    add.set_defaults(handler=add_command)

    lst = actions.add_parser("list", help="list partners")
    lst.add_argument("--archived", action="store_true", help="include archived partners")
    lst.add_argument("--json", action="store_true", help="JSON for scripts")
    lst.set_defaults(handler=list_command)

    edit = actions.add_parser("edit", help="change a partner (only the options given)")
    edit.add_argument("name")
    edit.add_argument("--rename", metavar="NEW", help="a new name")
    _partner_options(edit, editing=True)
    edit.set_defaults(handler=edit_command)

    archive = actions.add_parser("archive", help="archive a partner: keeps its history, owns no new tasks")
    archive.add_argument("name")
    archive.add_argument("--restore", action="store_true", help="make an archived partner active again")
    archive.set_defaults(handler=archive_command)

    log = actions.add_parser("log", help="log a call, meeting, e-mail or review with a partner")
    log.add_argument("name")
    log.add_argument("--kind", required=True, metavar="call|meeting|email|review")
    log.add_argument("--summary", required=True, metavar="TEXT")
    log.add_argument("--next", metavar="TEXT", help="the agreed next step")
    log.add_argument("--follow-up", metavar="DATE", help="when to follow up, YYYY-MM-DD")
    log.add_argument("--date", metavar="DATE", help="when it happened (default today)")
    log.set_defaults(handler=log_command)


def _typed_fields(args) -> dict[str, str | None]:
    return {
        "kind": args.kind,
        "services": args.services,
        "website": args.website,
        "retainer": args.retainer,
        "contract_start": args.contract_start,
        "contract_end": args.contract_end,
        "notice": args.notice,
        "rating": args.rating,
        "notes": args.notes,
    }


def add_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services import partners
    from ecomtui.services.partner_roster import build_partner_input

    contacts = partners.merge_contact((), args.contact, args.email, args.phone, args.role)
    fields = {k: v for k, v in _typed_fields(args).items() if v is not None}
    data = build_partner_input(name=args.name, **fields, contacts=contacts)  # checked before any file is made
    database = open_db(args.db)
    with database.transaction() as conn:
        created = partners.create_partner(conn, data, clock.today())
    print(f"added partner {created.id}: {visible(created.name)}")
    return 0


def edit_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services import partners
    from ecomtui.services.partner_queries import get_partner

    today = clock.today()
    database = open_db(args.db, must_exist=True)
    with database.transaction() as conn:
        partner_id = partners.find_partner(conn, args.name)
        current = get_partner(conn, partner_id, today)
        contacts = partners.merge_contact(
            partners.contact_inputs(current), args.contact, args.email, args.phone, args.role
        )
        changes = {**_typed_fields(args), "name": args.rename}
        data = partners.edited_input(current, changes, contacts)
        saved = partners.update_partner(conn, partner_id, data, today)
    print(f"saved partner {saved.id}: {visible(saved.name)}")
    return 0


def archive_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services import partners

    database = open_db(args.db, must_exist=True)
    with database.transaction() as conn:
        partner_id = partners.find_partner(conn, args.name)
        saved = partners.set_archived(conn, partner_id, not args.restore, clock.today())
    print(f"{'restored' if args.restore else 'archived'} partner {saved.id}: {visible(saved.name)}")
    return 0


def log_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services import partners
    from ecomtui.services.partner_roster import build_interaction_input

    data = build_interaction_input(
        kind=args.kind,
        summary=args.summary,
        day=args.date,
        next_step=args.next,
        follow_up=args.follow_up,
        today=clock.today(),
    )
    database = open_db(args.db, must_exist=True)
    with database.transaction() as conn:
        partner_id = partners.find_partner(conn, args.name)
        logged = partners.log_interaction(conn, partner_id, data)
    follow = f", follow up {logged.follow_up.isoformat()}" if logged.follow_up else ""
    print(f"logged {visible(logged.kind)} with partner {partner_id} on {logged.day.isoformat()}{follow}")
    return 0


def list_command(args) -> int:
    from ecomtui import clock
    from ecomtui.services.money import store_currency
    from ecomtui.services.partner_queries import load_roster

    database = open_db(args.db, must_exist=True)
    with database.connect() as conn:
        roster = [p for p in load_roster(conn, clock.today()) if args.archived or not p.archived]
        currency = store_currency(conn)
    if args.json:
        print_json([p.as_json() for p in roster])
    else:
        print_partner_table(roster, currency)
    return 0


def print_partner_table(roster, currency: str) -> None:
    from ecomtui.services.money import format_money

    if not roster:
        print("no partners")
        return
    print(f"{'ID':>5}  {'NAME':<24}  {'KIND':<10}  {'SERVICES':<20}  {'RETAINER':>14}  {'ENDS':<10}  CONTACT")
    for p in roster:  # stored text may come from other tools: control characters are shown, never sent
        first = p.contacts[0] if p.contacts else None
        contact = " ".join(x for x in (first.name, first.email) if x) if first else "-"
        name = p.name + (" (archived)" if p.archived else "")
        print(
            f"{p.id:>5}  {fit(visible(name), 24)}  {fit(visible(p.kind), 10)}  {fit(visible(', '.join(p.services) or '-'), 20)}  "
            f"{(format_money(p.retainer_minor, currency) if p.retainer_minor is not None else '-'):>14}  "
            f"{(p.contract_end.isoformat() if p.contract_end else '-'):<10}  {visible(contact)}"
        )
