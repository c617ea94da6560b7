"""Alembic environment: runs migrations on the connection handed over by ecomtui.db.schema.

ecomtui passes a connection inside its own write transaction, so every
migration runs in that one transaction. Run by the ``alembic`` command itself
(to write a new migration), it connects to ``sqlalchemy.url``.
"""

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from ecomtui.db import models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    with create_engine(config.get_main_option("sqlalchemy.url")).begin() as connection:
        run_migrations(connection)


run_migrations_online()
