"""The tasks step of the weekly review and the Dashboard's task block: done, slipped, overdue, due.

Task history is not kept, so "as of" is read from the dates a task carries:
done means ``done_at`` on or before that day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from ecomtui.db.tables import channel, partner, task
from ecomtui.services.report import DATE, Column, Section, Table
from ecomtui.vocabulary import TASK_STATUS_LABELS

LIMIT = 50  # rows per table: a review is read, not scrolled through


def _moment(day: date) -> datetime:
    """The end of ``day`` (UTC), for comparing with done_at."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)


def _rows(conn, *conditions, order=None):
    query = (
        select(task.c.id, task.c.title, task.c.status, task.c.due, channel.c.name, partner.c.name, task.c.done_at)
        .select_from(
            task.outerjoin(channel, channel.c.id == task.c.channel_id).outerjoin(
                partner, partner.c.id == task.c.owner_id
            )
        )
        .where(*conditions)
        .order_by(*(order or (task.c.due, task.c.id)))
        .limit(LIMIT)
    )
    return conn.execute(query).all()


def _not_done_by(day: date):
    return or_(task.c.status != "done", task.c.done_at.is_(None), task.c.done_at >= _moment(day))


def _table(title: str, rows, empty: str, *, when: str = "Due") -> Table:
    table = Table(
        title, [Column("Task"), Column("Status"), Column(when, DATE), Column("Channel"), Column("Owner")], empty=empty
    )
    for tid, title_, status, due, channel_name, owner, done_at in rows:
        day = done_at.date() if when == "Done" and done_at else due
        table.add(
            title_, TASK_STATUS_LABELS.get(status, status), day, channel_name or "—", owner or "—", link=("tasks", tid)
        )
    return table


def overdue(conn, as_of: date) -> Table:
    rows = _rows(conn, task.c.due < as_of, _not_done_by(as_of))
    return _table("Overdue", rows, "nothing overdue")


def due_between(conn, start: date, end: date, title: str) -> Table:
    rows = _rows(conn, task.c.due >= start, task.c.due <= end, task.c.status != "done")
    return _table(title, rows, "nothing due")


def done_between(conn, start: date, end: date) -> int:
    """How many tasks were finished from ``start`` to ``end`` (inclusive)."""
    query = select(func.count()).select_from(task)
    query = query.where(task.c.status == "done", task.c.done_at >= _moment(start - timedelta(days=1)))
    return conn.execute(query.where(task.c.done_at < _moment(end))).scalar_one()


def tasks_step(conn, p) -> Section:
    done = _rows(
        conn,
        task.c.status == "done",
        task.c.done_at >= _moment(p.start - timedelta(days=1)),
        task.c.done_at < _moment(p.end),
        order=(task.c.done_at.desc(),),
    )
    slipped = _rows(conn, task.c.due >= p.start, task.c.due <= p.end, _not_done_by(p.end))
    section = Section(
        "tasks",
        "Tasks",
        [
            _table(f"Done in {p.week}", done, "nothing was finished this week", when="Done"),
            _table("Slipped: due this week, not done", slipped, "nothing slipped"),
            overdue(conn, p.as_of),
            due_between(conn, p.next_start, p.next_end, "Due next week"),
        ],
    )
    counts = _counts(conn, p)
    section.notes.append(
        f"{counts['done']} done, {counts['slipped']} slipped, {counts['overdue']} overdue, {counts['next']} due next week."
    )
    return section


def _counts(conn, p) -> dict[str, int]:
    def count(*conditions) -> int:
        return conn.execute(select(func.count()).select_from(task).where(*conditions)).scalar_one()

    return {
        "done": done_between(conn, p.start, p.end),
        "slipped": count(task.c.due >= p.start, task.c.due <= p.end, _not_done_by(p.end)),
        "overdue": count(task.c.due < p.as_of, _not_done_by(p.as_of)),
        "next": count(task.c.due >= p.next_start, task.c.due <= p.next_end, task.c.status != "done"),
    }
