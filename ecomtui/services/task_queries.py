"""Task reads for the board and the command line, in SQLAlchemy Core only.

No ORM and no SQLModel import, so the app's first board can load while the
heavier write path is still being imported. Works with a Core connection or a
session.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, func, or_, select

from ecomtui.db.tables import channel, partner, task
from ecomtui.services.task_board import TaskCard, sort_cards

DONE_VISIBLE_DAYS = 30


def _card_query():
    return select(
        task.c.id,
        task.c.title,
        task.c.status,
        task.c.priority,
        task.c.due,
        channel.c.name,
        partner.c.name,
        task.c.sprint,
        task.c.notes,
        task.c.channel_id,
        task.c.owner_id,
        task.c.promotion_id,
        # a done task without a completion time (written by another tool) counts from its last change
        case((task.c.status == "done", func.coalesce(task.c.done_at, task.c.updated_at)), else_=None),
        task.c.version,  # TaskCard's fields, in order
    ).select_from(
        task.outerjoin(channel, channel.c.id == task.c.channel_id).outerjoin(partner, partner.c.id == task.c.owner_id)
    )


def _cards(rows) -> list[TaskCard]:
    return [TaskCard(*row) for row in rows]


def load_board(conn, today: date) -> list[TaskCard]:
    """Every task on the board (open, or done in the last 30 days), in board order."""
    cutoff = datetime.combine(today - timedelta(days=DONE_VISIBLE_DAYS), time.min, tzinfo=UTC)
    # a done task without a completion time (written by another tool) ages by its last change
    finished = func.coalesce(task.c.done_at, task.c.updated_at)
    query = _card_query().where(or_(task.c.status != "done", finished >= cutoff))
    return sort_cards(_cards(conn.execute(query)))


def list_tasks(
    conn,
    status: str | None = None,
    *,
    channel_id: int | None = None,
    owner_id: int | None = None,
    sprint: str | None = None,
    overdue_on: date | None = None,
) -> list[TaskCard]:
    """All tasks (old done ones included) for the command line, in board order.

    Each given criterion narrows the list: a status, a channel, an owner, a
    sprint, or ``overdue_on`` (due before that day and not done).
    """
    query = _card_query()
    if status:
        query = query.where(task.c.status == status)
    if channel_id is not None:
        query = query.where(task.c.channel_id == channel_id)
    if owner_id is not None:
        query = query.where(task.c.owner_id == owner_id)
    if sprint:
        query = query.where(task.c.sprint == sprint)
    if overdue_on is not None:
        query = query.where(task.c.due < overdue_on, task.c.status != "done")
    return sort_cards(_cards(conn.execute(query.order_by(task.c.id))))


def get_card(conn, task_id: int) -> TaskCard | None:
    row = conn.execute(_card_query().where(task.c.id == task_id)).first()
    return TaskCard(*row) if row else None


def task_row(conn, task_id: int) -> dict | None:
    """Every stored column of one task (for ``task show`` and for bringing a deleted task back)."""
    row = conn.execute(select(task).where(task.c.id == task_id)).mappings().first()
    return dict(row) if row else None


def count_tasks(conn) -> int:
    return conn.execute(select(func.count()).select_from(task)).scalar_one()
