"""The words of archive sync: status bar, tooltip, problems, refused rows and reports."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from studio_app.domain.sync import WIRE_TABLES, RejectReason
from studio_app.services.sync.status import (
    SyncPhase,
    SyncProblem,
    SyncProgress,
    SyncReport,
    SyncState,
    SyncStatus,
)
from studio_app.sync_text import (
    format_count,
    format_sync_time,
    sync_problem_label,
    sync_problem_text,
    sync_reason_text,
    sync_report_text,
    sync_status_text,
    sync_table_label,
)

NBSP = "\u00a0"
NOW = datetime(2026, 11, 2, 16, 0).astimezone()
AT_1405 = datetime(2026, 11, 2, 14, 5).astimezone()
URL = "https://archive.example.org"


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock runs on China time for one test."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# ---------------------------------------------------------------- the status bar
def test_not_set_up() -> None:
    text, tip = sync_status_text(SyncStatus(SyncState.NOT_SET_UP), NOW)
    assert text == "Archive: not set up"
    assert "Last successful sync: never" in tip
    assert "Archive address: not set" in tip
    assert "Archive settings" in tip


def test_not_set_up_names_the_missing_credential_and_the_rows_piling_up() -> None:
    status = SyncStatus(SyncState.NOT_SET_UP, pending=4, problem=SyncProblem.NO_CREDENTIAL, url=URL)
    text, tip = sync_status_text(status, NOW)
    assert text == "Archive: not set up · 4 waiting"
    assert sync_problem_text(SyncProblem.NO_CREDENTIAL) in tip
    assert f"Archive address: {URL}" in tip


def test_syncing_with_and_without_a_total() -> None:
    progress = SyncProgress(SyncPhase.PUSH, 1200, 20000)
    text, tip = sync_status_text(SyncStatus(SyncState.SYNCING, progress=progress), NOW)
    assert text == f"Archive: syncing… 1{NBSP}200 / 20{NBSP}000"
    assert tip.startswith("Sending rows to the archive…")
    text, tip = sync_status_text(
        SyncStatus(SyncState.SYNCING, progress=SyncProgress(SyncPhase.CONNECT)), NOW
    )
    assert text == "Archive: syncing…"
    assert tip.startswith("Connecting to the archive…")
    assert sync_status_text(SyncStatus(SyncState.SYNCING), NOW)[0] == "Archive: syncing…"


def test_synced_today_shows_the_time_and_what_waits() -> None:
    report = SyncReport(pushed=120, pulled=8, department_events=3)
    status = SyncStatus(SyncState.OK, last_success=AT_1405, pending=3, last_report=report, url=URL)
    text, tip = sync_status_text(status, NOW)
    assert text == "Archive: synced 14:05 · 3 waiting"
    assert "Last successful sync: 2026-11-02 14:05" in tip
    assert "Rows waiting to be sent: 3" in tip
    assert sync_report_text(report) in tip
    assert "refused" not in tip
    assert sync_status_text(replace(status, pending=0), NOW)[0] == "Archive: synced 14:05"


def test_synced_on_another_day_shows_the_date() -> None:
    status = SyncStatus(SyncState.OK, last_success=AT_1405 - timedelta(days=1))
    assert sync_status_text(status, NOW)[0] == "Archive: synced 2026-11-01"


def test_idle_says_when_the_last_run_synced_or_that_none_did() -> None:
    assert sync_status_text(SyncStatus(SyncState.IDLE), NOW)[0] == "Archive: not synced yet"
    status = SyncStatus(SyncState.IDLE, last_success=AT_1405, pending=2)
    assert sync_status_text(status, NOW)[0] == "Archive: synced 14:05 · 2 waiting"


def test_times_are_shown_in_local_time(shanghai: None) -> None:
    # 17:30 UTC on the 1st is 01:30 on the 2nd in China: "today", not yesterday's date.
    synced = datetime(2026, 11, 1, 17, 30, tzinfo=UTC)
    now = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
    assert format_sync_time(synced, now) == "01:30"
    text, tip = sync_status_text(SyncStatus(SyncState.OK, last_success=synced), now)
    assert text == "Archive: synced 01:30"
    assert "Last successful sync: 2026-11-02 01:30" in tip
    assert format_sync_time(synced, now + timedelta(days=1)) == "2026-11-02"


@pytest.mark.parametrize(
    ("problem", "label"),
    [
        (SyncProblem.OFFLINE, "Archive: offline"),
        (SyncProblem.TIMEOUT, "Archive: no answer"),
        (SyncProblem.SERVER, "Archive: server problem"),
        (SyncProblem.UNAUTHORIZED, "Archive: credential refused"),
        (SyncProblem.REVOKED, "Archive: credential revoked"),
        (SyncProblem.WRONG_STUDIO, "Archive: wrong studio"),
        (SyncProblem.PROTOCOL, "Archive: update the app"),
        (SyncProblem.REFUSED, "Archive: request refused"),
        (SyncProblem.STORAGE, "Archive: database problem"),
        (SyncProblem.NO_CREDENTIAL, "Archive: no credential"),
        (SyncProblem.BAD_URL, "Archive: bad address"),
    ],
)
def test_failed_names_the_problem(problem: SyncProblem, label: str) -> None:
    status = SyncStatus(
        SyncState.FAILED,
        last_success=AT_1405,
        pending=25,
        problem=problem,
        detail="HTTP 503 from /v1/push",
        url=URL,
    )
    text, tip = sync_status_text(status, NOW)
    assert text == f"{label} · 25 waiting"
    assert sync_problem_label(problem) == label
    assert sync_problem_text(problem) in tip
    assert "Detail: HTTP 503 from /v1/push" in tip
    assert "Last successful sync: 2026-11-02 14:05" in tip


def test_refused_rows_are_always_mentioned() -> None:
    ok = SyncStatus(SyncState.OK, last_success=AT_1405, parked=2)
    text, tip = sync_status_text(ok, NOW)
    assert text == "Archive: 2 refused rows"
    assert "Rows the archive refused: 2" in tip
    assert sync_status_text(replace(ok, pending=3), NOW)[0] == "Archive: 2 refused rows · 3 waiting"
    one = SyncStatus(SyncState.IDLE, parked=1)
    assert sync_status_text(one, NOW)[0] == "Archive: 1 refused row"
    failed = SyncStatus(SyncState.FAILED, problem=SyncProblem.OFFLINE, pending=25, parked=2)
    assert sync_status_text(failed, NOW)[0] == "Archive: offline · 25 waiting · 2 refused"
    syncing = SyncStatus(SyncState.SYNCING, parked=1200)
    assert sync_status_text(syncing, NOW)[0] == f"Archive: syncing… · 1{NBSP}200 refused"
    not_set_up = SyncStatus(SyncState.NOT_SET_UP, parked=2)
    assert sync_status_text(not_set_up, NOW)[0] == "Archive: not set up · 2 refused"


def test_big_counts_are_grouped() -> None:
    assert format_count(999) == "999"
    assert format_count(1200) == f"1{NBSP}200"
    assert format_count(1_234_567) == f"1{NBSP}234{NBSP}567"
    status = SyncStatus(SyncState.OK, last_success=AT_1405, pending=20000)
    assert sync_status_text(status, NOW)[0] == f"Archive: synced 14:05 · 20{NBSP}000 waiting"


# ---------------------------------------------------------------- problems
def test_every_problem_says_what_to_do() -> None:
    texts = {problem: sync_problem_text(problem) for problem in SyncProblem}
    assert len(set(texts.values())) == len(SyncProblem)
    assert texts[SyncProblem.OFFLINE] == (
        "The archive cannot be reached. Check the network and the archive address; sync will "
        "try again by itself."
    )
    assert texts[SyncProblem.REVOKED] == (
        "The county has revoked this studio's credential. Ask the county archive for a new "
        "one and enter it under Archive settings."
    )
    assert "Update Village Studio" in texts[SyncProblem.PROTOCOL]
    for problem in (SyncProblem.UNAUTHORIZED, SyncProblem.WRONG_STUDIO, SyncProblem.NO_CREDENTIAL):
        assert "Archive settings" in texts[problem]
    assert "https://" in texts[SyncProblem.BAD_URL]


# ---------------------------------------------------------------- refused rows
def test_every_synced_table_has_a_name() -> None:
    names = {table.name: sync_table_label(table.name) for table in WIRE_TABLES}
    assert names["broadcast_session"] == "Session"
    assert names["follow_up_event"] == "Follow-up event"
    assert names["output_run"] == "Recording/stream run"
    assert all(label != table for table, label in names.items()), names
    assert len(set(names.values())) == len(names)
    assert sync_table_label("something_new") == "something_new"


def test_every_reject_reason_has_words() -> None:
    for reason in RejectReason:
        assert sync_reason_text(reason.value) != reason.value
    assert sync_reason_text(RejectReason.NOT_YOURS) == "it names another studio"
    assert sync_reason_text("orphan") == "its parent row is missing here"
    assert sync_reason_text("too_big") == "too_big"


# ---------------------------------------------------------------- reports
def test_report_sentences() -> None:
    assert (
        sync_report_text(SyncReport(pushed=120, pulled=8, department_events=3))
        == "Sent 120 rows, received 8 rows (3 replies from departments)."
    )
    assert (
        sync_report_text(SyncReport(pushed=1, pulled=1, department_events=1))
        == "Sent 1 row, received 1 row (1 reply from a department)."
    )
    assert sync_report_text(SyncReport(pushed=2500)) == f"Sent 2{NBSP}500 rows, received 0 rows."
    assert sync_report_text(SyncReport()) == "Up to date: nothing to send or receive."
    text = sync_report_text(SyncReport(pushed=10, rejected=2, pulled=5, orphans=1))
    assert text == (
        "Sent 10 rows, received 5 rows. The archive refused 2 rows: see Refused rows. "
        "Left out 1 row whose parent row is missing here."
    )


# ---------------------------------------------------------------- every word is translatable
def _pseudo_translator(tmp_path: Path) -> QTranslator:
    """A translator built by lupdate/lrelease from sync_text.py, wrapping each text in «»."""
    tools = Path(sys.executable).parent
    source = Path(__file__).resolve().parents[2] / "studio_app" / "sync_text.py"
    ts_file = tmp_path / "pseudo.ts"
    subprocess.run(
        [str(tools / "pyside6-lupdate"), "-silent", str(source), "-ts", str(ts_file)],
        check=True,
        timeout=120,
    )
    tree = ET.parse(ts_file)
    contexts = {c.findtext("name") for c in tree.getroot().iter("context")}
    assert contexts == {"SyncText"}
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        translation.text = f"«{message.findtext('source')}»"
        translation.attrib.pop("type", None)
    tree.write(ts_file, encoding="utf-8")
    qm_file = tmp_path / "pseudo.qm"
    subprocess.run(
        [str(tools / "pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
        check=True,
        timeout=120,
    )
    translator = QTranslator()
    assert translator.load(str(qm_file))
    return translator


def _untranslated(text: str) -> str:
    """What is left of ``text`` after removing every «translated» part (innermost first)."""
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"«[^«»]*»", "", text)
    return text


def test_every_visible_word_goes_through_the_translator(qapp: object, tmp_path: Path) -> None:
    translator = _pseudo_translator(tmp_path)
    QCoreApplication.installTranslator(translator)
    try:
        outputs: list[str] = []
        statuses = [
            SyncStatus(SyncState.NOT_SET_UP),
            SyncStatus(SyncState.IDLE, parked=1),
            SyncStatus(SyncState.IDLE, parked=3, pending=4),
            SyncStatus(SyncState.IDLE, last_success=AT_1405),
            SyncStatus(SyncState.SYNCING, progress=SyncProgress(SyncPhase.PULL, 1, 2)),
            SyncStatus(SyncState.SYNCING),
            SyncStatus(SyncState.OK, last_report=SyncReport(pushed=3, department_events=2)),
            SyncStatus(SyncState.OK, last_success=AT_1405, pending=3),
            SyncStatus(SyncState.FAILED, parked=2),
        ]
        statuses += [
            SyncStatus(SyncState.FAILED, problem=problem, pending=1, parked=1, detail="")
            for problem in SyncProblem
        ]
        for status in statuses:
            outputs.extend(sync_status_text(status, NOW))
        outputs += [sync_table_label(t.name) for t in WIRE_TABLES]
        outputs += [sync_reason_text(r) for r in (*RejectReason, "orphan")]
        outputs += [
            sync_report_text(SyncReport()),
            sync_report_text(SyncReport(pushed=1, pulled=2, department_events=1)),
            sync_report_text(SyncReport(pushed=2, rejected=1, orphans=2, department_events=0)),
        ]
        outputs += [sync_problem_text(p) for p in SyncProblem]
        leftovers = {
            text: rest
            for text in outputs
            if re.search(r"[A-Za-z]", rest := _untranslated(text).replace(URL, ""))
        }
        assert not leftovers, leftovers
    finally:
        QCoreApplication.removeTranslator(translator)
