"""Partner reads for the Agencies tab, the command line and the exports, in SQLAlchemy Core only.

One read gives every partner with its services, contacts, interactions, the
open tasks it owns on the board and its spend this month and this year (from
expenses), so moving through the list never waits on the database. Works with
a Core connection or a session.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import case, func, select

from ecomtui.db.tables import contact, expense, interaction, partner, partner_service, task
from ecomtui.services.partner_roster import ContactRow, InteractionRow, OwnedTask, Partner, roster_order

_PARTNER_COLUMNS = (
    partner.c.id,
    partner.c.name,
    partner.c.kind,
    partner.c.website,
    partner.c.retainer_minor,
    partner.c.contract_start,
    partner.c.contract_end,
    partner.c.notice_days,
    partner.c.rating,
    partner.c.notes,
    partner.c.archived,
    partner.c.version,
)


def load_roster(conn, today: date, partner_id: int | None = None) -> list[Partner]:
    """Every partner (or the one with ``partner_id``), active ones first by name, archived after."""
    query = select(*_PARTNER_COLUMNS)
    if partner_id is not None:
        query = query.where(partner.c.id == partner_id)
    rows = conn.execute(query).all()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    services = _services(conn, ids)
    contacts = _contacts(conn, ids)
    interactions = _interactions(conn, ids)
    tasks = _open_tasks(conn, ids)
    counts = _counts(conn, ids, task.c.owner_id, task)
    expense_counts = _counts(conn, ids, expense.c.partner_id, expense)
    spend = _spend(conn, ids, today)
    partners = []
    for row in rows:
        pid = row[0]
        month, year = spend.get(pid, (0, 0))
        partners.append(
            Partner(
                id=pid,
                name=row[1],
                kind=row[2],
                website=row[3] or "",
                retainer_minor=row[4],
                contract_start=row[5],
                contract_end=row[6],
                notice_days=row[7],
                rating=row[8],
                notes=row[9] or "",
                archived=bool(row[10]),
                version=row[11],
                services=tuple(services.get(pid, ())),
                contacts=tuple(contacts.get(pid, ())),
                interactions=tuple(interactions.get(pid, ())),
                tasks=tuple(sorted(tasks.get(pid, ()), key=_task_order)),
                spend_month_minor=month,
                spend_year_minor=year,
                task_count=counts.get(pid, 0),
                expense_count=expense_counts.get(pid, 0),
            )
        )
    return roster_order(partners)


def get_partner(conn, partner_id: int, today: date) -> Partner | None:
    found = load_roster(conn, today, partner_id)
    return found[0] if found else None


def partner_names(conn, *, include_archived: bool = True) -> list[tuple[int, str]]:
    """Partners as (id, name) for name lookups, by name."""
    query = select(partner.c.id, partner.c.name).order_by(partner.c.name, partner.c.id)
    if not include_archived:
        query = query.where(partner.c.archived.is_(False))
    return [(r[0], r[1]) for r in conn.execute(query)]


def _task_order(owned: OwnedTask):
    """Board order: due date first (undated last), then the oldest."""
    return (owned.due is None, owned.due or date.max, owned.id)


def _services(conn, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    query = select(partner_service.c.partner_id, partner_service.c.service).where(partner_service.c.partner_id.in_(ids))
    for pid, service in conn.execute(
        query.order_by(partner_service.c.partner_id, partner_service.c.position, partner_service.c.service)
    ):
        found[pid].append(service)
    return found


def _contacts(conn, ids: list[int]) -> dict[int, list[ContactRow]]:
    found: dict[int, list[ContactRow]] = defaultdict(list)
    query = select(
        contact.c.partner_id,
        contact.c.id,
        contact.c.name,
        contact.c.role,
        contact.c.email,
        contact.c.phone,
        contact.c.version,
    ).where(contact.c.partner_id.in_(ids))
    for row in conn.execute(query.order_by(contact.c.partner_id, contact.c.id)):
        found[row[0]].append(ContactRow(row[1], row[2], row[3] or "", row[4] or "", row[5] or "", row[6]))
    return found


def _interactions(conn, ids: list[int]) -> dict[int, list[InteractionRow]]:
    found: dict[int, list[InteractionRow]] = defaultdict(list)
    query = select(
        interaction.c.id,
        interaction.c.partner_id,
        interaction.c.day,
        interaction.c.kind,
        interaction.c.summary,
        interaction.c.next_step,
        interaction.c.follow_up,
        interaction.c.follow_up_done,
    ).where(interaction.c.partner_id.in_(ids))
    for row in conn.execute(query.order_by(interaction.c.day.desc(), interaction.c.id.desc())):
        found[row[1]].append(
            InteractionRow(row[0], row[1], row[2], row[3], row[4] or "", row[5] or "", row[6], bool(row[7]))
        )
    return found


def _open_tasks(conn, ids: list[int]) -> dict[int, list[OwnedTask]]:
    found: dict[int, list[OwnedTask]] = defaultdict(list)
    query = select(task.c.owner_id, task.c.id, task.c.title, task.c.status, task.c.due).where(
        task.c.owner_id.in_(ids), task.c.status != "done"
    )
    for row in conn.execute(query):
        found[row[0]].append(OwnedTask(row[1], row[2], row[3], row[4]))
    return found


def _counts(conn, ids: list[int], key, table) -> dict[int, int]:
    query = select(key, func.count()).select_from(table).where(key.in_(ids)).group_by(key)
    return {pid: n for pid, n in conn.execute(query)}


def _spend(conn, ids: list[int], today: date) -> dict[int, tuple[int, int]]:
    """Per partner: expenses this calendar month and this calendar year, in minor units."""
    month_start = today.replace(day=1)
    year_start = today.replace(month=1, day=1)
    year_end = today.replace(month=12, day=31)
    in_month = case((expense.c.day >= month_start, expense.c.amount_minor), else_=0)
    month_end = _month_end(today)
    query = (
        select(
            expense.c.partner_id,
            func.sum(case((expense.c.day <= month_end, in_month), else_=0)),
            func.sum(expense.c.amount_minor),
        )
        .where(expense.c.partner_id.in_(ids), expense.c.day >= year_start, expense.c.day <= year_end)
        .group_by(expense.c.partner_id)
    )
    return {pid: (int(month or 0), int(year or 0)) for pid, month, year in conn.execute(query)}


def _month_end(day: date) -> date:
    import calendar

    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
