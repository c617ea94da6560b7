"""promotion calendar: kind, fixed discount, revenue target, owner, iCalendar identity

Revision ID: 0007
Revises: 0006

A promotion gets its kind (sale, discount code, ...), a fixed amount off as an
alternative to a percent, a revenue target, an owner (a partner), and its
iCalendar identity: ``uid`` (unique: importing a calendar again finds the
promotion it made), ``sequence`` (advanced by every edit) and ``modified_at``.
Promotions written before this revision get a fresh random UID each.

On SQLite the batch copies the promotion table and drops the old one; with
foreign keys on, that drop would unlink every task from its promotion (ON
DELETE SET NULL) and delete the promotions' channels (ON DELETE CASCADE), so
both links are kept aside and put back. No new table, so no new change
trigger on PostgreSQL.
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

task = sa.table("task", sa.column("id", sa.Integer()), sa.column("promotion_id", sa.Integer()))
promotion_channel = sa.table(
    "promotion_channel", sa.column("promotion_id", sa.Integer()), sa.column("channel_id", sa.Integer())
)


def _links(bind):
    """Tasks' promotions and promotions' channels, which a table copy on SQLite would lose."""
    if bind.dialect.name != "sqlite":
        return None
    tasks = [dict(r._mapping) for r in bind.execute(sa.select(task).where(task.c.promotion_id.is_not(None)))]
    channels = [dict(r._mapping) for r in bind.execute(sa.select(promotion_channel))]
    return tasks, channels


def _restore(bind, links) -> None:
    if links is None:
        return
    tasks, channels = links
    bind.execute(sa.delete(promotion_channel))
    if channels:
        bind.execute(sa.insert(promotion_channel), channels)
    if tasks:
        bind.execute(
            sa.update(task).where(task.c.id == sa.bindparam("task_id")).values(promotion_id=sa.bindparam("link")),
            [{"task_id": t["id"], "link": t["promotion_id"]} for t in tasks],
        )


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("promotion", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), nullable=False, server_default="sale"))
        batch_op.add_column(sa.Column("discount_minor", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("revenue_target_minor", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("uid", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("sequence", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("modified_at", sa.DateTime(timezone=True), nullable=True))

    promotion = sa.table("promotion", sa.column("id", sa.Integer()), sa.column("uid", sa.String(255)))
    for (row_id,) in bind.execute(sa.select(promotion.c.id)).fetchall():
        bind.execute(sa.update(promotion).where(promotion.c.id == row_id).values(uid=f"{uuid.uuid4()}@ecomtui"))

    links = _links(bind)
    with op.batch_alter_table("promotion", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=255), nullable=False)
        batch_op.create_unique_constraint("uq_promotion_uid", ["uid"])
        batch_op.create_foreign_key(
            "fk_promotion_owner_id_partner", "partner", ["owner_id"], ["id"], ondelete="SET NULL"
        )
    _restore(bind, links)


def downgrade() -> None:
    bind = op.get_bind()
    links = _links(bind)
    with op.batch_alter_table("promotion", schema=None) as batch_op:
        batch_op.drop_constraint("fk_promotion_owner_id_partner", type_="foreignkey")
        batch_op.drop_constraint("uq_promotion_uid", type_="unique")
        for name in ("modified_at", "sequence", "uid", "owner_id", "revenue_target_minor", "discount_minor", "kind"):
            batch_op.drop_column(name)
    _restore(bind, links)
