"""What an import did, and the refusal of a file with rows that cannot be read.

Every importer returns an :class:`ImportSummary`. Rows that are not data
(total rows, comment lines, report titles...) are counted by reason. Rows
that are data but cannot be read (an impossible date, text where an amount
belongs) are collected in :class:`BadRows`: they refuse the whole file, every
line named, unless the caller chose to skip them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ecomtui.services.kpis import Changes
from ecomtui.services.validation import InvalidInput


class ImportRefused(InvalidInput):
    """A file that was not imported at all; the message says why in one line."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(visible(message), field)


@dataclass
class ImportSummary:
    """The result of one import (nothing is written unless it succeeded)."""

    kind: str  # "shopify-orders", "ga4", "ads", "kpis"
    file_name: str
    rows_imported: int = 0
    not_data: Counter = field(default_factory=Counter)  # reason -> rows skipped
    bad_rows_skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    values: Changes = field(default_factory=Changes)  # KPI facts
    expenses: Changes = field(default_factory=Changes)  # ad spend written as expenses
    orders: int = 0
    cancelled_orders: int = 0
    pending_orders: int = 0
    sections_skipped: list[str] = field(default_factory=list)  # why each was left out
    currency: str | None = None
    first_day: date | None = None
    last_day: date | None = None
    notes: list[str] = field(default_factory=list)  # things the user should know about the figures

    @property
    def rows_skipped(self) -> int:
        return sum(self.not_data.values()) + len(self.bad_rows_skipped)

    def lines(self) -> list[str]:
        """The summary as short plain lines for the terminal."""
        out = [f"{self.file_name}: {self.rows_imported} rows imported"]
        if self.first_day is not None:
            out[0] += f", {self.first_day.isoformat()} to {self.last_day.isoformat()}"
        if self.orders or self.cancelled_orders:
            out.append(
                f"orders: {self.orders} counted, {self.cancelled_orders} cancelled (not counted), "
                f"{self.pending_orders} pending payment (counted)"
            )
        v = self.values
        out.append(f"KPI values: {v.added} added, {v.changed} changed, {v.unchanged} unchanged")
        e = self.expenses
        if e.added or e.changed or e.unchanged:
            out.append(f"expenses: {e.added} added, {e.changed} changed, {e.unchanged} unchanged")
        for reason, count in sorted(self.not_data.items()):
            if count:
                out.append(f"skipped {count} {'row' if count == 1 else 'rows'}: {reason}")
        for line, reason in self.bad_rows_skipped:
            out.append(f"skipped line {line}: {reason}")
        out.extend(f"skipped {section}" for section in self.sections_skipped)
        out.extend(self.notes)
        return [visible(line) for line in out]  # file names and cells come from outside


class BadRows:
    """Rows that cannot be read, by record index (pandas row) or by line number."""

    def __init__(self) -> None:
        self._items: list[tuple[int, str]] = []

    def add(self, key: int, reason: str) -> None:
        self._items.append((key, reason))

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def keys(self) -> set[int]:
        return {key for key, _ in self._items}

    def by_line(self, line_of: list[int] | None = None) -> list[tuple[int, str]]:
        """``(line, reason)`` sorted by line; ``line_of[i]`` maps record index i to its line."""
        items = [(line_of[key] if line_of is not None else key, reason) for key, reason in self._items]
        return sorted(items)


def refuse_bad_rows(what: str, bad: list[tuple[int, str]]) -> ImportRefused:
    """The refusal naming every unreadable line, as one plain line."""
    count = len(bad)
    rows = "row cannot" if count == 1 else "rows cannot"
    listed = "; ".join(f"line {line}: {reason}" for line, reason in bad)
    return ImportRefused(
        f"{what}: {count} {rows} be read, nothing was imported: {listed} "
        "(fix the file, or import the other rows with --skip-bad-rows)",
        "file",
    )


def visible(text: str) -> str:
    """``text`` on one line with control characters (escape sequences, line breaks) made visible."""
    return "".join(
        ch if ch.isprintable() else f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}" for ch in text
    )


def shown(value: object, width: int = 40) -> str:
    """A cell value quoted for a message: one line, control characters made visible, cut when long."""
    text = visible(str(value))
    return f"'{text if len(text) <= width else text[: width - 1] + '…'}'"
