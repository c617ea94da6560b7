"""Parsing of user-typed values, shared by the command line and the dialogs.

Every parser raises :class:`InvalidInput` with a message that can be shown to
the user as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ecomtui.db.errors import PlainError
from ecomtui.text import char_name, first_not_text


class InvalidInput(PlainError, ValueError):
    """A value the user typed that cannot be used; ``field`` says which one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
        self.message = message


_MONTH = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)


def parse_date(value: str | None, field: str = "date") -> date | None:
    """An ISO date (``2026-12-01``); empty means none."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{field}: '{value}' is not a valid date (use YYYY-MM-DD, e.g. 2026-12-01)", field) from None


def parse_month(value: str | None, field: str = "month") -> str | None:
    """A month key (``2026-11``); empty means none."""
    value = (value or "").strip()
    if not value:
        return None
    m = _MONTH.match(value)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InvalidInput(f"{field}: '{value}' is not a valid month (use YYYY-MM, e.g. 2026-11)", field)
    return value


def parse_choice(value: str | None, choices: Iterable[str], field: str, default: str | None = None) -> str:
    """One of ``choices`` (case-insensitive)."""
    choices = tuple(choices)
    typed = (value or "").strip()
    value = typed.lower()
    if not value and default is not None:
        return default
    if value not in choices:
        raise InvalidInput(f"{field}: '{typed}' is not one of {', '.join(choices)}", field)
    return value


def require_text(value: str | None, field: str, max_length: int = 500) -> str:
    """Non-blank one-line text, kept exactly as typed apart from surrounding whitespace."""
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"{field} is required", field)
    refuse_control_characters(text, field, multiline=False)
    if len(text) > max_length:
        raise InvalidInput(f"{field} is too long ({len(text)} characters, at most {max_length})", field)
    return text


def multiline_text(value: str | None, field: str) -> str:
    """Free text over several lines (notes): line breaks and tabs allowed, no other control character.

    Windows and old Mac line ends become plain line breaks; blank lines before
    the text and trailing space after it are dropped.
    """
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.rstrip().split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    text = "\n".join(lines)
    refuse_control_characters(text, field, multiline=True)
    return text


def refuse_control_characters(text: str, field: str, *, multiline: bool) -> None:
    """Refuse control characters (terminal escapes, NUL...) and bytes that were not UTF-8 in ``field``."""
    bad = first_not_text(text, multiline=multiline)
    if bad is None:
        return
    if "\ud800" <= bad <= "\udfff":
        raise InvalidInput(
            f"{field} is not valid UTF-8 text; set the terminal to UTF-8 (e.g. LANG=C.UTF-8) and try again", field
        )
    if multiline:
        raise InvalidInput(
            f"{field} contains a control character ({char_name(bad)}); only text, tabs and line breaks are allowed",
            field,
        )
    raise InvalidInput(
        f"{field} must be one line of text: it contains a control character or line break ({char_name(bad)})", field
    )


def parse_status(value: str | None, field: str = "status", default: str | None = None) -> str:
    """A task status by key or label, case-insensitive: ``doing``, ``In progress``, ``TO DO``."""
    from ecomtui.vocabulary import TASK_STATUS_LABELS

    typed = " ".join((value or "").split())
    if not typed and default is not None:
        return default
    wanted = typed.casefold()
    for key, label in TASK_STATUS_LABELS.items():
        if wanted in (key, label.casefold()):
            return key
    labels = ", ".join(f'"{label}"' for label in TASK_STATUS_LABELS.values())
    raise InvalidInput(
        f"{field}: '{typed}' is not one of {', '.join(TASK_STATUS_LABELS)} (or the labels {labels})", field
    )


def match_name(rows: list[tuple[int, str]], name: str | None) -> int | None:
    """The id whose name equals ``name`` ignoring case (Unicode-aware, unlike SQL lower())."""
    if not name:
        return None
    wanted = name.casefold()
    for row_id, row_name in rows:
        if row_name.casefold() == wanted:
            return row_id
    return None


def name_candidates(rows: list[tuple[int, str]], name: str) -> list[tuple[int, str]]:
    """Rows that ``name`` can mean: the one of that exact name (ignoring case), else every row
    whose name, or a word of it, starts with ``name`` (``jonas`` and ``berg`` find Jonas Berg)."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return []
    exact = [row for row in rows if row[1].casefold() == wanted]
    if exact:
        return exact[:1]
    return [
        (row_id, row_name)
        for row_id, row_name in rows
        if row_name.casefold().startswith(wanted) or any(w.startswith(wanted) for w in row_name.casefold().split())
    ]


def resolve_name(rows: list[tuple[int, str]], name: str, what: str, field: str | None = None) -> int:
    """The id of the one row ``name`` means; an unknown or ambiguous name is refused with the candidates."""
    field = field or what
    found = name_candidates(rows, name)
    if len(found) == 1:
        return found[0][0]
    if found:
        listed = ", ".join(n for _, n in found[:12]) + (", ..." if len(found) > 12 else "")
        raise InvalidInput(f"{field}: '{name}' could be {listed}; type more of the name", field)
    names = [n for _, n in rows]
    known = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    raise InvalidInput(f"{field}: unknown {what} '{name}' (known: {known or 'none yet'})", field)
