"""Tasks: changes of work items (create, edit, move, delete) in SQLAlchemy Core.

Core, not the ORM, so adding a task from the command line does not pay for
importing SQLModel and pydantic. Every function takes a connection or a
session inside the caller's transaction.

Reads live in :mod:`ecomtui.services.task_queries` (Core only, used at start-up)
and the pure card logic in :mod:`ecomtui.services.task_board`; both are
re-exported here so callers need one import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from sqlalchemy import insert, select

from ecomtui.clock import now
from ecomtui.db.tables import channel, partner, promotion, task
from ecomtui.services.lookups import find_channel, find_owner
from ecomtui.services.task_board import (  # noqa: F401  (re-exported)
    PRIORITY_RANK,
    TASK_FIELDS,
    BoardFilter,
    TaskCard,
    TaskInput,
    build_task_input,
    default_sprint,
    group_by_status,
    matches,
    neighbour_status,
    parse_task_field,
    place_card,
    remove_card,
    sort_cards,
    sort_key,
    status_label,
    with_status,
)
from ecomtui.services.task_queries import (  # noqa: F401  (re-exported)
    DONE_VISIBLE_DAYS,
    count_tasks,
    get_card,
    list_tasks,
    load_board,
    task_row,
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


def current_input(card: TaskCard) -> TaskInput:
    """A task's stored fields as input, to change some of them."""
    return TaskInput(
        title=card.title,
        status=card.status,
        priority=card.priority,
        channel_id=card.channel_id,
        owner_id=card.owner_id,
        due=card.due,
        sprint=card.sprint,
        notes=card.notes,
    )


def parse_task_changes(conn, card: TaskCard, changes: Mapping[str, str | None]) -> TaskInput:
    """``card``'s fields with the typed ``changes`` (field -> text; None or "" clears an optional one).

    Only the changed fields are checked, each as the dialog and ``task add`` check it;
    raises InvalidInput naming the first bad one. A task keeps a retired channel
    unless the channel is changed.
    """
    unknown = set(changes) - {*TASK_FIELDS, "channel", "owner"}
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    values: dict = {}
    for field in TASK_FIELDS:
        if field in changes:
            values[field] = parse_task_field(field, changes[field])
    if "channel" in changes:
        values["channel_id"] = find_channel(conn, changes["channel"])
    if "owner" in changes:
        values["owner_id"] = find_owner(conn, changes["owner"])
    return replace(current_input(card), **values)


def require_card(conn, task_id: int) -> TaskCard:
    """The card of task ``task_id``; a missing task is refused in one line."""
    card = get_card(conn, task_id)
    if card is None:
        raise InvalidInput(f"task {task_id} does not exist", "id")
    return card


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


def put_back_status(conn, task_id: int, status: str, done_at: datetime | None) -> TaskCard:
    """Undo a move: the task back in ``status`` with the completion time it had."""
    if status not in TASK_STATUSES:
        raise InvalidInput(f"status: '{status}' is not one of {', '.join(TASK_STATUSES)}", "status")
    _current_status(conn, task_id)
    values = {"status": status, "done_at": done_at if status == "done" else None, "updated_at": now()}
    update_row(conn, task, task_id, values, expected=None, what=_what(task_id))
    return get_card(conn, task_id)


def delete_task(conn, task_id: int, expected_version: int | None = None) -> dict | None:
    """Delete a task; returns what it held (every column), so it can be brought back.

    Refused (Conflict) if it changed since ``expected_version``.
    """
    row = task_row(conn, task_id)
    _versioned(conn, task_id, lambda: delete_row(conn, task, task_id, expected=expected_version, what=_what(task_id)))
    return row


def restore_task(conn, row: dict) -> TaskCard:
    """Bring a deleted task back from what :func:`delete_task` returned: same id, notes and dates.

    If the id was taken in the meantime it comes back under a new one; a link to
    an owner, channel or promotion deleted meanwhile is left empty.
    """
    values = dict(row)
    for column, target in (("channel_id", channel), ("owner_id", partner), ("promotion_id", promotion)):
        linked = values.get(column)
        if linked is not None and conn.execute(select(target.c.id).where(target.c.id == linked)).first() is None:
            values[column] = None
    taken = conn.execute(select(task.c.id).where(task.c.id == values["id"])).first() is not None
    if taken:
        values.pop("id")
    task_id = conn.execute(insert(task).values(**values).returning(task.c.id)).scalar_one()
    return get_card(conn, task_id)


def _what(task_id: int) -> str:
    return f"task {task_id}"
