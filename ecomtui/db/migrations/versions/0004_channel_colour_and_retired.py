"""channels get a colour and can be retired

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 10:00:00

Existing channels take the default palette in their display order (the
seeded ones get the same colours as in a new store). Portable DDL only:
batch mode on SQLite, plain ALTER TABLE elsewhere (PostgreSQL).
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# A copy, not an import: a migration must keep doing what it did when it was written.
PALETTE = ("#4c8eda", "#f28e2b", "#b07aa1", "#2ba8a0", "#e377c2", "#59a14f",
           "#b0793a", "#d4a72c", "#e15759", "#8c8c8c", "#17becf", "#9daf3a")


def upgrade() -> None:
    with op.batch_alter_table('channel', schema=None) as batch_op:
        batch_op.add_column(sa.Column('colour', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False,
                                      server_default='#8c8c8c'))
        batch_op.add_column(sa.Column('retired', sa.Boolean(), nullable=False, server_default=sa.false()))
    channel = sa.table("channel", sa.column("id", sa.Integer), sa.column("position", sa.Integer),
                       sa.column("colour", sa.String))
    bind = op.get_bind()
    ids = bind.execute(sa.select(channel.c.id).order_by(channel.c.position, channel.c.id)).scalars().all()
    for index, channel_id in enumerate(ids):
        bind.execute(channel.update().where(channel.c.id == channel_id).values(colour=PALETTE[index % len(PALETTE)]))


def downgrade() -> None:
    with op.batch_alter_table('channel', schema=None) as batch_op:
        batch_op.drop_column('retired')
        batch_op.drop_column('colour')
