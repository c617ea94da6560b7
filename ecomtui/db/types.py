"""Column types for the light Core tables, without importing SQLModel.

``UTCDateTime`` behaves as SQLModel's type of the same name (aware datetimes
in, UTC out; SQLite keeps no offset, so values read back are marked UTC), so a
timestamp written or read through :mod:`ecomtui.db.tables` is the same value
the ORM models see.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import types


class UTCDateTime(types.TypeDecorator):
    """Store aware datetimes and return them in UTC."""

    impl = types.DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("timestamps must carry a time zone (use ecomtui.clock.now())")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
