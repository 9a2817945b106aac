"""Archive sync: rows the archive refused, and the archive's order of follow-up events.

``sync_rejected`` is local only. ``follow_up_event.server_seq`` is the archive's order of an
event once pulled back (NULL until then): a follow-up's status is its latest event in that
order, so a studio PC's wrong clock cannot override a department's update.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_rejected",
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_sync_rejected")),
    )
    with op.batch_alter_table("follow_up_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("server_seq", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("follow_up_event", schema=None) as batch_op:
        batch_op.drop_column("server_seq")
    op.drop_table("sync_rejected")
