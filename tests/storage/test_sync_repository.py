"""The local half of sync over real SQLite: what is sent, cleared by an answer, pulled in."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace

from studio_app.domain.ids import uuid7
from studio_app.domain.questions import Question
from studio_app.domain.sessions import BroadcastSession
from studio_app.domain.sync import (
    COUNTY_STUDIO_ID,
    TABLES_BY_NAME,
    Outcome,
    PullCursor,
    RejectReason,
    RowResult,
    check_row,
)
from studio_app.storage.store import Store


def _pending(store: Store) -> int:
    with store.read() as uow:
        return uow.sync.pending_count(store.studio_id)


def _batch(store: Store, limit: int = 1000) -> list[tuple[str, dict]]:
    with store.read() as uow:
        return uow.sync.dirty_batch(store.studio_id, limit)


def _applied(batch: list[tuple[str, dict]]) -> list[RowResult]:
    return [
        RowResult(table, uuid.UUID(row["id"]), row["hlc"], Outcome.APPLIED) for table, row in batch
    ]


def _session(store: Store, title: str = "第一期", rehearsal: bool = False) -> BroadcastSession:
    session = BroadcastSession.create(store.studio_id, title)
    if rehearsal:
        session = replace(session, rehearsal=True)
    with store.write() as uow:
        uow.sessions.save(session)
    return session


def test_a_new_store_sends_its_studio_row_as_a_valid_wire_row(store: Store) -> None:
    batch = _batch(store)
    assert [t for t, _ in batch] == ["studio"]
    table, row = batch[0]
    assert check_row(TABLES_BY_NAME[table], row) is row
    assert row["id"] == row["studio_id"] == str(store.studio_id)


def test_rows_go_parents_first_and_every_row_is_a_valid_wire_row(store: Store) -> None:
    session = _session(store)
    with store.write() as uow:
        uow.questions.add(Question.create(store.studio_id, session.id, "路灯坏了"))
    batch = _batch(store)
    assert [t for t, _ in batch] == ["studio", "broadcast_session", "question"]
    for table, row in batch:
        check_row(TABLES_BY_NAME[table], row)
    assert len(_batch(store, limit=2)) == 2
    assert _pending(store) == 3


def test_acknowledged_rows_are_cleared_but_an_edit_made_meanwhile_stays_dirty(
    store: Store,
) -> None:
    session = _session(store)
    batch = _batch(store)
    # The operator edits the session while the push is on its way.
    with store.write() as uow:
        uow.sessions.save(replace(session, title="第一期（改）"))
    with store.write() as uow:
        summary = uow.sync.acknowledge(_applied(batch))
    assert summary.cleared == 1  # the studio row; the session moved on
    (left,) = _batch(store)
    assert left[0] == "broadcast_session" and left[1]["title"] == "第一期（改）"
    with store.write() as uow:
        uow.sync.acknowledge(_applied([left]))
    assert _pending(store) == 0


def test_a_refused_row_is_parked_until_edited_or_sent_again(store: Store) -> None:
    session = _session(store)
    batch = _batch(store)
    (sent,) = [r for t, r in batch if t == "broadcast_session"]
    refusal = RowResult(
        "broadcast_session",
        session.id,
        sent["hlc"],
        Outcome.REJECTED,
        RejectReason.INVALID,
    )
    with store.write() as uow:
        uow.sync.acknowledge([*_applied([b for b in batch if b[0] == "studio"]), refusal])
    with store.read() as uow:
        (entry,) = uow.sync.parked()
        assert uow.sync.parked_count() == 1
    assert (entry.table, entry.id, entry.reason, entry.summary) == (
        "broadcast_session",
        session.id,
        "invalid",
        "第一期",
    )
    assert _pending(store) == 0 and _batch(store) == []  # not retried blindly
    # An edit is a new version: it is sent again by itself and the parking is forgotten.
    with store.write() as uow:
        uow.sessions.save(replace(session, title="第一期（重发）"))
    assert _pending(store) == 1
    with store.write() as uow:
        uow.sync.acknowledge(_applied(_batch(store)))
    with store.read() as uow:
        assert uow.sync.parked_count() == 0
    # "Send again" by hand un-parks without an edit.
    with store.write() as uow:
        uow.sync.acknowledge(
            [replace(refusal, hlc=_batch(store)[0][1]["hlc"])] if _batch(store) else []
        )
        uow.sessions.save(replace(session, title="第一期（再改）"))
    (again,) = _batch(store)
    with store.write() as uow:
        uow.sync.acknowledge([replace(refusal, hlc=again[1]["hlc"])])
    assert _batch(store) == []
    with store.write() as uow:
        assert uow.sync.retry_parked() == 1
    assert len(_batch(store)) == 1


def test_a_stale_answer_re_stamps_the_row_past_the_archives_version(store: Store) -> None:
    session = _session(store)
    batch = _batch(store)
    (sent,) = [r for t, r in batch if t == "broadcast_session"]
    server_hlc = sent["hlc"] + 1_000_000
    with store.write() as uow:
        summary = uow.sync.acknowledge(
            [
                RowResult(
                    "broadcast_session", session.id, sent["hlc"], Outcome.STALE, None, server_hlc
                )
            ]
        )
    assert summary.restamped == 1
    (again,) = [r for t, r in _batch(store) if t == "broadcast_session"]
    assert again["hlc"] > server_hlc and again["title"] == "第一期"


def test_rehearsals_and_other_studios_rows_never_leave_this_pc(store: Store) -> None:
    practice = _session(store, "彩排", rehearsal=True)
    with store.write() as uow:
        uow.questions.add(Question.create(store.studio_id, practice.id, "彩排问题"))
        foreign = BroadcastSession.create(uuid7(), "别的演播室的场次")
        uow.sessions.save(foreign)
    tables = [t for t, _ in _batch(store)]
    assert tables == ["studio"]
    assert _pending(store) == 1


def _wire_session(studio_id: uuid.UUID, title: str, hlc: int) -> dict:
    return {
        "id": str(uuid7()), "studio_id": str(studio_id), "hlc": hlc, "deleted": False,
        "title": title, "scheduled_start": None, "planned_minutes": 60, "location": "",
        "description": "", "status": "planned", "created_at": "2026-11-01T01:00:00+00:00",
        "updated_at": "2026-11-01T01:00:00+00:00", "rehearsal": False, "started_at": None,
        "ended_at": None,
    }  # fmt: skip


def test_pulled_rows_and_cursor_land_together_and_a_newer_local_edit_wins(store: Store) -> None:
    mine = _session(store)
    with store.read() as uow:
        local_hlc = uow.sync.dirty_batch(store.studio_id, 10)[1][1]["hlc"]
    # Made on another PC of this studio whose clock runs ahead: the clock here follows it.
    pulled = _wire_session(store.studio_id, "从档案馆拉回", local_hlc + 10**9)
    older = {**_wire_session(store.studio_id, "旧版本", local_hlc - 1), "id": str(mine.id)}
    department = {
        "id": str(uuid7()), "studio_id": str(COUNTY_STUDIO_ID), "hlc": 7, "deleted": False,
        "name": "县交通运输局", "code": "JT", "active": True,
    }  # fmt: skip
    with store.write() as uow:
        summary = uow.sync.apply_pulled(
            [
                ("broadcast_session", pulled),
                ("broadcast_session", older),
                ("department", department),
            ],
            PullCursor(812, 3),
            store.studio_id,
        )
    assert (summary.received, summary.applied, summary.orphans) == (3, 2, 0)
    with store.read() as uow:
        assert uow.sync.cursor() == PullCursor(812, 3)
        assert uow.sessions.get(mine.id).title == "第一期"  # the pending edit here is newer
        assert uow.sessions.get(uuid.UUID(pulled["id"])).title == "从档案馆拉回"
        assert "县交通运输局" in [d.name for d in uow.departments.list()]
    # Pulled rows are clean: nothing to send back.
    assert [t for t, _ in _batch(store)] == ["studio", "broadcast_session"]
    assert store.clock.last >= pulled["hlc"]
    with store.write() as uow:
        uow.sessions.save(replace(mine, title="之后的修改"))
    (_, row) = _batch(store)[1]
    assert row["hlc"] > pulled["hlc"]


def test_a_pulled_row_whose_parent_is_missing_is_left_out_not_fatal(store: Store) -> None:
    orphan = {
        "id": str(uuid7()), "studio_id": str(store.studio_id), "hlc": 9, "deleted": False,
        "session_id": str(uuid7()), "text": "孤儿", "display_text": "孤儿", "asker": "",
        "phone": "", "channel": "phone", "category": "",
        "received_at": "2026-11-01T01:00:00+00:00", "state": "new", "rejection_reason": None,
        "rejection_note": "", "merged_into": None, "ask_count": 1, "queue_position": None,
        "sensitive_override": False, "updated_at": "2026-11-01T01:00:00+00:00",
    }  # fmt: skip
    parent = _wire_session(store.studio_id, "有父", 10)
    child = {**orphan, "id": str(uuid7()), "session_id": parent["id"], "text": "有父的问题"}
    with store.write() as uow:
        summary = uow.sync.apply_pulled(
            [("question", orphan), ("question", child), ("broadcast_session", parent)],
            PullCursor(5, 0),
            store.studio_id,
        )
    assert (summary.applied, summary.orphans) == (2, 1)
    connection = sqlite3.connect(store.path)
    try:
        texts = [r[0] for r in connection.execute("SELECT text FROM question")]
    finally:
        connection.close()
    assert texts == ["有父的问题"]
