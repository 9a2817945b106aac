"""The session record: actual show times, rehearsal copies, question airings, operators.

``question_airing`` has the same sync columns as 0001; ``operator_profile`` is local only.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("broadcast_session", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rehearsal", sa.Boolean(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True))

    op.create_table(
        "question_airing",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("studio_id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("question_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("start_record_ms", sa.BigInteger(), nullable=True),
        sa.Column("start_stream_ms", sa.BigInteger(), nullable=True),
        sa.Column("end_record_ms", sa.BigInteger(), nullable=True),
        sa.Column("end_stream_ms", sa.BigInteger(), nullable=True),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("dirty", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"], ["question.id"], name=op.f("fk_question_airing_question_id_question")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["broadcast_session.id"],
            name=op.f("fk_question_airing_session_id_broadcast_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_airing")),
    )
    with op.batch_alter_table("question_airing", schema=None) as batch_op:
        batch_op.create_index(
            "ix_question_airing_dirty", ["hlc"], unique=False, sqlite_where=sa.text("dirty = 1")
        )
        batch_op.create_index(
            batch_op.f("ix_question_airing_question_id"), ["question_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_question_airing_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_question_airing_studio_id"), ["studio_id"], unique=False
        )

    op.create_table(
        "operator_profile",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator_profile")),
        sa.UniqueConstraint("name", name=op.f("uq_operator_profile_name")),
    )


def downgrade() -> None:
    op.drop_table("operator_profile")
    op.drop_table("question_airing")
    with op.batch_alter_table("broadcast_session", schema=None) as batch_op:
        batch_op.drop_column("ended_at")
        batch_op.drop_column("started_at")
        batch_op.drop_column("rehearsal")
