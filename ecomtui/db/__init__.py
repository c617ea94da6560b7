"""Database layer: engine and sessions, SQLModel tables, Alembic migrations."""
