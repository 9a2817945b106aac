"""Archive sync: the wire format the studio and the county archive share, and sync's outcomes.

Both ends import this module (the archive service lives in ``studio_app.archive``). A row on
the wire is a JSON object of column name → value: UUIDs as canonical strings, times as ISO 8601
with an offset, dates as ``YYYY-MM-DD``, JSON columns as JSON. SYNC_DESIGN.md has the design.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

#: Raised when the wire format changes incompatibly; the archive refuses other versions.
PROTOCOL_VERSION = 1
#: Owner id of the county's own rows (its department list): readable by every studio.
COUNTY_STUDIO_ID = uuid.UUID(int=0)
#: Rows per push request, and the most a pull page carries.
PUSH_CHUNK = 500
PULL_PAGE = 2000
#: What the archive accepts in one request (rows, bytes); more is refused with 413.
MAX_PUSH_ROWS = 5000
MAX_BODY_BYTES = 16 * 1024 * 1024
#: Longest text value accepted in one column (a long answer is a few thousand characters).
MAX_TEXT = 100_000


class ColumnType(StrEnum):
    """How a column's value is written on the wire."""

    UUID = "uuid"
    INT = "int"
    BOOL = "bool"
    TEXT = "text"
    DATETIME = "datetime"
    DATE = "date"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Column:
    """One wire column."""

    name: str
    type: ColumnType
    nullable: bool = False


def _cols(*spec: str) -> tuple[Column, ...]:
    """Columns from ``"name:type"`` with a trailing ``?`` for nullable."""
    out = []
    for item in spec:
        name, kind = item.split(":")
        nullable = kind.endswith("?")
        out.append(Column(name, ColumnType(kind.rstrip("?")), nullable))
    return tuple(out)


#: The columns every synced table has (``dirty`` is local only and never sent).
COMMON_COLUMNS = _cols("id:uuid", "studio_id:uuid", "hlc:int", "deleted:bool")


@dataclass(frozen=True, slots=True)
class WireTable:
    """A synced table: its columns and how the archive applies it."""

    name: str
    columns: tuple[Column, ...]
    #: Rows are inserted once and never changed (``INSERT … ON CONFLICT DO NOTHING``).
    append_only: bool = False
    column_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


def _table(name: str, *spec: str, append_only: bool = False) -> WireTable:
    return WireTable(name, COMMON_COLUMNS + _cols(*spec), append_only)


#: Every synced table, parents before children: the order rows are pushed and applied in.
WIRE_TABLES: tuple[WireTable, ...] = (
    _table("studio", "name:text", "region:text"),
    _table("department", "name:text", "code:text", "active:bool"),
    _table(
        "broadcast_session",
        "title:text", "scheduled_start:datetime?", "planned_minutes:int", "location:text",
        "description:text", "status:text", "created_at:datetime", "updated_at:datetime",
        "rehearsal:bool", "started_at:datetime?", "ended_at:datetime?",
    ),
    _table(
        "guest", "session_id:uuid", "position:int", "name:text", "title:text", "department:text"
    ),
    _table(
        "agenda_item",
        "session_id:uuid", "position:int", "title:text", "planned_minutes:int",
        "scene_name:text", "speaker_id:uuid?", "notes:text",
    ),
    _table(
        "question",
        "session_id:uuid", "text:text", "display_text:text", "asker:text", "phone:text",
        "channel:text", "category:text", "received_at:datetime", "state:text",
        "rejection_reason:text?", "rejection_note:text", "merged_into:uuid?", "ask_count:int",
        "queue_position:int?", "sensitive_override:bool", "updated_at:datetime",
    ),
    _table(
        "answer",
        "question_id:uuid", "summary:text", "answered_by:text", "role:text", "department:text",
        "created_at:datetime",
    ),
    _table(
        "question_airing",
        "session_id:uuid", "question_id:uuid", "started_at:datetime", "ended_at:datetime?",
        "start_record_ms:int?", "start_stream_ms:int?", "end_record_ms:int?",
        "end_stream_ms:int?",
    ),
    _table(
        "follow_up",
        "session_id:uuid", "question_id:uuid?", "promise:text", "lead_department_id:uuid",
        "supporting_department_ids:json", "responsible_person:text", "deadline:date?",
        "resident_contact:text", "created_at:datetime",
    ),
    _table(
        "follow_up_event",
        "follow_up_id:uuid", "kind:text", "status:text?", "text:text", "author:text",
        "origin:text", "at:datetime",
        append_only=True,
    ),
    _table(
        "audit_entry",
        "at:datetime", "operator:text", "action:text", "entity:text", "entity_id:uuid",
        "session_id:uuid?", "before:json?", "after:json?",
        append_only=True,
    ),
    _table(
        "output_run",
        "session_id:uuid", "kind:text", "started_at:datetime", "stopped_at:datetime?",
        "path:text", "interrupted:bool",
    ),
    _table(
        "agenda_mark",
        "session_id:uuid", "agenda_item_id:uuid", "at:datetime", "record_ms:int?",
        "stream_ms:int?", "scene_name:text",
    ),
)  # fmt: skip

TABLES_BY_NAME: dict[str, WireTable] = {t.name: t for t in WIRE_TABLES}
TABLE_ORDER: dict[str, int] = {t.name: i for i, t in enumerate(WIRE_TABLES)}


class Outcome(StrEnum):
    """What the archive did with one pushed row."""

    #: Stored (or already stored at exactly this version: a retried or doubled request).
    APPLIED = "applied"
    #: The archive holds a newer version of the row.
    STALE = "stale"
    #: Refused: the row cannot be stored as sent (see :class:`RejectReason`).
    REJECTED = "rejected"


class RejectReason(StrEnum):
    """Why the archive refused a row (the studio parks it and shows it)."""

    #: The row names another studio than the caller's.
    NOT_YOURS = "not_yours"
    #: A value is missing, of the wrong type or too long.
    INVALID = "invalid"
    #: The id is taken by a row the caller may not change.
    CONFLICT = "conflict"
    #: The table is not one this caller may write.
    READ_ONLY = "read_only"


class CellError(ValueError):
    """A wire value that does not fit its column."""


def check_row(table: WireTable, row: object) -> dict[str, Any]:
    """Return ``row`` if it is a complete, well-typed wire row of ``table``; raise otherwise.

    Raises:
        CellError: Naming the first column that is missing, unknown or ill-typed.
    """
    if not isinstance(row, dict):
        raise CellError("row is not an object")
    unknown = set(row) - set(table.column_names)
    if unknown:
        raise CellError(f"unknown column {sorted(unknown)[0]}")
    for column in table.columns:
        if column.name not in row:
            raise CellError(f"missing column {column.name}")
        _check_cell(column, row[column.name])
    if row["hlc"] <= 0:
        raise CellError("hlc must be positive")
    return row


def _check_cell(column: Column, value: object) -> None:
    if value is None:
        if not column.nullable:
            raise CellError(f"{column.name} is required")
        return
    kind = column.type
    ok: bool
    if kind is ColumnType.INT:
        ok = type(value) is int and -(2**63) <= value < 2**63
    elif kind is ColumnType.BOOL:
        ok = type(value) is bool
    elif kind is ColumnType.TEXT:
        ok = isinstance(value, str) and len(value) <= MAX_TEXT and "\x00" not in value
    elif kind is ColumnType.UUID:
        ok = isinstance(value, str) and _parses(uuid.UUID, value)
    elif kind is ColumnType.DATETIME:
        ok = isinstance(value, str) and _aware(value)
    elif kind is ColumnType.DATE:
        ok = isinstance(value, str) and _parses(date.fromisoformat, value)
    else:  # JSON: anything JSON can carry, but no NUL (PostgreSQL's jsonb refuses it)
        ok = _json_without_nul(value)
    if not ok:
        raise CellError(f"{column.name} is not a valid {kind.value}")


def _json_without_nul(value: object) -> bool:
    """True if ``value`` is JSON data with no NUL in any key or string."""
    if isinstance(value, str):
        return "\x00" not in value
    if isinstance(value, dict):
        return all(
            isinstance(key, str) and "\x00" not in key and _json_without_nul(item)
            for key, item in value.items()
        )
    if isinstance(value, list):
        return all(_json_without_nul(item) for item in value)
    return value is None or isinstance(value, bool | int | float)


def _parses(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except (ValueError, TypeError):
        return False
    return True


def _aware(value: str) -> bool:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return False
    return parsed.tzinfo is not None and 1 <= parsed.year <= 9999


@dataclass(frozen=True, slots=True)
class RowResult:
    """The archive's answer for one pushed row."""

    table: str
    id: uuid.UUID
    hlc: int
    outcome: Outcome
    reason: RejectReason | None = None
    #: For ``stale``: the version the archive holds.
    server_hlc: int | None = None


@dataclass(frozen=True, slots=True)
class PullCursor:
    """Where the next pull starts: after row ``seq`` of transaction ``txid``.

    Transaction ids, not sequence numbers, follow commit order (SYNC_DESIGN.md): the archive
    serves only transactions older than its snapshot's xmin, all of which have finished.
    """

    txid: int = 0
    seq: int = 0

    def __str__(self) -> str:
        return f"{self.txid}:{self.seq}"

    @classmethod
    def parse(cls, text: str | None) -> PullCursor:
        """Parse ``"txid:seq"``; ``None`` or ``""`` is the start (everything)."""
        if not text:
            return cls()
        txid, _, seq = text.partition(":")
        value = cls(int(txid), int(seq or 0))
        if value.txid < 0 or value.seq < 0:
            raise ValueError(text)
        return value
