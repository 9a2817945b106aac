"""The run of show as it happened: agenda items' actual times and questions' on-air spans."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from studio_app.domain.broadcast import AgendaMark, aware_utc, timecode
from studio_app.domain.errors import ValidationError
from studio_app.domain.ids import utc_now, uuid7
from studio_app.domain.sessions import AgendaItem


@dataclass(frozen=True, slots=True)
class QuestionAiring:
    """One stretch of time a question was on air, with the outputs' timecodes at its ends.

    A question pulled off air and taken again has two airings. Timecodes are milliseconds
    into the recording and the stream (``None`` when that output was not running or OBS
    could not be asked); the wall clock is always known.
    """

    id: uuid.UUID
    session_id: uuid.UUID
    question_id: uuid.UUID
    started_at: datetime
    ended_at: datetime | None = None
    start_record_ms: int | None = None
    start_stream_ms: int | None = None
    end_record_ms: int | None = None
    end_stream_ms: int | None = None

    @classmethod
    def start(
        cls, session_id: uuid.UUID, question_id: uuid.UUID, at: datetime | None = None
    ) -> QuestionAiring:
        """Open an airing that started at ``at`` (now if not given)."""
        return cls(
            id=uuid7(),
            session_id=session_id,
            question_id=question_id,
            started_at=aware_utc("airing.started_at", at or utc_now()),
        )

    @property
    def is_open(self) -> bool:
        """The question is still on air."""
        return self.ended_at is None

    def ended(self, at: datetime | None = None) -> QuestionAiring:
        """Return the airing closed at ``at`` (never before it started)."""
        if self.ended_at is not None:
            raise ValidationError("airing", "already_ended")
        end = aware_utc("airing.ended_at", at or utc_now())
        return replace(self, ended_at=max(end, self.started_at))

    def with_timecodes(
        self, edge: str, record_ms: int | None, stream_ms: int | None
    ) -> QuestionAiring:
        """Return a copy with the timecodes of its ``"start"`` or ``"end"`` filled in."""
        record_ms = timecode("airing.record_ms", record_ms)
        stream_ms = timecode("airing.stream_ms", stream_ms)
        if edge == "start":
            return replace(self, start_record_ms=record_ms, start_stream_ms=stream_ms)
        if edge == "end":
            return replace(self, end_record_ms=record_ms, end_stream_ms=stream_ms)
        raise ValidationError("airing.edge", "unknown")


@dataclass(frozen=True, slots=True)
class AgendaSpan:
    """An agenda item as it ran: first start, last end and time on air against the plan."""

    item: AgendaItem
    #: When the item first went on air (UTC), ``None`` if it never did.
    started_at: datetime | None
    #: When it last came off air; ``None`` while it is on air or if it never was.
    ended_at: datetime | None
    #: Total time on air (an item returned to counts each stretch).
    on_air: timedelta
    #: Recording timecode (ms) when it first went on air, if recording.
    record_ms: int | None
    #: Stream timecode (ms) when it first went on air, if streaming.
    stream_ms: int | None
    is_current: bool

    @property
    def planned(self) -> timedelta:
        """The planned duration (zero when the plan gives none)."""
        return timedelta(minutes=self.item.planned_minutes)

    @property
    def remaining(self) -> timedelta | None:
        """Planned minus used time (negative when over); ``None`` without a plan."""
        if not self.item.planned_minutes:
            return None
        return self.planned - self.on_air


def agenda_spans(
    agenda: Sequence[AgendaItem],
    marks: Iterable[AgendaMark],
    *,
    ended_at: datetime | None = None,
    now: datetime | None = None,
) -> list[AgendaSpan]:
    """How each agenda item ran, from the marks (one per "went on air"), in agenda order.

    A mark ends when the next one starts; the last mark ends when the show ended
    (``ended_at``), or is still running at ``now`` when the show has not ended.
    """
    ordered = sorted(marks, key=lambda m: (m.at, m.id))
    now = now or utc_now()
    first: dict[uuid.UUID, AgendaMark] = {}
    last_end: dict[uuid.UUID, datetime] = {}
    used: dict[uuid.UUID, timedelta] = {}
    current: uuid.UUID | None = None
    for index, mark in enumerate(ordered):
        following = ordered[index + 1].at if index + 1 < len(ordered) else None
        end = following if following is not None else ended_at
        first.setdefault(mark.agenda_item_id, mark)
        stop = end if end is not None else max(now, mark.at)
        used[mark.agenda_item_id] = used.get(mark.agenda_item_id, timedelta()) + max(
            stop - mark.at, timedelta()
        )
        if end is None:
            current = mark.agenda_item_id
            last_end.pop(mark.agenda_item_id, None)
        else:
            last_end[mark.agenda_item_id] = end
    spans = []
    for item in agenda:
        opened = first.get(item.id)
        spans.append(
            AgendaSpan(
                item=item,
                started_at=opened.at if opened else None,
                ended_at=None if item.id == current else last_end.get(item.id),
                on_air=used.get(item.id, timedelta()),
                record_ms=opened.record_ms if opened else None,
                stream_ms=opened.stream_ms if opened else None,
                is_current=item.id == current,
            )
        )
    return spans
