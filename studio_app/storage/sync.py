"""Sync bookkeeping in the local store: dirty rows out, acknowledgements and pulled rows in.

The rules are SYNC_DESIGN.md's: a row is sent while ``dirty``; the flag is cleared only where
the row still has the version (``hlc``) that was acknowledged, so an edit made meanwhile is
sent again; refused rows are parked at that version; pulled rows and the pull cursor are
written in one transaction.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    func,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from studio_app.domain.ids import HybridLogicalClock, utc_now, uuid7
from studio_app.domain.sync import (
    TABLES_BY_NAME,
    WIRE_TABLES,
    ColumnType,
    Outcome,
    PullCursor,
    RowResult,
    WireTable,
)
from studio_app.storage.models import Base, SyncRejectedRow
from studio_app.storage.repositories import SettingsRepository

log = logging.getLogger(__name__)

CURSOR_KEY = "sync_pull_cursor"
DEVICE_KEY = "sync_device_id"
LAST_SUCCESS_KEY = "sync_last_success"

#: A row on the wire: its table and its values.
WireRow = tuple[str, dict[str, Any]]

#: The column that lets the operator recognise a parked row of each table.
_SUMMARY_COLUMN = {
    "studio": "name",
    "department": "name",
    "broadcast_session": "title",
    "guest": "name",
    "agenda_item": "title",
    "question": "text",
    "answer": "summary",
    "question_airing": "started_at",
    "follow_up": "promise",
    "follow_up_event": "text",
    "audit_entry": "action",
    "output_run": "path",
    "agenda_mark": "scene_name",
}
_SUMMARY_LENGTH = 60


@dataclass(frozen=True, slots=True)
class AckSummary:
    """What an acknowledgement changed here."""

    cleared: int = 0
    #: Rows the archive held newer: re-stamped, still dirty, sent again next round.
    restamped: int = 0
    parked: int = 0


@dataclass(frozen=True, slots=True)
class ApplySummary:
    """What applying a pull wrote here."""

    received: int = 0
    #: Rows written (new, or newer than the copy here).
    applied: int = 0
    #: Department replies and status changes not seen here before.
    department_events: int = 0
    #: Rows left out because their parent row is missing (logged).
    orphans: int = 0


@dataclass(frozen=True, slots=True)
class ParkedEntry:
    """A parked row as the store knows it."""

    table: str
    id: uuid.UUID
    reason: str
    detail: str
    first_seen: datetime
    summary: str


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _local_only(table: Table) -> ColumnElement[bool]:
    """Rows that never leave this PC: those of rehearsal copies (practice, not the record)."""
    sessions = _table("broadcast_session")
    rehearsals = select(sessions.c.id).where(sessions.c.rehearsal.is_(True))
    if table.name == "broadcast_session":
        return sessions.c.rehearsal.is_(True)
    if "session_id" in table.c:
        column = table.c.session_id
        return and_(column.is_not(None), column.in_(rehearsals))
    if table.name == "answer":
        questions = _table("question")
        return table.c.question_id.in_(
            select(questions.c.id).where(questions.c.session_id.in_(rehearsals))
        )
    if table.name == "follow_up_event":
        follow_ups = _table("follow_up")
        return table.c.follow_up_id.in_(
            select(follow_ups.c.id).where(follow_ups.c.session_id.in_(rehearsals))
        )
    return literal(False)


def _parked(table: Table) -> ColumnElement[bool]:
    parked = _table("sync_rejected")
    return exists().where(
        parked.c.table_name == table.name,
        parked.c.row_id == table.c.id,
        parked.c.hlc == table.c.hlc,
    )


def _to_wire(value: Any, kind: ColumnType) -> Any:
    if value is None:
        return None
    if kind is ColumnType.UUID:
        return str(value)
    if kind is ColumnType.DATETIME or kind is ColumnType.DATE:
        return value.isoformat()
    if kind is ColumnType.BOOL:
        return bool(value)
    return value


def _from_wire(value: Any, kind: ColumnType) -> Any:
    if value is None:
        return None
    if kind is ColumnType.UUID:
        return uuid.UUID(value)
    if kind is ColumnType.DATETIME:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("naive datetime on the wire")
        return parsed
    if kind is ColumnType.DATE:
        return date.fromisoformat(value)
    if kind is ColumnType.BOOL:
        return bool(value)
    if kind is ColumnType.INT:
        return int(value)
    return value


class SyncRepository:
    """Sync bookkeeping across every synced table (one transaction's worth)."""

    def __init__(self, session: Session, clock: HybridLogicalClock) -> None:
        self._s = session
        self._clock = clock
        self._settings = SettingsRepository(session)

    # ------------------------------------------------------------------ clock and settings
    def highest_hlc(self) -> int | None:
        """The largest HLC stored in any synced table (``None`` for an empty store)."""
        tops = [self._s.scalar(select(func.max(_table(t.name).c.hlc))) for t in WIRE_TABLES]
        values = [int(top) for top in tops if top is not None]
        return max(values) if values else None

    def cursor(self) -> PullCursor:
        """Where the next pull starts (the start, before the first pull)."""
        return PullCursor.parse(self._settings.get(CURSOR_KEY))

    def device_id(self) -> uuid.UUID:
        """This database's device id for the archive's records (made on first use)."""
        stored = self._settings.get(DEVICE_KEY)
        if stored is not None:
            return uuid.UUID(stored)
        made = uuid7()
        self._settings.set(DEVICE_KEY, str(made))
        return made

    def last_success(self) -> datetime | None:
        """When a sync last finished successfully."""
        stored = self._settings.get(LAST_SUCCESS_KEY)
        return datetime.fromisoformat(stored) if stored else None

    def set_last_success(self, at: datetime) -> None:
        """Record a finished sync."""
        self._settings.set(LAST_SUCCESS_KEY, at.isoformat())

    # ------------------------------------------------------------------ pushing
    def _sendable(self, table: Table, studio_id: uuid.UUID) -> list[ColumnElement[bool]]:
        return [
            # "dirty = 1" literally: it is what lets SQLite use the partial index.
            table.c.dirty == true(),
            table.c.studio_id == studio_id,
            ~_local_only(table),
            ~_parked(table),
        ]

    def pending_count(self, studio_id: uuid.UUID) -> int:
        """Rows waiting for the archive's acknowledgement (not parked or local-only ones)."""
        total = 0
        for wire in WIRE_TABLES:
            table = _table(wire.name)
            query = select(func.count()).select_from(table)
            total += self._s.scalar(query.where(*self._sendable(table, studio_id))) or 0
        return total

    def dirty_batch(self, studio_id: uuid.UUID, limit: int) -> list[WireRow]:
        """Up to ``limit`` rows to send, parents' tables first, each table in HLC order."""
        batch: list[WireRow] = []
        for wire in WIRE_TABLES:
            if len(batch) >= limit:
                break
            table = _table(wire.name)
            columns = [table.c[name] for name in wire.column_names]
            query = (
                select(*columns)
                .where(*self._sendable(table, studio_id))
                .order_by(table.c.hlc)
                .limit(limit - len(batch))
            )
            kinds = [c.type for c in wire.columns]
            names = wire.column_names
            for row in self._s.execute(query):
                values = {
                    name: _to_wire(value, kind)
                    for name, value, kind in zip(names, row, kinds, strict=True)
                }
                batch.append((wire.name, values))
        return batch

    def acknowledge(self, results: Iterable[RowResult]) -> AckSummary:
        """Apply the archive's per-row answers to a push.

        ``applied`` clears ``dirty`` only where the row still has the version sent; ``stale``
        (the archive has a newer version than this PC believes possible, e.g. after a restore
        from an old backup) re-stamps the row past the archive's version so it is sent again
        and the operator's edit is not lost; ``rejected`` parks the row at that version.
        """
        cleared: dict[str, list[dict[str, Any]]] = {}
        stale: dict[str, list[dict[str, Any]]] = {}
        parked: list[RowResult] = []
        for result in results:
            if result.outcome is Outcome.APPLIED:
                cleared.setdefault(result.table, []).append(
                    {"b_id": result.id, "b_hlc": result.hlc}
                )
            elif result.outcome is Outcome.STALE:
                if result.server_hlc is not None:
                    self._clock.observe(result.server_hlc)
                stale.setdefault(result.table, []).append(
                    {"b_id": result.id, "b_hlc": result.hlc, "b_new": 0}
                )
            else:
                parked.append(result)
        count_cleared = count_stale = 0
        for name, params in cleared.items():
            table = _table(name)
            statement = (
                update(table)
                .where(table.c.id == bindparam("b_id"), table.c.hlc == bindparam("b_hlc"))
                .values(dirty=False)
            )
            count_cleared += self._executemany(statement, params)
        for name, params in stale.items():
            table = _table(name)
            for param in params:
                param["b_new"] = self._clock.now()
            statement = (
                update(table)
                .where(
                    table.c.id == bindparam("b_id"),
                    table.c.hlc == bindparam("b_hlc"),
                    table.c.dirty.is_(True),
                )
                .values(hlc=bindparam("b_new"))
            )
            restamped = self._executemany(statement, params)
            if restamped:
                log.warning("archive had newer versions of %d %s rows: re-sent", restamped, name)
            count_stale += restamped
        now = utc_now()
        for result in parked:
            self._park(result, now)
        self._prune_parked()
        return AckSummary(count_cleared, count_stale, len(parked))

    def _executemany(self, statement: Any, params: list[dict[str, Any]]) -> int:
        result = self._s.connection().execute(statement, params)
        return max(int(result.rowcount), 0)

    def _park(self, result: RowResult, now: datetime) -> None:
        reason = result.reason.value if result.reason is not None else "rejected"
        table = _table("sync_rejected")
        statement = sqlite_insert(table).values(
            table_name=result.table,
            row_id=result.id,
            hlc=result.hlc,
            reason=reason,
            detail="",
            first_seen=now,
            last_seen=now,
        )
        statement = statement.on_conflict_do_update(
            index_elements=["table_name", "row_id"],
            set_={
                "hlc": statement.excluded.hlc,
                "reason": statement.excluded.reason,
                "last_seen": statement.excluded.last_seen,
            },
        )
        self._s.execute(statement)
        log.warning("archive refused %s row %s (%s): parked", result.table, result.id, reason)

    def _prune_parked(self) -> None:
        """Forget parked entries whose row has moved on (edited, or replaced by a pull)."""
        parked = _table("sync_rejected")
        for wire in WIRE_TABLES:
            table = _table(wire.name)
            still = exists().where(
                table.c.id == parked.c.row_id,
                table.c.hlc == parked.c.hlc,
                table.c.dirty.is_(True),
            )
            self._s.execute(delete(parked).where(parked.c.table_name == wire.name, ~still))

    def parked_count(self) -> int:
        """Rows the archive refused that wait for the operator."""
        return self._s.scalar(select(func.count()).select_from(SyncRejectedRow)) or 0

    def parked(self) -> list[ParkedEntry]:
        """The parked rows, oldest refusal first, each with a few words to recognise it."""
        entries = []
        rows = self._s.scalars(
            select(SyncRejectedRow).order_by(SyncRejectedRow.first_seen, SyncRejectedRow.row_id)
        )
        for row in rows:
            table = _table(row.table_name) if row.table_name in TABLES_BY_NAME else None
            summary = ""
            if table is not None:
                value = self._s.scalar(
                    select(table.c[_SUMMARY_COLUMN[row.table_name]]).where(table.c.id == row.row_id)
                )
                summary = "" if value is None else str(value)
                if len(summary) > _SUMMARY_LENGTH:
                    summary = summary[: _SUMMARY_LENGTH - 1] + "…"
            entries.append(
                ParkedEntry(
                    row.table_name, row.row_id, row.reason, row.detail, row.first_seen, summary
                )
            )
        return entries

    def retry_parked(self) -> int:
        """Un-park every refused row: the next sync sends them again."""
        count = self.parked_count()
        self._s.execute(delete(SyncRejectedRow))
        return count

    # ------------------------------------------------------------------ pulling
    def apply_pulled(
        self, rows: Sequence[WireRow], cursor: PullCursor, studio_id: uuid.UUID
    ) -> ApplySummary:
        """Write pulled rows and the new cursor (the caller's transaction makes it atomic).

        A row replaces the copy here unless the copy is newer (a pending local edit wins and
        is pushed later); a copy at the same version is marked clean, which also settles a
        push whose acknowledgement was lost. A row whose parent is missing here is left out
        and logged: the pull cannot otherwise commit, and one bad row must not stop sync.
        """
        by_table: dict[str, list[dict[str, Any]]] = {}
        skipped = 0
        top = 0
        for name, values in rows:
            wire = TABLES_BY_NAME.get(name)
            if wire is None:
                skipped += 1
                log.warning("pulled a row of unknown table %r: skipped", name)
                continue
            try:
                parsed = {c.name: _from_wire(values[c.name], c.type) for c in wire.columns}
            except (KeyError, ValueError, TypeError, AttributeError) as exc:
                skipped += 1
                log.warning("pulled %s row is malformed (%s): skipped", name, exc)
                continue
            if wire.name == "follow_up_event":
                seq = values.get("server_seq")
                parsed["server_seq"] = int(seq) if isinstance(seq, int) else None
            top = max(top, parsed["hlc"])
            by_table.setdefault(name, []).append(parsed)
        if top:
            self._clock.observe(top)

        present: dict[str, set[uuid.UUID]] = {n: {r["id"] for r in v} for n, v in by_table.items()}
        department_events = self._new_department_events(by_table.get("follow_up_event", []))
        applied = 0
        for wire in WIRE_TABLES:
            batch = by_table.get(wire.name)
            if not batch:
                continue
            batch, orphans = self._drop_orphans(wire, batch, present)
            skipped += orphans
            if batch:
                applied += self._upsert(wire, batch)
        self._settings.set(CURSOR_KEY, str(cursor))
        self._prune_parked()
        return ApplySummary(len(rows), applied, department_events, skipped)

    def _new_department_events(self, events: list[dict[str, Any]]) -> int:
        ids = [e["id"] for e in events if e.get("origin") == "department"]
        if not ids:
            return 0
        table = _table("follow_up_event")
        known: set[uuid.UUID] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            known.update(self._s.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
        return len(set(ids) - known)

    def _drop_orphans(
        self,
        wire: WireTable,
        batch: list[dict[str, Any]],
        present: dict[str, set[uuid.UUID]],
    ) -> tuple[list[dict[str, Any]], int]:
        """Leave out rows whose parent is neither pulled with them nor stored here."""
        table = _table(wire.name)
        kept = batch
        for fk in table.foreign_keys:
            column = fk.parent.name
            parent = fk.column.table
            wanted = {r[column] for r in kept if r[column] is not None}
            missing = wanted - present.get(parent.name, set())
            if not missing:
                continue
            found: set[uuid.UUID] = set()
            listed = list(missing)
            for start in range(0, len(listed), 500):
                chunk = listed[start : start + 500]
                found.update(self._s.scalars(select(parent.c.id).where(parent.c.id.in_(chunk))))
            gone = missing - found
            if gone:
                before = len(kept)
                kept = [r for r in kept if r[column] not in gone]
                log.warning(
                    "pulled %d %s rows whose %s is missing here: left out",
                    before - len(kept),
                    wire.name,
                    column,
                )
                present[wire.name] = {r["id"] for r in kept}
        return kept, len(batch) - len(kept)

    def _upsert(self, wire: WireTable, batch: list[dict[str, Any]]) -> int:
        """Write the rows that change something here; return how many were new or newer.

        Rows this PC already holds at the same version (its own rows coming back) are
        skipped, unless the copy here still waits for an acknowledgement: then the pull is
        the acknowledgement. Events also take the archive's order.
        """
        table = _table(wire.name)
        is_events = wire.name == "follow_up_event"
        held: dict[uuid.UUID, tuple[int, bool, int | None]] = {}
        ids = [row["id"] for row in batch]
        columns: list[Any] = [table.c.id, table.c.hlc, table.c.dirty]
        columns.append(table.c.server_seq if is_events else literal(None))
        for start in range(0, len(ids), 500):
            query = select(*columns).where(table.c.id.in_(ids[start : start + 500]))
            for row_id, hlc, dirty, seq in self._s.execute(query):
                held[row_id] = (int(hlc), bool(dirty), seq)
        writes: list[dict[str, Any]] = []
        changed = 0
        for row in batch:
            found = held.get(row["id"])
            if found is None or found[0] < row["hlc"]:
                changed += 1
            elif found[0] > row["hlc"]:
                continue  # the copy here is newer: a pending edit, pushed later
            elif not found[1] and not (is_events and found[2] != row.get("server_seq")):
                continue  # already held at this version
            writes.append({**row, "dirty": False})
        if not writes:
            return changed
        names = [*wire.column_names, *(["server_seq"] if is_events else [])]
        statement = sqlite_insert(table)
        updates: dict[str, Any] = {n: statement.excluded[n] for n in names if n != "id"}
        updates["dirty"] = False
        statement = statement.on_conflict_do_update(
            index_elements=["id"],
            set_=updates,
            where=table.c.hlc <= statement.excluded.hlc,
        )
        self._s.connection().execute(statement, writes)
        return changed


__all__ = ["AckSummary", "ApplySummary", "ParkedEntry", "SyncRepository", "WireRow"]
