"""an expense can name the promotion it paid for

Revision ID: 0008
Revises: 0006

Spend on a campaign (a promoted post, a creator's fee) links to its promotion,
so the budget and the calendar can say what a promotion cost. Deleting the
promotion keeps the expense and clears the link.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("expense", schema=None) as batch_op:
        batch_op.add_column(sa.Column("promotion_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_expense_promotion_id_promotion", "promotion", ["promotion_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index("ix_expense_promotion_id", ["promotion_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("expense", schema=None) as batch_op:
        batch_op.drop_index("ix_expense_promotion_id")
        batch_op.drop_constraint("fk_expense_promotion_id_promotion", type_="foreignkey")
        batch_op.drop_column("promotion_id")
