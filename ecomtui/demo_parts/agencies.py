"""The demo store's agencies, freelancers and in-house team, with contacts and an interaction log.

:func:`write_partners` runs before the tasks (which need their owners);
:func:`build` (a ``DEMO_PARTS`` entry) runs after them and writes each
partner's interaction log, so that on the demo's day every flag of the
Agencies tab shows somewhere: a contract ending within 60 days (Rankwell,
Elif Şahin) or inside its notice period (Mailcraft), a follow-up date passed
(Brightlane, Pixel & Pine), no interaction in 30 days (Nora Lindqvist, Luca
Romano), and overdue tasks (the board's overdue cards). Dates are offsets
from ``demo.today``; random choices come from ``demo.rng("agencies")``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from ecomtui.demo import STORE_DOMAIN, _add_months, _month_end, _month_start

# name, kind, services, contacts (name, role, email, phone), retainer in cents,
# contract start / end in months from this month (end: last day of that month),
# notice period in days, rating, website, notes. Phone numbers are from the German range reserved for
# fiction (030 23125 ...).
ROSTER: tuple[dict, ...] = (
    # in-house specialists
    dict(
        name="Mia Keller",
        kind="in-house",
        services=("SEO", "Content"),
        contacts=(("Mia Keller", "SEO & Content Lead", f"mia.keller@{STORE_DOMAIN}", "+49 30 23125 201"),),
        notes="Owns organic search, the blog and buying guides.",
    ),
    dict(
        name="Jonas Berg",
        kind="in-house",
        services=("PPC", "Paid Social"),
        contacts=(("Jonas Berg", "Performance Marketing Manager", f"jonas.berg@{STORE_DOMAIN}", "+49 30 23125 202"),),
        notes="Runs Google Ads and Meta together with Brightlane; approves all ad budgets.",
    ),
    dict(
        name="Lena Hoffmann",
        kind="in-house",
        services=("Email", "CRM"),
        contacts=(("Lena Hoffmann", "CRM & Email Manager", f"lena.hoffmann@{STORE_DOMAIN}", "+49 30 23125 203"),),
        notes="Newsletter calendar, flows and the customer segments.",
    ),
    dict(
        name="Samir Haddad",
        kind="in-house",
        services=("Marketplaces", "Affiliate", "Feeds"),
        contacts=(("Samir Haddad", "Marketplace & Feed Manager", f"samir.haddad@{STORE_DOMAIN}", "+49 30 23125 204"),),
        notes="Amazon and Zalando accounts, product feeds, affiliate network.",
    ),
    dict(
        name="Clara Novak",
        kind="in-house",
        services=("Social", "Influencers"),
        contacts=(
            ("Clara Novak", "Social Media & Community Manager", f"clara.novak@{STORE_DOMAIN}", "+49 30 23125 205"),
        ),
        notes="Instagram, TikTok, Pinterest and creator partnerships.",
    ),
    # agencies
    dict(
        name="Brightlane Digital",
        kind="agency",
        services=("PPC", "Paid Social"),
        contacts=(
            ("Tom Reinhardt", "Account Director", "tom.reinhardt@brightlane.example", "+49 30 23125 101"),
            ("Aylin Demir", "Paid Social Lead", "aylin.demir@brightlane.example", "+49 30 23125 102"),
        ),
        retainer_minor=480_000,
        contract=(-14, 10),
        notice=90,
        rating=4,
        website="https://brightlane.example",
        notes="Google Ads and Meta Ads. Monthly performance call first Tuesday of the month.",
    ),
    dict(
        name="Rankwell SEO",
        kind="agency",
        services=("SEO", "Content"),
        contacts=(
            ("Peter Lindholm", "Senior SEO Consultant", "peter@rankwell.example", "+49 30 23125 111"),
            ("Hanna Vogt", "Content Strategist", "hanna@rankwell.example", "+49 30 23125 112"),
        ),
        retainer_minor=290_000,
        contract=(-11, 1),
        notice=30,
        rating=3,
        website="https://rankwell.example",
        notes="Technical SEO and link building. Contract renewal coming up: compare offers first.",
    ),
    dict(
        name="Mailcraft Studio",
        kind="agency",
        services=("Email", "CRM"),
        contacts=(("Julia Brandt", "Lifecycle Marketing Lead", "julia@mailcraft.example", "+49 30 23125 121"),),
        retainer_minor=165_000,
        contract=(-7, 5),
        notice=180,
        rating=5,
        website="https://mailcraft.example",
        notes="Klaviyo flows, newsletter templates and deliverability.",
    ),
    dict(
        name="Pixel & Pine",
        kind="agency",
        services=("UX", "IT", "CRO"),
        contacts=(
            ("Ben Adler", "Project Manager", "ben.adler@pixelpine.example", "+49 30 23125 131"),
            ("Marta Silva", "Lead Shopify Developer", "marta.silva@pixelpine.example", "+49 30 23125 132"),
        ),
        retainer_minor=340_000,
        contract=(-20, 4),
        notice=90,
        rating=4,
        website="https://pixelpine.example",
        notes="Shop theme, checkout tests and tracking. Tickets via their project board.",
    ),
    # freelancers
    dict(
        name="Nora Lindqvist",
        kind="freelancer",
        services=("Content", "Photography"),
        contacts=(("Nora Lindqvist", "Copywriter & Photographer", "hello@noralindqvist.example", "+49 30 23125 141"),),
        rating=5,
        website="https://noralindqvist.example",
        notes="Product shoots and copy. Day rate EUR 650, booked per project.",
    ),
    dict(
        name="Luca Romano",
        kind="freelancer",
        services=("Influencers", "Affiliate"),
        contacts=(("Luca Romano", "Creator Partnerships", "luca@lucaromano.example", "+49 30 23125 151"),),
        retainer_minor=90_000,
        contract=(-3, 3),
        rating=3,
        notes="Finds and briefs hiking and camping creators; tracks their codes.",
    ),
    # added after the task owners above, so the tasks of the demo keep their owners
    dict(
        name="Scrollstop Social",
        kind="agency",
        services=("Paid Social", "Social"),
        contacts=(
            ("Sofía Ortega", "Paid Social Strategist", "sofia.ortega@scrollstop.example", "+49 30 23125 161"),
            ("Kenji Watanabe (渡辺 健二)", "Creative Producer", "kenji@scrollstop.example", "+49 30 23125 162"),
        ),
        retainer_minor=220_000,
        contract=(-2, 4),
        notice=30,
        rating=3,
        website="https://scrollstop.example",
        notes="Meta and TikTok creatives on a six-month trial; Brightlane keeps the media buying.",
    ),
    dict(
        name="Elif Şahin",
        kind="freelancer",
        services=("Email",),
        contacts=(
            ("Elif Şahin", "Email Copywriter & Klaviyo Specialist", "elif@elifsahin.example", "+49 30 23125 171"),
        ),
        retainer_minor=120_000,
        contract=(-5, 0),
        notice=14,
        rating=4,
        notes="Writes the weekly newsletter and the flows' copy; 12 hours a month.",
    ),
    dict(
        name="Clickforge Media",
        kind="agency",
        services=("PPC",),
        contacts=(("Dirk Vossberg", "Managing Director", "dirk@clickforge.example", "+49 30 23125 181"),),
        retainer_minor=390_000,
        contract=(-30, -8),
        notice=90,
        rating=2,
        website="https://clickforge.example",
        notes="Former Google Ads agency: slow reporting, missed two budget caps. Replaced by Brightlane.",
        archived=True,
    ),
)


def write_partners(session, demo, say: Callable[[str], None]) -> None:
    """Every partner of :data:`ROSTER` with its services and contacts; fills ``demo.partners``."""
    from ecomtui.db.models import Contact, Partner, PartnerService

    say(f"writing {len(ROSTER)} partners...")
    this_month = _month_start(demo.today)
    for spec in ROSTER:
        start = end = None
        if "contract" in spec:
            start_offset, end_offset = spec["contract"]
            start = _add_months(this_month, start_offset)
            end = _month_end(_add_months(this_month, end_offset))
        partner = Partner(
            name=spec["name"],
            kind=spec["kind"],
            rating=spec.get("rating"),
            retainer_minor=spec.get("retainer_minor"),
            contract_start=start,
            contract_end=end,
            notice_days=spec.get("notice"),
            website=spec.get("website", ""),
            notes=spec.get("notes", ""),
            archived=spec.get("archived", False),
        )
        session.add(partner)
        session.flush()
        demo.partners[partner.name] = partner.id
        for position, service in enumerate(spec["services"]):
            session.add(PartnerService(partner_id=partner.id, service=service, position=position))
        for name, role, email, phone in spec["contacts"]:
            session.add(Contact(partner_id=partner.id, name=name, role=role, email=email, phone=phone))
    session.flush()


# ---- the interaction log ----------------------------------------------------------

# The latest entries per partner: (days before today, kind, summary, next step, follow-up in days
# from today or None). They make the flags of the Agencies tab show on the demo's day.
LATEST: dict[str, tuple[tuple[int, str, str, str, int | None], ...]] = {
    "Brightlane Digital": (
        (
            13,
            "call",
            "Black Friday pacing: PPC on plan, Meta CPMs up 30% since Monday.",
            "Send a revised Cyber Monday budget split",
            -5,
        ),
    ),
    "Rankwell SEO": (
        (
            11,
            "review",
            "Quarterly SEO review: organic sessions +8%, link building behind plan (6 of 15 links).",
            "Ask two other agencies for offers before the renewal",
            8,
        ),
    ),
    "Mailcraft Studio": (
        (
            4,
            "meeting",
            "Christmas flows walkthrough; deliverability fine after the DMARC change.",
            "Approve the Christmas flow designs",
            3,
        ),
    ),
    "Pixel & Pine": (
        (
            16,
            "email",
            "Checkout test: the shipping banner lifts conversion 0.3 pp, not yet significant.",
            "Decide whether to stop the test or run two more weeks",
            -2,
        ),
    ),
    "Scrollstop Social": (
        (
            3,
            "meeting",
            "Trial kickoff: three UGC concepts for the down jackets, first ads live next week.",
            "Review the first creatives",
            11,
        ),
    ),
    "Nora Lindqvist": ((45, "email", "Booked two shoot days for the spring collection in February.", "", None),),
    "Luca Romano": (
        (54, "call", "Creator codes report: 14 codes used, HIKEWITHMAX brought half the orders.", "", None),
    ),
    "Elif Şahin": (
        (
            6,
            "call",
            "Renewal: rate goes up to EUR 1,350 a month from January.",
            "Decide on the renewal before the contract ends",
            4,
        ),
    ),
    "Clickforge Media": ((390, "review", "Ended the contract after the second missed budget cap.", "", None),),
}

_HISTORY = {
    "call": (
        "Monthly performance call: {channel} on plan.",
        "Budget check for {channel}: pacing 95% of plan.",
        "Discussed {channel} results and next month's priorities.",
    ),
    "meeting": (
        "Strategy meeting: {channel} plan for next quarter.",
        "Workshop on {channel} creatives and landing pages.",
    ),
    "email": ("Sent the monthly {channel} report with comments.", "Invoice and hours for {channel} work checked."),
    "review": ("Quarterly review of {channel}: targets mostly met.",),
}
_IN_HOUSE = ("Weekly 1:1: priorities for the sprint.", "1:1: workload and holidays.", "1:1: goals for next month.")


def _history(demo, rng, spec, first_days_ago: int) -> list[dict]:
    """Older entries, roughly one a month back from the latest, their follow-ups all done."""
    months = 36 if demo.scale == "large" else 8
    if spec.get("archived"):
        months = 6
    rows = []
    days_ago = first_days_ago
    for _ in range(months):
        days_ago += rng.randint(24, 38)
        kind = rng.choice(("call", "call", "meeting", "email", "review"))
        day = demo.today - timedelta(days=days_ago)
        follow = day + timedelta(days=rng.randint(5, 14)) if rng.random() < 0.5 else None
        summary = rng.choice(_HISTORY[kind]).format(channel=rng.choice(spec["services"]))
        rows.append(
            dict(day=day, kind=kind, summary=summary, next_step="", follow_up=follow, follow_up_done=follow is not None)
        )
    return rows


def _in_house(demo, rng) -> list[dict]:
    rows = []
    for days_ago in range(2, 60, 14):
        day = demo.today - timedelta(days=days_ago + rng.randint(0, 3))
        rows.append(dict(day=day, kind="meeting", summary=rng.choice(_IN_HOUSE), next_step="", follow_up=None))
    return rows


def build(session, demo, say: Callable[[str], None]) -> None:
    """The interaction log of every partner (a DEMO_PARTS entry: after the tasks)."""
    from sqlalchemy import insert

    from ecomtui.db.models import Interaction

    rng = demo.rng("agencies")
    rows = []
    for spec in ROSTER:
        partner_id = demo.partners[spec["name"]]
        if spec["kind"] == "in-house":
            entries = _in_house(demo, rng)
        else:
            latest = LATEST.get(spec["name"], ())
            entries = [
                dict(
                    day=demo.today - timedelta(days=ago),
                    kind=kind,
                    summary=summary,
                    next_step=next_step,
                    follow_up=demo.today + timedelta(days=follow) if follow is not None else None,
                )
                for ago, kind, summary, next_step, follow in latest
            ]
            oldest = max((ago for ago, *_ in latest), default=0)
            entries += _history(demo, rng, spec, oldest)
        for entry in entries:
            entry.setdefault("follow_up_done", False)
            rows.append({"partner_id": partner_id, **entry})
    rows.sort(key=lambda r: (r["day"], r["partner_id"]))
    say(f"writing {len(rows):,} partner interactions...")
    session.execute(insert(Interaction.__table__), rows)
