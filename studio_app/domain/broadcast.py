"""What went out on air: recording/stream runs of a session and agenda items' on-air moments."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from studio_app.domain.errors import ValidationError
from studio_app.domain.ids import ensure_utc, utc_now, uuid7

MAX_SCENE_NAME_LENGTH = 200


class OutputKind(StrEnum):
    """Which OBS output a run is: the local recording or the live stream."""

    RECORD = "record"
    STREAM = "stream"


def aware_utc(field_name: str, value: datetime) -> datetime:
    """Return ``value`` in UTC; a naive datetime is refused, not guessed at."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field_name, "naive_datetime")
    return ensure_utc(value)


def _kind(value: OutputKind | str) -> OutputKind:
    try:
        return OutputKind(value)
    except ValueError:
        raise ValidationError("output_run.kind", "unknown") from None


def timecode(field_name: str, value: int | None) -> int | None:
    """``value`` if it is a valid timecode (not negative), else :class:`ValidationError`."""
    if value is not None and value < 0:
        raise ValidationError(field_name, "negative")
    return value


@dataclass(frozen=True, slots=True)
class OutputRun:
    """One recording or stream of a session, from OBS's STARTED event to its STOPPED event.

    A session can have several runs of each kind (a stream restarted after a network loss, a
    recording split by the operator). A run that ended without a STOPPED event (OBS crashed,
    was closed or the connection was lost) is closed as ``interrupted`` when that is noticed.
    """

    id: uuid.UUID
    session_id: uuid.UUID
    kind: OutputKind
    started_at: datetime
    stopped_at: datetime | None = None
    #: The recording file, from the STOPPED event ("" for streams).
    path: str = ""
    #: Ended without a STOPPED event; ``stopped_at`` is then when that was noticed.
    interrupted: bool = False

    @classmethod
    def start(
        cls, session_id: uuid.UUID, kind: OutputKind, at: datetime | None = None
    ) -> OutputRun:
        """Open a run that started at ``at`` (now if not given)."""
        started = aware_utc("output_run.started_at", at if at is not None else utc_now())
        return cls(id=uuid7(), session_id=session_id, kind=_kind(kind), started_at=started)

    @property
    def is_open(self) -> bool:
        """The output is still running, as far as the record knows."""
        return self.stopped_at is None

    @property
    def duration(self) -> timedelta | None:
        """How long the output ran, or ``None`` while it is open."""
        if self.stopped_at is None:
            return None
        return self.stopped_at - self.started_at

    def stopped(self, at: datetime, path: str = "", *, interrupted: bool = False) -> OutputRun:
        """Return the run closed at ``at``, or raise :class:`ValidationError`.

        Refuses a run that is already stopped (a STOPPED event seen twice must not move the
        end) and an end before the start.
        """
        if self.stopped_at is not None:
            raise ValidationError("output_run", "already_stopped")
        return replace(self, stopped_at=at, path=path, interrupted=interrupted).validated()

    def validated(self) -> OutputRun:
        """Return a normalised copy (UTC datetimes), or raise :class:`ValidationError`."""
        started = aware_utc("output_run.started_at", self.started_at)
        stopped = self.stopped_at
        if stopped is not None:
            stopped = aware_utc("output_run.stopped_at", stopped)
            if stopped < started:
                raise ValidationError("output_run.stopped_at", "before_start")
        elif self.interrupted:
            raise ValidationError("output_run.interrupted", "still_open")
        return replace(self, kind=_kind(self.kind), started_at=started, stopped_at=stopped)


@dataclass(frozen=True, slots=True)
class AgendaMark:
    """The moment an agenda item went on air, with the outputs' timecodes at that moment.

    The timecodes let a recording or the stream's archive be cut into chapters later; either
    is ``None`` when that output was not running.
    """

    id: uuid.UUID
    session_id: uuid.UUID
    agenda_item_id: uuid.UUID
    #: UTC wall clock.
    at: datetime
    #: Milliseconds since the recording started, ``None`` if not recording.
    record_ms: int | None = None
    #: Milliseconds since the stream started, ``None`` if not streaming.
    stream_ms: int | None = None
    #: The scene that was switched to, "" if none.
    scene_name: str = ""

    @classmethod
    def create(
        cls,
        session_id: uuid.UUID,
        agenda_item_id: uuid.UUID,
        at: datetime | None = None,
        record_ms: int | None = None,
        stream_ms: int | None = None,
        scene_name: str = "",
    ) -> AgendaMark:
        """Record that an agenda item went on air at ``at`` (now if not given)."""
        return cls(
            id=uuid7(),
            session_id=session_id,
            agenda_item_id=agenda_item_id,
            at=at if at is not None else utc_now(),
            record_ms=record_ms,
            stream_ms=stream_ms,
            scene_name=scene_name,
        ).validated()

    def validated(self) -> AgendaMark:
        """Return a normalised copy, or raise :class:`ValidationError`."""
        scene_name = self.scene_name.strip()
        if len(scene_name) > MAX_SCENE_NAME_LENGTH:
            raise ValidationError("agenda_mark.scene_name", "too_long")
        return replace(
            self,
            at=aware_utc("agenda_mark.at", self.at),
            record_ms=timecode("agenda_mark.record_ms", self.record_ms),
            stream_ms=timecode("agenda_mark.stream_ms", self.stream_ms),
            scene_name=scene_name,
        )
