"""The promotions step of the weekly review and the Dashboard's promotions block.

The block: promotions live today and those starting in the next 14 days, each
with the promotions it conflicts with. The step: how last week's promotions
did (the store's revenue per day while they ran against the four weeks before
each began: store revenue, not attributed to the promotion), what starts in
the 14 days after the week, and every conflict among them. Rows link to the
promotion on the Calendar tab. Cancelled promotions are left out; conflicts
are found over every promotion (a store holds hundreds), as the calendar does.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ecomtui.services.report import CHANGE, DATE, MONEY, Column, Section, Table
from ecomtui.vocabulary import PROMOTION_STATUS_LABELS, counted

AHEAD_DAYS = 14  # "starting soon" looks this far ahead
BEFORE_DAYS = 28  # a promotion's revenue is compared with this many days before it began
LIMIT = 50  # rows per table: a review is read, not scrolled through


def _load(conn):
    """Every promotion but the cancelled ones, their clashes described, by id."""
    from ecomtui.services import lookups, promotion_queries
    from ecomtui.services.promotion_conflicts import describe_clash, find_conflicts

    promotions = [p for p in promotion_queries.load_promotions(conn) if p.status != "cancelled"]
    names = {p.id: p.name for p in promotions}
    channel_names = {c.id: c.name for c in lookups.channel_rows(conn)}
    clashes = {
        pid: [describe_clash(c, names, channel_names) for c in found]
        for pid, found in find_conflicts(promotions).items()
    }
    return promotions, clashes


def _conflict_text(clashes: dict[int, list[str]], promotion_id: int) -> str:
    found = clashes.get(promotion_id)
    return f"! conflicts with {', '.join(found)}" if found else "—"


def _listed(title: str, when: str, rows, clashes, empty: str, *, flag: bool = True) -> Table:
    """Promotions with a day (``when``: the start or the end), status, channels and (``flag``) conflicts."""
    columns = [Column("Promotion"), Column(when, DATE), Column("Status"), Column("Channels")]
    table = Table(title, [*columns, Column("Conflicts")] if flag else columns, empty=empty)
    for promotion, day in rows[:LIMIT]:
        cells = [
            promotion.name,
            day,
            PROMOTION_STATUS_LABELS.get(promotion.status, promotion.status),
            ", ".join(promotion.channels) or "—",
        ]
        if flag:
            cells.append(_conflict_text(clashes, promotion.id))
        table.add(*cells, link=("calendar", promotion.id))
    return table


def _starting(promotions, first: date, last: date, clashes, *, flag: bool = True) -> Table:
    rows = [(p, p.start) for p in promotions if first <= p.start <= last]
    title = f"Starting {first.isoformat()} to {last.isoformat()}"
    return _listed(title, "Starts", rows, clashes, "nothing starts then", flag=flag)


def _note(live: int, starting: int, in_conflict: int, live_word: str) -> str:
    return (
        f"{counted(live, 'promotion')} {live_word}, {starting} starting within {AHEAD_DAYS} days, "
        f"{in_conflict} in conflict."
    )


def promotions_block(conn, today: date) -> Section:
    """The Dashboard's block: live today and starting in the next 14 days, conflicts flagged."""
    promotions, clashes = _load(conn)
    live = sorted(((p, p.end) for p in promotions if p.start <= today <= p.end), key=lambda row: (row[1], row[0].id))
    soon_first, soon_last = today + timedelta(days=1), today + timedelta(days=AHEAD_DAYS)
    starting = _starting(promotions, soon_first, soon_last, clashes)
    shown = {p.id for p, _ in live} | {link[1] for link in starting.links if link}
    tables = [_listed("Live now, by last day", "Ends", live, clashes, "no promotion is live"), starting]
    note = _note(len(live), len(starting.rows), len(shown & set(clashes)), "live")
    return Section("promotions", "Promotions", tables, [note])


def _revenue_per_day(conn, first: date, last: date) -> Decimal | None:
    """The store's revenue per day over the days of ``first``..``last`` that have revenue imported."""
    from ecomtui.services.kpis import daily_inputs

    days = [totals["revenue"] for totals in daily_inputs(conn, first, last).values() if "revenue" in totals]
    if not days:
        return None
    return (sum(days, Decimal(0)) / len(days)).quantize(Decimal("0.01"))


def _performance(conn, promotions, p) -> Table:
    """Last week's promotions: revenue per day while they ran (up to ``p.as_of``) against the weeks before."""
    table = Table(
        f"Running in {p.week}",
        [
            Column("Promotion"),
            Column("From", DATE),
            Column("To", DATE),
            Column("Revenue / day", MONEY),
            Column(f"{BEFORE_DAYS} days before", MONEY),
            Column("Change", CHANGE),
        ],
        empty="no promotion ran this week",
    )
    running = [q for q in promotions if q.start <= p.end and q.end >= p.start and q.start <= p.as_of]
    for promotion in running[:LIMIT]:
        first, last = max(promotion.start, p.start), min(promotion.end, p.end, p.as_of)
        during = _revenue_per_day(conn, first, last)
        before = _revenue_per_day(
            conn, promotion.start - timedelta(days=BEFORE_DAYS), promotion.start - timedelta(days=1)
        )
        change = (during / before - 1) if during is not None and before else None
        table.add(
            promotion.name,
            first,
            last,
            during,
            before,
            change,
            link=("calendar", promotion.id),
        )
    return table


def _conflicts(promotions, ids: set[int], clashes) -> Table:
    table = Table("Conflicts", [Column("Promotion"), Column("Starts", DATE), Column("With")], empty="none")
    for promotion in promotions:
        if promotion.id in ids and promotion.id in clashes and len(table.rows) < LIMIT:
            table.add(
                promotion.name, promotion.start, ", ".join(clashes[promotion.id]), link=("calendar", promotion.id)
            )
    return table


def promotions_step(conn, p) -> Section:
    """The review's step for period ``p``: last week's promotions, the next 14 days', and conflicts."""
    promotions, clashes = _load(conn)
    performance = _performance(conn, promotions, p)
    starting = _starting(promotions, p.next_start, p.end + timedelta(days=AHEAD_DAYS), clashes, flag=False)
    ids = {link[1] for table in (performance, starting) for link in table.links if link}
    conflicts = _conflicts(promotions, ids, clashes)
    note = _note(len(performance.rows), len(starting.rows), len(conflicts.rows), "ran")
    notes = [note, "Revenue is the store's per day (days with revenue imported), not attributed to a promotion."]
    return Section("promotions", "Promotions", [performance, starting, conflicts], notes)
