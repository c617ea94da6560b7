"""row versions for conflict-safe edits; a change signal for live refresh on PostgreSQL

Revision ID: 0003
Revises: 0002

Every table a user edits gets a ``version`` counter: a save names the version
it was based on and is refused when the row has moved on (services/versioning.py).

On PostgreSQL, statement-level triggers on every table advance the sequence
``ecomtui_changes`` after any write, by any client; open apps poll it to show
others' changes (SQLite needs nothing: ``PRAGMA data_version`` tells the same).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

VERSIONED = (
    "channel",
    "partner",
    "contact",
    "interaction",
    "promotion",
    "calendar_event",
    "task",
    "budget_line",
    "expense",
    "goal",
    "weekly_review",
)

# every table: a write to any of them is a change others should see
ALL_TABLES = (
    *VERSIONED,
    "setting",
    "partner_service",
    "promotion_channel",
    "kpi_fact",
    "import_batch",
)


def install_change_triggers(tables) -> None:
    """PostgreSQL: advance ``ecomtui_changes`` after every write to ``tables`` (later migrations reuse this)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE SEQUENCE IF NOT EXISTS ecomtui_changes")
    op.execute(
        "CREATE OR REPLACE FUNCTION ecomtui_touch() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM nextval('ecomtui_changes'); RETURN NULL; END $$"
    )
    for table in tables:
        op.execute(
            f'CREATE TRIGGER ecomtui_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION ecomtui_touch()"
        )


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    install_change_triggers(ALL_TABLES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ALL_TABLES:
            op.execute(f'DROP TRIGGER IF EXISTS ecomtui_changed ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS ecomtui_touch()")
        op.execute("DROP SEQUENCE IF EXISTS ecomtui_changes")
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
