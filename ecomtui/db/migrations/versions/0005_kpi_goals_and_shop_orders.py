"""goal direction, 64-bit KPI micros, and shop_order for KPIs recomputed across imports

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('shop_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('customer', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('total_micros', sa.BigInteger(), nullable=False),
    sa.Column('refunded_micros', sa.BigInteger(), nullable=False),
    sa.Column('subtotal_micros', sa.BigInteger(), nullable=False),
    sa.Column('discount_micros', sa.BigInteger(), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('pending', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source', 'name')
    )
    install_change_triggers(["shop_order"])
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('direction', sqlmodel.sql.sqltypes.AutoString(length=10),
                                      server_default='at_least', nullable=False))
        batch_op.alter_column('target_micros', existing_type=sa.Integer(), type_=sa.BigInteger(),
                              existing_nullable=False)
    with op.batch_alter_table('kpi_fact', schema=None) as batch_op:
        batch_op.alter_column('value_micros', existing_type=sa.Integer(), type_=sa.BigInteger(),
                              existing_nullable=False)


def install_change_triggers(tables) -> None:
    """PostgreSQL: advance ``ecomtui_changes`` after every write (as in 0003, whose helper this copies)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        op.execute(
            f'CREATE TRIGGER ecomtui_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION ecomtui_touch()"
        )


def downgrade() -> None:
    with op.batch_alter_table('kpi_fact', schema=None) as batch_op:
        batch_op.alter_column('value_micros', existing_type=sa.BigInteger(), type_=sa.Integer(),
                              existing_nullable=False)
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.alter_column('target_micros', existing_type=sa.BigInteger(), type_=sa.Integer(),
                              existing_nullable=False)
        batch_op.drop_column('direction')

    op.drop_table('shop_order')
