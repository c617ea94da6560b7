"""partner notice period; the next step of an interaction; services in the order typed

Revision ID: 0006
Revises: 0005

The Agencies tab flags a contract whose notice period has begun, so a partner
records its notice period in days; an interaction records the agreed next step
beside its follow-up date; a partner's services keep the order they were typed in. Both tables already have the change trigger on
PostgreSQL (0003), so nothing else is needed there.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notice_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_step", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("partner_service", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("partner_service", schema=None) as batch_op:
        batch_op.drop_column("position")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_column("next_step")
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_column("notice_days")
