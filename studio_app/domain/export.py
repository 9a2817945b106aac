"""A session's whole record as it leaves the studio: rows, statistics, chapters, public variant.

Every export format writes from a :class:`SessionDossier`. The rows and figures here are what
the ledger, the report, the CSV files and the chapter lists have in common, so that they
agree with each other; the formats only lay them out.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo

from studio_app.domain.audit import AuditEntry
from studio_app.domain.broadcast import AgendaMark, OutputKind, OutputRun
from studio_app.domain.followups import (
    FollowUp,
    FollowUpEvent,
    FollowUpRates,
    FollowUpState,
    FollowUpStatus,
    fold,
    rates,
)
from studio_app.domain.masking import PersonalDataKind, find_personal_data, mask_name
from studio_app.domain.masking import mask_personal_data as _mask
from studio_app.domain.organisation import Department, Studio
from studio_app.domain.questions import Answer, Channel, Question, QuestionState
from studio_app.domain.record import AgendaSpan, QuestionAiring, agenda_spans
from studio_app.domain.sessions import BroadcastSession

#: Version of the exported record's shape (JSON and CSV). Raise it when a field changes
#: meaning or goes away; adding a field that readers may ignore keeps the version.
EXPORT_SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class FollowUpRecord:
    """A follow-up with its whole event history and the state that history folds to."""

    follow_up: FollowUp
    events: tuple[FollowUpEvent, ...]
    state: FollowUpState

    @classmethod
    def of(cls, follow_up: FollowUp, events: Iterable[FollowUpEvent]) -> FollowUpRecord:
        """The record of ``follow_up`` with ``events`` in append order."""
        steps = tuple(events)
        return cls(follow_up, steps, fold(follow_up, steps))


@dataclass(frozen=True, slots=True)
class SessionDossier:
    """Everything recorded about one session, as read in one transaction.

    ``public`` dossiers come from :func:`publish` and hold no private contact data, no
    rejected questions and no audit trail.
    """

    studio: Studio
    session: BroadcastSession
    #: Live questions in the order received.
    questions: tuple[Question, ...]
    #: Answers by question id.
    answers: Mapping[uuid.UUID, Answer]
    #: On-air spans of questions, in start order.
    airings: tuple[QuestionAiring, ...]
    #: Agenda items' on-air moments, in time order.
    marks: tuple[AgendaMark, ...]
    #: Recording and stream runs, in start order.
    runs: tuple[OutputRun, ...]
    follow_ups: tuple[FollowUpRecord, ...]
    #: Every department the follow-ups name (and the studio's others), by id.
    departments: Mapping[uuid.UUID, Department]
    audit: tuple[AuditEntry, ...] = ()
    public: bool = False
    #: Question numbers of the full record, kept by :func:`publish` so that question 6 is
    #: question 6 in the internal and the public version alike (a withheld one leaves a gap).
    numbers: Mapping[uuid.UUID, int] | None = None

    def number_of(self) -> Mapping[uuid.UUID, int]:
        """Each question's number (1-based, in the order received), as the ledger shows it."""
        if self.numbers is not None:
            return self.numbers
        return {q.id: n for n, q in enumerate(self.questions, start=1)}

    def department_name(self, department_id: uuid.UUID) -> str:
        """The department's name ("" when unknown, e.g. removed before the export)."""
        department = self.departments.get(department_id)
        return department.name if department else ""


# ---------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)
class QuestionLine:
    """One question as the ledger lists it."""

    number: int
    question: Question
    #: The asker's name masked (张*), always: even the internal ledger does not need more.
    asker_masked: str
    answer: Answer | None
    #: When it first went on air (UTC), if it did.
    on_air_at: datetime | None
    #: Milliseconds into the recording when it first went on air, if it was recorded.
    record_ms: int | None
    #: How long it was on air in all.
    on_air: timedelta
    follow_up_count: int


def question_lines(dossier: SessionDossier) -> list[QuestionLine]:
    """The session's questions in the order received, with answer and first airing."""
    first: dict[uuid.UUID, QuestionAiring] = {}
    on_air: dict[uuid.UUID, timedelta] = {}
    for airing in sorted(dossier.airings, key=lambda a: (a.started_at, a.id)):
        first.setdefault(airing.question_id, airing)
        if airing.ended_at is not None:
            span = airing.ended_at - airing.started_at
            on_air[airing.question_id] = on_air.get(airing.question_id, timedelta()) + span
    promises = Counter(r.follow_up.question_id for r in dossier.follow_ups)
    numbers = dossier.number_of()
    lines = []
    for question in dossier.questions:
        number = numbers[question.id]
        aired = first.get(question.id)
        lines.append(
            QuestionLine(
                number=number,
                question=question,
                asker_masked=mask_name(question.asker) if question.asker else "",
                answer=dossier.answers.get(question.id),
                on_air_at=aired.started_at if aired else None,
                record_ms=aired.start_record_ms if aired else None,
                on_air=on_air.get(question.id, timedelta()),
                follow_up_count=promises.get(question.id, 0),
            )
        )
    return lines


@dataclass(frozen=True, slots=True)
class FollowUpLine:
    """One follow-up as the ledger lists it."""

    record: FollowUpRecord
    #: The number of the question it answers (``None`` for a promise made in general).
    question_number: int | None
    lead: str
    supporting: tuple[str, ...]
    overdue: bool
    #: Calendar days from the promise to done, ``None`` while open.
    days_taken: int | None

    @property
    def follow_up(self) -> FollowUp:
        """The follow-up itself."""
        return self.record.follow_up

    @property
    def status(self) -> FollowUpStatus:
        """Its current status."""
        return self.record.state.status


def follow_up_lines(
    dossier: SessionDossier, today: date, tz: tzinfo | None = None
) -> list[FollowUpLine]:
    """The session's follow-ups, oldest first, with overdue and days taken as of ``today``."""
    numbers = dossier.number_of()
    lines = []
    for record in dossier.follow_ups:
        follow_up, state = record.follow_up, record.state
        days = None
        if state.done_at is not None:
            days = (
                state.done_at.astimezone(tz).date() - follow_up.created_at.astimezone(tz).date()
            ).days
        lines.append(
            FollowUpLine(
                record=record,
                question_number=numbers.get(follow_up.question_id)
                if follow_up.question_id
                else None,
                lead=dossier.department_name(follow_up.lead_department_id),
                supporting=tuple(
                    dossier.department_name(d) for d in follow_up.supporting_department_ids
                ),
                overdue=state.is_overdue(today),
                days_taken=days,
            )
        )
    return lines


def show_day(session: BroadcastSession, tz: tzinfo | None = None) -> date:
    """The local day of a show: when it went live, or was planned for, or was created."""
    moment = session.started_at or session.scheduled_start or session.created_at
    return moment.astimezone(tz).date()


def agenda_lines(dossier: SessionDossier) -> list[AgendaSpan]:
    """The run of show as it happened: each agenda item's actual start, end and time on air."""
    session = dossier.session
    end = session.ended_at
    if end is None and dossier.marks:
        # A show exported while live (or never ended properly): the last item runs to the
        # last thing recorded rather than to the moment of the export.
        end = max(
            [m.at for m in dossier.marks]
            + [a.ended_at or a.started_at for a in dossier.airings]
            + [r.stopped_at or r.started_at for r in dossier.runs]
        )
    return agenda_spans(session.agenda, dossier.marks, ended_at=end, now=end)


# ---------------------------------------------------------------- statistics


@dataclass(frozen=True, slots=True)
class Statistics:
    """Counts and rates over one or more sessions, as the summary sheet and report show."""

    sessions: int
    questions: int
    #: Questions that went on air at least once.
    aired: int
    #: Questions with a recorded answer.
    answered: int
    by_channel: Mapping[Channel, int]
    #: By category ("" for questions without one), most frequent first.
    by_category: Sequence[tuple[str, int]]
    by_state: Mapping[QuestionState, int]
    follow_ups: FollowUpRates
    by_status: Mapping[FollowUpStatus, int]


def statistics(
    dossiers: Iterable[SessionDossier], today: date, tz: tzinfo | None = None
) -> Statistics:
    """The figures of ``dossiers`` taken together."""
    sessions = questions = aired = answered = 0
    channels: Counter[Channel] = Counter()
    categories: Counter[str] = Counter()
    states: Counter[QuestionState] = Counter()
    statuses: Counter[FollowUpStatus] = Counter()
    follow_up_states: list[FollowUpState] = []
    for dossier in dossiers:
        sessions += 1
        on_air = {a.question_id for a in dossier.airings}
        for question in dossier.questions:
            questions += 1
            channels[question.channel] += 1
            categories[question.category.strip()] += 1
            states[question.state] += 1
            aired += question.id in on_air
            answered += question.id in dossier.answers
        for record in dossier.follow_ups:
            follow_up_states.append(record.state)
            statuses[record.state.status] += 1
    return Statistics(
        sessions=sessions,
        questions=questions,
        aired=aired,
        answered=answered,
        by_channel={c: channels[c] for c in Channel if channels[c]},
        by_category=sorted(categories.items(), key=lambda kv: (-kv[1], kv[0])),
        by_state={s: states[s] for s in QuestionState if states[s]},
        follow_ups=rates(follow_up_states, today, tz),
        by_status={s: statuses[s] for s in FollowUpStatus if statuses[s]},
    )


# ---------------------------------------------------------------- chapters


@dataclass(frozen=True, slots=True)
class Chapter:
    """A stretch of a recording: an agenda item or a question on air, in milliseconds."""

    start_ms: int
    end_ms: int
    #: The agenda item's title, or the question's on-air text.
    title: str
    #: Set for a question's chapter; ``None`` for an agenda item's.
    question_number: int | None = None


@dataclass(frozen=True, slots=True)
class RecordingChapters:
    """The chapters of one recording run (one file), in order."""

    run: OutputRun
    #: Length of the recording in milliseconds (from OBS's start and stop events).
    duration_ms: int | None
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True, slots=True)
class Clip:
    """One aired question's span in one recording, for cutting it out."""

    run: OutputRun
    question: Question
    number: int
    start_ms: int
    end_ms: int


def recording_runs(dossier: SessionDossier) -> list[OutputRun]:
    """The session's recording runs in start order."""
    return sorted(
        (r for r in dossier.runs if r.kind is OutputKind.RECORD),
        key=lambda r: (r.started_at, r.id),
    )


def _run_at(runs: Sequence[OutputRun], at: datetime) -> OutputRun | None:
    """The recording that was running at ``at`` (the latest one started before it)."""
    found = None
    for run in runs:
        if run.started_at <= at and (run.stopped_at is None or at <= run.stopped_at):
            found = run
    return found


def _duration_ms(run: OutputRun) -> int | None:
    if run.stopped_at is None:
        return None
    return int((run.stopped_at - run.started_at).total_seconds() * 1000)


def chapters(dossier: SessionDossier) -> list[RecordingChapters]:
    """One chapter per agenda item and per aired question, for each recording run.

    Chapters follow each other without gaps: each ends where the next begins (the last at
    the recording's end), so that players and FFmpeg show a clean list. A question answered
    in the middle of an agenda item splits it; the rest of the item after the question comes
    back as a chapter of its own with the item's title. Moments without a recording
    timecode (the recording was not running) are left out.
    """
    runs = recording_runs(dossier)
    titles = {item.id: item.title for item in dossier.session.agenda}
    numbers = dossier.number_of()
    by_id = {q.id: q for q in dossier.questions}
    starts: dict[uuid.UUID, list[tuple[int, int, str, int | None]]] = {r.id: [] for r in runs}
    # (start ms, order, title, question number); order keeps an agenda start before a
    # question taken at the same millisecond.
    agenda_at: dict[uuid.UUID, list[tuple[int, str]]] = {r.id: [] for r in runs}
    for mark in sorted(dossier.marks, key=lambda m: (m.at, m.id)):
        run = _run_at(runs, mark.at)
        if run is None or mark.record_ms is None:
            continue
        title = titles.get(mark.agenda_item_id, "")
        starts[run.id].append((mark.record_ms, 0, title, None))
        agenda_at[run.id].append((mark.record_ms, title))
    for airing in sorted(dossier.airings, key=lambda a: (a.started_at, a.id)):
        run = _run_at(runs, airing.started_at)
        question = by_id.get(airing.question_id)
        if run is None or airing.start_record_ms is None or question is None:
            continue
        number = numbers[question.id]
        starts[run.id].append((airing.start_record_ms, 1, question.display_text, number))
        if airing.end_record_ms is not None:
            # The agenda item resumes after the question (dropped below if something else
            # starts first).
            item = _item_at(agenda_at[run.id], airing.end_record_ms)
            if item is not None:
                starts[run.id].append((airing.end_record_ms, 2, item, None))
    result = []
    for run in runs:
        duration = _duration_ms(run)
        ordered = sorted(
            # Nothing starts after the recording stopped (an item "resuming" after a
            # question that was still on air when the recording ended).
            (s for s in starts[run.id] if duration is None or s[0] < duration),
            key=lambda s: (s[0], s[1]),
        )
        merged = _without_instant_chapters(ordered)
        chapter_list = []
        for index, (start, _, title, question_number) in enumerate(merged):
            if index + 1 < len(merged):
                end = merged[index + 1][0]
            else:
                end = max(duration, start) if duration is not None else start
            chapter_list.append(Chapter(start, end, title, question_number))
        result.append(RecordingChapters(run, duration, tuple(chapter_list)))
    return result


def _item_at(agenda: Sequence[tuple[int, str]], ms: int) -> str | None:
    current = None
    for start, title in agenda:
        if start <= ms:
            current = title
    return current


#: A question that ends less than this before the next chapter starts does not give its
#: agenda item back a chapter of its own for the moment in between.
MIN_RESUMED_MS = 2000


def _without_instant_chapters(
    ordered: list[tuple[int, int, str, int | None]],
) -> list[tuple[int, int, str, int | None]]:
    """Drop the agenda item's resumption where it would be an instant, or a repeat."""
    kept: list[tuple[int, int, str, int | None]] = []
    for index, entry in enumerate(ordered):
        if entry[1] == 2:
            following = ordered[index + 1][0] if index + 1 < len(ordered) else None
            if following is not None and following - entry[0] < MIN_RESUMED_MS:
                continue
            if kept and kept[-1][3] is None and kept[-1][2] == entry[2]:
                continue
        kept.append(entry)
    return kept


def clips(dossier: SessionDossier) -> list[Clip]:
    """Each aired question's spans that have both recording timecodes, in air order."""
    runs = recording_runs(dossier)
    numbers = dossier.number_of()
    by_id = {q.id: q for q in dossier.questions}
    found = []
    for airing in sorted(dossier.airings, key=lambda a: (a.started_at, a.id)):
        run = _run_at(runs, airing.started_at)
        question = by_id.get(airing.question_id)
        start, end = airing.start_record_ms, airing.end_record_ms
        if run is None or question is None or start is None:
            continue
        if end is None:
            # Still on air when the recording stopped: the clip runs to the file's end.
            end = _duration_ms(run)
        if end is None or end <= start:
            continue
        found.append(Clip(run, question, numbers[question.id], start, end))
    return found


def format_timecode(ms: int, *, fraction: bool = False) -> str:
    """``H:MM:SS`` (or ``H:MM:SS.mmm``) for a position in a recording."""
    seconds, millis = divmod(max(ms, 0), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours:d}:{minutes:02d}:{seconds:02d}"
    return f"{text}.{millis:03d}" if fraction else text


# ---------------------------------------------------------------- publication


@dataclass(frozen=True, slots=True)
class WithheldQuestion:
    """A question left out of a public export, for the operator's list."""

    session_title: str
    number: int
    #: Its on-air text (already masked), shortened.
    excerpt: str


@dataclass(frozen=True, slots=True)
class Withheld:
    """What a public export left out or masked, told to the operator before it is shared."""

    rejected: tuple[WithheldQuestion, ...] = ()
    #: Residents' phone numbers removed (question phone fields and follow-up contacts).
    phones: int = 0
    contacts: int = 0
    #: Askers' names shortened to their masked form (张*).
    names: int = 0
    #: Personal data masked inside free text (questions, answers, promises, replies).
    in_text: Mapping[PersonalDataKind, int] = field(default_factory=dict)
    #: Audit trail entries left out (the public record has no audit trail).
    audit_entries: int = 0

    def __add__(self, other: Withheld) -> Withheld:
        """Both together (for an export of several sessions)."""
        kinds = Counter(self.in_text)
        kinds.update(other.in_text)
        return Withheld(
            rejected=self.rejected + other.rejected,
            phones=self.phones + other.phones,
            contacts=self.contacts + other.contacts,
            names=self.names + other.names,
            in_text=dict(kinds),
            audit_entries=self.audit_entries + other.audit_entries,
        )

    @property
    def anything(self) -> bool:
        """Something was left out or masked."""
        return bool(
            self.rejected
            or self.phones
            or self.contacts
            or self.names
            or self.in_text
            or self.audit_entries
        )


#: Characters of a withheld question's text shown to the operator.
EXCERPT_LENGTH = 40


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """``text`` on one line, cut to ``length`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


class _Masker:
    """Masks free text and counts what it masked."""

    def __init__(self) -> None:
        self.kinds: Counter[PersonalDataKind] = Counter()

    def __call__(self, text: str, names: Iterable[str] = ()) -> str:
        if not text:
            return text
        result = _mask(text, names=names)
        for finding in result.findings:
            self.kinds[finding.kind] += 1
        return result.text


def publish(dossier: SessionDossier) -> tuple[SessionDossier, Withheld]:
    """The public variant of ``dossier`` and what it withheld.

    Rejected questions (and their answers, airings and follow-ups) go; phone numbers and
    residents' contacts are emptied; askers' names keep only their masked form; personal
    data in the residents' and answers' free text is masked (the asker's name is searched
    for too); the audit trail goes. The studio's own planning (title, agenda, guests) is
    public by nature and kept as it is.
    """
    if dossier.public:
        return dossier, Withheld()
    mask = _Masker()
    numbers = dossier.number_of()
    rejected = [q for q in dossier.questions if q.state is QuestionState.REJECTED]
    dropped = {q.id for q in rejected}
    askers = {q.id: q.asker for q in dossier.questions}
    questions = []
    phones = names = 0
    for question in dossier.questions:
        if question.id in dropped:
            continue
        phones += bool(question.phone)
        names += bool(question.asker)
        own = _own(question.asker)
        questions.append(
            replace(
                question,
                text=mask(question.text, own),
                display_text=mask(question.display_text, own),
                asker=mask_name(question.asker) if question.asker else "",
                phone="",
                rejection_note="",
            )
        )
    answers = {
        qid: replace(answer, summary=mask(answer.summary, _own(askers.get(qid))))
        for qid, answer in dossier.answers.items()
        if qid not in dropped
    }
    follow_ups = []
    contacts = 0
    for record in dossier.follow_ups:
        follow_up = record.follow_up
        if follow_up.question_id in dropped:
            continue
        own = _own(askers.get(follow_up.question_id) if follow_up.question_id else None)
        contacts += bool(follow_up.resident_contact)
        public_follow_up = replace(
            follow_up,
            promise=mask(follow_up.promise, own),
            resident_contact="",
        )
        events = [replace(e, text=mask(e.text, own)) for e in record.events]
        follow_ups.append(FollowUpRecord.of(public_follow_up, events))
    public = replace(
        dossier,
        questions=tuple(questions),
        answers=answers,
        airings=tuple(a for a in dossier.airings if a.question_id not in dropped),
        follow_ups=tuple(follow_ups),
        audit=(),
        public=True,
        numbers={q.id: numbers[q.id] for q in questions},
    )
    withheld = Withheld(
        rejected=tuple(
            # The operator sees the excerpt, perhaps on a shared screen: masked too.
            WithheldQuestion(
                dossier.session.title,
                numbers[q.id],
                excerpt(_mask(q.display_text, names=_own(q.asker)).text),
            )
            for q in rejected
        ),
        phones=phones,
        contacts=contacts,
        names=names,
        in_text=dict(mask.kinds),
        audit_entries=len(dossier.audit),
    )
    return public, withheld


def _own(asker: str | None) -> list[str]:
    return [asker] if asker else []


@dataclass(frozen=True, slots=True)
class PersonalDataLeft:
    """Personal data found in a public dossier: where, and what kind (never the data itself)."""

    session_title: str
    where: str
    kind: PersonalDataKind


def personal_data_left(dossier: SessionDossier) -> list[PersonalDataLeft]:
    """Unmasked personal data in what a public export writes of residents and answers.

    The last check before a public file is written; :func:`publish` leaves nothing for it to
    find, so a finding here means a bug or a dossier that did not come from it. Phone and
    contact fields must be empty; free text must have nothing :func:`find_personal_data`
    reports.
    """
    title = dossier.session.title
    found: list[PersonalDataLeft] = []
    numbers = dossier.number_of()
    for question in dossier.questions:
        where = f"question {numbers[question.id]}"
        if question.phone:
            found.append(PersonalDataLeft(title, f"{where} phone", PersonalDataKind.MOBILE))
        if question.state is QuestionState.REJECTED:
            found.append(PersonalDataLeft(title, f"{where} rejected", PersonalDataKind.NAME))
        for label, text in (
            ("text", question.text),
            ("display text", question.display_text),
            ("asker", question.asker),
            ("category", question.category),
        ):
            found.extend(_findings(title, f"{where} {label}", text))
    for question_id, answer in dossier.answers.items():
        where = f"answer to question {numbers.get(question_id, '?')}"
        found.extend(_findings(title, where, answer.summary))
    for record in dossier.follow_ups:
        where = f"follow-up {record.follow_up.id}"
        if record.follow_up.resident_contact:
            found.append(PersonalDataLeft(title, f"{where} contact", PersonalDataKind.MOBILE))
        found.extend(_findings(title, f"{where} promise", record.follow_up.promise))
        for event in record.events:
            found.extend(_findings(title, f"{where} event", event.text))
    if dossier.audit:
        found.append(PersonalDataLeft(title, "audit trail", PersonalDataKind.NAME))
    return found


def _findings(title: str, where: str, text: str) -> Iterator[PersonalDataLeft]:
    for finding in find_personal_data(text) if text else ():
        yield PersonalDataLeft(title, where, finding.kind)
