"""Studio, departments, sessions with guests and agenda.

Every synced table carries id, studio_id, hlc, deleted and dirty (SYNC_DESIGN.md) from here on.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "local_setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_local_setting")),
    )

    op.create_table(
        "studio",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("studio_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=200), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("dirty", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studio")),
    )
    with op.batch_alter_table("studio", schema=None) as batch_op:
        batch_op.create_index(
            "ix_studio_dirty", ["hlc"], unique=False, sqlite_where=sa.text("dirty = 1")
        )
        batch_op.create_index(batch_op.f("ix_studio_studio_id"), ["studio_id"], unique=False)

    op.create_table(
        "department",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("studio_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("dirty", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
    )
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.create_index(
            "ix_department_dirty", ["hlc"], unique=False, sqlite_where=sa.text("dirty = 1")
        )
        batch_op.create_index(batch_op.f("ix_department_studio_id"), ["studio_id"], unique=False)

    op.create_table(
        "broadcast_session",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("studio_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("scheduled_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("dirty", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast_session")),
    )
    with op.batch_alter_table("broadcast_session", schema=None) as batch_op:
        batch_op.create_index(
            "ix_broadcast_session_dirty", ["hlc"], unique=False, sqlite_where=sa.text("dirty = 1")
        )
        batch_op.create_index(
            batch_op.f("ix_broadcast_session_studio_id"), ["studio_id"], unique=False
        )

    op.create_table(
        "guest",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("studio_id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("dirty", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["broadcast_session.id"],
            name=op.f("fk_guest_session_id_broadcast_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guest")),
    )
    with op.batch_alter_table("guest", schema=None) as batch_op:
        batch_op.create_index(
            "ix_guest_dirty", ["hlc"], unique=False, sqlite_where=sa.text("dirty = 1")
        )
        batch_op.create_index(batch_op.f("ix_guest_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_guest_studio_id"), ["studio_id"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("studio_id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("scene_name", sa.String(length=200), nullable=False),
        sa.Column("speaker_id", sa.Uuid(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("dirty", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["broadcast_session.id"],
            name=op.f("fk_agenda_item_session_id_broadcast_session"),
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["guest.id"], name=op.f("fk_agenda_item_speaker_id_guest")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(
            "ix_agenda_item_dirty", ["hlc"], unique=False, sqlite_where=sa.text("dirty = 1")
        )
        batch_op.create_index(batch_op.f("ix_agenda_item_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_studio_id"), ["studio_id"], unique=False)


def downgrade() -> None:
    op.drop_table("agenda_item")
    op.drop_table("guest")
    op.drop_table("broadcast_session")
    op.drop_table("department")
    op.drop_table("studio")
    op.drop_table("local_setting")
