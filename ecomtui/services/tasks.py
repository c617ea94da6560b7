"""Tasks: changes of work items (create, edit, move, delete) through the ORM.

Reads live in :mod:`ecomtui.services.task_queries` (Core only, used at start-up)
and the pure card logic in :mod:`ecomtui.services.task_board`; both are
re-exported here so callers need one import.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session

from ecomtui.clock import now
from ecomtui.db.models import Task
from ecomtui.services.lookups import find_channel, find_owner
from ecomtui.services.task_queries import (  # noqa: F401  (re-exported)
    DONE_VISIBLE_DAYS,
    count_tasks,
    get_card,
    list_tasks,
    load_board,
)
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
from ecomtui.services.validation import InvalidInput
from ecomtui.vocabulary import TASK_STATUSES

def parse_task_input(
    session: Session,
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


def create_task(session: Session, data: TaskInput) -> TaskCard:
    """Insert a task; returns its card."""
    stamp = now()
    task = Task(
        title=data.title,
        status=data.status,
        priority=data.priority,
        channel_id=data.channel_id,
        owner_id=data.owner_id,
        due=data.due,
        sprint=data.sprint,
        notes=data.notes,
        created_at=stamp,
        updated_at=stamp,
        done_at=stamp if data.status == "done" else None,
    )
    session.add(task)
    session.flush()
    return get_card(session, task.id)


def _get(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise InvalidInput(f"task {task_id} no longer exists", "id")
    return task


def _set_status(task: Task, status: str, stamp: datetime) -> None:
    if status == "done" and task.status != "done":
        task.done_at = stamp
    elif status != "done":
        task.done_at = None
    task.status = status


def update_task(session: Session, task_id: int, data: TaskInput) -> TaskCard:
    """Replace a task's fields with ``data``."""
    task = _get(session, task_id)
    stamp = now()
    _set_status(task, data.status, stamp)
    task.title = data.title
    task.priority = data.priority
    task.channel_id = data.channel_id
    task.owner_id = data.owner_id
    task.due = data.due
    task.sprint = data.sprint
    task.notes = data.notes
    task.updated_at = stamp
    session.add(task)
    session.flush()
    return get_card(session, task_id)


def move_task(session: Session, task_id: int, status: str) -> None:
    """Put a task in another column."""
    if status not in TASK_STATUSES:
        raise InvalidInput(f"status: '{status}' is not one of {', '.join(TASK_STATUSES)}", "status")
    task = _get(session, task_id)
    stamp = now()
    _set_status(task, status, stamp)
    task.updated_at = stamp
    session.add(task)


def delete_task(session: Session, task_id: int) -> None:
    session.execute(delete(Task).where(Task.id == task_id))
