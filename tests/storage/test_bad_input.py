"""Damaged, foreign, read-only and full storage: a precise error, and nothing committed lost."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from studio_app.domain.questions import Question
from studio_app.storage.errors import DatabaseCorruptError, DiskFullError, ReadOnlyError
from studio_app.storage.store import Store
from tests.storage.storage_helpers import (
    IS_ROOT,
    db_path,
    make_session,
    raw,
    remount,
    sha256,
    tmpfs,
)

PAGE = 4096


def open_and_read_everything(folder: Path) -> int:
    """Open the store and read every session and question; return how many questions."""
    store = Store.open(folder)
    try:
        count = 0
        with store.read() as uow:
            for summary in uow.sessions.list():
                uow.sessions.get(summary.id)
                questions = uow.questions.list_for_session(summary.id)
                for question in questions:
                    uow.answers.for_question(question.id)
                count += len(questions)
        return count
    finally:
        store.close()


def question_ids(folder: Path) -> set[uuid.UUID]:
    with raw(db_path(folder)) as connection:
        return {uuid.UUID(row[0]) for row in connection.execute("SELECT id FROM question")}


# ------------------------------------------------------------------ not a store at all


@pytest.mark.parametrize(
    "content",
    [
        random.Random(20250301).randbytes(64 * 1024),
        ("村民议事厅 会议记录\n" * 2000).encode("utf-8"),
        b"hello\n",
    ],
    ids=["random-bytes", "text-file", "short-text"],
)
def test_a_file_that_is_not_sqlite_is_reported_corrupt_and_kept(
    data_dir: Path, content: bytes
) -> None:
    data_dir.mkdir()
    path = db_path(data_dir)
    path.write_bytes(content)

    for _ in range(2):  # the second attempt shows the lock was released, not left held
        with pytest.raises(DatabaseCorruptError) as caught:
            Store.open(data_dir)
        assert caught.value.path == path
    assert path.read_bytes() == content


def test_another_apps_sqlite_file_is_reported_corrupt_and_kept(data_dir: Path) -> None:
    data_dir.mkdir()
    path = db_path(data_dir)
    with raw(path) as connection:
        connection.execute("CREATE TABLE foo (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO foo (name) VALUES ('别人的数据'), ('keep me')")
    digest = sha256(path)

    with pytest.raises(DatabaseCorruptError) as caught:
        Store.open(data_dir)
    assert caught.value.path == path
    assert sha256(path) == digest
    with raw(path) as connection:
        assert connection.execute("SELECT name FROM foo ORDER BY id").fetchall() == [
            ("别人的数据",),
            ("keep me",),
        ]
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        assert [row[0] for row in tables] == ["foo"]


# ------------------------------------------------------------------ a damaged store

QUESTIONS_IN_SOURCE = 400


@pytest.fixture(scope="module")
def source_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store with one session and enough questions to span a few hundred pages."""
    folder = tmp_path_factory.mktemp("source") / "data"
    store = Store.open(folder)
    try:
        session = make_session(store.studio_id)
        with store.write() as uow:
            uow.sessions.save(session)
        for batch in range(4):
            with store.write() as uow:
                uow.questions.add_many(
                    Question.create(store.studio_id, session.id, f"{batch}-{n:03d} " + "路" * 300)
                    for n in range(QUESTIONS_IN_SOURCE // 4)
                )
    finally:
        store.close()
    assert not (folder / "studio.db-wal").exists()  # fully checkpointed into the main file
    return folder


def junk_page_2(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.seek(PAGE)
        handle.write(b"\xde\xad\xbe\xef" * (PAGE // 4))


def junk_middle_pages(path: Path) -> None:
    middle = (path.stat().st_size // PAGE // 2) * PAGE
    with open(path, "r+b") as handle:
        handle.seek(middle)
        handle.write(b"\xde\xad\xbe\xef" * (4 * PAGE // 4))


def truncate_to_half(path: Path) -> None:
    os.truncate(path, (path.stat().st_size // PAGE // 2) * PAGE)


@pytest.mark.parametrize(
    "damage", [junk_page_2, junk_middle_pages, truncate_to_half], ids=lambda f: f.__name__
)
def test_a_damaged_store_is_reported_corrupt_and_kept(
    source_store: Path, tmp_path: Path, damage: Any
) -> None:
    assert open_and_read_everything(source_store) == QUESTIONS_IN_SOURCE
    folder = tmp_path / "damaged"
    shutil.copytree(source_store, folder)
    path = db_path(folder)
    damage(path)
    digest = sha256(path)

    with pytest.raises(DatabaseCorruptError) as caught:
        open_and_read_everything(folder)
    assert caught.value.path == path
    # The damaged file is kept as it was (for recovery), not replaced by a new store.
    assert sha256(path) == digest
    assert not (folder / "backups").exists()
    # The undamaged original still has everything.
    assert open_and_read_everything(source_store) == QUESTIONS_IN_SOURCE


# ------------------------------------------------------------------ read-only data folder


@contextlib.contextmanager
def writable_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder that :func:`read_only` can make read-only: a tmpfs as root, else a plain dir."""
    if IS_ROOT:
        with tmpfs(tmp_path / "mnt", "8m") as folder:
            yield folder
    else:
        folder = tmp_path / "data"
        folder.mkdir()
        yield folder


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` read-only: remount its tmpfs as root (root ignores modes), else chmod."""
    if IS_ROOT:
        remount(folder, "ro")
        try:
            yield
        finally:
            remount(folder, "rw")
    else:
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)


def _store_a_session(folder: Path) -> uuid.UUID:
    store = Store.open(folder)
    try:
        session = make_session(store.studio_id)
        with store.write() as uow:
            uow.sessions.save(session)
        return session.id
    finally:
        store.close()


def _title(folder: Path, session_id: uuid.UUID) -> str:
    store = Store.open(folder)
    try:
        with store.read() as uow:
            return uow.sessions.get(session_id).title
    finally:
        store.close()


def test_a_read_only_data_folder_is_reported(tmp_path: Path) -> None:
    with writable_folder(tmp_path) as folder:
        session_id = _store_a_session(folder)
        digest = sha256(db_path(folder))
        with read_only(folder), pytest.raises(ReadOnlyError) as caught:
            Store.open(folder)
        # The folder, or a file in it.
        assert folder in (caught.value.path, caught.value.path.parent)
        assert sha256(db_path(folder)) == digest
        assert _title(folder, session_id) == "村民议事厅 第3期 🎤"


def test_a_read_only_data_folder_error_names_the_folder(tmp_path: Path) -> None:
    with writable_folder(tmp_path) as folder:
        _store_a_session(folder)
        with read_only(folder), pytest.raises(ReadOnlyError) as caught:
            Store.open(folder)
        assert caught.value.path == folder


# ------------------------------------------------------------------ disk full


def test_a_full_disk_is_reported_and_committed_questions_survive(tmp_path: Path) -> None:
    # Room for the empty schema (about 270 KB at revision 0003) and its WAL copy, not much more.
    with tmpfs(tmp_path / "small", "1m") as folder:
        store = Store.open(folder)
        committed: list[uuid.UUID] = []
        try:
            session = make_session(store.studio_id)
            with store.write() as uow:
                uow.sessions.save(session)
            with pytest.raises(DiskFullError) as caught:
                for n in range(1000):
                    question = Question.create(
                        store.studio_id, session.id, f"{n:04d} " + "村口路灯坏了" * 300
                    )
                    with store.write() as uow:
                        uow.questions.add(question)
                    committed.append(question.id)
            assert caught.value.path == store.path
            assert len(committed) >= 3, "the tmpfs filled up before anything was committed"
            # The store still reads after the failure.
            with store.read() as uow:
                assert uow.questions.count_for_session(session.id) == len(committed)
        finally:
            store.close()
        copy = tmp_path / "copy"
        shutil.copytree(folder, copy)

    assert question_ids(copy) == set(committed)
    store = Store.open(copy)
    try:
        with store.read() as uow:
            stored = [q.id for q in uow.questions.list_for_session(session.id)]
        assert stored == committed
    finally:
        store.close()
    with raw(db_path(copy)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_full_database_is_reported_and_the_failed_write_leaves_nothing(store: Store) -> None:
    session = make_session(store.studio_id)
    with store.write() as uow:
        uow.sessions.save(session)
    connection = store._engine.raw_connection()
    try:
        pages = connection.cursor().execute("PRAGMA page_count").fetchone()[0]
    finally:
        connection.close()
    limit = pages + 12

    def cap_pages(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit}")

    # SQLite answers SQLITE_FULL once the file would grow past max_page_count.
    event.listen(store._engine, "connect", cap_pages)
    store._engine.dispose()
    committed: list[uuid.UUID] = []
    failed: list[uuid.UUID] = []
    try:
        with pytest.raises(DiskFullError) as caught:
            for n in range(200):
                pair = [
                    Question.create(store.studio_id, session.id, f"{n:03d}{side} " + "水" * 1000)
                    for side in "ab"
                ]
                failed = [q.id for q in pair]
                with store.write() as uow:
                    uow.questions.add_many(pair)
                committed += failed
        assert caught.value.path == store.path
        assert len(committed) >= 2
    finally:
        event.remove(store._engine, "connect", cap_pages)
        store._engine.dispose()

    assert question_ids(store.data_dir) == set(committed)
    assert not set(failed) & question_ids(store.data_dir)
    # With room again, the same store writes.
    late = Question.create(store.studio_id, session.id, "空间恢复后")
    with store.write() as uow:
        uow.questions.add(late)
    with store.read() as uow:
        assert [q.id for q in uow.questions.list_for_session(session.id)] == [*committed, late.id]
