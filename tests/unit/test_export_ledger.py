"""The Excel ledger: every cell read back against the seeded shows, public mode, failures."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from studio_app.domain.export import FollowUpRecord, SessionDossier, publish
from studio_app.domain.questions import Channel, QuestionState
from studio_app.services.export.base import CancelToken, ExportCancelledError, ExportContext
from studio_app.services.export.dossier import read_dossiers
from studio_app.services.export.files import ExportWriteError
from studio_app.services.export.labels import ExportLabels
from studio_app.services.export.ledger import LedgerError, write_ledger
from studio_app.storage.store import Store
from tests.export_seed import (
    PHONE,
    PRIVATE_STRINGS,
    REJECTED_TEXT,
    SeededShow,
    seed_show,
)

TZ = timezone(timedelta(hours=8))
EXPORTED_AT = datetime(2026, 12, 20, 2, 30, tzinfo=UTC)
LABELS = ExportLabels(
    sheet_questions="问题台账",
    sheet_follow_ups="跟踪落实",
    sheet_summary="汇总",
    yes="是",
    no="否",
    no_category="（未分类）",
    name_with_details=lambda name, details: f"{name}（{details}）",
    details_separator="，",
    name_list_separator="、",
)
INTERNAL_HEADER = [
    "Session",
    "Session date",
    "No.",
    "Received",
    "Channel",
    "Category",
    "Asker",
    "Question",
    "On-air text",
    "State",
    "Answer",
    "Answered by",
    "On air at",
    "Recording timecode",
    "Follow-ups",
    "Phone",
]
FOLLOW_UP_HEADER = [
    "Session",
    "Question no.",
    "Promise",
    "Lead department",
    "Supporting departments",
    "Responsible person",
    "Deadline",
    "Status",
    "Latest reply",
    "Overdue",
    "Days taken",
    "Promised on",
    "Resident contact",
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "data", default_studio_name="青山村演播室")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def shows(store: Store) -> tuple[SeededShow, SeededShow]:
    first = seed_show(store)
    second = seed_show(
        store,
        questions=6,
        title="第六期 村民问答",
        start=datetime(2026, 12, 4, 1, 0, tzinfo=UTC),
        departments=first.departments,
    )
    return first, second


@pytest.fixture
def dossiers(store: Store, shows: tuple[SeededShow, SeededShow]) -> list[SessionDossier]:
    first, second = read_dossiers(store, [s.session_id for s in shows])
    # The second show: one question without a category, and a promise with two
    # supporting departments, which the seed does not make.
    departments = shows[0].departments
    questions = list(second.questions)
    questions[5] = replace(questions[5], category="")
    record = second.follow_ups[0]
    two = replace(
        record.follow_up, supporting_department_ids=(departments[1].id, departments[2].id)
    )
    second = replace(
        second,
        questions=tuple(questions),
        follow_ups=(FollowUpRecord.of(two, record.events), *second.follow_ups[1:]),
    )
    return [first, second]


def context(today: date, **changes: Any) -> ExportContext:
    made = ExportContext(
        labels=LABELS,
        exported_at=EXPORTED_AT,
        exported_by="记录员 小王",
        app_version="1.0",
        today=today,
        tz=TZ,
    )
    return replace(made, **changes)


def rows_of(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def local(moment: datetime) -> datetime:
    return moment.astimezone(TZ).replace(tzinfo=None)


def close_in_time(read: Any, expected: datetime) -> bool:
    # Excel keeps times as fractions of a day: a millisecond may round.
    return isinstance(read, datetime) and abs(read - expected) < timedelta(milliseconds=2)


def test_questions_sheet_has_every_question_of_every_session(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    path = tmp_path / "out" / "台账.xlsx"
    write_ledger(dossiers, path, context(shows[0].today))

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["问题台账", "跟踪落实", "汇总"]
    sheet = book["问题台账"]
    rows = rows_of(sheet)
    assert list(rows[0]) == INTERNAL_HEADER
    assert len(rows) == 1 + 12 + 6
    assert [r[0] for r in rows[1:]] == ["第五期 村民问答"] * 12 + ["第六期 村民问答"] * 6
    assert [r[2] for r in rows[1:]] == list(range(1, 13)) + list(range(1, 7))

    first = dossiers[0]
    q1, q2 = first.questions[0], first.questions[1]
    row = rows[1]
    assert isinstance(row[1], datetime) and row[1].date() == date(2026, 11, 20)
    assert isinstance(row[3], datetime) and row[3] == local(q1.received_at)
    assert row[3] == datetime(2026, 11, 20, 7, 0)
    assert row[4:10] == (
        "Hotline",
        "基础设施",
        "张**",
        "村口的路灯坏了一个多月了，什么时候能修好？",
        "村口的路灯坏了一个多月了，什么时候能修好？",
        "Answered",
    )
    assert row[10] == "交通办将在本月内安排人员现场查看并答复（第1问）。"
    assert row[11] == "李芳（主任，交通办）"
    # Taken on air 5 min 48 s into the show; the recording started 5 s before the show.
    assert close_in_time(row[12], datetime(2026, 11, 20, 9, 5, 48))
    assert row[13] == "0:05:53"
    assert row[14] == 1
    assert row[15] == PHONE

    row = rows[2]
    assert row[2] == 2 and row[3] == local(q2.received_at)
    assert row[4:7] == ("Online", "环境卫生", "李*")
    assert row[7] == q2.text and "139 0571 2233" in row[7]
    assert row[8] == q2.display_text and "139****2233" in row[8]
    assert row[11] == "陈明（站长，农技站）"
    assert row[14] == 0
    assert row[15] is None  # no phone given

    rejected = rows[5]
    assert rejected[2] == 5 and rejected[9] == "Rejected"
    assert rejected[7] == REJECTED_TEXT
    assert rejected[10:14] == (None, None, None, None)
    assert rejected[15] == "13900001111"
    assert rows[6][9] == "Deferred" and rows[7][9] == "New" and rows[8][9] == "Approved"
    assert rows[8][6] is None  # the eighth question has no asker

    second = rows[13]
    assert second[0] == "第六期 村民问答" and second[1].date() == date(2026, 12, 4)
    assert second[2] == 1 and second[11] == "李芳（主任，交通办）"
    assert rows[18][5] is None  # the category emptied above

    # Real date and time cells with readable formats; header bold, frozen, filtered.
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["D2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["M2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["N2"].data_type == "s"
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == "A1:P19"


def test_column_widths_count_chinese_double_and_long_text_wraps(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    path = tmp_path / "ledger.xlsx"
    write_ledger(dossiers, path, context(shows[0].today))
    sheet = openpyxl.load_workbook(path)["问题台账"]
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert set(widths) >= {openpyxl.utils.get_column_letter(i) for i in range(1, 17)}
    # "第五期 村民问答": seven Chinese characters and a space, plus a character's margin.
    assert widths["A"] == 16
    # Dates: wide enough for the date, or the header (and its filter button) if wider.
    assert widths["B"] == len("Session date") + 3 and widths["D"] == 17
    # The rejected question is wider than 60: the column stops there and wraps.
    assert widths["H"] == 60
    assert sheet["H2"].alignment.wrap_text and sheet["H6"].alignment.wrap_text
    # The asker column: the header ("Asker" and room for the filter button) is wider.
    assert widths["G"] == 8
    assert widths["L"] == len("李芳（主任，交通办）") * 2 + 1


def test_follow_up_sheet(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    path = tmp_path / "ledger.xlsx"
    write_ledger(dossiers, path, context(shows[0].today))
    sheet = openpyxl.load_workbook(path)["跟踪落实"]
    rows = rows_of(sheet)
    assert list(rows[0]) == FOLLOW_UP_HEADER
    assert len(rows) == 4
    resolved, overdue, second = rows[1:]
    assert resolved[:6] == (
        "第五期 村民问答",
        1,
        "两周内完成整改并向村民反馈（承诺1）",
        "交通办",
        "农业农村办",
        "周科长",
    )
    assert isinstance(resolved[6], datetime) and resolved[6].date() == date(2026, 12, 4)
    assert resolved[7:11] == ("Resolved", "已派人现场查看，正在采购材料", "否", 10)
    assert resolved[11].date() == date(2026, 11, 20)
    assert resolved[12] == PHONE
    assert overdue[1] == 4 and overdue[3] == "农业农村办" and overdue[4] == "民政办"
    assert overdue[7:11] == ("In progress", "已派人现场查看，正在采购材料", "是", None)
    assert second[0] == "第六期 村民问答" and second[4] == "农业农村办、民政办"
    assert second[9:11] == ("否", 10)
    assert sheet["G2"].number_format == "yyyy-mm-dd"
    assert sheet["L2"].number_format == "yyyy-mm-dd"
    assert sheet["C2"].alignment.wrap_text
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == "A1:M4"
    assert all(sheet.column_dimensions[c].width for c in "ABCDEFGHIJKLM")


def test_summary_figures(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    path = tmp_path / "ledger.xlsx"
    write_ledger(dossiers, path, context(shows[0].today))
    sheet = openpyxl.load_workbook(path)["汇总"]
    assert sheet["A1"].value == "Q&A ledger" and sheet["A1"].font.b
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_col=1, max_col=2) if row[0].value}
    assert cells["Studio"].value == "青山村演播室"
    assert cells["Period"].value == "2026-11-20 – 2026-12-04"
    assert cells["Exported"].value == datetime(2026, 12, 20, 10, 30)
    assert cells["Exported by"].value == "记录员 小王"
    assert LABELS.internal_note in cells
    counts = {
        "Sessions": 2,
        "Questions received": 18,
        "Questions on air": 7,
        "Questions answered": 7,
        "Follow-ups": 3,
        "Done": 2,
        "Overdue": 1,
    }
    assert {k: cells[k].value for k in counts} == counts
    for rate in ("Completion rate", "On-time rate"):
        assert cells[rate].value == pytest.approx(2 / 3)
        assert cells[rate].number_format == "0.0%"

    tables = table_rows(sheet)
    assert tables["By channel"]["Hotline"] == (5, pytest.approx(5 / 18))
    assert tables["By channel"]["In room"] == (2, pytest.approx(2 / 18))
    assert sum(n for n, _ in tables["By channel"].values()) == 18
    assert tables["By category"]["环境卫生"] == (4, pytest.approx(4 / 18))
    assert tables["By category"]["（未分类）"] == (1, pytest.approx(1 / 18))
    assert {k: n for k, (n, _) in tables["By state"].items()} == {
        "Answered": 7,
        "Rejected": 2,
        "Deferred": 2,
        "New": 3,
        "Approved": 4,
    }
    assert tables["Follow-ups by status"] == {
        "Resolved": (2, pytest.approx(2 / 3)),
        "In progress": (1, pytest.approx(1 / 3)),
    }
    assert all(sheet.column_dimensions[c].width for c in "ABC")


def table_rows(sheet: Any) -> dict[str, dict[str, tuple[int, float]]]:
    """The summary's small tables: heading → name → (count, share); shares checked as %."""
    tables: dict[str, dict[str, tuple[int, float]]] = {}
    current: dict[str, tuple[int, float]] | None = None
    for name, count, share in sheet.iter_rows(min_col=1, max_col=3):
        if count.value == "Count" and share.value == "Share":
            current = tables.setdefault(name.value, {})
        elif current is not None and name.value is None:
            current = None
        elif current is not None:
            assert share.number_format == "0.0%"
            current[name.value] = (count.value, share.value)
    return tables


def test_public_ledger_leaves_out_phones_and_rejected_questions(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    internal = tmp_path / "internal.xlsx"
    write_ledger(dossiers, internal, context(shows[0].today))
    assert PHONE.encode() in b"".join(xml_members(internal).values())  # the check can see it

    public = [publish(d)[0] for d in dossiers]
    path = tmp_path / "public.xlsx"
    write_ledger(public, path, context(shows[0].today, public=True))

    book = openpyxl.load_workbook(path)
    questions = rows_of(book["问题台账"])
    assert list(questions[0]) == INTERNAL_HEADER[:-1]
    assert book["问题台账"].max_column == 15
    assert len(questions) == 1 + 11 + 5
    assert "Rejected" not in [r[9] for r in questions[1:]]
    assert book["问题台账"].auto_filter.ref == "A1:O17"
    follow_ups = rows_of(book["跟踪落实"])
    assert list(follow_ups[0]) == FOLLOW_UP_HEADER[:-1]
    assert book["跟踪落实"].max_column == 12
    summary = [c for row in rows_of(book["汇总"]) for c in row]
    assert LABELS.public_note in summary and LABELS.internal_note not in summary

    members = xml_members(path)
    assert any(name.startswith("xl/worksheets/") for name in members)
    for name, content in members.items():
        for private in (*PRIVATE_STRINGS, REJECTED_TEXT):
            assert private.encode() not in content, (name, private)


def xml_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def test_public_ledger_refuses_a_dossier_not_published(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    with pytest.raises(LedgerError) as raised:
        write_ledger(dossiers, tmp_path / "x.xlsx", context(shows[0].today, public=True))
    assert raised.value.reason == LedgerError.NOT_PUBLISHED == "not_published"
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_residents_text_stays_text(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    first = dossiers[0]
    questions = list(first.questions)
    questions[7] = replace(questions[7], text='=HYPERLINK("x")\x0b问', display_text="#N/A")
    path = tmp_path / "ledger.xlsx"
    write_ledger([replace(first, questions=tuple(questions))], path, context(shows[0].today))
    sheet = openpyxl.load_workbook(path)["问题台账"]
    assert sheet["H9"].value == '=HYPERLINK("x")问' and sheet["H9"].data_type == "s"
    assert sheet["I9"].value == "#N/A" and sheet["I9"].data_type == "s"


def test_empty_ledger(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    write_ledger([], path, context(date(2026, 12, 1)))
    book = openpyxl.load_workbook(path)
    assert rows_of(book["问题台账"]) == [tuple(INTERNAL_HEADER)]
    assert book["问题台账"].auto_filter.ref == "A1:P1"
    cells = {r[0]: r[1] for r in rows_of(book["汇总"]) if r and r[0]}
    assert cells["Period"] == "—" and cells["Questions received"] == 0
    assert cells["Completion rate"] == "—"


def test_progress_rises_to_one_and_openpyxl_leaves_no_files(
    tmp_path: Path,
    dossiers: list[SessionDossier],
    shows: tuple[SeededShow, SeededShow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    told: list[float] = []
    many = many_sessions(dossiers[0], 50)
    path = tmp_path / "ledger.xlsx"
    write_ledger(many, path, context(shows[0].today, progress=lambda f, _t: told.append(f)))
    # Every 250 rows gathered (600 questions) and written, then done.
    assert len(told) == 5 and told == sorted(told) and told[-1] == 1.0
    # openpyxl streams each sheet to a temporary file (residents' phones in clear).
    assert list(scratch.iterdir()) == []
    assert openpyxl.load_workbook(path, read_only=True)["问题台账"].max_row == 1 + 50 * 12


def many_sessions(dossier: SessionDossier, count: int) -> list[SessionDossier]:
    return [
        replace(dossier, session=replace(dossier.session, id=uuid.uuid4(), title=f"第{n}期"))
        for n in range(1, count + 1)
    ]


def test_cancel_mid_write_leaves_the_earlier_ledger_and_no_file(
    tmp_path: Path,
    dossiers: list[SessionDossier],
    shows: tuple[SeededShow, SeededShow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "out"
    path = folder / "台账.xlsx"
    write_ledger(dossiers, path, context(shows[0].today))
    before = path.read_bytes()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    token = CancelToken()
    calls: list[tuple[float, str]] = []

    def progress(fraction: float, text: str) -> None:
        calls.append((fraction, text))
        if len(calls) == 3:  # two while gathering 540 rows, the third while writing them
            token.cancel()

    many = many_sessions(dossiers[0], 45)
    with pytest.raises(ExportCancelledError):
        write_ledger(many, path, context(shows[0].today, cancel=token, progress=progress))
    assert len(calls) == 3 and calls[-1][1] == "问题台账"
    assert sorted(os.listdir(folder)) == ["台账.xlsx"]
    assert path.read_bytes() == before
    assert list(scratch.iterdir()) == []


def test_folder_that_is_a_file_fails_and_leaves_nothing(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    blocker = tmp_path / "out"
    blocker.write_bytes(b"not a folder")
    with pytest.raises(ExportWriteError) as raised:
        write_ledger(dossiers, blocker / "台账.xlsx", context(shows[0].today))
    assert raised.value.reason in {ExportWriteError.NOT_FOUND, ExportWriteError.OTHER}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]
    assert blocker.read_bytes() == b"not a folder"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_read_only_folder_fails_and_keeps_the_earlier_ledger(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    folder = tmp_path / "out"
    path = folder / "台账.xlsx"
    write_ledger(dossiers, path, context(shows[0].today))
    before = path.read_bytes()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportWriteError) as raised:
            write_ledger(dossiers[:1], path, context(shows[0].today))
        assert raised.value.reason == ExportWriteError.READ_ONLY
        assert os.listdir(folder) == ["台账.xlsx"]
        assert path.read_bytes() == before
    finally:
        folder.chmod(0o700)


def test_a_thousand_questions_write_quickly(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    base = dossiers[0]
    many = many_sessions(base, 84)  # 1 008 questions
    path = tmp_path / "ledger.xlsx"
    started = time.perf_counter()
    write_ledger(many, path, context(shows[0].today))
    assert time.perf_counter() - started < 4.0
    book = openpyxl.load_workbook(path, read_only=True)
    assert book["问题台账"].max_row == 1 + 84 * 12


def test_channels_and_states_use_the_labels(
    tmp_path: Path, dossiers: list[SessionDossier], shows: tuple[SeededShow, SeededShow]
) -> None:
    labels = replace(
        LABELS,
        channel=lambda c: {Channel.HOTLINE: "热线电话"}.get(c, "其他"),
        question_state=lambda s: {QuestionState.ANSWERED: "已答复"}.get(s, "未答复"),
    )
    path = tmp_path / "ledger.xlsx"
    write_ledger(dossiers, path, context(shows[0].today, labels=labels))
    rows = rows_of(openpyxl.load_workbook(path)["问题台账"])
    assert rows[1][4] == "热线电话" and rows[1][9] == "已答复"
    assert rows[2][4] == "其他" and rows[5][9] == "未答复"
