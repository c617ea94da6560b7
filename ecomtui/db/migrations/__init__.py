"""Alembic migrations of the ecomtui schema."""
