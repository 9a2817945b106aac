"""Running an export: which sessions, which formats, where; progress, cancel, public mode.

Records are read on the database thread a few sessions at a time (so that a show's autosave
is never held up for long) and written on a worker thread. In public mode every dossier is
published first and checked for personal data left; if anything is found, nothing is
written.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from studio_app.domain.export import (
    PersonalDataLeft,
    SessionDossier,
    Withheld,
    clips,
    personal_data_left,
    publish,
    recording_runs,
    show_day,
)
from studio_app.domain.sessions import SessionSummary
from studio_app.services.database import Database
from studio_app.services.export.base import ExportContext
from studio_app.services.export.dossier import (
    ExportScope,
    choose_sessions,
    list_sessions,
    read_dossiers,
)
from studio_app.services.export.files import ensure_folder, safe_file_name
from studio_app.services.export.formats import ExportFormat

if TYPE_CHECKING:
    from studio_app.services.export.fonts import CjkFont
    from studio_app.services.export.record_import import ImportSummary


#: Formats that make one file for all the sessions of an export (the others: one per session).
COMBINED = frozenset({ExportFormat.XLSX, ExportFormat.JSON, ExportFormat.CSV})
#: Formats made from the recording rather than written from the record alone.
RECORDING_FORMATS = frozenset({ExportFormat.CHAPTERS, ExportFormat.CLIPS})
#: Sessions read per trip to the database thread.
READ_CHUNK = 8


class NothingToExportError(Exception):
    """The scope holds no session (or the formats asked for nothing)."""


class PersonalDataLeftError(Exception):
    """A public export still had personal data after masking; nothing was written."""

    def __init__(self, found: Sequence[PersonalDataLeft]) -> None:
        super().__init__(f"personal data left in {len(found)} places")
        self.found = tuple(found)


class ExportSkip(StrEnum):
    """Why a session gave no file of some format."""

    NO_RECORDING = "no_recording"
    NOTHING_TO_CUT = "nothing_to_cut"


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the operator asked for."""

    scope: ExportScope
    formats: tuple[ExportFormat, ...]
    #: A folder, or — for one session and one single-file format — the file itself.
    destination: Path
    public: bool = False
    #: The recording to cut clips from (one session only); default: the file OBS reported.
    recording: Path | None = None
    stream_copy: bool = True
    #: A CJK font file for the PDF (default: the first one found on this computer).
    font_file: Path | None = None


@dataclass(frozen=True, slots=True)
class ExportProgress:
    """Where an export is: ``done`` of ``total`` steps, and the step under way."""

    done: float
    total: int
    format: ExportFormat | None
    session_title: str

    @property
    def fraction(self) -> float:
        """0..1."""
        return min(1.0, self.done / self.total) if self.total else 0.0


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote, what it withheld (public mode) and what it could not make."""

    files: tuple[Path, ...]
    sessions: int
    withheld: Withheld | None = None
    skipped: tuple[tuple[str, ExportFormat, ExportSkip], ...] = ()
    folder: Path | None = None


def plan_steps(
    formats: Sequence[ExportFormat], dossiers: Sequence[SessionDossier]
) -> list[tuple[ExportFormat, SessionDossier | None]]:
    """The export's steps in order: one per combined format, one per session otherwise."""
    steps: list[tuple[ExportFormat, SessionDossier | None]] = []
    for export_format in dict.fromkeys(formats):
        if export_format in COMBINED:
            steps.append((export_format, None))
        else:
            steps.extend((export_format, d) for d in dossiers)
    return steps


def single_file_target(
    destination: Path, formats: Sequence[ExportFormat], sessions: int
) -> Path | None:
    """``destination`` itself when it names the one file this export makes, else ``None``."""
    if len(set(formats)) != 1:
        return None
    (export_format,) = set(formats)
    if export_format in (ExportFormat.CSV, *RECORDING_FORMATS) or destination.is_dir():
        return None
    if sessions != 1 and export_format not in COMBINED:
        return None
    return destination if destination.suffix.lower() == f".{export_format.value}" else None


def base_name(dossier: SessionDossier, context: ExportContext) -> str:
    """A session's file name without suffix: its date and title (and the public mark)."""
    session = dossier.session
    name = safe_file_name(f"{show_day(session, context.tz):%Y-%m-%d} {session.title}")
    return name + (context.labels.public_suffix if context.public else "")


def combined_name(dossiers: Sequence[SessionDossier], context: ExportContext, title: str) -> str:
    """The name of a file covering ``dossiers``: the title and the period."""
    if len(dossiers) == 1:
        return base_name(dossiers[0], context)
    days = sorted(show_day(d.session, context.tz) for d in dossiers)
    period = (
        f"{days[0]:%Y-%m-%d}" if days[0] == days[-1] else f"{days[0]:%Y-%m-%d}–{days[-1]:%Y-%m-%d}"
    )
    name = safe_file_name(f"{title} {period}")
    return name + (context.labels.public_suffix if context.public else "")


def prepare_public(
    dossiers: Sequence[SessionDossier],
) -> tuple[list[SessionDossier], Withheld]:
    """The public variants of ``dossiers`` and what they withhold, checked for personal data.

    Raises:
        PersonalDataLeftError: Something personal is still there; write nothing.
    """
    published: list[SessionDossier] = []
    withheld = Withheld()
    found: list[PersonalDataLeft] = []
    for dossier in dossiers:
        public, held = publish(dossier)
        published.append(public)
        withheld = withheld + held
        found.extend(personal_data_left(public))
    if found:
        raise PersonalDataLeftError(found)
    return published, withheld


def write_exports(
    dossiers: Sequence[SessionDossier],
    request: ExportRequest,
    context: ExportContext,
    on_progress: Callable[[ExportProgress], None],
) -> ExportResult:
    """Write every requested format of ``dossiers`` (runs on a worker thread).

    Raises:
        ExportWriteError: A file could not be written (earlier files of this export stay).
        ExportCancelledError: The operator cancelled; the file under way was removed.
        PersonalDataLeftError: Public mode found personal data left; nothing was written.
        FontNotFoundError, ClipError: A PDF without a CJK font, clips without FFmpeg.
    """
    if not dossiers:
        raise NothingToExportError
    withheld = None
    formats = list(dict.fromkeys(request.formats))
    if context.public:
        # Chapters and clips come from the public dossier too: what went on air was public,
        # and rejected questions never went on air.
        dossiers, withheld = prepare_public(dossiers)
    single = single_file_target(request.destination, formats, len(dossiers))
    folder = single.parent if single is not None else request.destination
    folder = ensure_folder(folder)
    steps = plan_steps(formats, dossiers)
    font = _font(request) if ExportFormat.PDF in formats else None
    files: list[Path] = []
    skipped: list[tuple[str, ExportFormat, ExportSkip]] = []
    for index, (export_format, dossier) in enumerate(steps):
        context.cancel.check()
        title = dossier.session.title if dossier is not None else ""

        def progress(
            fraction: float,
            text: str,
            index: int = index,
            export_format: ExportFormat = export_format,
            title: str = title,
        ) -> None:
            context.cancel.check()
            on_progress(
                ExportProgress(
                    index + max(0.0, min(fraction, 1.0)), len(steps), export_format, title
                )
            )

        progress(0.0, "")
        step_context = replace(context, progress=progress)
        if dossier is None:
            files.extend(_combined(export_format, dossiers, folder, single, step_context))
        else:
            made, skip = _per_session(
                export_format, dossier, folder, single, request, step_context, font
            )
            files.extend(made)
            if skip is not None:
                skipped.append((dossier.session.title, export_format, skip))
        on_progress(ExportProgress(index + 1, len(steps), export_format, title))
    return ExportResult(
        files=tuple(files),
        sessions=len(dossiers),
        withheld=withheld,
        skipped=tuple(skipped),
        folder=folder,
    )


def _font(request: ExportRequest) -> CjkFont:
    from studio_app.services.export.fonts import find_cjk_font

    return find_cjk_font(request.font_file)


def _combined(
    export_format: ExportFormat,
    dossiers: Sequence[SessionDossier],
    folder: Path,
    single: Path | None,
    context: ExportContext,
) -> list[Path]:
    labels = context.labels
    if export_format is ExportFormat.XLSX:
        from studio_app.services.export.ledger import write_ledger

        path = single or folder / f"{combined_name(dossiers, context, labels.ledger_title)}.xlsx"
        write_ledger(dossiers, path, context)
        return [path]
    if export_format is ExportFormat.JSON:
        from studio_app.services.export.records import write_json

        path = single or folder / f"{combined_name(dossiers, context, labels.record_title)}.json"
        write_json(dossiers, path, context)
        return [path]
    from studio_app.services.export.records import write_csv

    name = combined_name(dossiers, context, labels.record_title)
    return write_csv(dossiers, folder / f"{name} CSV", context)


def _per_session(
    export_format: ExportFormat,
    dossier: SessionDossier,
    folder: Path,
    single: Path | None,
    request: ExportRequest,
    context: ExportContext,
    font: CjkFont | None,
) -> tuple[list[Path], ExportSkip | None]:
    name = base_name(dossier, context)
    if export_format is ExportFormat.DOCX:
        from studio_app.services.export.report_docx import write_report_docx

        path = single or folder / f"{name}.docx"
        write_report_docx(dossier, path, context)
        return [path], None
    if export_format is ExportFormat.PDF:
        from studio_app.services.export.report_pdf import write_report_pdf

        assert font is not None
        path = single or folder / f"{name}.pdf"
        write_report_pdf(dossier, path, context, font)
        return [path], None
    if export_format is ExportFormat.CHAPTERS:
        from studio_app.services.export.chapters import write_chapters

        if not recording_runs(dossier):
            return [], ExportSkip.NO_RECORDING
        return write_chapters(dossier, folder, name, context), None
    from studio_app.services.export.clips import cut_clips

    named_one = request.scope.session_ids is not None and len(request.scope.session_ids) == 1
    if not named_one:
        # In an export of many sessions, one without a recording is not an error.
        if not clips(dossier):
            return [], ExportSkip.NOTHING_TO_CUT
        if request.recording is None and not any(r.path for r in recording_runs(dossier)):
            return [], ExportSkip.NO_RECORDING
    made = cut_clips(
        dossier,
        folder / f"{name} {context.labels.clips_folder}",
        context,
        recording=request.recording,
        stream_copy=request.stream_copy,
    )
    return made, None


class ExportService:
    """Exports for the window and the command line."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def sessions(self) -> list[SessionSummary]:
        """Every session (for choosing what to export)."""
        return await self._db.run(list_sessions)

    async def chosen(self, scope: ExportScope, tz: tzinfo | None = None) -> list[SessionSummary]:
        """The sessions ``scope`` covers, oldest first."""
        return choose_sessions(await self.sessions(), scope, tz)

    async def export(
        self,
        request: ExportRequest,
        context: ExportContext,
        on_progress: Callable[[ExportProgress], None] | None = None,
    ) -> ExportResult:
        """Read the sessions in ``request.scope`` and write them; see :func:`write_exports`.

        ``on_progress`` is called on the event loop's thread. Reading counts as the first
        tenth of the progress.

        Raises:
            NothingToExportError: No session is in the scope.
            NotFoundError: A named session does not exist.
        """
        loop = asyncio.get_running_loop()
        report = on_progress or (lambda _progress: None)
        if request.scope.session_ids is not None:
            # Keep the named order and report a missing one (the read raises NotFoundError).
            ids = list(dict.fromkeys(request.scope.session_ids))
        else:
            ids = [s.id for s in await self.chosen(request.scope, context.tz)]
        if not ids:
            raise NothingToExportError
        dossiers: list[SessionDossier] = []
        for start in range(0, len(ids), READ_CHUNK):
            context.cancel.check()
            chunk = ids[start : start + READ_CHUNK]
            dossiers.extend(await self._db.run(functools.partial(read_dossiers, session_ids=chunk)))
            report(ExportProgress(0.1 * len(dossiers) / len(ids), 1, None, ""))

        def forward(progress: ExportProgress) -> None:
            scaled = replace(progress, done=progress.done * 0.9 / progress.total + 0.1, total=1)
            loop.call_soon_threadsafe(report, scaled)

        return await asyncio.to_thread(write_exports, dossiers, request, context, forward)

    async def import_record(self, path: Path, *, dry_run: bool = False) -> ImportSummary:
        """Read a JSON session record and import it (sessions already here are skipped).

        Raises:
            RecordImportError: The file is not a readable, valid session record.
        """
        from studio_app.services.export.record_import import (
            ImportSummary,
            import_record,
            read_record,
        )

        record = await asyncio.to_thread(read_record, path)
        if dry_run:
            return ImportSummary(
                imported=tuple(d.session.id for d in record.dossiers),
                skipped=(),
                public=record.public,
            )
        return await self._db.run(lambda store: import_record(store, record))


def today_in(tz: tzinfo | None) -> date:
    """The local day now, for overdue figures."""
    from datetime import datetime

    return datetime.now(tz).date() if tz is not None else date.today()
