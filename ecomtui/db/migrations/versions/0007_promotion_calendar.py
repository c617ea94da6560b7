"""promotion calendar: kind, fixed discount, revenue target, owner, iCalendar identity

Revision ID: 0007
Revises: 0003

A promotion gets its kind (sale, discount code, ...), a fixed amount off as an
alternative to a percent, a revenue target, an owner (a partner), and its
iCalendar identity: ``uid`` (unique: importing a calendar again finds the
promotion it made), ``sequence`` (advanced by every edit) and ``modified_at``.
Promotions written before this revision get a fresh random UID each.
No new table, so no new change trigger is needed on PostgreSQL.
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("promotion", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), nullable=False, server_default="sale"))
        batch_op.add_column(sa.Column("discount_minor", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("revenue_target_minor", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("uid", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("sequence", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("modified_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            "fk_promotion_owner_id_partner", "partner", ["owner_id"], ["id"], ondelete="SET NULL"
        )

    bind = op.get_bind()
    promotion = sa.table("promotion", sa.column("id", sa.Integer()), sa.column("uid", sa.String(255)))
    for (row_id,) in bind.execute(sa.select(promotion.c.id)).fetchall():
        uid = f"{uuid.uuid4()}@ecomtui"
        bind.execute(sa.update(promotion).where(promotion.c.id == row_id).values(uid=uid))

    with op.batch_alter_table("promotion", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=255), nullable=False)
        batch_op.create_unique_constraint("uq_promotion_uid", ["uid"])


def downgrade() -> None:
    with op.batch_alter_table("promotion", schema=None) as batch_op:
        batch_op.drop_constraint("uq_promotion_uid", type_="unique")
        batch_op.drop_constraint("fk_promotion_owner_id_partner", type_="foreignkey")
        batch_op.drop_column("modified_at")
        batch_op.drop_column("sequence")
        batch_op.drop_column("uid")
        batch_op.drop_column("owner_id")
        batch_op.drop_column("revenue_target_minor")
        batch_op.drop_column("discount_minor")
        batch_op.drop_column("kind")
