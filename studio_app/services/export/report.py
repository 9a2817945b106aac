"""The session report as format-neutral blocks, so that the Word and PDF files say the same.

:func:`build_report` turns one :class:`SessionDossier` into headings, paragraphs, key–value
lines and tables, every word from :class:`ExportLabels`; ``report_docx`` and ``report_pdf``
only lay the blocks out.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import TypeVar

from studio_app.domain.export import (
    FollowUpLine,
    SessionDossier,
    Statistics,
    agenda_lines,
    follow_up_lines,
    format_timecode,
    publish,
    question_lines,
    statistics,
)
from studio_app.domain.followups import FollowUpStatus
from studio_app.domain.questions import Answer, Channel, QuestionState
from studio_app.domain.sessions import BroadcastSession
from studio_app.services.export.base import ExportContext
from studio_app.services.export.labels import ExportLabels


class Style(StrEnum):
    """How a paragraph looks."""

    BODY = "body"
    #: Under the title: the kind of document.
    SUBTITLE = "subtitle"
    #: The public/internal notice near the top.
    NOTE = "note"
    #: The internal notice, and anything else the reader must not miss.
    WARNING = "warning"
    #: Secondary text ("no answer recorded").
    MUTED = "muted"


class Align(StrEnum):
    """A table column's alignment."""

    LEFT = "left"
    RIGHT = "right"
    CENTER = "center"


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 0 is the title, 1 a section, 2 a question, 3 a part of one."""

    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    r"""Running text; ``\n`` starts a new line within it."""

    text: str
    style: Style = Style.BODY


@dataclass(frozen=True, slots=True)
class Fields:
    """Key–value lines ("Location  青山镇政务直播间"); the writers supply no separator."""

    items: tuple[tuple[str, str], ...]
    #: Small print (the exported-by lines at the end).
    small: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row; ``weights`` share out the text width between columns."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    weights: tuple[float, ...]
    align: tuple[Align, ...] = ()
    #: Share of the text width the table takes (small figure tables need not span it).
    width: float = 1.0

    def column_align(self, column: int) -> Align:
        """The alignment of ``column`` (left when not given)."""
        return self.align[column] if column < len(self.align) else Align.LEFT


Block = Heading | Paragraph | Fields | Table


@dataclass(frozen=True, slots=True)
class Report:
    """A whole report: blocks in reading order plus what page headers and footers need."""

    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    #: Shown in the PDF's page footer next to the page number.
    footer: str
    #: Every character used (for fonts that embed only what is needed).
    characters: frozenset[str] = field(default_factory=frozenset)

    def __iter__(self) -> Iterator[Block]:
        """The blocks in order."""
        return iter(self.blocks)


# ---------------------------------------------------------------- text helpers

# XML 1.0 forbids C0 controls other than tab/newline/CR; Word and lxml refuse them, PDF
# fonts have no glyphs for them. Lone surrogates cannot be encoded at all.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    r"""``text`` safe for both writers: no control characters, ``\n`` line ends, no tabs."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _ILLEGAL.sub("", text).strip()


def local_time(moment: datetime | None, tz: tzinfo | None, *, seconds: bool = False) -> str:
    """``2026-11-20 09:00`` (local), or "" when there is no moment."""
    if moment is None:
        return ""
    return (
        f"{moment.astimezone(tz):%Y-%m-%d %H:%M:%S}"
        if seconds
        else (f"{moment.astimezone(tz):%Y-%m-%d %H:%M}")
    )


def clock(moment: datetime | None, day: date | None, tz: tzinfo | None) -> str:
    """``09:12:30`` when ``moment`` falls on the local ``day``, else the date too."""
    if moment is None:
        return ""
    local = moment.astimezone(tz)
    if day is not None and local.date() == day:
        return f"{local:%H:%M:%S}"
    return f"{local:%Y-%m-%d %H:%M:%S}"


def minutes(span: timedelta) -> str:
    """Minutes with one decimal: ``4.5``."""
    return f"{span.total_seconds() / 60:.1f}"


def percent(rate: float | None, none: str) -> str:
    """``83.3%`` (or ``none`` when there is nothing to divide by)."""
    return none if rate is None else f"{rate:.1%}"


_K = TypeVar("_K")


def _memo(function: Callable[[_K], str]) -> Callable[[_K], str]:
    """``function`` remembering its answers (state names are asked for a thousand times)."""
    cache: dict[_K, str] = {}

    def lookup(key: _K) -> str:
        try:
            return cache[key]
        except KeyError:
            value = cache[key] = clean(function(key))
            return value

    return lookup


def session_title(session: BroadcastSession, labels: ExportLabels) -> str:
    """The session's title, marked when it was a rehearsal (as the ledger shows it)."""
    if session.rehearsal:
        return labels.name_with_details(session.title, labels.rehearsal)
    return session.title


def answered_by(answer: Answer, labels: ExportLabels) -> str:
    """The answerer's name with role and department where known: 李芳（主任，交通办）."""
    name = answer.answered_by.strip()
    details = labels.details_separator.join(
        part for part in (answer.role.strip(), answer.department.strip()) if part
    )
    if name and details:
        return labels.name_with_details(name, details)
    return name or details


# ---------------------------------------------------------------- building

#: Blocks between calls to ``context.progress`` while building (questions are ~5 blocks).
_PROGRESS_EVERY = 100


class _Builder:
    """Collects blocks; turns every text through :func:`clean` on the way in."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(Heading(level, clean(text)))

    def paragraph(self, text: str, style: Style = Style.BODY) -> None:
        text = clean(text)
        if text:
            self.blocks.append(Paragraph(text, style))

    def fields(self, items: Sequence[tuple[str, str]], *, small: bool = False) -> None:
        kept = tuple((clean(k), clean(v)) for k, v in items if clean(v))
        if kept:
            self.blocks.append(Fields(kept, small))

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        weights: Sequence[float],
        align: Sequence[Align] = (),
        width: float = 1.0,
    ) -> None:
        self.blocks.append(
            Table(
                tuple(clean(h) for h in headers),
                tuple(tuple(clean(c) for c in row) for row in rows),
                tuple(weights),
                tuple(align),
                width,
            )
        )


def build_report(dossier: SessionDossier, context: ExportContext) -> Report:
    """The report of ``dossier`` as blocks, in the words of ``context.labels``.

    Public dossiers (from :func:`publish`) are written as they are: they hold no rejected
    question and no contact data, and nothing private is added here (no phone numbers; askers
    always masked). An internal dossier with ``context.public`` set is published first.

    Raises:
        ExportCancelledError: ``context.cancel`` was set.
    """
    if context.public and not dossier.public:
        # A public export handed the internal record: publish it here rather than leak it.
        dossier, _ = publish(dossier)
    labels, tz = context.labels, context.tz
    channel = _memo(labels.channel)
    question_state = _memo(labels.question_state)
    follow_up_status = _memo(labels.follow_up_status)
    session = dossier.session
    public = context.public or dossier.public
    title = clean(session_title(session, labels))
    moment = session.started_at or session.scheduled_start
    day = moment.astimezone(tz).date() if moment is not None else None
    build = _Builder()

    build.heading(0, title)
    build.paragraph(labels.report_title, Style.SUBTITLE)
    if public:
        build.paragraph(labels.public_note, Style.NOTE)
    else:
        build.paragraph(labels.internal_note, Style.WARNING)
    build.fields(
        [
            (labels.studio, dossier.studio.name),
            (labels.date, day.isoformat() if day is not None else ""),
            (labels.location, session.location),
            (labels.session_status_heading, labels.session_status(session.status)),
            (labels.scheduled, local_time(session.scheduled_start, tz)),
            (labels.went_live, local_time(session.started_at, tz)),
            (labels.ended, local_time(session.ended_at, tz)),
        ]
    )
    if session.description.strip():
        build.heading(1, labels.description)
        build.paragraph(session.description)

    build.heading(1, labels.guests)
    if session.guests:
        build.table(
            (labels.col_name, labels.col_title, labels.col_department),
            [(g.name, g.title, g.department) for g in session.guests],
            (1, 1, 2),
        )
    else:
        build.paragraph(labels.nothing, Style.MUTED)

    build.heading(1, labels.agenda)
    _agenda(build, dossier, labels, day, tz)
    context.cancel.check()

    lines = question_lines(dossier)
    promises = follow_up_lines(dossier, context.today, tz)
    by_question: dict[uuid.UUID, list[FollowUpLine]] = {}
    for promise in promises:
        if promise.follow_up.question_id is not None:
            by_question.setdefault(promise.follow_up.question_id, []).append(promise)
    numbers = dossier.number_of()

    build.heading(1, labels.questions)
    if not lines:
        build.paragraph(labels.nothing, Style.MUTED)
    for index, line in enumerate(lines):
        if index % _PROGRESS_EVERY == 0:
            context.cancel.check()
            context.progress(0.3 * index / len(lines), "")
        question = line.question
        heading = labels.question_heading(line.number)
        if question.state in (QuestionState.REJECTED, QuestionState.MERGED):
            heading = labels.question_heading_with_state(heading, question_state(question.state))
        build.heading(2, heading)
        build.paragraph(question.display_text)
        items = [
            (labels.col_asker, line.asker_masked),
            (labels.col_channel, channel(question.channel)),
            (labels.col_category, question.category),
            (labels.col_state, question_state(question.state)),
        ]
        if question.ask_count > 1:
            items.append((labels.col_ask_count, str(question.ask_count)))
        if question.merged_into is not None and question.merged_into in numbers:
            items.append((labels.col_merged_into, str(numbers[question.merged_into])))
        if question.state is QuestionState.REJECTED and not public:
            reason = question.rejection_reason
            items.append(
                (labels.col_rejection_reason, labels.rejection_reason(reason) if reason else "")
            )
            items.append((labels.col_rejection_note, question.rejection_note))
        items += [
            (labels.col_on_air_at, clock(line.on_air_at, day, tz)),
            (
                labels.col_timecode,
                format_timecode(line.record_ms) if line.record_ms is not None else "",
            ),
            (labels.col_on_air_minutes, minutes(line.on_air) if line.on_air else ""),
        ]
        if line.answer is not None:
            items.append((labels.answer, line.answer.summary))
            items.append((labels.col_answered_by, answered_by(line.answer, labels)))
        build.fields(items)
        if line.answer is None and question.state is not QuestionState.REJECTED:
            build.paragraph(labels.no_answer, Style.MUTED)
        own = by_question.get(question.id, [])
        if own:
            build.fields(
                [
                    (
                        labels.promises,
                        labels.promise_line(
                            p.follow_up.promise,
                            p.lead or labels.none,
                            p.follow_up.deadline.isoformat()
                            if p.follow_up.deadline
                            else labels.none,
                            follow_up_status(p.status),
                        ),
                    )
                    for p in own
                ]
            )
    context.cancel.check()

    build.heading(1, labels.follow_ups)
    _follow_ups(build, promises, labels, follow_up_status)
    context.cancel.check()

    build.heading(1, labels.statistics)
    _statistics(
        build,
        statistics([dossier], context.today, tz),
        labels,
        channel,
        question_state,
        follow_up_status,
    )

    build.fields(
        [
            (labels.exported_at, local_time(context.exported_at, tz)),
            (labels.exported_by, context.exported_by),
            (labels.produced_with, labels.app_name(context.app_version)),
        ],
        small=True,
    )
    footer = title
    blocks = tuple(build.blocks)
    return Report(
        title=title,
        subtitle=clean(labels.report_title),
        blocks=blocks,
        footer=footer,
        characters=_characters(blocks, footer),
    )


def _agenda(
    build: _Builder,
    dossier: SessionDossier,
    labels: ExportLabels,
    day: date | None,
    tz: tzinfo | None,
) -> None:
    spans = agenda_lines(dossier)
    if not spans:
        build.paragraph(labels.nothing, Style.MUTED)
        return
    speakers = {guest.id: guest.name for guest in dossier.session.guests}
    rows = []
    for span in spans:
        item = span.item
        rows.append(
            (
                item.title,
                speakers.get(item.speaker_id, "") if item.speaker_id else "",
                str(item.planned_minutes) if item.planned_minutes else "",
                clock(span.started_at, day, tz),
                clock(span.ended_at, day, tz),
                minutes(span.on_air) if span.started_at is not None else "",
            )
        )
    right = Align.RIGHT
    build.table(
        (
            labels.col_agenda_item,
            labels.col_speaker,
            labels.col_planned_minutes,
            labels.col_started,
            labels.col_ended,
            labels.col_on_air_minutes,
        ),
        rows,
        (3.2, 1.4, 1.1, 1.3, 1.3, 1.1),
        (Align.LEFT, Align.LEFT, right, Align.CENTER, Align.CENTER, right),
    )


def _follow_ups(
    build: _Builder,
    lines: Sequence[FollowUpLine],
    labels: ExportLabels,
    status: Callable[[FollowUpStatus], str],
) -> None:
    if not lines:
        build.paragraph(labels.nothing, Style.MUTED)
        return
    rows = [
        (
            str(line.question_number) if line.question_number is not None else "",
            line.follow_up.promise,
            line.lead,
            line.follow_up.deadline.isoformat() if line.follow_up.deadline else "",
            status(line.status),
            labels.yes if line.overdue else labels.no,
            line.record.state.latest_reply,
        )
        for line in lines
    ]
    build.table(
        (
            labels.col_question_number,
            labels.col_promise,
            labels.col_lead,
            labels.col_deadline,
            labels.col_status,
            labels.col_overdue,
            labels.col_latest_reply,
        ),
        rows,
        (0.8, 3.0, 1.4, 1.4, 1.1, 0.8, 2.6),
        (Align.CENTER, Align.LEFT, Align.LEFT, Align.CENTER, Align.CENTER, Align.CENTER),
    )


def _statistics(
    build: _Builder,
    figures: Statistics,
    labels: ExportLabels,
    channel: Callable[[Channel], str],
    question_state: Callable[[QuestionState], str],
    follow_up_status: Callable[[FollowUpStatus], str],
) -> None:
    rates = figures.follow_ups
    build.fields(
        [
            (labels.questions_count, str(figures.questions)),
            (labels.aired_count, str(figures.aired)),
            (labels.answered_count, str(figures.answered)),
            (labels.follow_ups_count, str(rates.total)),
            (labels.done_count, str(rates.done)),
            (labels.overdue_count, str(rates.overdue)),
            (labels.completion_rate, percent(rates.completion_rate, labels.none)),
            (labels.on_time_rate, percent(rates.on_time_rate, labels.none)),
        ]
    )
    total = figures.questions
    groups: list[tuple[str, str, list[tuple[str, int]], int]] = [
        (
            labels.by_channel,
            labels.col_channel,
            [(channel(c), n) for c, n in figures.by_channel.items()],
            total,
        ),
        (
            labels.by_state,
            labels.col_state,
            [(question_state(s), n) for s, n in figures.by_state.items()],
            total,
        ),
        (
            labels.by_category,
            labels.col_category,
            [(name or labels.no_category, n) for name, n in figures.by_category],
            total,
        ),
        (
            labels.by_status,
            labels.col_status,
            [(follow_up_status(s), n) for s, n in figures.by_status.items()],
            rates.total,
        ),
    ]
    for heading, column, counts, whole in groups:
        if not counts:
            continue
        build.heading(3, heading)
        build.table(
            (column, labels.col_count, labels.col_share),
            [
                (name, str(n), percent(n / whole if whole else None, labels.none))
                for name, n in counts
            ],
            (3, 1, 1),
            (Align.LEFT, Align.RIGHT, Align.RIGHT),
            width=0.6,
        )


def _characters(blocks: Sequence[Block], footer: str) -> frozenset[str]:
    used: set[str] = set(footer)
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            used.update(block.text)
        elif isinstance(block, Fields):
            for key, value in block.items:
                used.update(key)
                used.update(value)
        else:
            for header in block.headers:
                used.update(header)
            for row in block.rows:
                for cell in row:
                    used.update(cell)
    return frozenset(used)
