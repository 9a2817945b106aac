"""Recording/stream runs of a session and the on-air moments of agenda items.

Same sync columns as 0001 on every table.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "output_run",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("studio_id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("interrupted", sa.Boolean(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("dirty", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["broadcast_session.id"],
            name=op.f("fk_output_run_session_id_broadcast_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_output_run")),
    )
    with op.batch_alter_table("output_run", schema=None) as batch_op:
        batch_op.create_index(
            "ix_output_run_dirty", ["hlc"], unique=False, sqlite_where=sa.text("dirty = 1")
        )
        batch_op.create_index(batch_op.f("ix_output_run_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_output_run_studio_id"), ["studio_id"], unique=False)

    op.create_table(
        "agenda_mark",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("studio_id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("agenda_item_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("record_ms", sa.BigInteger(), nullable=True),
        sa.Column("stream_ms", sa.BigInteger(), nullable=True),
        sa.Column("scene_name", sa.String(length=200), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("dirty", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_agenda_mark_agenda_item_id_agenda_item"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["broadcast_session.id"],
            name=op.f("fk_agenda_mark_session_id_broadcast_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_mark")),
    )
    with op.batch_alter_table("agenda_mark", schema=None) as batch_op:
        batch_op.create_index(
            "ix_agenda_mark_dirty", ["hlc"], unique=False, sqlite_where=sa.text("dirty = 1")
        )
        batch_op.create_index(batch_op.f("ix_agenda_mark_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_mark_studio_id"), ["studio_id"], unique=False)


def downgrade() -> None:
    op.drop_table("agenda_mark")
    op.drop_table("output_run")
