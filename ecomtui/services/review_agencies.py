"""The agencies step of the weekly review and the Dashboard's agencies block.

Three questions about the partners, each a short table whose rows link to the
partner on the Agencies tab: which follow-ups are due (open ones, passed or
coming), which contracts end within 60 days (with the day notice must be given
by), and who owns overdue tasks. Archived partners have no follow-ups or
contracts to watch, but overdue tasks they still own are listed.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from ecomtui.db.tables import interaction, partner, task
from ecomtui.services.partner_roster import CONTRACT_WARNING_DAYS
from ecomtui.services.report import DATE, INT, Column, Section, Table
from ecomtui.services.review_tasks import not_done_by
from ecomtui.vocabulary import counted

LIMIT = 50  # rows per table: a review is read, not scrolled through


def follow_ups_due(conn, until: date, title: str) -> Table:
    """Open follow-ups (no later interaction yet) with active partners, due on or before ``until``."""
    query = (
        select(partner.c.id, partner.c.name, interaction.c.follow_up, interaction.c.next_step, interaction.c.summary)
        .select_from(interaction.join(partner, partner.c.id == interaction.c.partner_id))
        .where(
            interaction.c.follow_up.is_not(None),
            interaction.c.follow_up <= until,
            interaction.c.follow_up_done.is_(False),
            partner.c.archived.is_(False),
        )
        .order_by(interaction.c.follow_up, partner.c.name, interaction.c.id)
        .limit(LIMIT)
    )
    table = Table(title, [Column("Partner"), Column("Follow up", DATE), Column("Next step")], empty="no follow-ups due")
    for partner_id, name, follow_up, next_step, summary in conn.execute(query):
        table.add(name, follow_up, next_step or summary, link=("agencies", partner_id))
    return table


def _notice(end: date, notice_days: int | None, as_of: date) -> str:
    if not notice_days:
        return "—"
    notice_by = end - timedelta(days=notice_days)
    if notice_by < as_of:
        return f"notice period began {notice_by.isoformat()}"
    return f"give notice by {notice_by.isoformat()}"


def contracts_ending(conn, as_of: date) -> Table:
    """Active partners whose contract ends within 60 days of ``as_of``; when notice must be given by."""
    horizon = as_of + timedelta(days=CONTRACT_WARNING_DAYS)
    query = (
        select(partner.c.id, partner.c.name, partner.c.contract_end, partner.c.notice_days)
        .where(partner.c.archived.is_(False), partner.c.contract_end >= as_of, partner.c.contract_end <= horizon)
        .order_by(partner.c.contract_end, partner.c.name)
        .limit(LIMIT)
    )
    table = Table(
        f"Contracts ending within {CONTRACT_WARNING_DAYS} days",
        [Column("Partner"), Column("Ends", DATE), Column("Notice")],
        empty="no contract ends soon",
    )
    for partner_id, name, end, notice_days in conn.execute(query):
        table.add(name, end, _notice(end, notice_days, as_of), link=("agencies", partner_id))
    return table


def _overdue_by_owner(conn, as_of: date) -> list:
    """(partner id, name, archived, tasks overdue on ``as_of``, the oldest due date), most first."""
    count = func.count(task.c.id)
    query = (
        select(partner.c.id, partner.c.name, partner.c.archived, count, func.min(task.c.due))
        .select_from(task.join(partner, partner.c.id == task.c.owner_id))
        .where(task.c.due < as_of, not_done_by(as_of))
        .group_by(partner.c.id, partner.c.name, partner.c.archived)
        .order_by(count.desc(), partner.c.name)
        .limit(LIMIT)
    )
    return conn.execute(query).all()


def overdue_owners(owners: list, *, compact: bool) -> Table:
    """Who owns overdue tasks: a count and the oldest due date per partner (``compact``: one phrase,
    for the Dashboard, whose rows put dates first)."""
    title, empty = "Who owns overdue tasks", "no partner owns an overdue task"
    if compact:
        table = Table(title, [Column("Partner"), Column("Overdue")], empty=empty)
    else:
        table = Table(title, [Column("Partner"), Column("Overdue", INT), Column("Oldest due", DATE)], empty=empty)
    for partner_id, name, archived, overdue, oldest in owners:
        who = name + (" (archived)" if archived else "")
        if compact:
            table.add(
                who, f"{counted(overdue, 'task')}, oldest due {oldest.isoformat()}", link=("agencies", partner_id)
            )
        else:
            table.add(who, overdue, oldest, link=("agencies", partner_id))
    return table


def _section(follow_ups: Table, contracts: Table, owners: list, *, compact: bool) -> Section:
    overdue = sum(row[3] for row in owners)
    note = (
        f"{counted(len(follow_ups.rows), 'follow-up')} due, {counted(len(contracts.rows), 'contract')} ending, "
        f"{counted(overdue, 'overdue task')} owned by {counted(len(owners), 'partner')}."
    )
    tables = [follow_ups, contracts, overdue_owners(owners, compact=compact)]
    return Section("agencies", "Agencies", tables, [note])


def agencies_block(conn, today: date) -> Section:
    """The Dashboard's block: follow-ups due by Sunday, contracts ending, owners of overdue tasks."""
    sunday = today + timedelta(days=6 - today.weekday())
    return _section(
        follow_ups_due(conn, sunday, "Follow-ups due this week"),
        contracts_ending(conn, today),
        _overdue_by_owner(conn, today),
        compact=True,
    )


def agencies_step(conn, p) -> Section:
    """The review's step for period ``p``: follow-ups due by the end of next week, as of ``p.as_of``."""
    return _section(
        follow_ups_due(conn, p.next_end, f"Follow-ups due by {p.next_end.isoformat()}"),
        contracts_ending(conn, p.as_of),
        _overdue_by_owner(conn, p.as_of),
        compact=False,
    )
