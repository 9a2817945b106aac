"""Migrations: no drift between models and scripts, upgrades from every past revision with data."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from studio_app.domain.ids import uuid7
from studio_app.domain.questions import Question
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


def populate_old_database(path: Path, studio_id: uuid.UUID) -> tuple[BroadcastSession, uuid.UUID]:
    """Write rows with plain SQL, as an older app version left them; return what they mean."""
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
        insert(connection, "department", id=uuid7().hex, name="交通运输局", code="JT", active=1,
               **sync, hlc=hlc + 20)  # fmt: skip
        connection.execute("COMMIT")
    return session, removed


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
    session, removed_guest = populate_old_database(path, studio_id)
    before = dump(path)
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
        assert (summary.guest_count, summary.agenda_count) == (2, 2)
        # The upgraded schema is complete and usable with the old rows.
        assert_no_drift(store)
        question = Question.create(studio_id, session.id, "升级后的第一个问题")
        with store.write() as uow:
            uow.questions.add(question)
        with store.read() as uow:
            assert uow.questions.list_for_session(session.id) == [question]
    finally:
        store.close()
    assert migrate.current_revision(path) == HEAD
    with raw(path) as connection:
        tombstone = connection.execute(
            "SELECT deleted FROM guest WHERE id = ?", (removed_guest.hex,)
        ).fetchone()
    assert tombstone == (1,)

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
