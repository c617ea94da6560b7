"""The task board's pure logic: cards, filters, ordering. No database, no Textual.

Import-light on purpose: the board widget uses it before the database layer
has loaded, and a filter keystroke runs it over every card in memory.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cached_property

from ecomtui.vocabulary import PRIORITIES, TASK_STATUS_LABELS, TASK_STATUSES

PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


@dataclass(frozen=True)
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
    done_at: datetime | None = None  # when it entered Done (Done lists the newest first)
    version: int = 1  # the row version this copy shows (conflict-safe edits)

    @cached_property
    def search_text(self) -> str:
        """What the live filter searches, case-folded once on first use."""
        return f"{self.title}\n{self.notes}\n{self.owner or ''}\n{self.channel or ''}".casefold()

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


def neighbour_status(status: str, step: int) -> str | None:
    """The column ``step`` places left (-1) or right (+1) of ``status``, or None at an edge."""
    i = TASK_STATUSES.index(status) + step
    return TASK_STATUSES[i] if 0 <= i < len(TASK_STATUSES) else None


def sort_key(card: TaskCard):
    """Board order within a column: due date first (undated last), then priority, then age;
    Done lists what was finished last first."""
    if card.status == "done":
        finished = card.done_at.timestamp() if card.done_at is not None else float("-inf")
        return (1, -finished, -card.id)
    return (0, card.due is None, card.due or date.max, PRIORITY_RANK.get(card.priority, 9), card.id)


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
    return _matcher(flt)(card)


def _matcher(flt: BoardFilter):
    """A predicate for ``flt`` with its words and names folded once, not once per card."""
    channel = flt.channel.casefold() if flt.channel else None
    owner = flt.owner.casefold() if flt.owner else None
    sprint = flt.sprint
    words = flt.text.casefold().split()

    def test(card: TaskCard) -> bool:
        if channel is not None and (card.channel or "").casefold() != channel:
            return False
        if owner is not None and (card.owner or "").casefold() != owner:
            return False
        if sprint and card.sprint != sprint:
            return False
        text = card.search_text
        for word in words:
            if word not in text:
                return False
        return True

    return test


def group_by_status(cards: Sequence[TaskCard], flt: BoardFilter | None = None) -> dict[str, list[TaskCard]]:
    """Cards per column, filtered; keeps the order of ``cards`` (board order when sorted)."""
    columns: dict[str, list[TaskCard]] = {s: [] for s in TASK_STATUSES}
    if flt is None or not flt.active:
        for card in cards:
            columns[card.status].append(card)
        return columns
    test = _matcher(flt)
    for card in cards:
        if test(card):
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


def with_status(card: TaskCard, status: str, stamp: datetime | None = None) -> TaskCard:
    """The card in another column; entering Done stamps it (``stamp``), leaving Done clears it."""
    if status == "done":
        done_at = card.done_at if card.status == "done" else stamp
    else:
        done_at = None
    return replace(card, status=status, done_at=done_at)


def status_label(status: str) -> str:
    return TASK_STATUS_LABELS.get(status, status)


def default_sprint(today: date) -> str:
    """The sprint a new task gets unless told otherwise, in the dialog and on the command line."""
    return f"{today.year:04d}-{today.month:02d}"


def plural(count: int, noun: str) -> str:
    """``1 task``, ``2 tasks``, ``1,204 tasks``."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def clip(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with … (toasts and questions quote titles this way)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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


TASK_FIELDS = ("title", "status", "priority", "due", "sprint", "notes")  # checked without the database


def parse_task_field(field: str, typed: str | None):
    """One typed field of a task, checked as the dialog and the command line both check it."""
    from ecomtui.services.validation import (
        multiline_text,
        parse_choice,
        parse_date,
        parse_month,
        parse_status,
        require_text,
    )

    if field == "title":
        return require_text(typed, "title")
    if field == "status":
        return parse_status(typed, "status", default="todo")
    if field == "priority":
        return parse_choice(typed, PRIORITIES, "priority", default="normal")
    if field == "due":
        return parse_date(typed, "due")
    if field == "sprint":
        return parse_month(typed, "sprint")
    if field == "notes":
        return multiline_text(typed, "notes")
    raise KeyError(field)


def check_task_input(
    *,
    title: str | None,
    status: str | None = None,
    priority: str | None = None,
    due: str | None = None,
    sprint: str | None = None,
    notes: str | None = None,
    channel_id: int | None = None,
    owner_id: int | None = None,
) -> tuple[TaskInput | None, list]:
    """Validate typed task fields: the input, or None and every refusal (InvalidInput), in field order."""
    from ecomtui.services.validation import InvalidInput

    typed = {"title": title, "status": status, "priority": priority, "due": due, "sprint": sprint, "notes": notes}
    values: dict = {}
    errors: list[InvalidInput] = []
    for field in TASK_FIELDS:
        try:
            values[field] = parse_task_field(field, typed[field])
        except InvalidInput as exc:
            errors.append(exc)
    if errors:
        return None, errors
    return TaskInput(**values, channel_id=channel_id, owner_id=owner_id), []


def build_task_input(**fields) -> TaskInput:
    """Validate typed task fields (raises InvalidInput naming the first bad field)."""
    data, errors = check_task_input(**fields)
    if errors:
        raise errors[0]
    return data
