"""Migrations: no drift between models and scripts, upgrades from every past revision with data."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from studio_app.domain.audit import AuditEntry
from studio_app.domain.broadcast import AgendaMark, OutputKind, OutputRun
from studio_app.domain.followups import (
    EventKind,
    EventOrigin,
    FollowUp,
    FollowUpEvent,
    FollowUpStatus,
)
from studio_app.domain.ids import uuid7
from studio_app.domain.questions import Answer, Channel, Question, QuestionState
from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest, SessionStatus
from studio_app.storage import migrate
from studio_app.storage.engine import create_sqlite_engine
from studio_app.storage.errors import NewerDatabaseError
from studio_app.storage.models import Base
from studio_app.storage.store import BACKUP_DIR_NAME, Store
from tests.storage.storage_helpers import CST, db_path, populate_everything, raw, sha256

HEAD = migrate.head_revision()
PAST_REVISIONS = [
    script.revision
    for script in migrate.script_directory().walk_revisions()
    if script.revision != HEAD
]


def assert_no_drift(store: Store) -> None:
    with store._engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_models_and_migrations_do_not_drift(store: Store) -> None:
    assert_no_drift(store)


def test_there_is_a_past_revision_to_upgrade_from() -> None:
    # Guards the parametrised test below against silently running zero cases.
    assert PAST_REVISIONS
    assert HEAD not in PAST_REVISIONS


def create_at_revision(path: Path, revision: str) -> None:
    """Create a database at ``revision`` the way the app's upgrade does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with engine.begin() as connection:
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def stamp(value: datetime) -> str:
    """A datetime the way the store writes it on SQLite: naive UTC with microseconds."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def insert(connection: sqlite3.Connection, table: str, **values: Any) -> None:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values()))


@dataclass
class OldRows:
    """What an older app version left in the database, as domain objects."""

    session: BroadcastSession
    removed_guest: uuid.UUID
    department_id: uuid.UUID
    # Written only where the revision has the tables (0002 and later).
    questions: list[Question] = field(default_factory=list)
    answer: Answer | None = None
    follow_up: FollowUp | None = None
    events: list[FollowUpEvent] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)


def populate_old_database(path: Path, studio_id: uuid.UUID) -> OldRows:
    """Write rows with plain SQL, as an older app version left them; return what they mean.

    Every table the database's revision has gets rows, so each past revision's upgrade is
    tested with data in all of its tables.
    """
    mayor = Guest(uuid7(), "张伟", "镇长", "青山镇人民政府")
    farmer = Guest(uuid7(), "李娜 👩‍🌾", "主任", "农业农村办")
    removed = uuid7()
    session = BroadcastSession(
        id=uuid7(),
        studio_id=studio_id,
        title="村民议事厅 第1期 🎤",
        scheduled_start=datetime(2024, 12, 1, 19, 30, 0, 250000, tzinfo=CST),
        planned_minutes=60,
        location="村委会",
        description="旧版本创建的节目",
        status=SessionStatus.ENDED,
        guests=(farmer, mayor),
        agenda=(
            AgendaItem(uuid7(), "开场 🎬", 5, "Opening"),
            AgendaItem(uuid7(), "政策解读", 25, "Main", mayor.id, "医保"),
        ),
        created_at=datetime(2024, 11, 20, 8, 0, 0, 1, tzinfo=UTC),
        updated_at=datetime(2024, 12, 1, 12, 0, 0, 999999, tzinfo=UTC),
    )
    hlc = 1_732_000_000_000 << 16
    sync = {"studio_id": studio_id.hex, "deleted": 0, "dirty": 1}
    old = OldRows(session, removed, uuid7())
    with raw(path) as connection:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        connection.execute("BEGIN")
        insert(connection, "local_setting", key="local_studio_id", value=str(studio_id))
        insert(connection, "studio", id=studio_id.hex, name="青山村演播室", region="青山镇",
               **{**sync, "hlc": hlc})  # fmt: skip
        insert(connection, "broadcast_session", id=session.id.hex, title=session.title,
               scheduled_start=stamp(session.scheduled_start or session.created_at),
               planned_minutes=session.planned_minutes, location=session.location,
               description=session.description, status=session.status.value,
               created_at=stamp(session.created_at), updated_at=stamp(session.updated_at),
               **sync, hlc=hlc + 1)  # fmt: skip
        for position, guest in enumerate((*session.guests, Guest(removed, "已删除的嘉宾"))):
            insert(connection, "guest", id=guest.id.hex, session_id=session.id.hex,
                   position=position, name=guest.name, title=guest.title,
                   department=guest.department, hlc=hlc + 2 + position,
                   **{**sync, "deleted": int(guest.id == removed)})  # fmt: skip
        for position, item in enumerate(session.agenda):
            insert(connection, "agenda_item", id=item.id.hex, session_id=session.id.hex,
                   position=position, title=item.title, planned_minutes=item.planned_minutes,
                   scene_name=item.scene_name,
                   speaker_id=item.speaker_id.hex if item.speaker_id else None,
                   notes=item.notes, hlc=hlc + 10 + position, **sync)  # fmt: skip
        assert "department" in tables
        insert(connection, "department", id=old.department_id.hex, name="交通运输局", code="JT",
               active=1, **sync, hlc=hlc + 20)  # fmt: skip
        if "question" in tables:  # revision 0002
            _populate_0002(connection, old, studio_id, hlc + 30)
        connection.execute("COMMIT")
    return old


def _populate_0002(
    connection: sqlite3.Connection, old: OldRows, studio_id: uuid.UUID, hlc: int
) -> None:
    """Questions, an answer, a follow-up with events and audit entries, as 0002 stored them."""
    session = old.session
    sync = {"studio_id": studio_id.hex, "deleted": 0, "dirty": 1}
    answered = Question(
        id=uuid7(), studio_id=studio_id, session_id=session.id, text="村口路灯坏了三个月 💡",
        display_text="村口路灯什么时候修", asker="王大爷", phone="13800001234",
        channel=Channel.HOTLINE, category="道路交通",
        received_at=datetime(2024, 12, 1, 11, 40, 0, 1, tzinfo=UTC),
        state=QuestionState.ANSWERED, ask_count=2,
    )  # fmt: skip
    queued = Question(
        id=uuid7(), studio_id=studio_id, session_id=session.id, text="医保怎么报销",
        display_text="医保怎么报销", channel=Channel.ONLINE,
        received_at=datetime(2024, 12, 1, 11, 41, 30, 999999, tzinfo=UTC),
        state=QuestionState.QUEUED, queue_position=0,
    )  # fmt: skip
    old.questions = [answered, queued]
    for n, q in enumerate(old.questions):
        insert(connection, "question", id=q.id.hex, session_id=q.session_id.hex, text=q.text,
               display_text=q.display_text, asker=q.asker, phone=q.phone,
               channel=q.channel.value, category=q.category, received_at=stamp(q.received_at),
               state=q.state.value, rejection_reason=None, rejection_note=q.rejection_note,
               merged_into=None, ask_count=q.ask_count, queue_position=q.queue_position,
               updated_at=stamp(q.received_at), **sync, hlc=hlc + n)  # fmt: skip
    old.answer = Answer(
        uuid7(), studio_id, answered.id, "下周一前修好", "张伟", "镇长", "青山镇人民政府",
        datetime(2024, 12, 1, 11, 45, 0, 500000, tzinfo=UTC),
    )  # fmt: skip
    a = old.answer
    insert(connection, "answer", id=a.id.hex, question_id=a.question_id.hex, summary=a.summary,
           answered_by=a.answered_by, role=a.role, department=a.department,
           created_at=stamp(a.created_at), **sync, hlc=hlc + 5)  # fmt: skip
    old.follow_up = FollowUp(
        id=uuid7(), studio_id=studio_id, session_id=session.id, promise="两周内修好路灯",
        lead_department_id=old.department_id, question_id=answered.id,
        responsible_person="小刘", deadline=date(2024, 12, 15), resident_contact="王大爷",
        created_at=datetime(2024, 12, 1, 11, 46, tzinfo=UTC),
    )  # fmt: skip
    f = old.follow_up
    insert(connection, "follow_up", id=f.id.hex, session_id=f.session_id.hex,
           question_id=answered.id.hex, promise=f.promise,
           lead_department_id=f.lead_department_id.hex, supporting_department_ids=json.dumps([]),
           responsible_person=f.responsible_person, deadline=f.deadline.isoformat() if f.deadline
           else None, resident_contact=f.resident_contact, created_at=stamp(f.created_at),
           **sync, hlc=hlc + 6)  # fmt: skip
    old.events = [
        FollowUpEvent(uuid7(), studio_id, f.id, EventKind.STATUS, "小刘",
                      datetime(2024, 12, 2, 1, 0, tzinfo=UTC), FollowUpStatus.IN_PROGRESS),
        FollowUpEvent(uuid7(), studio_id, f.id, EventKind.REPLY, "交通运输局",
                      datetime(2024, 12, 3, 2, 0, tzinfo=UTC), None, "已派人查看 🔧",
                      EventOrigin.DEPARTMENT),
    ]  # fmt: skip
    for n, e in enumerate(old.events):
        insert(connection, "follow_up_event", id=e.id.hex, follow_up_id=e.follow_up_id.hex,
               kind=e.kind.value, status=e.status.value if e.status else None, text=e.text,
               author=e.author, origin=e.origin.value, at=stamp(e.at), **sync,
               hlc=hlc + 7 + n)  # fmt: skip
    old.audit = [
        AuditEntry(uuid7(), studio_id, datetime(2024, 12, 1, 11, 44, tzinfo=UTC), "主持人",
                   "question.answered", "question", answered.id, session.id,
                   before={"state": "on_air"}, after={"state": "answered", "备注": "✅"}),
    ]  # fmt: skip
    for n, entry in enumerate(old.audit):
        insert(connection, "audit_entry", id=entry.id.hex, at=stamp(entry.at),
               operator=entry.operator, action=entry.action, entity=entry.entity,
               entity_id=entry.entity_id.hex,
               session_id=entry.session_id.hex if entry.session_id else None,
               before=json.dumps(entry.before, ensure_ascii=False, sort_keys=True),
               after=json.dumps(entry.after, ensure_ascii=False, sort_keys=True),
               **sync, hlc=hlc + 10 + n)  # fmt: skip


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, through a read-only connection."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


@pytest.mark.parametrize("revision", PAST_REVISIONS)
def test_upgrade_from_past_revision_keeps_data_and_backs_up(data_dir: Path, revision: str) -> None:
    path = db_path(data_dir)
    create_at_revision(path, revision)
    assert migrate.current_revision(path) == revision
    studio_id = uuid7()
    old = populate_old_database(path, studio_id)
    session = old.session
    before = dump(path)
    if "question" in before:  # 0002 and later: every table has rows
        assert old.questions and old.answer and old.follow_up and old.events and old.audit
    assert before["alembic_version"] == [(revision,)]

    store = Store.open(data_dir)
    try:
        # Data intact, read through the repositories.
        assert store.studio_id == studio_id
        with store.read() as uow:
            assert uow.sessions.get(session.id) == session
            assert uow.studios.get(studio_id).name == "青山村演播室"
            assert [d.name for d in uow.departments.list()] == ["交通运输局"]
            (summary,) = uow.sessions.list()
            assert uow.questions.list_for_session(session.id) == old.questions
            for question in old.questions:
                expected = (
                    old.answer if old.answer and old.answer.question_id == question.id else None
                )
                assert uow.answers.for_question(question.id) == expected
            if old.follow_up is not None:
                assert uow.follow_ups.get(old.follow_up.id) == old.follow_up
                assert uow.follow_ups.events(old.follow_up.id) == old.events
            assert uow.audit.for_session(session.id) == old.audit
            assert uow.broadcast.runs(session.id) == []
            assert uow.broadcast.open_runs() == []
        assert (summary.guest_count, summary.agenda_count) == (2, 2)
        # The upgraded schema is complete and usable with the old rows.
        assert_no_drift(store)
        question = Question.create(studio_id, session.id, "升级后的第一个问题")
        run = OutputRun.start(session.id, OutputKind.STREAM)
        mark = AgendaMark.create(session.id, session.agenda[1].id, stream_ms=0, scene_name="Main")
        with store.write() as uow:
            uow.questions.add(question)
            uow.broadcast.save_run(run)
            uow.broadcast.add_mark(mark)
        with store.read() as uow:
            assert uow.questions.list_for_session(session.id) == [*old.questions, question]
            assert uow.broadcast.runs(session.id) == [run]
            assert uow.broadcast.marks(session.id) == [mark]
    finally:
        store.close()
    assert migrate.current_revision(path) == HEAD
    with raw(path) as connection:
        tombstone = connection.execute(
            "SELECT deleted FROM guest WHERE id = ?", (old.removed_guest.hex,)
        ).fetchone()
        # New rows of an old session belong to the session's studio.
        owners = connection.execute(
            "SELECT studio_id FROM output_run UNION SELECT studio_id FROM agenda_mark"
        ).fetchall()
    assert tombstone == (1,)
    assert owners == [(studio_id.hex,)]

    # The backup is a consistent copy of the database as it was before the upgrade.
    assert store.backup is not None
    assert store.backup.parent == data_dir / BACKUP_DIR_NAME
    assert revision in store.backup.name
    assert list((data_dir / BACKUP_DIR_NAME).iterdir()) == [store.backup]
    with raw(store.backup) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert dump(store.backup) == before

    # A database already at head is opened without another backup.
    again = Store.open(data_dir)
    again.close()
    assert again.backup is None
    assert list((data_dir / BACKUP_DIR_NAME).iterdir()) == [store.backup]


def test_downgrade_from_head_to_the_previous_revision_keeps_the_older_data(
    data_dir: Path,
) -> None:
    previous = migrate.script_directory().get_revision(HEAD).down_revision
    assert isinstance(previous, str)
    reference = data_dir / "reference.db"
    create_at_revision(reference, previous)
    path = db_path(data_dir)
    create_at_revision(path, HEAD)
    old = populate_old_database(path, uuid7())
    store = Store.open(data_dir)
    try:
        run = OutputRun.start(old.session.id, OutputKind.RECORD)
        with store.write() as uow:
            uow.broadcast.save_run(run.stopped(run.started_at, "录像.mkv"))
            uow.broadcast.add_mark(AgendaMark.create(old.session.id, old.session.agenda[0].id))
    finally:
        store.close()
    kept = dump_rows(path)
    assert kept["output_run"] and kept["agenda_mark"]

    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with engine.begin() as connection:
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, previous)
    finally:
        engine.dispose()

    assert migrate.current_revision(path) == previous
    assert schema(path) == schema(reference)
    downgraded = dump_rows(path)
    assert downgraded.pop("alembic_version") == [{"version_num": previous}]
    # Every row survives, with every column the older schema has.
    for table, rows in downgraded.items():
        columns = set(rows[0]) if rows else set()
        assert rows == sorted(
            ({c: v for c, v in row.items() if c in columns} for row in kept[table]), key=repr
        ), table
    # And the app upgrades it again.
    Store.open(data_dir).close()
    assert migrate.current_revision(path) == HEAD


def dump_rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table as column → value, in a stable order."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted((dict(r) for r in connection.execute(f"SELECT * FROM {table}")), key=repr)
            for table in tables
        }
    finally:
        connection.close()


def schema(path: Path) -> dict[str, Any]:
    """Every table's columns, indexes and foreign keys, compared by meaning, not SQL text
    (a batch migration rebuilds a table and SQLite keeps the rebuilt statement's layout)."""
    with raw(path) as connection:
        tables = sorted(
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        )
        result: dict[str, Any] = {}
        for table in tables:
            indexes = {
                name: (unique, [c[2] for c in connection.execute(f"PRAGMA index_info('{name}')")])
                for _seq, name, unique, *_ in connection.execute(f"PRAGMA index_list('{table}')")
            }
            partial = {
                name: sql
                for name, sql in connection.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
                    (table,),
                )
            }
            result[table] = {
                "columns": connection.execute(f"PRAGMA table_info('{table}')").fetchall(),
                "indexes": indexes,
                "index_sql": partial,
                # Without the constraint's number: a rebuilt table numbers them anew.
                "foreign_keys": sorted(
                    row[2:] for row in connection.execute(f"PRAGMA foreign_key_list('{table}')")
                ),
            }
        return result


def test_database_from_a_newer_app_is_refused_untouched(data_dir: Path) -> None:
    store = Store.open(data_dir)
    try:
        populate_everything(store)
    finally:
        store.close()
    path = db_path(data_dir)
    with raw(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    digest = sha256(path)

    with pytest.raises(NewerDatabaseError) as caught:
        Store.open(data_dir)
    assert caught.value.path == path
    assert caught.value.revision == "9999"
    assert sha256(path) == digest
    assert not (data_dir / BACKUP_DIR_NAME).exists()
    # The refusal released the instance lock: the folder is not reported as in use.
    with pytest.raises(NewerDatabaseError):
        Store.open(data_dir)
    assert sha256(path) == digest


def test_old_backups_are_pruned_to_the_newest_ones(data_dir: Path) -> None:
    backups = data_dir / BACKUP_DIR_NAME
    backups.mkdir(parents=True)
    old = []
    for day in range(1, migrate.BACKUPS_KEPT + 3):
        name = f"studio-202401{day:02d}T000000000000Z-rev{PAST_REVISIONS[-1]}.db"
        (backups / name).write_bytes(b"an old backup")
        old.append(backups / name)
    unrelated = backups / "README.txt"
    unrelated.write_text("not a backup", encoding="utf-8")

    create_at_revision(db_path(data_dir), PAST_REVISIONS[-1])
    populate_old_database(db_path(data_dir), uuid7())
    store = Store.open(data_dir)
    store.close()

    assert store.backup is not None and store.backup.exists()
    kept = sorted(backups.glob("studio-*-rev*.db"))
    assert len(kept) == migrate.BACKUPS_KEPT
    # The newest survive (the one just made included), the oldest went.
    assert kept == sorted([*old, store.backup])[-migrate.BACKUPS_KEPT :]
    assert not any(path.exists() for path in old[:3])
    assert unrelated.exists()
    assert os.path.getsize(store.backup) > 0


def test_schema_head_constant_matches_the_migration_scripts() -> None:
    # migrate.SCHEMA_HEAD lets an up-to-date database open without importing Alembic.
    assert migrate.script_directory().get_current_head() == migrate.SCHEMA_HEAD


def test_an_up_to_date_database_opens_without_alembic(data_dir: Path) -> None:
    Store.open(data_dir).close()
    code = (
        "import sys; from pathlib import Path; from studio_app.storage.store import Store; "
        f"Store.open(Path({str(data_dir)!r})).close(); "
        "print('alembic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
