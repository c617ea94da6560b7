"""The demo store's promotion calendar: a year of promotions around the retail dates.

Every year of the store follows one plan (January clearance, Valentine's Day,
Easter, Mother's Day, summer sale, Prime Day, Singles' Day, Black Week, Cyber
Monday, Christmas, Boxing Day), its dates computed by the retail calendar
rules for the demo store's country (Germany, with Saxony's holidays). The small store holds the
promotions of the past year and the coming three months; the large one five
years. Statuses follow the demo's today: past ones done, running ones live,
the next 60 days planned, later ones ideas. One conflict is there on purpose:
Cyber Monday deals share PPC with the Black Week sale on Cyber Monday.
Tasks of the current sprints that mention a promotion's event are linked to it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from ecomtui.services.retail_calendar import black_friday, cyber_monday, easter, mothers_day

COUNTRY = "DE-SN"  # Saxony: its Repentance and Prayer Day falls in the demo's November
SHIPPING_CUTOFF = "12-18"
PLANNED_DAYS = 60  # further ahead than this, a promotion is still an idea

# name, kind, (first day, last day) from the year, channels, code, discount, budget and target in EUR,
# owner, notes, and the words of task titles that belong to it
Plan = tuple[
    str, str, Callable[[int], tuple[date, date]], tuple[str, ...], str, str, int, int, str, str, tuple[str, ...]
]


def _days(first: Callable[[int], date], length: int) -> Callable[[int], tuple[date, date]]:
    return lambda y: (first(y), first(y) + timedelta(days=length - 1))


def _fixed(month: int, day: int, end_month: int, end_day: int) -> Callable[[int], tuple[date, date]]:
    return lambda y: (date(y, month, day), date(y, end_month, end_day))


_PLAN: tuple[Plan, ...] = (
    ("January clearance", "sale", _fixed(1, 2, 1, 18), ("Email", "PPC", "Marketplaces"), "JANUARY30", "30%",
     6000, 40000, "Jonas Berg", "Last season's jackets and boots; stock list from the warehouse.", ("Winter Sale",)),
    ("Valentine's gifts for hikers", "sale", _fixed(2, 7, 2, 14), ("Email", "Social", "Influencers"), "", "",
     1500, 12000, "Lena Hoffmann", "Gift guide: couples' tents, matching fleece.", ("Valentine",)),
    ("Spring trail collection launch", "launch", _days(lambda y: date(y, 3, 16), 14), ("Content", "Social", "PPC"),
     "", "", 5000, 30000, "Mia Keller", "Lookbook shoot with Nora; landing page by Pixel & Pine.", ("Spring Collection",)),
    ("Easter free shipping", "free_shipping", lambda y: (easter(y) - timedelta(days=4), easter(y) + timedelta(days=1)),
     ("Email",), "", "", 800, 9000, "Lena Hoffmann", "", ("Easter",)),
    ("Mother's Day gifts", "sale", lambda y: (mothers_day(y, COUNTRY) - timedelta(days=7), mothers_day(y, COUNTRY)),
     ("Email", "Paid Social"), "MOM15", "15%", 2000, 15000, "Lena Hoffmann", "", ("Mother's Day",)),
    ("Newsletter: summer camping checklist", "newsletter", _fixed(5, 21, 5, 21), ("Email",), "", "",
     0, 0, "Lena Hoffmann", "", ()),
    ("Summer sale", "sale", _fixed(6, 19, 7, 5), ("PPC", "Paid Social", "Email", "Marketplaces"), "SUMMER15", "15%",
     9000, 70000, "Jonas Berg", "", ("Summer Sale",)),
    ("Prime Day marketplace deals", "sale", _fixed(7, 14, 7, 15), ("Marketplaces",), "", "20%",
     2500, 20000, "Samir Haddad", "Lightning deals on the 20 best sellers.", ("Prime Day",)),
    ("Trail creators: late-summer campaign", "influencer", _fixed(8, 10, 8, 30), ("Influencers", "Social"),
     "TRAIL10", "10%", 4000, 18000, "Luca Romano", "Six creators, one code each in the notes of the brief.", ()),
    ("Rain gear launch", "launch", _fixed(9, 7, 9, 20), ("Content", "Email", "PPC"), "", "",
     4500, 26000, "Mia Keller", "", ("Autumn Collection",)),
    ("Newsletter: layering guide", "newsletter", _fixed(10, 8, 10, 8), ("Email",), "", "",
     0, 0, "Lena Hoffmann", "", ()),
    ("Flash sale: tents", "sale", _fixed(10, 15, 10, 16), ("Email", "Social"), "TENT25", "25%",
     1000, 8000, "Clara Novak", "Cancelled: the tents sold out after the review.", ()),
    ("Singles' Day 11.11", "discount_code", _fixed(11, 9, 11, 11), ("Marketplaces", "Paid Social"), "SINGLES11",
     "11%", 1800, 14000, "Samir Haddad", "", ("Singles' Day",)),
    ("Creator codes: winter boots", "influencer", lambda y: (black_friday(y) - timedelta(days=7),
     black_friday(y) + timedelta(days=9)), ("Influencers", "Social"), "CREATOR15", "15%",
     3000, 16000, "Clara Novak", "", ()),
    ("Newsletter: Black Friday preview", "newsletter", lambda y: (black_friday(y) - timedelta(days=1),) * 2,
     ("Email",), "", "", 0, 0, "Lena Hoffmann", "Early access link for subscribers.", ()),
    ("Black Week sale", "sale", lambda y: (black_friday(y) - timedelta(days=4), cyber_monday(y)),
     ("PPC", "Paid Social"), "BLACKWEEK", "20%", 12000, 85000, "Jonas Berg",
     "Whole range except new arrivals. Bids +30% on brand terms.", ("Black Friday",)),
    ("Cyber Monday deals", "discount_code", lambda y: (cyber_monday(y), cyber_monday(y) + timedelta(days=1)),
     ("PPC", "Email"), "CYBER25", "25%", 3500, 30000, "Brightlane Digital",
     "Overlaps Black Week on PPC on Monday: agree the bids with Brightlane.", ("Cyber Monday",)),
    ("Free shipping week", "free_shipping", _fixed(12, 4, 12, 10), ("Email",), "", "",
     1200, 15000, "Lena Hoffmann", "", ()),
    ("Last orders before Christmas", "sale", _fixed(12, 12, 12, 18), ("Email", "PPC"), "XMAS10", "10%",
     5000, 45000, "Jonas Berg", "Shipping cut-off banner on every page from 12-12.", ("Christmas",)),
    ("Boxing Day sale", "sale", _fixed(12, 26, 12, 31), ("PPC", "Paid Social", "Marketplaces"), "BOXING20", "20%",
     6000, 38000, "Jonas Berg", "", ()),
)  # fmt: skip


def _status(name: str, first: date, last: date, today: date) -> str:
    if name.startswith("Flash sale") and first < today + timedelta(days=PLANNED_DAYS):
        return "cancelled"
    if last < today:
        return "done"
    if first <= today:
        return "live"
    return "planned" if (first - today).days <= PLANNED_DAYS else "idea"


def _window(demo) -> tuple[date, date]:
    """The first and last start day of the demo's promotions."""
    years = 5 if demo.scale == "large" else 1
    return demo.today - timedelta(days=365 * years), demo.today + timedelta(days=100)


def build(session, demo, say) -> None:
    from sqlalchemy import update

    from ecomtui.db.models import Setting, Task
    from ecomtui.services import promotions
    from ecomtui.services.promotion_data import build_promotion_input

    rng = demo.rng("calendar")
    session.merge(Setting(key="country", value=COUNTRY))
    session.merge(Setting(key="shipping_cutoff", value=SHIPPING_CUTOFF))
    first_start, last_start = _window(demo)
    written = []
    for year in range(first_start.year, last_start.year + 1):
        for name, kind, span, channels, code, discount, budget, target, owner, notes, words in _PLAN:
            start, end = span(year)
            if not first_start <= start <= last_start:
                continue
            data = build_promotion_input(
                name=name,
                start=start,
                end=end,
                kind=kind,
                status=_status(name, start, end, demo.today),
                channel_ids=tuple(demo.channels[c] for c in channels if c in demo.channels),
                code=code,
                discount=discount,
                budget=str(budget) if budget else "",
                revenue_target=str(target) if target else "",
                owner_id=demo.partners.get(owner),
                notes=notes,
            )
            planned_on = min(start - timedelta(days=rng.randint(20, 50)), demo.today)
            stamp = datetime.combine(planned_on, time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=UTC)
            record = promotions.create_promotion(
                session, data, uid=f"{uuid.UUID(int=rng.getrandbits(128))}@ecomtui", modified_at=stamp
            )
            written.append((record, words))
    say(f"writing {len(written)} promotions...")
    current = f"{demo.today:%Y-%m}"
    sprints = {current, f"{(demo.today.replace(day=1) + timedelta(days=32)):%Y-%m}"}
    for record, words in written:
        if not words or not (record.start - timedelta(days=45) <= demo.today <= record.end + timedelta(days=7)):
            continue
        for word in words:
            session.execute(
                update(Task)
                .where(Task.title.contains(word), Task.sprint.in_(sprints), Task.promotion_id.is_(None))
                .values(promotion_id=record.id)
            )
