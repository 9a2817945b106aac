"""Helpers shared by the storage tests (imported by name: tests/ has no packages)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from studio_app.domain.audit import AuditEntry
from studio_app.domain.broadcast import AgendaMark, OutputKind, OutputRun
from studio_app.domain.followups import EventOrigin, FollowUp, FollowUpStatus, reply, status_change
from studio_app.domain.ids import uuid7
from studio_app.domain.organisation import Department
from studio_app.domain.questions import Answer, Channel, Question
from studio_app.domain.record import QuestionAiring
from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest, SessionStatus
from studio_app.storage.store import DATABASE_NAME, Store

CST = timezone(timedelta(hours=8))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@contextlib.contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection (autocommit) next to the store's own connections."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=5)
    try:
        yield connection
    finally:
        connection.close()


def db_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def table_rows(path: Path, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table`` in a stable order."""
    with raw(path) as connection:
        return sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def sync_state(path: Path, table: str, row_id: uuid.UUID) -> tuple[int, int, int]:
    """``(hlc, dirty, deleted)`` of one row, read with plain SQL."""
    with raw(path) as connection:
        row = connection.execute(
            f"SELECT hlc, dirty, deleted FROM {table} WHERE id = ?", (row_id.hex,)
        ).fetchone()
    assert row is not None, f"no row {row_id} in {table}"
    return int(row[0]), int(row[1]), int(row[2])


def max_hlc(path: Path, tables: tuple[str, ...]) -> int:
    with raw(path) as connection:
        values = [connection.execute(f"SELECT max(hlc) FROM {t}").fetchone()[0] for t in tables]
    return max(int(v) for v in values if v is not None)


def acknowledge_all(path: Path, tables: tuple[str, ...]) -> None:
    """Clear every dirty flag, as the sync client does once the archive has acknowledged."""
    with raw(path) as connection:
        for table in tables:
            connection.execute(f"UPDATE {table} SET dirty = 0")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_session(studio_id: uuid.UUID) -> BroadcastSession:
    """A session with two guests and an ordered agenda, Chinese text and emoji included."""
    mayor = Guest.create("张伟", "镇长", "青山镇人民政府")
    farmer = Guest.create("李娜 👩‍🌾", "主任", "农业农村办")
    agenda = (
        AgendaItem.create("开场 🎬", 5, "Opening", None, "欢迎收看《村民议事厅》"),
        AgendaItem.create("医保政策解读", 20, "Main", mayor.id, "重点：门诊报销比例 📋"),
        AgendaItem.create("现场答疑", 30, "Q&A", farmer.id),
    )
    return BroadcastSession(
        id=uuid7(),
        studio_id=studio_id,
        title="村民议事厅 第3期 🎤",
        scheduled_start=datetime(2025, 3, 1, 19, 30, 5, 123456, tzinfo=CST),
        planned_minutes=90,
        location="村委会二楼会议室",
        description="直播答疑\n主题：医保与道路",
        status=SessionStatus.PLANNED,
        guests=(mayor, farmer),
        agenda=agenda,
        created_at=datetime(2025, 2, 1, 1, 2, 3, 456789, tzinfo=UTC),
    ).validated()


def populate_everything(store: Store) -> dict[str, uuid.UUID]:
    """Write at least one live row into every synced table; return the ids by table."""
    session = make_session(store.studio_id)
    lead = Department.create("交通运输局", "JT")
    helper = Department.create("财政局", "CZ")
    question = Question.create(
        store.studio_id,
        session.id,
        "村口的路灯坏了三个月，什么时候修？",
        asker="王大爷",
        channel=Channel.HOTLINE,
        received_at=datetime(2025, 3, 1, 11, 40, 1, 1, tzinfo=UTC),
    )
    on_air = question.approve().enqueue(0).take_to_air()
    answer = Answer.create(on_air, "下周一前修好", "张伟", "镇长", "青山镇人民政府")
    follow_up = FollowUp.create(
        store.studio_id,
        session.id,
        "两周内修好路灯",
        lead.id,
        question_id=question.id,
        supporting_department_ids=[helper.id],
        deadline=date(2025, 3, 15),
    )
    event = status_change(follow_up, [], FollowUpStatus.IN_PROGRESS, "交通运输局 小刘")
    note = reply(follow_up, "小刘", "已派人查看 🔧", origin=EventOrigin.DEPARTMENT)
    entry = AuditEntry.record(
        store.studio_id, "主持人", "question.on_air", "question", question.id,
        session_id=session.id, before=question, after=on_air,
    )  # fmt: skip
    run = OutputRun.start(
        session.id, OutputKind.RECORD, datetime(2025, 3, 1, 11, 30, 0, 500000, tzinfo=UTC)
    )
    mark = AgendaMark.create(
        session.id, session.agenda[0].id, datetime(2025, 3, 1, 11, 30, 2, tzinfo=UTC), 1500,
        scene_name="Opening",
    )  # fmt: skip
    airing = QuestionAiring.start(
        session.id, question.id, datetime(2025, 3, 1, 11, 41, tzinfo=UTC)
    ).with_timecodes("start", 660_000, None)
    # Parents first, in their own transactions (see FK_ORDER_BUG in test_repositories.py).
    with store.write() as uow:
        uow.departments.add(lead, store.studio_id)
        uow.departments.add(helper, store.studio_id)
        uow.sessions.save(session)
        uow.broadcast.save_run(run)
        uow.broadcast.add_mark(mark)
        uow.questions.add(on_air)
        uow.answers.save(answer)
        uow.broadcast.save_airing(airing)
        uow.audit.append(entry)
    with store.write() as uow:
        uow.follow_ups.add(follow_up)
    with store.write() as uow:
        uow.follow_ups.append_event(event)
        uow.follow_ups.append_event(note)
    return {
        "studio": store.studio_id,
        "department": lead.id,
        "broadcast_session": session.id,
        "guest": session.guests[0].id,
        "agenda_item": session.agenda[0].id,
        "question": question.id,
        "answer": answer.id,
        "follow_up": follow_up.id,
        "follow_up_event": event.id,
        "audit_entry": entry.id,
        "output_run": run.id,
        "agenda_mark": mark.id,
        "question_airing": airing.id,
    }


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False)


@contextlib.contextmanager
def tmpfs(mount_point: Path, size: str) -> Iterator[Path]:
    """Mount a tmpfs of ``size`` on ``mount_point`` (root only); skip if mounting fails."""
    if not IS_ROOT:
        pytest.skip("mounting a tmpfs needs root (not running as root)")
    mount_point.mkdir(parents=True, exist_ok=True)
    result = _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point))
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        if _run("umount", str(mount_point)).returncode != 0:
            _run("umount", "-l", str(mount_point))


def remount(mount_point: Path, mode: str) -> None:
    """Remount ``mount_point`` read-only (``"ro"``) or read-write (``"rw"``)."""
    result = _run("mount", "-o", f"remount,{mode}", str(mount_point))
    assert result.returncode == 0, result.stderr
