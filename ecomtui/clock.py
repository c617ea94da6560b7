"""The one clock of the application.

Everything that needs "today" asks here, so tests, screenshots and reports can
freeze the date with the ``ECOMTUI_TODAY`` environment variable (ISO date).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    """Today's date, or the frozen one from ``ECOMTUI_TODAY``."""
    frozen = os.environ.get("ECOMTUI_TODAY")
    if frozen:
        return date.fromisoformat(frozen)
    return date.today()


def now() -> datetime:
    """The current moment in UTC (timezone-aware, as the database columns expect)."""
    return datetime.now(UTC)


def iso_week(day: date) -> str:
    """ISO week label such as ``2026-W48``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_key(day: date) -> str:
    """Sprint / month label such as ``2026-11``."""
    return f"{day.year:04d}-{day.month:02d}"
