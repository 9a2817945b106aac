"""CSV and JSON exports of the session record, and the lossless JSON import (real SQLite)."""

from __future__ import annotations

import contextlib
import csv
import json
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from studio_app.domain.export import (
    EXPORT_SCHEMA_VERSION,
    SessionDossier,
    publish,
    question_lines,
)
from studio_app.domain.followups import FollowUp
from studio_app.domain.ids import uuid7
from studio_app.domain.questions import Channel, Question, QuestionState, merge
from studio_app.services.export.base import CancelToken, ExportCancelledError, ExportContext
from studio_app.services.export.dossier import read_dossiers
from studio_app.services.export.labels import ExportLabels
from studio_app.services.export.record_import import (
    RecordImportError,
    import_record,
    read_record,
)
from studio_app.services.export.records import (
    CSV_FILES,
    RECORD_FORMAT,
    write_csv,
    write_json,
)
from studio_app.storage.models import SYNCED_TABLES
from studio_app.storage.store import Store
from tests.export_seed import (
    PHONE,
    PRIVATE_STRINGS,
    REJECTED_TEXT,
    SeededShow,
    seed_show,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
FORMULA_TEXT = '=HYPERLINK("http://example.com","点这里")'
DASH_TEXT = "-路灯又坏了，谁来管管？"


# ---------------------------------------------------------------- fixtures


def _open(folder: Path, name: str) -> Iterator[Store]:
    store = Store.open(folder, default_studio_name=name)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def store_a(tmp_path: Path) -> Iterator[Store]:
    yield from _open(tmp_path / "a", "青山村演播室")


@pytest.fixture
def store_b(tmp_path: Path) -> Iterator[Store]:
    yield from _open(tmp_path / "b", "白云村演播室")


@pytest.fixture
def shows(store_a: Store) -> list[uuid.UUID]:
    """Two shows, a rehearsal copy, merges, a queue, an override and formula-looking text."""
    first = seed_show(store_a)
    second = seed_show(
        store_a,
        title="第六期 村民问答",
        start=datetime(2026, 11, 27, 1, 0, tzinfo=UTC),
        departments=first.departments,
    )
    with store_a.write() as uow:
        q = {i: uow.questions.get(i) for i in first.question_ids}
        ids = first.question_ids
        # A chain of merges whose targets were received after the merged questions.
        merged, target = merge(q[ids[10]], q[ids[11]])
        uow.questions.update(merged)
        merged_again, top = merge(target, q[ids[9]])
        uow.questions.update(merged_again)
        uow.questions.update(top)
        uow.questions.update(q[ids[7]].enqueue(0))
        uow.questions.update(
            q[ids[6]].with_display_text("村口路灯的问题（已编辑）").with_sensitive_override()
        )
        session = uow.sessions.get(first.session_id)
        uow.sessions.save(session.rehearsal_copy("彩排：第五期 村民问答"))
        later = datetime(2026, 11, 27, 0, 0, tzinfo=UTC)
        uow.questions.add_many(
            Question.create(
                store_a.studio_id,
                second.session_id,
                text,
                channel=Channel.ONLINE,
                received_at=later + timedelta(seconds=n),
            )
            for n, text in enumerate((FORMULA_TEXT, DASH_TEXT))
        )
        # A promise made in general, without question or deadline.
        uow.follow_ups.add(
            FollowUp.create(
                store_a.studio_id,
                second.session_id,
                "全镇路灯排查一遍",
                first.departments[2].id,
            )
        )
        rehearsal = next(s.id for s in uow.sessions.list() if s.rehearsal)
    return [first.session_id, second.session_id, rehearsal]


@pytest.fixture
def show_a(shows: list[uuid.UUID]) -> uuid.UUID:
    return shows[0]


def _context(public: bool = False, **changes: object) -> ExportContext:
    context = ExportContext(
        labels=ExportLabels(),
        exported_at=datetime(2026, 12, 20, 8, 30, tzinfo=UTC),
        exported_by="导出员 小李",
        app_version="1.4.0",
        today=datetime(2026, 12, 20).date(),
        tz=SHANGHAI,
        public=public,
    )
    return replace(context, **changes)  # type: ignore[arg-type]


def _row_counts(store: Store) -> dict[str, tuple[int, int | None]]:
    """Rows and highest HLC of every synced table, read past the store."""
    with contextlib.closing(sqlite3.connect(store.path)) as db:
        return {
            t: db.execute(f"SELECT count(*), max(hlc) FROM {t}").fetchone() for t in SYNCED_TABLES
        }


def _assert_same(mine: SessionDossier, theirs: SessionDossier) -> None:
    """Field by field, so that a failure names the field."""
    for f in fields(SessionDossier):
        assert getattr(mine, f.name) == getattr(theirs, f.name), f.name
    assert mine == theirs


def _without_export_facts(data: bytes) -> list[bytes]:
    return [
        line
        for line in data.split(b"\n")
        if not line.startswith((b' "exported_at"', b' "exported_by"'))
    ]


# ---------------------------------------------------------------- JSON round trip


def test_json_round_trip_into_another_store_is_lossless(
    store_a: Store, store_b: Store, shows: list[uuid.UUID], tmp_path: Path
) -> None:
    dossiers = read_dossiers(store_a, shows)
    assert any(q.state is QuestionState.MERGED for q in dossiers[0].questions)
    assert dossiers[2].session.rehearsal
    path = tmp_path / "out" / "record.json"
    write_json(dossiers, path, _context())

    document = json.loads(path.read_text(encoding="utf-8"))
    assert list(document)[:6] == [
        "format", "schema_version", "app_version", "exported_at", "exported_by", "public",
    ]  # fmt: skip
    assert document["format"] == RECORD_FORMAT
    assert document["schema_version"] == EXPORT_SCHEMA_VERSION
    assert document["exported_at"] == "2026-12-20T08:30:00+00:00"
    assert [s["id"] for s in document["sessions"]] == [str(i) for i in shows]
    first = document["sessions"][0]
    assert first["status"] == "ended" and first["started_at"].endswith("+00:00")
    assert first["questions"][0]["phone"] == PHONE
    assert [q["number"] for q in first["questions"]] == list(range(1, 13))
    assert first["follow_ups"][0]["events"][0]["status"] == "in_progress"
    assert first["audit"][0]["after"]["title"] == "第五期 村民问答"
    raw = path.read_bytes()
    assert "村口的路灯坏了一个多月了".encode() in raw  # not \\u escapes

    record = read_record(path)
    assert record.public is False and record.exported_by == "导出员 小李"
    assert list(record.dossiers) == dossiers

    summary = import_record(store_b, record)
    assert summary.imported == tuple(shows) and summary.skipped == ()
    assert summary.studios == 1 and summary.departments == 3
    assert summary.questions == sum(len(d.questions) for d in dossiers)
    assert summary.events == sum(len(r.events) for d in dossiers for r in d.follow_ups)
    assert summary.audit_entries == sum(len(d.audit) for d in dossiers)
    assert summary.marks_left_out == summary.merges_unlinked == 0
    assert store_b.studio_id != dossiers[0].studio.id

    again = read_dossiers(store_b, shows)
    for mine, theirs in zip(dossiers, again, strict=True):
        _assert_same(mine, theirs)

    copy = tmp_path / "copy.json"
    write_json(again, copy, _context(exported_by="别人", exported_at=datetime.now(UTC)))
    assert copy.read_bytes() != raw
    assert _without_export_facts(copy.read_bytes()) == _without_export_facts(raw)


def test_importing_the_same_file_twice_skips_and_changes_nothing(
    store_a: Store, store_b: Store, shows: list[uuid.UUID], tmp_path: Path
) -> None:
    path = tmp_path / "record.json"
    write_json(read_dossiers(store_a, shows), path, _context())
    import_record(store_b, read_record(path))
    before = _row_counts(store_b)

    summary = import_record(store_b, read_record(path))

    assert summary.imported == () and summary.skipped == tuple(shows)
    assert summary.questions == summary.departments == summary.studios == 0
    assert _row_counts(store_b) == before


def test_a_session_already_in_the_store_is_skipped_the_others_imported(
    store_a: Store, shows: list[uuid.UUID], tmp_path: Path
) -> None:
    # Importing a file into the store it came from: every session is there already.
    path = tmp_path / "record.json"
    write_json(read_dossiers(store_a, shows[:1]), path, _context())
    before = _row_counts(store_a)
    summary = import_record(store_a, read_record(path))
    assert summary.skipped == (shows[0],) and summary.imported == ()
    assert _row_counts(store_a) == before


def test_a_failed_import_writes_nothing(
    store_a: Store, store_b: Store, shows: list[uuid.UUID], tmp_path: Path
) -> None:
    path = tmp_path / "record.json"
    write_json(read_dossiers(store_a, shows), path, _context())
    record = read_record(path)
    before = _row_counts(store_b)
    # Without its departments the follow-ups' lead department is missing: the commit fails
    # after most rows were written in the transaction.
    with pytest.raises(Exception, match="FOREIGN KEY"):
        import_record(store_b, replace(record, departments=()))
    assert _row_counts(store_b) == before


# ---------------------------------------------------------------- refusing files


def test_a_newer_schema_is_refused_naming_both_versions(
    store_a: Store, store_b: Store, show_a: uuid.UUID, tmp_path: Path
) -> None:
    path = tmp_path / "record.json"
    write_json(read_dossiers(store_a, [show_a]), path, _context())
    document = json.loads(path.read_text(encoding="utf-8"))
    document["schema_version"] = EXPORT_SCHEMA_VERSION + 1
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(RecordImportError) as caught:
        read_record(path)
    assert caught.value.reason == RecordImportError.NEWER_SCHEMA
    assert caught.value.found_version == EXPORT_SCHEMA_VERSION + 1
    assert caught.value.supported_version == EXPORT_SCHEMA_VERSION


def test_a_truncated_file_is_refused_and_nothing_is_written(
    store_a: Store, store_b: Store, show_a: uuid.UUID, tmp_path: Path
) -> None:
    path = tmp_path / "record.json"
    write_json(read_dossiers(store_a, [show_a]), path, _context())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    before = _row_counts(store_b)

    with pytest.raises(RecordImportError) as caught:
        import_record(store_b, read_record(path))

    assert caught.value.reason == RecordImportError.DAMAGED
    assert caught.value.where.startswith("line ")
    assert _row_counts(store_b) == before


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe not utf-8", b"hello", b"[1, 2]", b'{"format": "something/else"}', b""],
)
def test_files_that_are_not_records_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(RecordImportError) as caught:
        read_record(path)
    assert caught.value.reason == RecordImportError.NOT_A_RECORD


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RecordImportError) as caught:
        read_record(tmp_path / "none.json")
    assert caught.value.reason == RecordImportError.NOT_FOUND


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda s: s["questions"][2].update(received_at="yesterday"), "questions[2].received_at"),
        (lambda s: s["questions"][2].update(received_at="2026-11-20T01:00:00"), "received_at"),
        (lambda s: s["questions"][1].pop("state"), "sessions[0].questions[1].state"),
        (lambda s: s["questions"][1].update(state="lost"), "questions[1].state"),
        (lambda s: s["questions"][1].update(ask_count=True), "questions[1].ask_count"),
        (lambda s: s["answers"][0].update(question_id=str(uuid7())), "answers[0].question_id"),
        (lambda s: s["airings"][0].update(session_id=str(uuid7())), "airings[0].session_id"),
        (lambda s: s["agenda"][0].update(speaker_id=str(uuid7())), "sessions[0].agenda.speaker"),
        (lambda s: s["runs"][0].update(stopped_at="2000-01-01T00:00:00+00:00"), "runs[0]"),
        (lambda s: s["follow_ups"][0].update(lead_department_id="x"), "lead_department_id"),
        (lambda s: s["questions"].append(s["questions"][0]), "questions[12].id"),
        (lambda s: s.update(guests={}), "sessions[0].guests"),
    ],
)
def test_invalid_records_are_refused_saying_where(
    store_a: Store, show_a: uuid.UUID, tmp_path: Path, change: object, where: str
) -> None:
    path = tmp_path / "record.json"
    write_json(read_dossiers(store_a, [show_a]), path, _context())
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document["sessions"][0])  # type: ignore[operator]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(RecordImportError) as caught:
        read_record(path)
    assert caught.value.reason == RecordImportError.INVALID
    assert where in caught.value.where


# ---------------------------------------------------------------- public exports


def test_public_json_has_no_private_data_and_imports_flagged(
    store_a: Store, store_b: Store, shows: list[uuid.UUID], tmp_path: Path
) -> None:
    internal = read_dossiers(store_a, shows)
    dossiers = [publish(d)[0] for d in internal]
    path = tmp_path / "public.json"
    write_json(dossiers, path, _context(public=True))

    raw = path.read_bytes()
    for private in (*PRIVATE_STRINGS, REJECTED_TEXT, "涉及个人隐私"):
        assert private.encode() not in raw, private
    rejected = [q.id for q in internal[0].questions if q.state is QuestionState.REJECTED]
    assert rejected and str(rejected[0]).encode() not in raw
    document = json.loads(raw)
    assert document["public"] is True
    session = document["sessions"][0]
    assert "audit" not in session
    assert all("phone" not in q for q in session["questions"])
    # Question 5 (rejected) is withheld; the others keep the numbers of the full record.
    assert [q["number"] for q in session["questions"]] == [1, 2, 3, 4, *range(6, 13)]
    assert all("resident_contact" not in f for f in session["follow_ups"])

    record = read_record(path)
    assert record.public and list(record.dossiers) == dossiers
    summary = import_record(store_b, record)
    assert summary.public and summary.imported == tuple(shows)
    stored = read_dossiers(store_b, shows[:1])[0]
    assert len(stored.questions) == len(internal[0].questions) - 1
    assert all(q.phone == "" for q in stored.questions)


def test_public_export_of_unpublished_dossiers_publishes_them(
    store_a: Store, show_a: uuid.UUID, tmp_path: Path
) -> None:
    # A safety net: handed the internal dossier by mistake, a public export still holds
    # nothing private.
    dossiers = read_dossiers(store_a, [show_a])
    path = tmp_path / "public.json"
    write_json(dossiers, path, _context(public=True))
    paths = write_csv(dossiers, tmp_path / "csv", _context(public=True))
    for written in (path, *paths):
        raw = written.read_bytes()
        for private in PRIVATE_STRINGS:
            assert private.encode() not in raw, (written.name, private)


# ---------------------------------------------------------------- CSV


def _read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_csv_tables_hold_the_record(store_a: Store, shows: list[uuid.UUID], tmp_path: Path) -> None:
    dossiers = read_dossiers(store_a, shows)
    labels = ExportLabels(col_question="问题", col_phone="电话", col_schema_version="格式版本")
    folder = tmp_path / "csv"
    paths = write_csv(dossiers, folder, _context(labels=labels))

    assert [p.name for p in paths] == list(CSV_FILES)
    assert sorted(p.name for p in folder.iterdir()) == sorted(CSV_FILES)  # no temp files
    for path in paths:
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), path.name
        assert raw.count(b"\r\n") >= 2 and b"\n" not in raw.replace(b"\r\n", b""), path.name

    sessions = _read_csv(folder / "sessions.csv")
    assert sessions[0][0] == "格式版本"
    assert [r[0] for r in sessions[1:]] == [str(EXPORT_SCHEMA_VERSION)] * 3
    assert [r[1] for r in sessions[1:]] == [str(i) for i in shows]
    assert sessions[1][2] == "第五期 村民问答" and sessions[1][13] == "12"
    assert sessions[1][7] == "2026-11-20 09:00:00"  # went live, Shanghai time

    agenda = _read_csv(folder / "agenda.csv")
    assert len(agenda) == 1 + sum(len(d.session.agenda) for d in dossiers)
    assert agenda[1][3] == "开场介绍" and agenda[1][4] == "王建国"
    assert agenda[1][6] == "2026-11-20 09:00:00" and agenda[1][7] == "2026-11-20 09:05:00"
    assert agenda[1][8] == "5.0"

    questions = _read_csv(folder / "questions.csv")
    header = questions[0]
    assert len(questions) == 1 + sum(len(d.questions) for d in dossiers)
    assert all(len(row) == len(header) for row in questions)
    text, phone = header.index("问题"), header.index("电话")
    first = questions[1]
    line = question_lines(dossiers[0])[0]
    assert first[text] == "村口的路灯坏了一个多月了，什么时候能修好？"
    assert first[phone] == PHONE
    assert first[header.index("Answer")] == line.answer.summary  # type: ignore[union-attr]
    assert first[header.index("On air at")] == line.on_air_at.astimezone(SHANGHAI).strftime(  # type: ignore[union-attr]
        "%Y-%m-%d %H:%M:%S"
    )
    assert first[header.index("Recording timecode")].startswith("0:")
    merged = [r for r in questions if r[header.index("State")] == "Merged"]
    assert sorted(r[header.index("Merged into No.")] for r in merged) == ["10", "12"]
    texts = [r[text] for r in questions]
    assert "'" + FORMULA_TEXT in texts and "'" + DASH_TEXT in texts

    follow_ups = _read_csv(folder / "follow_ups.csv")
    assert len(follow_ups) == 1 + sum(len(d.follow_ups) for d in dossiers)
    fheader = follow_ups[0]
    assert follow_ups[1][fheader.index("Resident contact")] == PHONE
    overdue = [r[fheader.index("Overdue")] for r in follow_ups[1:]]
    assert "Yes" in overdue and "No" in overdue
    [general] = [r for r in follow_ups if r[fheader.index("Promise")] == "全镇路灯排查一遍"]
    assert general[fheader.index("Deadline")] == general[fheader.index("Overdue")][:0]
    assert general[fheader.index("Question no.")] == ""

    events = _read_csv(folder / "follow_up_events.csv")
    assert len(events) == 1 + sum(len(r.events) for d in dossiers for r in d.follow_ups)
    assert events[2][events[0].index("Text")] == "已派人现场查看，正在采购材料"


def test_public_csv_leaves_out_contact_columns_and_rejected_questions(
    store_a: Store, shows: list[uuid.UUID], tmp_path: Path
) -> None:
    internal = read_dossiers(store_a, shows)
    dossiers = [publish(d)[0] for d in internal]
    paths = write_csv(dossiers, tmp_path / "csv", _context(public=True))
    for path in paths:
        raw = path.read_bytes()
        for private in (*PRIVATE_STRINGS, REJECTED_TEXT):
            assert private.encode() not in raw, (path.name, private)
    questions = _read_csv(tmp_path / "csv" / "questions.csv")
    assert "Phone" not in questions[0] and "Rejection note" not in questions[0]
    rejected = [q for d in internal for q in d.questions if q.state is QuestionState.REJECTED]
    assert len(rejected) == 2
    assert len(questions) == 1 + sum(len(d.questions) for d in internal) - len(rejected)
    assert all(r[questions[0].index("State")] != "Rejected" for r in questions[1:])
    assert [r[2] for r in questions[1:5]] == ["1", "2", "3", "4"]
    assert questions[5][2] == "6"  # the withheld question 5 leaves a gap
    follow_ups = _read_csv(tmp_path / "csv" / "follow_ups.csv")
    assert "Resident contact" not in follow_ups[0]


def test_cancelled_exports_leave_no_files(
    store_a: Store, shows: list[uuid.UUID], tmp_path: Path
) -> None:
    dossiers = read_dossiers(store_a, shows)
    token = CancelToken()
    seen: list[float] = []

    def cancel_midway(fraction: float, text: str) -> None:
        seen.append(fraction)
        if fraction > 0.3:
            token.cancel()

    context = _context(cancel=token, progress=cancel_midway)
    folder = tmp_path / "out"
    with pytest.raises(ExportCancelledError):
        write_csv(dossiers, folder, context)
    token = CancelToken()
    with pytest.raises(ExportCancelledError):
        write_json(dossiers, folder / "record.json", replace(context, cancel=token))
    assert seen and list(folder.iterdir()) == []


def test_an_agenda_item_removed_after_it_aired_loses_only_its_marks(
    store_a: Store, store_b: Store, show_a: uuid.UUID, tmp_path: Path
) -> None:
    with store_a.write() as uow:
        session = uow.sessions.get(show_a)
        uow.sessions.save(replace(session, agenda=session.agenda[:2]))
    [dossier] = read_dossiers(store_a, [show_a])
    assert len(dossier.marks) == 3
    path = tmp_path / "record.json"
    write_json([dossier], path, _context())
    summary = import_record(store_b, read_record(path))
    assert summary.marks == 2 and summary.marks_left_out == 1
    [stored] = read_dossiers(store_b, [show_a])
    assert stored.marks == dossier.marks[:2]
    assert stored.questions == dossier.questions


# ---------------------------------------------------------------- size and speed


def test_a_thousand_question_session_round_trips_quickly(
    store_a: Store, store_b: Store, tmp_path: Path
) -> None:
    show: SeededShow = seed_show(store_a, questions=1000)
    [dossier] = read_dossiers(store_a, [show.session_id])
    path = tmp_path / "big.json"
    started = time.perf_counter()
    write_json([dossier], path, _context())
    written = time.perf_counter() - started
    started = time.perf_counter()
    write_csv([dossier], tmp_path / "csv", _context())
    csv_time = time.perf_counter() - started
    started = time.perf_counter()
    summary = import_record(store_b, read_record(path))
    imported = time.perf_counter() - started

    assert summary.questions == 1000
    [stored] = read_dossiers(store_b, [show.session_id])
    _assert_same(dossier, stored)
    assert path.stat().st_size < 1_500_000
    assert written < 1.0 and csv_time < 1.0 and imported < 5.0
