"""Unit tests for studio_app.domain.broadcast: output runs and agenda marks."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from studio_app.domain.broadcast import (
    MAX_SCENE_NAME_LENGTH,
    AgendaMark,
    OutputKind,
    OutputRun,
)
from studio_app.domain.errors import DomainError, ValidationError

CST = timezone(timedelta(hours=8))
START = datetime(2025, 3, 1, 19, 30, 0, 123456, tzinfo=CST)


def _field(excinfo: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str]:
    return excinfo.value.field, excinfo.value.problem


# ---------------------------------------------------------------- output runs


def test_start_opens_a_run_in_utc(session_id: uuid.UUID) -> None:
    run = OutputRun.start(session_id, OutputKind.RECORD, START)
    assert run.id.version == 7
    assert run.session_id == session_id
    assert run.kind is OutputKind.RECORD
    assert run.started_at == START
    assert run.started_at.tzinfo is UTC
    assert run.stopped_at is None
    assert (run.path, run.interrupted) == ("", False)
    assert run.is_open
    assert run.duration is None


def test_start_defaults_to_now(session_id: uuid.UUID) -> None:
    before = datetime.now(UTC)
    run = OutputRun.start(session_id, OutputKind.STREAM)
    assert before <= run.started_at <= datetime.now(UTC)
    assert run.started_at.tzinfo is UTC


def test_start_accepts_the_kind_as_text_and_refuses_unknown_kinds(session_id: uuid.UUID) -> None:
    assert OutputRun.start(session_id, "stream", START).kind is OutputKind.STREAM  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        OutputRun.start(session_id, "replay_buffer", START)  # type: ignore[arg-type]
    assert _field(caught) == ("output_run.kind", "unknown")


def test_start_refuses_a_naive_datetime(session_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as caught:
        OutputRun.start(session_id, OutputKind.RECORD, datetime(2025, 3, 1, 19, 30))
    assert _field(caught) == ("output_run.started_at", "naive_datetime")


def test_ids_of_runs_started_in_a_row_sort_in_order(session_id: uuid.UUID) -> None:
    runs = [OutputRun.start(session_id, OutputKind.RECORD, START) for _ in range(50)]
    assert sorted(r.id for r in runs) == [r.id for r in runs]


def test_stopped_closes_the_run_with_path_and_duration(session_id: uuid.UUID) -> None:
    run = OutputRun.start(session_id, OutputKind.RECORD, START)
    path = "D:/录像/村民议事厅 2025-03-01 19-30-00.mkv"
    end = START + timedelta(hours=1, minutes=2, seconds=3, microseconds=1)
    done = run.stopped(end, path)
    assert done.stopped_at == end
    assert done.stopped_at is not None and done.stopped_at.tzinfo is UTC
    assert done.path == path
    assert not done.interrupted
    assert not done.is_open
    assert done.duration == timedelta(hours=1, minutes=2, seconds=3, microseconds=1)
    # The original is untouched: runs are immutable.
    assert run.is_open
    assert (done.id, done.session_id, done.kind, done.started_at) == (
        run.id,
        run.session_id,
        run.kind,
        run.started_at,
    )


def test_stopped_at_the_start_instant_has_zero_duration(session_id: uuid.UUID) -> None:
    done = OutputRun.start(session_id, OutputKind.STREAM, START).stopped(START)
    assert done.duration == timedelta(0)
    assert done.path == ""


def test_interrupted_run(session_id: uuid.UUID) -> None:
    run = OutputRun.start(session_id, OutputKind.STREAM, START)
    done = run.stopped(START + timedelta(minutes=5), interrupted=True)
    assert done.interrupted
    assert done.duration == timedelta(minutes=5)


def test_stopping_twice_is_refused(session_id: uuid.UUID) -> None:
    done = OutputRun.start(session_id, OutputKind.RECORD, START).stopped(START)
    with pytest.raises(ValidationError) as caught:
        done.stopped(START + timedelta(minutes=1), "again.mkv")
    assert _field(caught) == ("output_run", "already_stopped")
    assert isinstance(caught.value, DomainError)
    assert caught.value.code == "invalid_value"


def test_stopping_before_the_start_is_refused(session_id: uuid.UUID) -> None:
    run = OutputRun.start(session_id, OutputKind.RECORD, START)
    with pytest.raises(ValidationError) as caught:
        run.stopped(START - timedelta(microseconds=1))
    assert _field(caught) == ("output_run.stopped_at", "before_start")


def test_stopping_with_a_naive_datetime_is_refused(session_id: uuid.UUID) -> None:
    run = OutputRun.start(session_id, OutputKind.RECORD, START)
    with pytest.raises(ValidationError) as caught:
        run.stopped(datetime(2025, 3, 1, 21, 0))
    assert _field(caught) == ("output_run.stopped_at", "naive_datetime")


def test_validated_refuses_an_open_run_marked_interrupted(session_id: uuid.UUID) -> None:
    run = OutputRun.start(session_id, OutputKind.STREAM, START)
    with pytest.raises(ValidationError) as caught:
        replace(run, interrupted=True).validated()
    assert _field(caught) == ("output_run.interrupted", "still_open")


def test_validated_normalises_to_utc(session_id: uuid.UUID) -> None:
    run = OutputRun(uuid.uuid4(), session_id, OutputKind.RECORD, START, START + timedelta(1))
    valid = run.validated()
    assert valid == run
    assert valid.started_at.tzinfo is UTC
    assert valid.stopped_at is not None and valid.stopped_at.tzinfo is UTC


# ---------------------------------------------------------------- agenda marks


def test_create_mark_with_timecodes(session_id: uuid.UUID) -> None:
    item_id = uuid.uuid4()
    mark = AgendaMark.create(session_id, item_id, START, 61_000, 0, "  问答画面 ")
    assert mark.id.version == 7
    assert (mark.session_id, mark.agenda_item_id) == (session_id, item_id)
    assert mark.at == START
    assert mark.at.tzinfo is UTC
    assert (mark.record_ms, mark.stream_ms) == (61_000, 0)
    assert mark.scene_name == "问答画面"


def test_create_mark_defaults(session_id: uuid.UUID) -> None:
    before = datetime.now(UTC)
    mark = AgendaMark.create(session_id, uuid.uuid4())
    assert before <= mark.at <= datetime.now(UTC)
    assert (mark.record_ms, mark.stream_ms, mark.scene_name) == (None, None, "")


@pytest.mark.parametrize("field", ["record_ms", "stream_ms"])
def test_negative_timecodes_are_refused(session_id: uuid.UUID, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        AgendaMark.create(session_id, uuid.uuid4(), START, **{field: -1})  # type: ignore[arg-type]
    assert _field(caught) == (f"agenda_mark.{field}", "negative")


def test_mark_refuses_a_naive_datetime(session_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as caught:
        AgendaMark.create(session_id, uuid.uuid4(), datetime(2025, 3, 1, 19, 30))
    assert _field(caught) == ("agenda_mark.at", "naive_datetime")


def test_mark_refuses_an_overlong_scene_name(session_id: uuid.UUID) -> None:
    AgendaMark.create(session_id, uuid.uuid4(), START, scene_name="场" * MAX_SCENE_NAME_LENGTH)
    with pytest.raises(ValidationError) as caught:
        AgendaMark.create(
            session_id, uuid.uuid4(), START, scene_name="场" * (MAX_SCENE_NAME_LENGTH + 1)
        )
    assert _field(caught) == ("agenda_mark.scene_name", "too_long")
