"""Light SQLAlchemy Core handles on the tables, for reads on the start-up path.

Importing the SQLModel classes costs pydantic and the ORM (~170 ms); the
board's first read needs neither, only table and column names. These clauses
name the same tables as :mod:`ecomtui.db.models` (a test keeps them in step)
and work with a Core connection or an ORM session alike.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Date, DateTime, Integer, String, column, table

task = table(
    "task",
    column("id", Integer),
    column("title", String),
    column("notes", String),
    column("status", String),
    column("channel_id", Integer),
    column("owner_id", Integer),
    column("priority", String),
    column("due", Date),
    column("sprint", String),
    column("promotion_id", Integer),
    column("created_at", DateTime(timezone=True)),
    column("updated_at", DateTime(timezone=True)),
    column("done_at", DateTime(timezone=True)),
)

channel = table("channel", column("id", Integer), column("name", String), column("position", Integer))

partner = table(
    "partner",
    column("id", Integer),
    column("name", String),
    column("kind", String),
    column("archived", Boolean),
)
