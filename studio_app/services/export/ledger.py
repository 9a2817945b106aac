"""The Excel ledger (台账): every question and follow-up of one or more sessions, and a summary.

Written with openpyxl's write-only workbook, which streams rows to disk instead of keeping a
cell object for each of them: a 200-session archive stays small in memory. Such a sheet
writes its column widths and frozen panes before the first row, so each list sheet's rows are
first gathered as plain value tuples (sharing the dossiers' strings) and measured, then
streamed out.
"""

from __future__ import annotations

import contextlib
import enum
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, TypeVar

from lxml import etree  # type: ignore[import-untyped, unused-ignore]
from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell import Cell  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell.cell import ERROR_CODES  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import (  # type: ignore[import-untyped, unused-ignore]
    Alignment,
    Font,
    PatternFill,
)
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped, unused-ignore]

from studio_app.domain.export import (
    SessionDossier,
    Statistics,
    follow_up_lines,
    format_timecode,
    question_lines,
    show_day,
    statistics,
)
from studio_app.domain.questions import Answer
from studio_app.domain.sessions import BroadcastSession
from studio_app.services.export.base import ExportContext
from studio_app.services.export.files import ExportWriteError, atomic_path
from studio_app.services.export.labels import ExportLabels

#: Rows between two looks at the cancel token (and progress reports).
CHUNK = 250
#: Widest a column gets, in Excel's character units; longer text wraps.
WIDE_TEXT = 60
NARROW_TEXT = 30
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
#: Excel keeps at most this many characters in a cell (and repairs files with more).
CELL_LIMIT = 32_767
#: Characters the XML of a sheet cannot hold (control characters other than tab and newline).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class LedgerError(Exception):
    """The ledger cannot be written as asked. ``reason`` names the cause."""

    #: A public ledger was asked for with a dossier that was not published.
    NOT_PUBLISHED = "not_published"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Kind(enum.Enum):
    TEXT = enum.auto()
    #: Free text that wraps in a wide column.
    LONG = enum.auto()
    NUMBER = enum.auto()
    DATE = enum.auto()
    DATETIME = enum.auto()


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    kind: _Kind = _Kind.TEXT
    cap: int = NARROW_TEXT


_FIXED_WIDTH = {_Kind.DATE: 12, _Kind.DATETIME: 17}
_Row = tuple[Any, ...]


def write_ledger(dossiers: Sequence[SessionDossier], path: Path, context: ExportContext) -> None:
    """Write the ledger of ``dossiers`` (in that order) to ``path`` (an ``.xlsx`` file).

    Sheets: the questions of every session, the follow-ups, and a summary of the figures.
    In public mode (``context.public``) the dossiers must come from
    :func:`~studio_app.domain.export.publish`, and no phone or contact column is written.

    Raises:
        LedgerError: ``not_published``: a public ledger of a dossier that is not public.
        ExportCancelledError: ``context.cancel`` was set; nothing was written.
        ExportWriteError: The file could not be written; nothing of it is left.
    """
    if context.public and not all(d.public for d in dossiers):
        raise LedgerError(LedgerError.NOT_PUBLISHED)
    total = sum(len(d.questions) + len(d.follow_ups) for d in dossiers)
    progress = _Progress(context, total)
    with atomic_path(path) as temporary:
        workbook = Workbook(write_only=True)
        try:
            _write_workbook(workbook, dossiers, context, progress)
            context.cancel.check()
            _save(workbook, temporary, context)
        except etree.SerialisationError as error:
            # openpyxl streams each sheet into a file of the system's temp folder through
            # lxml, which reports a full disk as IO_ENOSPC/IO_EFBIG rather than an OSError.
            code = str(error)
            reason = (
                ExportWriteError.NO_SPACE
                if "ENOSPC" in code or "EFBIG" in code or "EDQUOT" in code
                else ExportWriteError.OTHER
            )
            raise ExportWriteError(path, reason, code) from error
        finally:
            _discard_sheet_files(workbook)
    context.progress(1.0, "")


def _save(workbook: Any, temporary: Path, context: ExportContext) -> None:
    """Zip the workbook into ``temporary``, closing the file even when the disk is full.

    (``Workbook.save`` leaves its zip file open on an error, which keeps the file in use on
    Windows, where it then cannot be removed.)
    """
    properties = workbook.properties
    properties.title = context.labels.ledger_title
    properties.creator = context.exported_by or None
    properties.created = properties.modified = context.exported_at.astimezone(UTC).replace(
        tzinfo=None
    )
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()


def _write_workbook(
    workbook: Workbook,
    dossiers: Sequence[SessionDossier],
    context: ExportContext,
    progress: _Progress,
) -> None:
    labels = context.labels
    columns, rows = _question_rows(dossiers, context, progress)
    _write_list(workbook, labels.sheet_questions, columns, rows, "D2", context, progress)
    del rows
    columns, rows = _follow_up_rows(dossiers, context, progress)
    _write_list(workbook, labels.sheet_follow_ups, columns, rows, "C2", context, progress)
    del rows
    _write_summary(workbook, dossiers, context)


class _Progress:
    """Counts rows gathered and written (each row twice) and tells the context now and then."""

    def __init__(self, context: ExportContext, rows: int) -> None:
        self._context = context
        # Writing a row takes about ten times as long as gathering it; saving at the end
        # (zipping the streamed sheets) takes a few percent of the whole.
        self._total = max(1, 11 * rows)
        self._done = 0

    def gathered(self, rows: int, text: str) -> None:
        self._step(rows, text)

    def written(self, rows: int, text: str) -> None:
        self._step(10 * rows, text)

    def _step(self, units: int, text: str) -> None:
        self._context.cancel.check()
        self._done += units
        self._context.progress(min(0.97, self._done / self._total), text)


# ---------------------------------------------------------------- rows


def _question_rows(
    dossiers: Sequence[SessionDossier], context: ExportContext, progress: _Progress
) -> tuple[list[_Column], list[_Row]]:
    labels, tz = context.labels, context.tz
    columns = [
        _Column(labels.col_session),
        _Column(labels.col_session_date, _Kind.DATE),
        _Column(labels.col_number, _Kind.NUMBER),
        _Column(labels.col_received, _Kind.DATETIME),
        _Column(labels.col_channel),
        _Column(labels.col_category),
        _Column(labels.col_asker),
        _Column(labels.col_question, _Kind.LONG, WIDE_TEXT),
        _Column(labels.col_display_text, _Kind.LONG, WIDE_TEXT),
        _Column(labels.col_state),
        _Column(labels.col_answer, _Kind.LONG, WIDE_TEXT),
        _Column(labels.col_answered_by, cap=40),
        _Column(labels.col_on_air_at, _Kind.DATETIME),
        _Column(labels.col_timecode),
        _Column(labels.col_follow_up_count, _Kind.NUMBER),
    ]
    if not context.public:
        columns.append(_Column(labels.col_phone))
    channels = _memo(labels.channel)
    states = _memo(labels.question_state)
    rows: list[_Row] = []
    for dossier in dossiers:
        title = _session_title(dossier.session, labels)
        day = show_day(dossier.session, tz)
        for line in question_lines(dossier):
            question, answer = line.question, line.answer
            row: _Row = (
                title,
                day,
                line.number,
                _local(question.received_at, tz),
                channels(question.channel),
                question.category,
                line.asker_masked,
                question.text,
                question.display_text,
                states(question.state),
                answer.summary if answer else None,
                _answered_by(answer, labels) if answer else None,
                _local(line.on_air_at, tz),
                format_timecode(line.record_ms) if line.record_ms is not None else None,
                line.follow_up_count,
            )
            if not context.public:
                row += (question.phone,)
            rows.append(row)
            if len(rows) % CHUNK == 0:
                progress.gathered(CHUNK, labels.sheet_questions)
    return columns, rows


def _follow_up_rows(
    dossiers: Sequence[SessionDossier], context: ExportContext, progress: _Progress
) -> tuple[list[_Column], list[_Row]]:
    labels, tz = context.labels, context.tz
    columns = [
        _Column(labels.col_session),
        _Column(labels.col_question_number, _Kind.NUMBER),
        _Column(labels.col_promise, _Kind.LONG, WIDE_TEXT),
        _Column(labels.col_lead),
        _Column(labels.col_supporting, cap=40),
        _Column(labels.col_responsible),
        _Column(labels.col_deadline, _Kind.DATE),
        _Column(labels.col_status),
        _Column(labels.col_latest_reply, _Kind.LONG, WIDE_TEXT),
        _Column(labels.col_overdue),
        _Column(labels.col_days_taken, _Kind.NUMBER),
        _Column(labels.col_created, _Kind.DATE),
    ]
    if not context.public:
        columns.append(_Column(labels.col_contact))
    statuses = _memo(labels.follow_up_status)
    rows: list[_Row] = []
    for dossier in dossiers:
        title = _session_title(dossier.session, labels)
        for line in follow_up_lines(dossier, context.today, tz):
            follow_up, state = line.follow_up, line.record.state
            row: _Row = (
                title,
                line.question_number,
                follow_up.promise,
                line.lead,
                labels.name_list_separator.join(name for name in line.supporting if name),
                follow_up.responsible_person,
                follow_up.deadline,
                statuses(state.status),
                state.latest_reply,
                labels.yes if line.overdue else labels.no,
                line.days_taken,
                follow_up.created_at.astimezone(tz).date(),
            )
            if not context.public:
                row += (follow_up.resident_contact,)
            rows.append(row)
            if len(rows) % CHUNK == 0:
                progress.gathered(CHUNK, labels.sheet_follow_ups)
    return columns, rows


def _session_title(session: BroadcastSession, labels: ExportLabels) -> str:
    if session.rehearsal:
        return labels.name_with_details(session.title, labels.rehearsal)
    return session.title


def _local(moment: datetime | None, tz: tzinfo | None) -> datetime | None:
    """``moment`` in local time without a zone (Excel has no time zones)."""
    return moment.astimezone(tz).replace(tzinfo=None) if moment is not None else None


_K = TypeVar("_K")
_V = TypeVar("_V")


def _memo(function: Callable[[_K], _V]) -> Callable[[_K], _V]:
    """``function`` remembering its answers (enum names are asked for thousands of times)."""
    cache: dict[_K, _V] = {}

    def lookup(key: _K) -> _V:
        try:
            return cache[key]
        except KeyError:
            value = cache[key] = function(key)
            return value

    return lookup


def _answered_by(answer: Answer, labels: ExportLabels) -> str:
    """The answerer's name, then role and department where known: 李芳（主任，交通办）."""
    name = answer.answered_by.strip()
    details = labels.details_separator.join(
        part for part in (answer.role.strip(), answer.department.strip()) if part
    )
    if name and details:
        return labels.name_with_details(name, details)
    return name or details


# ---------------------------------------------------------------- cells


def _clean(text: str) -> str:
    """``text`` as a cell can hold it: no XML-illegal characters, within Excel's limit."""
    if len(text) > CELL_LIMIT:
        text = text[:CELL_LIMIT]
    return _ILLEGAL.sub("", text)


class _Styles:
    """The few looks of one sheet's cells, each made once and copied into the cells using it."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.header = self._look(
            font=Font(bold=True),
            fill=PatternFill("solid", fgColor="DDEBF7"),
            alignment=Alignment(vertical="center", wrap_text=True),
        )
        self.title = self._look(font=Font(bold=True, size=14))
        self.bold = self._look(font=Font(bold=True))
        self.wrap = self._look(alignment=Alignment(vertical="top", wrap_text=True))
        self.date = self._look(number_format=DATE_FORMAT)
        self.datetime = self._look(number_format=DATETIME_FORMAT)
        self.percent = self._look(number_format=PERCENT_FORMAT)

    def _look(self, **attributes: Any) -> Any:
        cell = Cell(self.sheet)
        for name, value in attributes.items():
            setattr(cell, name, value)
        # Setting a look on each of thousands of cells would look it up in the workbook's
        # style tables every time; a copy of the finished style array is much cheaper.
        return cell._style

    def cell(self, value: Any, look: Any) -> Any:
        """A cell of ``value`` (never a formula) with ``look``, or ``None`` for no value."""
        if value is None or value == "":
            return None
        if isinstance(value, str):
            value = _clean(value)
        cell = Cell(self.sheet, row=1, column=1, value=value, style_array=look)
        if cell.data_type in _NOT_TEXT and isinstance(value, str):
            cell.data_type = "s"
        return cell

    def text(self, value: str | None) -> Any:
        """A plain text value, as a cell only where openpyxl would not take it for text."""
        if not value:
            return None
        text = _clean(value)
        # openpyxl takes "=…" for a formula and "#N/A" for an error value: a resident's
        # words must stay text (and never run as a formula in the reader's Excel).
        if text.startswith("=") or text in ERROR_CODES:
            cell = Cell(self.sheet, row=1, column=1, value=text)
            cell.data_type = "s"
            return cell
        return text

    def maker(self, kind: _Kind) -> Callable[[Any], Any]:
        """What turns a value of a column of ``kind`` into what the sheet is given."""
        if kind is _Kind.NUMBER:
            return _as_is
        look = {_Kind.DATE: self.date, _Kind.DATETIME: self.datetime, _Kind.LONG: self.wrap}
        if kind in look:
            chosen, cell = look[kind], self.cell
            return lambda value: cell(value, chosen)
        return self.text


#: Data types openpyxl gives text it takes for something else (formula, error value).
_NOT_TEXT = frozenset({"f", "e"})


def _as_is(value: Any) -> Any:
    return value


def _sheet_title(text: str) -> str:
    """``text`` as Excel allows a sheet name: at most 31 characters, no brackets or slashes."""
    name = re.sub(r"[\[\]:*?/\\]", "_", text).strip("' ")[:31]
    return name or "_"


# ---------------------------------------------------------------- widths


_east_asian = unicodedata.east_asian_width
#: East Asian widths that take two columns (Chinese characters, full-width punctuation).
_WIDE = {"W": 2, "F": 2}


def _text_width(text: str) -> int:
    """Width of ``text``'s longest line in Excel's units: CJK characters count double."""
    lines = text.split("\n") if "\n" in text else (text,)
    if text.isascii():
        return max(len(line) for line in lines)
    return max(sum(_WIDE.get(_east_asian(c), 1) for c in line) for line in lines)


def _widths(columns: Sequence[_Column], rows: Sequence[_Row]) -> list[float]:
    """Each column's width: its widest value or header (plus room for the filter button)."""
    widths: list[float] = []
    for index, column in enumerate(columns):
        # The header's filter button covers about two characters.
        header = _text_width(column.header) + 3
        fixed = _FIXED_WIDTH.get(column.kind)
        if fixed is not None:
            widths.append(max(fixed, min(header, column.cap)))
            continue
        widest = header
        for row in rows:
            value = row[index]
            if value is None or value == "":
                continue
            text = value if isinstance(value, str) else str(value)
            # No character is wider than two units: skip what cannot be the widest.
            if 2 * len(text) + 1 <= widest:
                continue
            widest = max(widest, _text_width(text) + 1)
            if widest >= column.cap:
                break
        widths.append(max(6, min(widest, column.cap)))
    return widths


# ---------------------------------------------------------------- sheets


def _write_list(
    workbook: Any,
    title: str,
    columns: Sequence[_Column],
    rows: list[_Row],
    freeze: str,
    context: ExportContext,
    progress: _Progress,
) -> None:
    """A list sheet: header, then ``rows``; widths, frozen header, filter over all of it."""
    sheet = workbook.create_sheet(_sheet_title(title))
    styles = _Styles(sheet)
    for index, width in enumerate(_widths(columns, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = freeze
    used = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    # A write-only sheet states its size only if it has this (openpyxl looks it up before
    # the first row); readers that size a sheet up front, openpyxl's own among them, want it.
    sheet.calculate_dimension = lambda: used
    sheet.append([styles.cell(column.header, styles.header) for column in columns])
    makers = [styles.maker(column.kind) for column in columns]
    for number, row in enumerate(rows, start=1):
        sheet.append([make(value) for make, value in zip(makers, row, strict=True)])
        if number % CHUNK == 0:
            progress.written(CHUNK, title)
    sheet.auto_filter.ref = used
    context.cancel.check()


@dataclass(frozen=True, slots=True)
class _Styled:
    """A summary value with one of :class:`_Styles`' looks, by attribute name."""

    value: Any
    look: str


def _write_summary(
    workbook: Any, dossiers: Sequence[SessionDossier], context: ExportContext
) -> None:
    """The figures of the whole ledger, and who made it when."""
    labels, tz = context.labels, context.tz
    figures = statistics(dossiers, context.today, tz)
    studios = dict.fromkeys(d.studio.name for d in dossiers)
    days = [show_day(d.session, tz) for d in dossiers]
    period = labels.none
    if days:
        first, last = min(days), max(days)
        period = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
    head: list[list[Any]] = [
        [labels.studio, labels.name_list_separator.join(studios) or labels.none],
        [labels.period, period],
        [labels.exported_at, _Styled(_local(context.exported_at, tz), "datetime")],
        [labels.exported_by, context.exported_by or labels.none],
    ]
    body = _figure_rows(figures, labels)
    sheet = workbook.create_sheet(_sheet_title(labels.sheet_summary))
    styles = _Styles(sheet)
    # Widths from the label and value columns, leaving out the title and the note, which
    # run on into the empty cells to their right.
    measured = [tuple(_plain(v) for v in row) + (None,) * (3 - len(row)) for row in head + body]
    columns = [_Column("", cap=40), _Column("", cap=40), _Column("", cap=12)]
    for index, width in enumerate(_widths(columns, measured), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(width, 12)
    note = labels.public_note if context.public else labels.internal_note
    rows = [[_Styled(labels.ledger_title, "title")], [], *head, [_Styled(note, "bold")], [], *body]
    for row in rows:
        sheet.append([_summary_cell(styles, value) for value in row])


def _figure_rows(figures: Statistics, labels: ExportLabels) -> list[list[Any]]:
    """The statistics block and the small tables by channel, category, state and status."""
    rates = figures.follow_ups
    rows: list[list[Any]] = [
        [_Styled(labels.statistics, "bold")],
        [labels.sessions_count, figures.sessions],
        [labels.questions_count, figures.questions],
        [labels.aired_count, figures.aired],
        [labels.answered_count, figures.answered],
        [labels.follow_ups_count, rates.total],
        [labels.done_count, rates.done],
        [labels.overdue_count, rates.overdue],
        [labels.completion_rate, _percent(rates.completion_rate, labels)],
        [labels.on_time_rate, _percent(rates.on_time_rate, labels)],
    ]
    tables: list[tuple[str, list[tuple[str, int]], int]] = [
        (
            labels.by_channel,
            [(labels.channel(c), n) for c, n in figures.by_channel.items()],
            figures.questions,
        ),
        (
            labels.by_category,
            [(c or labels.no_category, n) for c, n in figures.by_category],
            figures.questions,
        ),
        (
            labels.by_state,
            [(labels.question_state(s), n) for s, n in figures.by_state.items()],
            figures.questions,
        ),
        (
            labels.by_status,
            [(labels.follow_up_status(s), n) for s, n in figures.by_status.items()],
            rates.total,
        ),
    ]
    for heading, counts, total in tables:
        rows.append([])
        rows.append(
            [_Styled(text, "bold") for text in (heading, labels.col_count, labels.col_share)]
        )
        if not counts:
            rows.append([labels.nothing])
        for name, count in counts:
            rows.append([name, count, _percent(count / total if total else None, labels)])
    return rows


def _percent(value: float | None, labels: ExportLabels) -> Any:
    return labels.none if value is None else _Styled(value, "percent")


def _summary_cell(styles: _Styles, value: Any) -> Any:
    if isinstance(value, _Styled):
        return styles.cell(value.value, getattr(styles, value.look))
    return styles.text(value) if isinstance(value, str) else value


def _plain(value: Any) -> Any:
    """What a summary cell shows, for measuring its width."""
    if isinstance(value, _Styled):
        if value.look == "percent":
            return f"{value.value:.1%}"
        if value.look == "datetime":
            return "0000-00-00 00:00"
        return value.value
    return value


def _discard_sheet_files(workbook: Any) -> None:
    """Remove the files openpyxl streamed the sheets to (it would only do so at exit).

    They hold the rows in clear, residents' phones included: a cancelled or failed ledger,
    or a long-running app, must not leave them in the temporary folder.
    """
    for sheet in workbook.worksheets:
        # openpyxl keeps each write-only sheet's stream in ``_writer`` (no public handle).
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        if not sheet.closed:
            with contextlib.suppress(Exception):
                sheet.close()
        with contextlib.suppress(Exception):
            writer.close()
        with contextlib.suppress(OSError, ValueError):
            writer.cleanup()
