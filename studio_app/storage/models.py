"""SQLAlchemy 2 typed models of the local store.

Every synced table carries ``id`` (UUIDv7 made here), ``studio_id``, ``hlc``, ``deleted`` and the
local-only ``dirty`` flag with a partial index (SYNC_DESIGN.md). Rows are never physically
deleted: ``deleted`` is a tombstone that sync carries to the archive.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from studio_app.storage.types import JSONText, UTCDateTime

#: ``text`` is shadowed by the column of that name inside QuestionRow's class body.
FALSE = text("0")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention (batch migrations need named constraints)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        uuid.UUID: Uuid(),
        dict[str, Any]: JSONText(),
    }


class SyncColumns:
    """The sync columns every synced table has from its first migration."""

    # sort_order keeps id and studio_id first in CREATE TABLE, where people look for them.
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, sort_order=-10)
    studio_id: Mapped[uuid.UUID] = mapped_column(index=True, sort_order=-9)
    hlc: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    dirty: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("1"))


def dirty_index(table: str) -> Index:
    """Partial index over the rows waiting for the archive's acknowledgement."""
    return Index(f"ix_{table}_dirty", "hlc", sqlite_where=text("dirty = 1"))


#: Names of the synced tables, parents before children (the order sync pushes them in).
SYNCED_TABLES = (
    "studio",
    "department",
    "broadcast_session",
    "guest",
    "agenda_item",
    "question",
    "answer",
    "question_airing",
    "follow_up",
    "follow_up_event",
    "audit_entry",
    "output_run",
    "agenda_mark",
)


class LocalSetting(Base):
    """Per-database key/value settings that never sync (e.g. which studio this PC is)."""

    __tablename__ = "local_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncRejectedRow(Base):
    """A row the archive refused at one version: parked until edited or sent again by hand."""

    __tablename__ = "sync_rejected"

    table_name: Mapped[str] = mapped_column(String(50), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    hlc: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]


class OperatorRow(Base):
    """A local operator profile of this studio PC (never synced: audit rows carry the name)."""

    __tablename__ = "operator_profile"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]


class StudioRow(SyncColumns, Base):
    """A studio row."""

    __tablename__ = "studio"
    __table_args__ = (dirty_index("studio"),)

    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(200), default="")


class DepartmentRow(SyncColumns, Base):
    """A department row."""

    __tablename__ = "department"
    __table_args__ = (dirty_index("department"),)

    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(50), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SessionRow(SyncColumns, Base):
    """A broadcast session row."""

    __tablename__ = "broadcast_session"
    __table_args__ = (dirty_index("broadcast_session"),)

    title: Mapped[str] = mapped_column(String(200))
    scheduled_start: Mapped[datetime | None]
    planned_minutes: Mapped[int] = mapped_column(Integer, default=0)
    location: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    rehearsal: Mapped[bool] = mapped_column(Boolean, default=False, server_default=FALSE)
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]


class GuestRow(SyncColumns, Base):
    """A guest of a session, in display order."""

    __tablename__ = "guest"
    __table_args__ = (dirty_index("guest"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("broadcast_session.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")


class AgendaItemRow(SyncColumns, Base):
    """An agenda item, in run-of-show order."""

    __tablename__ = "agenda_item"
    __table_args__ = (dirty_index("agenda_item"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("broadcast_session.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    planned_minutes: Mapped[int] = mapped_column(Integer, default=0)
    scene_name: Mapped[str] = mapped_column(String(200), default="")
    speaker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("guest.id"))
    notes: Mapped[str] = mapped_column(Text, default="")


class QuestionRow(SyncColumns, Base):
    """A resident's question."""

    __tablename__ = "question"
    __table_args__ = (dirty_index("question"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("broadcast_session.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    display_text: Mapped[str] = mapped_column(Text)
    asker: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    channel: Mapped[str] = mapped_column(String(30))
    category: Mapped[str] = mapped_column(String(100), default="")
    received_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(20))
    rejection_reason: Mapped[str | None] = mapped_column(String(30))
    rejection_note: Mapped[str] = mapped_column(Text, default="")
    merged_into: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("question.id"))
    ask_count: Mapped[int] = mapped_column(Integer, default=1)
    queue_position: Mapped[int | None] = mapped_column(Integer)
    sensitive_override: Mapped[bool] = mapped_column(Boolean, default=False, server_default=FALSE)
    updated_at: Mapped[datetime]


class AnswerRow(SyncColumns, Base):
    """An answer summary."""

    __tablename__ = "answer"
    __table_args__ = (dirty_index("answer"),)

    question_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("question.id"), index=True)
    summary: Mapped[str] = mapped_column(Text)
    answered_by: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]


class QuestionAiringRow(SyncColumns, Base):
    """One stretch of time a question was on air, with the outputs' timecodes at its ends."""

    __tablename__ = "question_airing"
    __table_args__ = (dirty_index("question_airing"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("broadcast_session.id"), index=True)
    question_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("question.id"), index=True)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    start_record_ms: Mapped[int | None] = mapped_column(BigInteger)
    start_stream_ms: Mapped[int | None] = mapped_column(BigInteger)
    end_record_ms: Mapped[int | None] = mapped_column(BigInteger)
    end_stream_ms: Mapped[int | None] = mapped_column(BigInteger)


class FollowUpRow(SyncColumns, Base):
    """A follow-up (promise) row."""

    __tablename__ = "follow_up"
    __table_args__ = (dirty_index("follow_up"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("broadcast_session.id"), index=True)
    question_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("question.id"))
    promise: Mapped[str] = mapped_column(Text)
    lead_department_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("department.id"))
    supporting_department_ids: Mapped[dict[str, Any]]
    responsible_person: Mapped[str] = mapped_column(String(200), default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    resident_contact: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]


class FollowUpEventRow(SyncColumns, Base):
    """An append-only follow-up event."""

    __tablename__ = "follow_up_event"
    __table_args__ = (dirty_index("follow_up_event"),)

    follow_up_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("follow_up.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    #: The archive's order of the event once pulled back (NULL until then); local only.
    server_seq: Mapped[int | None] = mapped_column(BigInteger)


class AuditRow(SyncColumns, Base):
    """An append-only audit trail entry."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        dirty_index("audit_entry"),
        Index("ix_audit_entry_entity", "entity", "entity_id"),
    )

    at: Mapped[datetime]
    operator: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[uuid.UUID]
    session_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]


class OutputRunRow(SyncColumns, Base):
    """One recording or stream run of a session (OBS STARTED to STOPPED)."""

    __tablename__ = "output_run"
    __table_args__ = (dirty_index("output_run"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("broadcast_session.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime]
    stopped_at: Mapped[datetime | None]
    # Text: recording paths on Windows can be long, and nothing is gained by truncating them.
    path: Mapped[str] = mapped_column(Text, default="")
    interrupted: Mapped[bool] = mapped_column(Boolean, default=False)


class AgendaMarkRow(SyncColumns, Base):
    """The moment an agenda item went on air, with the outputs' timecodes."""

    __tablename__ = "agenda_mark"
    __table_args__ = (dirty_index("agenda_mark"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("broadcast_session.id"), index=True)
    agenda_item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agenda_item.id"))
    at: Mapped[datetime]
    # BigInteger: PostgreSQL's 32-bit integer would overflow after 24.8 days of milliseconds.
    record_ms: Mapped[int | None] = mapped_column(BigInteger)
    stream_ms: Mapped[int | None] = mapped_column(BigInteger)
    scene_name: Mapped[str] = mapped_column(String(200), default="")
