"""Tasks: changes of work items (create, edit, move, delete) in SQLAlchemy Core.

Core, not the ORM, so adding a task from the command line does not pay for
importing SQLModel and pydantic. Every function takes a connection or a
session inside the caller's transaction.

Reads live in :mod:`ecomtui.services.task_queries` (Core only, used at start-up)
and the pure card logic in :mod:`ecomtui.services.task_board`; both are
re-exported here so callers need one import.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import insert, select

from ecomtui.clock import now
from ecomtui.db.tables import task
from ecomtui.services.lookups import find_channel, find_owner
from ecomtui.services.task_board import (  # noqa: F401  (re-exported)
    PRIORITY_RANK,
    BoardFilter,
    TaskCard,
    TaskInput,
    build_task_input,
    group_by_status,
    matches,
    neighbour_status,
    place_card,
    remove_card,
    sort_cards,
    sort_key,
    with_status,
)
from ecomtui.services.task_queries import (  # noqa: F401  (re-exported)
    DONE_VISIBLE_DAYS,
    count_tasks,
    get_card,
    list_tasks,
    load_board,
)
from ecomtui.services.validation import InvalidInput
from ecomtui.services.versioning import Conflict, Gone, delete_row, update_row
from ecomtui.vocabulary import TASK_STATUSES


def parse_task_input(
    session,
    *,
    title: str | None,
    status: str | None = None,
    priority: str | None = None,
    channel: str | None = None,
    owner: str | None = None,
    due: str | None = None,
    sprint: str | None = None,
    notes: str | None = None,
) -> TaskInput:
    """Validate what the user typed; raises InvalidInput naming the first bad field."""
    data = build_task_input(title=title, status=status, priority=priority, due=due, sprint=sprint, notes=notes)
    return replace(data, channel_id=find_channel(session, channel), owner_id=find_owner(session, owner))


def create_task(conn, data: TaskInput) -> TaskCard:
    """Insert a task; returns its card."""
    stamp = now()
    values = {**_field_values(data), **_status_values("", data.status, stamp)}
    values.update(promotion_id=None, created_at=stamp, done_at=stamp if data.status == "done" else None)
    task_id = conn.execute(insert(task).values(**values).returning(task.c.id)).scalar_one()
    return get_card(conn, task_id)


def _field_values(data: TaskInput) -> dict:
    """The columns a user edits, from validated input (status handled by _status_values)."""
    return {
        "title": data.title,
        "priority": data.priority,
        "channel_id": data.channel_id,
        "owner_id": data.owner_id,
        "due": data.due,
        "sprint": data.sprint,
        "notes": data.notes,
    }


def _current_status(conn, task_id: int) -> str:
    status = conn.execute(select(task.c.status).where(task.c.id == task_id)).scalar()
    if status is None:
        raise Gone(_what(task_id))
    return status


def _status_values(old: str, new: str, stamp: datetime) -> dict:
    """The status change, with done_at set on entering Done and cleared on leaving it."""
    values: dict = {"status": new, "updated_at": stamp}
    if new == "done" and old != "done":
        values["done_at"] = stamp
    elif new != "done":
        values["done_at"] = None
    return values


def _versioned(conn, task_id: int, write):
    """Run a versioned write; a conflict carries the task's card as it is now."""
    try:
        return write()
    except Conflict as exc:
        exc.current = get_card(conn, task_id)
        raise


def update_task(conn, task_id: int, data: TaskInput, expected_version: int | None = None) -> TaskCard:
    """Replace a task's fields with ``data``; refused (Conflict) if it changed since ``expected_version``."""
    values = {**_field_values(data), **_status_values(_current_status(conn, task_id), data.status, now())}
    _versioned(
        conn, task_id, lambda: update_row(conn, task, task_id, values, expected=expected_version, what=_what(task_id))
    )
    return get_card(conn, task_id)


def move_task(conn, task_id: int, status: str, expected_version: int | None = None) -> int:
    """Put a task in another column; returns its new version."""
    if status not in TASK_STATUSES:
        raise InvalidInput(f"status: '{status}' is not one of {', '.join(TASK_STATUSES)}", "status")
    values = _status_values(_current_status(conn, task_id), status, now())
    return _versioned(
        conn, task_id, lambda: update_row(conn, task, task_id, values, expected=expected_version, what=_what(task_id))
    )


def delete_task(conn, task_id: int, expected_version: int | None = None) -> None:
    """Delete a task; refused (Conflict) if it changed since ``expected_version``."""
    _versioned(conn, task_id, lambda: delete_row(conn, task, task_id, expected=expected_version, what=_what(task_id)))


def _what(task_id: int) -> str:
    return f"task {task_id}"
