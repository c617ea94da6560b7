"""Tasks: the kanban board's queries, changes and pure filtering/sorting.

The board is loaded once as light :class:`TaskCard` rows; filtering and
ordering are pure functions over them so a keystroke never waits on SQL.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable, Sequence

from sqlalchemy import delete, or_, select
from sqlmodel import Session

from ecomtui.clock import now
from ecomtui.db.models import PRIORITIES, TASK_STATUSES, Channel, Partner, Task
from ecomtui.services.lookups import find_channel, find_owner
from ecomtui.services.validation import (
    InvalidInput,
    parse_choice,
    parse_date,
    parse_month,
    require_text,
)

DONE_VISIBLE_DAYS = 30
PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


@dataclass(frozen=True, slots=True)
class TaskCard:
    """One task as the board and the command line show it."""

    id: int
    title: str
    status: str
    priority: str
    due: date | None = None
    channel: str | None = None
    owner: str | None = None
    sprint: str | None = None
    notes: str = ""
    channel_id: int | None = None
    owner_id: int | None = None
    promotion_id: int | None = None
    search_text: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        text = f"{self.title}\n{self.notes}\n{self.owner or ''}\n{self.channel or ''}".lower()
        object.__setattr__(self, "search_text", text)

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status != "done"

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "channel": self.channel,
            "owner": self.owner,
            "priority": self.priority,
            "due": self.due.isoformat() if self.due else None,
            "sprint": self.sprint,
        }


@dataclass(frozen=True)
class TaskInput:
    """Validated fields of a new or edited task."""

    title: str
    status: str = "todo"
    priority: str = "normal"
    channel_id: int | None = None
    owner_id: int | None = None
    due: date | None = None
    sprint: str | None = None
    notes: str = ""


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
    return TaskInput(
        title=require_text(title, "title"),
        status=parse_choice(status, TASK_STATUSES, "status", default="todo"),
        priority=parse_choice(priority, PRIORITIES, "priority", default="normal"),
        due=parse_date(due, "due"),
        sprint=parse_month(sprint, "sprint"),
        channel_id=find_channel(session, channel),
        owner_id=find_owner(session, owner),
        notes=(notes or "").strip(),
    )


def _card_query():
    return (
        select(
            Task.id,
            Task.title,
            Task.status,
            Task.priority,
            Task.due,
            Channel.name,
            Partner.name,
            Task.sprint,
            Task.notes,
            Task.channel_id,
            Task.owner_id,
            Task.promotion_id,
        )
        .outerjoin(Channel, Channel.id == Task.channel_id)
        .outerjoin(Partner, Partner.id == Task.owner_id)
    )


def _cards(rows) -> list[TaskCard]:
    return [TaskCard(*row) for row in rows]


def load_board(session: Session, today: date) -> list[TaskCard]:
    """Every task on the board (open, or done in the last 30 days), in board order."""
    cutoff = datetime.combine(today - timedelta(days=DONE_VISIBLE_DAYS), time.min, tzinfo=timezone.utc)
    query = _card_query().where(
        or_(Task.status != "done", Task.done_at >= cutoff, Task.done_at.is_(None))
    )
    return sort_cards(_cards(session.execute(query)))


def list_tasks(session: Session, status: str | None = None) -> list[TaskCard]:
    """All tasks (old done ones included) for the command line, board order."""
    query = _card_query()
    if status:
        query = query.where(Task.status == status)
    return sort_cards(_cards(session.execute(query.order_by(Task.id))))


def get_card(session: Session, task_id: int) -> TaskCard | None:
    row = session.execute(_card_query().where(Task.id == task_id)).first()
    return TaskCard(*row) if row else None


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


def count_tasks(session: Session) -> int:
    from sqlalchemy import func

    return session.execute(select(func.count()).select_from(Task)).scalar_one()


# ---- pure functions over cards -------------------------------------------------


def neighbour_status(status: str, step: int) -> str | None:
    """The column ``step`` places left (-1) or right (+1) of ``status``, or None at an edge."""
    i = TASK_STATUSES.index(status) + step
    return TASK_STATUSES[i] if 0 <= i < len(TASK_STATUSES) else None


def sort_key(card: TaskCard):
    """Board order within a column: due date first (undated last), then priority, then age."""
    return (card.due is None, card.due or date.max, PRIORITY_RANK.get(card.priority, 9), card.id)


def sort_cards(cards: Iterable[TaskCard]) -> list[TaskCard]:
    return sorted(cards, key=sort_key)


@dataclass(frozen=True)
class BoardFilter:
    """What narrows the board: free text plus exact channel / owner / sprint."""

    text: str = ""
    channel: str | None = None
    owner: str | None = None
    sprint: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.text.strip() or self.channel or self.owner or self.sprint)

    def describe(self) -> str:
        parts = []
        if self.text.strip():
            parts.append(f'"{self.text.strip()}"')
        if self.channel:
            parts.append(f"channel {self.channel}")
        if self.owner:
            parts.append(f"owner {self.owner}")
        if self.sprint:
            parts.append(f"sprint {self.sprint}")
        return ", ".join(parts)


def matches(card: TaskCard, flt: BoardFilter) -> bool:
    """Whether a card passes the filter (text is case-insensitive over title, notes, owner, channel)."""
    if flt.channel and (card.channel or "").lower() != flt.channel.lower():
        return False
    if flt.owner and (card.owner or "").lower() != flt.owner.lower():
        return False
    if flt.sprint and card.sprint != flt.sprint:
        return False
    words = flt.text.lower().split()
    return all(w in card.search_text for w in words)


def group_by_status(cards: Sequence[TaskCard], flt: BoardFilter | None = None) -> dict[str, list[TaskCard]]:
    """Cards per column, filtered; keeps the order of ``cards`` (board order when sorted)."""
    columns: dict[str, list[TaskCard]] = {s: [] for s in TASK_STATUSES}
    if flt is not None and not flt.active:
        flt = None
    for card in cards:
        if flt is None or matches(card, flt):
            columns[card.status].append(card)
    return columns


def place_card(cards: list[TaskCard], card: TaskCard) -> None:
    """Put ``card`` into the sorted list ``cards``, replacing the card with its id."""
    remove_card(cards, card.id)
    insort(cards, card, key=sort_key)


def remove_card(cards: list[TaskCard], task_id: int) -> None:
    for i, existing in enumerate(cards):
        if existing.id == task_id:
            del cards[i]
            return


def with_status(card: TaskCard, status: str) -> TaskCard:
    return replace(card, status=status)
