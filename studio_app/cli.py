"""The command-line face: options of the GUI and the sub-commands that need no window."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTranslator

from studio_app import APP_NAME, __version__
from studio_app.domain.sessions import match_sessions
from studio_app.i18n import install_translators, startup_language
from studio_app.messages import storage_error_text
from studio_app.paths import resolve_data_dir, translations_dir
from studio_app.services.credentials import ARCHIVE_CREDENTIAL_ENV
from studio_app.services.export.formats import ExportFormat
from studio_app.services.intake.importer import (
    ENCODING_LABELS,
    Field,
    ImportErrorCode,
    ImportFileError,
    ImportResult,
    RawTable,
    SkippedRow,
    SkipReason,
    WarningKind,
    column_label,
    find_column,
    group_numbers,
    guess_mapping,
    parse_table,
    read_table,
    with_overrides,
)
from studio_app.storage.errors import StorageError

if TYPE_CHECKING:
    from studio_app.domain.sessions import SessionSummary
    from studio_app.services.sync.status import SyncPhase, SyncStatus

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_STORAGE = 2
EXIT_NO_OBS = 3
#: Scripts may pass the OBS password here instead of the keyring (never on the command line).
OBS_PASSWORD_ENV = "VILLAGE_STUDIO_OBS_PASSWORD"
#: What ``questions import --map COLUMN=FIELD`` accepts as FIELD (Field values).
FIELD_NAMES = ("text", "received_at", "asker", "phone", "channel", "category")
IGNORE_FIELD = "ignore"
EXIT_CANCELLED = 130
EXPORT_FORMATS = tuple(ExportFormat)
#: Row numbers listed per reason in the import report before "… and N more".
_LISTED_ROWS = 30


def build_parser(t: Callable[[object], str] = str) -> argparse.ArgumentParser:
    """The argument parser for ``studio-app`` (no sub-command opens the window).

    ``t`` translates its texts (see :func:`help_translator`); they are marked with
    QT_TRANSLATE_NOOP so that lupdate collects them.
    """
    parser = argparse.ArgumentParser(
        prog="studio-app",
        description=t(
            QT_TRANSLATE_NOOP("cli", "{0}: live Q&A broadcasts for township and village studios.")
        ).format(APP_NAME),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli", "folder for the database, backups and logs (default: the user data folder)"
            )
        ),
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        help=t(
            QT_TRANSLATE_NOOP("cli", "keep the data in 'data/' beside the app (for a USB stick)")
        ),
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=t(
            QT_TRANSLATE_NOOP("cli", "interface language: zh_CN or en (default: follow the system)")
        ),
    )
    parser.add_argument(
        "--exit-after-start",
        action="store_true",
        help=argparse.SUPPRESS,  # smoke tests and the start-up benchmark
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "info",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli", "print where the data is, its schema version and what it holds"
            )
        ),
    )
    obs = commands.add_parser(
        "obs", help=t(QT_TRANSLATE_NOOP("cli", "check or prepare OBS Studio"))
    )
    obs_commands = obs.add_subparsers(dest="obs_command", metavar="ACTION", required=True)
    for name, text in (
        (
            "check",
            QT_TRANSLATE_NOOP(
                "cli", "print OBS's version and scenes and what the app still needs (exit 1)"
            ),
        ),
        (
            "prepare",
            QT_TRANSLATE_NOOP(
                "cli", "create the scenes and sources the app needs, touching nothing else"
            ),
        ),
    ):
        action = obs_commands.add_parser(name, help=t(text))
        action.add_argument(
            "--host", help=t(QT_TRANSLATE_NOOP("cli", "OBS address (default: from the settings)"))
        )
        action.add_argument(
            "--port",
            type=int,
            help=t(QT_TRANSLATE_NOOP("cli", "obs-websocket port (default: 4455)")),
        )
        action.add_argument(
            "--password-stdin",
            action="store_true",
            help=t(
                QT_TRANSLATE_NOOP(
                    "cli",
                    "read the OBS password from standard input (default: the OS keyring, or ${0})",
                )
            ).format(OBS_PASSWORD_ENV),
        )
        action.add_argument(
            "--timeout",
            type=float,
            default=5.0,
            help=t(QT_TRANSLATE_NOOP("cli", "seconds to wait for OBS (default 5)")),
        )
    questions = commands.add_parser(
        "questions", help=t(QT_TRANSLATE_NOOP("cli", "work with residents' questions"))
    )
    question_commands = questions.add_subparsers(
        dest="questions_command", metavar="ACTION", required=True
    )
    importing = question_commands.add_parser(
        "import",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "import pre-collected questions from a CSV or Excel (.xlsx) file into a session",
            )
        ),
        description=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "Import questions from a CSV/TXT or .xlsx file. All rows are read and "
                "checked first; then every question is saved in one go, or none is.",
            )
        ),
    )
    importing.add_argument(
        "file", metavar="FILE", help=t(QT_TRANSLATE_NOOP("cli", "the .csv, .txt or .xlsx file"))
    )
    importing.add_argument(
        "--session",
        required=True,
        metavar="SESSION_ID",
        help=t(QT_TRANSLATE_NOOP("cli", "id of the session (or its start)")),
    )
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "use column COLUMN (header, letter or number) for FIELD: {0}, or {1} to leave "
                "it out; repeatable",
            )
        ).format(", ".join(FIELD_NAMES), IGNORE_FIELD),
    )
    importing.add_argument(
        "--sheet",
        metavar="NAME",
        help=t(QT_TRANSLATE_NOOP("cli", "the .xlsx sheet (default: first)")),
    )
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help=t(QT_TRANSLATE_NOOP("cli", "read and check the file, save nothing")),
    )
    _add_data_dir(importing, t)
    exporting = commands.add_parser(
        "export",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli", "export session records: ledger, report, CSV/JSON, chapters, clips"
            )
        ),
        description=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "Export one or more sessions. Files are written completely or not at "
                "all; a failed or cancelled export leaves no half-written file.",
            )
        ),
    )
    exporting.add_argument(
        "sessions",
        nargs="*",
        metavar="SESSION_ID",
        help=t(QT_TRANSLATE_NOOP("cli", "session ids (or their starts)")),
    )
    exporting.add_argument(
        "--all",
        action="store_true",
        help=t(QT_TRANSLATE_NOOP("cli", "every session (no rehearsals)")),
    )
    exporting.add_argument(
        "--from",
        dest="first_day",
        metavar="YYYY-MM-DD",
        help=t(QT_TRANSLATE_NOOP("cli", "from this day")),
    )
    exporting.add_argument(
        "--to",
        dest="last_day",
        metavar="YYYY-MM-DD",
        help=t(QT_TRANSLATE_NOOP("cli", "to this day")),
    )
    exporting.add_argument(
        "--include-rehearsals",
        action="store_true",
        help=t(QT_TRANSLATE_NOOP("cli", "with --all/--from/--to: rehearsals too")),
    )
    exporting.add_argument(
        "--format",
        dest="formats",
        action="append",
        required=True,
        metavar="FORMAT",
        help=t(QT_TRANSLATE_NOOP("cli", "{0} (repeatable, or comma-separated)")).format(
            ", ".join(f.value for f in EXPORT_FORMATS)
        ),
    )
    exporting.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli", "folder to write into (or the file, for one session and one file format)"
            )
        ),
    )
    exporting.add_argument(
        "--public",
        action="store_true",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "publication version: no residents' contact data, no rejected questions, "
                "personal data in the text masked",
            )
        ),
    )
    exporting.add_argument(
        "--recording",
        metavar="FILE",
        help=t(QT_TRANSLATE_NOOP("cli", "clips: the recording (default: the file OBS made)")),
    )
    exporting.add_argument(
        "--reencode",
        action="store_true",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "clips: re-encode for exact cuts (default: stream copy, cut at keyframes, fast)",
            )
        ),
    )
    exporting.add_argument(
        "--font",
        metavar="FILE",
        help=t(QT_TRANSLATE_NOOP("cli", "PDF: a Chinese font file to embed")),
    )
    _add_data_dir(exporting, t)
    sync = commands.add_parser(
        "sync",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "sync with the county archive now (push what is new, pull department replies)",
            )
        ),
    )
    sync.add_argument(
        "--url",
        metavar="URL",
        help=t(QT_TRANSLATE_NOOP("cli", "set the archive's address first (saved in the settings)")),
    )
    sync.add_argument(
        "--credential-stdin",
        action="store_true",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "read the studio's archive credential from standard input and keep it in the "
                "OS keyring (default: the keyring, or ${0})",
            )
        ).format(ARCHIVE_CREDENTIAL_ENV),
    )
    sync.add_argument(
        "--status",
        action="store_true",
        help=t(QT_TRANSLATE_NOOP("cli", "only show what waits to be synced; send nothing")),
    )
    sync.add_argument(
        "--retry-refused",
        action="store_true",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "send the rows the archive refused once more (after the county fixed the cause)",
            )
        ),
    )
    records = commands.add_parser(
        "records", help=t(QT_TRANSLATE_NOOP("cli", "session records from other studios"))
    )
    record_commands = records.add_subparsers(
        dest="records_command", metavar="ACTION", required=True
    )
    importing_record = record_commands.add_parser(
        "import",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli", "import a JSON session record exported by another Village Studio"
            )
        ),
        description=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "Import every session of a JSON record (from 'export --format json'). "
                "Sessions this database already has are skipped, so importing twice is safe.",
            )
        ),
    )
    importing_record.add_argument(
        "file", metavar="FILE", help=t(QT_TRANSLATE_NOOP("cli", "the .json record"))
    )
    importing_record.add_argument(
        "--dry-run",
        action="store_true",
        help=t(QT_TRANSLATE_NOOP("cli", "read and check the file, save nothing")),
    )
    _add_data_dir(importing_record, t)
    _translate_argparse(parser, t)
    return parser


def _add_data_dir(command: argparse.ArgumentParser, t: Callable[[object], str]) -> None:
    """``--data-dir`` after a sub-command too (``studio-app export … --data-dir DIR``)."""
    command.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,  # keeps a --data-dir given before the command
        help=t(QT_TRANSLATE_NOOP("cli", "folder for the database (default: the user data folder)")),
    )


def help_translator(language: str) -> Callable[[object], str]:
    """Translate the command line's help into ``language`` (no QCoreApplication needed).

    The help is built before the application object exists (``--help`` must not open a
    window), so the app's ``.qm`` is read directly here.
    """
    if language == "en":
        return str
    translator = QTranslator()
    if not translator.load(f"village_studio_{language}", str(translations_dir())):
        return str

    def translate(text: object) -> str:
        # QT_TRANSLATE_NOOP hands the source text back (typed as object by PySide6).
        return translator.translate("cli", str(text)) or str(text)

    return translate


def _translate_argparse(parser: argparse.ArgumentParser, t: Callable[[object], str]) -> None:
    """The words of argparse itself ("usage:", "options" …) in the language of ``t``."""
    usage = t(QT_TRANSLATE_NOOP("cli", "usage: "))

    class Formatter(argparse.HelpFormatter):
        def add_usage(
            self,
            usage_text: str | None,
            actions: Iterable[argparse.Action],
            groups: Iterable[argparse._MutuallyExclusiveGroup],
            prefix: str | None = None,
        ) -> None:
            super().add_usage(usage_text, actions, groups, usage if prefix is None else prefix)

    def walk(current: argparse.ArgumentParser) -> None:
        current.formatter_class = Formatter
        current._positionals.title = t(QT_TRANSLATE_NOOP("cli", "positional arguments"))
        current._optionals.title = t(QT_TRANSLATE_NOOP("cli", "options"))
        for action in current._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = t(QT_TRANSLATE_NOOP("cli", "show this help and exit"))
            elif isinstance(action, argparse._VersionAction):
                action.help = t(QT_TRANSLATE_NOOP("cli", "show the version and exit"))
            elif isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    walk(child)

    walk(parser)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse ``argv`` (default: the process's arguments), with help in the UI's language.

    ``options.language`` is that language ("zh_CN" or "en"), for the run's translators.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    early.add_argument("--data-dir")
    early.add_argument("--portable", action="store_true")
    known, _rest = early.parse_known_args(args)
    try:
        language = startup_language(known.lang, resolve_data_dir(known.data_dir, known.portable))
    except OSError:  # an unreadable data folder: the command itself will say so
        language = startup_language(known.lang, Path(os.devnull))
    options = build_parser(help_translator(language)).parse_args(args)
    options.language = language  # the UI language of this run, for the translators
    return options


def run(options: argparse.Namespace) -> int:
    """Run a window-less sub-command; return the exit code."""
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    translators = install_translators(app, options.language)
    try:
        if options.command == "info":
            return _info(options)
        if options.command == "obs":
            return asyncio.run(_obs(options))
        if options.command == "questions":
            return asyncio.run(_import_questions(options))
        if options.command == "export":
            return asyncio.run(_export(options))
        if options.command == "records":
            return asyncio.run(_import_record(options))
        if options.command == "sync":
            return asyncio.run(_sync(options))
        raise SystemExit(f"unknown command {options.command}")
    except StorageError as error:
        title, text = storage_error_text(error)
        print(f"{title}\n{text}", file=sys.stderr)
        return EXIT_STORAGE
    finally:
        del translators


def _info(options: argparse.Namespace) -> int:
    from studio_app.storage import migrate  # SQLAlchemy and Alembic only when needed
    from studio_app.storage.store import Store

    data_dir = resolve_data_dir(options.data_dir, options.portable)
    store = Store.open(
        data_dir, default_studio_name=QCoreApplication.translate("StudioApp", "My studio")
    )
    try:
        with store.read() as uow:
            sessions = uow.sessions.list()
            studio = uow.studios.get(store.studio_id)
        revision = migrate.current_revision(store.path)
    finally:
        store.close()
    print(QCoreApplication.translate("cli", "Data folder:     {0}").format(data_dir))
    print(QCoreApplication.translate("cli", "Database:        {0}").format(store.path))
    print(
        QCoreApplication.translate("cli", "Schema revision: {0} (this version: {1})").format(
            revision, migrate.head_revision()
        )
    )
    print(
        QCoreApplication.translate("cli", "Studio:          {0} ({1})").format(
            studio.name, studio.id
        )
    )
    print(QCoreApplication.translate("cli", "Sessions:        {0}").format(len(sessions)))
    return EXIT_OK


async def _obs(options: argparse.Namespace) -> int:
    from studio_app.messages import obs_status_text
    from studio_app.services.credentials import CredentialStore, obs_password_key
    from studio_app.services.obs.gateway import WebSocketObsGateway
    from studio_app.services.obs.model import ObsSettings
    from studio_app.services.obs.prepare import check_obs, prepare_obs
    from studio_app.services.obs.probe import wait_for_verdict
    from studio_app.settings import load_settings

    translate = QCoreApplication.translate
    settings = load_settings(resolve_data_dir(options.data_dir, options.portable))
    host = options.host or settings.obs_host
    port = options.port or settings.obs_port
    if options.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = os.environ.get(OBS_PASSWORD_ENV) or (
            CredentialStore().get(obs_password_key(host, port)) or ""
        )
    gateway = WebSocketObsGateway(
        ObsSettings(host=host, port=port, password=password, request_timeout=options.timeout)
    )
    await gateway.start()
    try:
        await wait_for_verdict(gateway, options.timeout)
        if not gateway.status.connected:
            label, advice = obs_status_text(gateway.status)
            print(f"{label} ({host}:{port})\n{advice}".rstrip(), file=sys.stderr)
            return EXIT_NO_OBS
        if options.obs_command == "prepare":
            prepared = await prepare_obs(gateway)
            for name in prepared.created:
                print(translate("cli", "created:  {0}").format(name))
            for name in prepared.existing:
                print(translate("cli", "existing: {0}").format(name))
            return EXIT_OK
        report = await check_obs(gateway)
        print(
            translate("cli", "OBS {0}, obs-websocket {1}").format(
                report.obs_version, report.websocket_version
            )
        )
        print(translate("cli", "Scenes: {0}").format(", ".join(report.scenes)))
        print(translate("cli", "Program: {0}").format(report.program_scene))
        for name in report.missing:
            print(translate("cli", "missing:  {0}").format(name))
        for problem in report.problems:
            print(translate("cli", "problem:  {0}").format(problem))
        if not report.ok:
            print(translate("cli", "Run 'studio-app obs prepare' to create what is missing."))
            return EXIT_FAILURE
        print(translate("cli", "Everything the app needs is there."))
        return EXIT_OK
    finally:
        await gateway.stop()


# ---------------------------------------------------------------- questions import
async def _import_questions(options: argparse.Namespace) -> int:
    from studio_app.messages import domain_error_text, import_error_text

    translate = QCoreApplication.translate
    try:
        table = read_table(options.file, options.sheet)
        mapping = _mapping_with_options(table, options.map)
        if mapping is None:
            return EXIT_FAILURE
        result = parse_table(table, mapping)
    except ImportFileError as error:
        print(import_error_text(error), file=sys.stderr)
        if error.code in (ImportErrorCode.NO_QUESTION_COLUMN, ImportErrorCode.NO_HEADER):
            example = next((h for h in error.names if h.strip()), "A")
            print(
                translate(
                    "cli",
                    "Name the column that holds the questions: --map COLUMN=text "
                    "(e.g. --map {0}=text).",
                ).format(example),
                file=sys.stderr,
            )
        return EXIT_FAILURE

    from studio_app.domain.errors import DomainError
    from studio_app.services.database import Database
    from studio_app.services.sessions import SessionService

    data_dir = resolve_data_dir(options.data_dir, options.portable)
    database = Database()
    try:
        await database.open(data_dir, translate("StudioApp", "My studio"))
        operator = _operator_name()
        sessions = await SessionService(database, operator).list_sessions()
        try:
            [session] = match_sessions([options.session], sessions)
        except LookupError as error:
            _print_session_problem(options.session, data_dir, sessions, error.args[1] > 1)
            return EXIT_FAILURE
        _print_import_report(result, session.title, str(session.id), options.dry_run)
        if not result.rows:
            print(translate("cli", "There is no question to import."), file=sys.stderr)
            return EXIT_FAILURE
        if options.dry_run:
            return EXIT_OK
        from studio_app.domain.sensitive import SensitiveWords
        from studio_app.services.questions import QuestionService

        # Filing masks personal data by itself; the word list only feeds the moderation
        # view's screening, which this command does not show.
        service = QuestionService(database, operator, SensitiveWords(()))
        try:
            filed = await service.file_many(
                session.id, result.drafts, source=Path(options.file).name
            )
        except DomainError as error:
            print(domain_error_text(error), file=sys.stderr)
            print(translate("cli", "Nothing was imported."), file=sys.stderr)
            return EXIT_FAILURE
        print(translate("cli", "Saved {0} questions.").format(len(filed)))
        return EXIT_OK
    finally:
        database.close()


def _mapping_with_options(table: RawTable, overrides: Sequence[str]) -> dict[int, Field] | None:
    """The guessed mapping changed by ``--map`` options; ``None`` after printing a problem."""
    translate = QCoreApplication.translate
    chosen: dict[int, Field | None] = {}
    fields = ", ".join((*FIELD_NAMES, IGNORE_FIELD))
    for option in overrides:
        column, sep, field_name = option.rpartition("=")
        field_name = field_name.strip().lower()
        if not sep or not column.strip() or field_name not in (*FIELD_NAMES, IGNORE_FIELD):
            print(
                translate(
                    "cli", "--map wants COLUMN=FIELD, e.g. --map 问题内容=text. Fields: {0}."
                ).format(fields),
                file=sys.stderr,
            )
            return None
        index = find_column(table.headers, column)
        if index is None:
            print(
                translate("cli", "The file has no column “{0}”. Its columns: {1}.").format(
                    column.strip(), _column_list(table.headers)
                ),
                file=sys.stderr,
            )
            return None
        chosen[index] = None if field_name == IGNORE_FIELD else Field(field_name)
    return with_overrides(guess_mapping(table.headers).mapping, chosen)


def _column_list(headers: Sequence[str]) -> str:
    return ", ".join(
        f"{column_label(i)} “{name}”" if name else column_label(i) for i, name in enumerate(headers)
    )


def _print_session_problem(
    wanted: str, data_dir: Path, sessions: Sequence[SessionSummary], ambiguous: bool
) -> None:
    translate = QCoreApplication.translate
    if ambiguous:
        message = translate("cli", "“{0}” matches several sessions: give more of the id.")
        print(message.format(wanted), file=sys.stderr)
    else:
        message = translate("cli", "There is no session “{0}” in {1}.")
        print(message.format(wanted, data_dir), file=sys.stderr)
    if not sessions:
        print(
            translate("cli", "There are no sessions yet: create one in Village Studio first."),
            file=sys.stderr,
        )
        return
    print(translate("cli", "Sessions:"), file=sys.stderr)
    for summary in sessions:
        start = summary.scheduled_start
        when = start.astimezone().strftime("%Y-%m-%d %H:%M") if start else ""
        print(f"  {summary.id}  {when:16}  {summary.title}", file=sys.stderr)


def _print_import_report(
    result: ImportResult, session_title: str, session_id: str, dry_run: bool
) -> None:
    from studio_app.messages import import_warning_text, skip_reason_text

    translate = QCoreApplication.translate
    print(translate("cli", "File:         {0}").format(result.path))
    if result.sheet:
        print(translate("cli", "Sheet:        {0}").format(result.sheet))
    if result.encoding:
        label = ENCODING_LABELS.get(result.encoding, result.encoding)
        print(translate("cli", "Encoding:     {0}").format(label))
    print(translate("cli", "Session:      {0} ({1})").format(session_title, session_id))
    columns = ", ".join(
        f"{result.headers[i] or column_label(i)} → {field.value}"
        for i, field in result.mapping.items()
    )
    print(translate("cli", "Columns:      {0}").format(columns))
    left_out = [name for i, name in enumerate(result.headers) if name and i not in result.mapping]
    if left_out:
        print(translate("cli", "Left out:     {0}").format(", ".join(left_out)))
    print(translate("cli", "Rows read:    {0}").format(result.total_rows))
    if dry_run:
        print(translate("cli", "To import:    {0}").format(len(result.rows)))
    else:
        print(translate("cli", "Importing:    {0}").format(len(result.rows)))
    print(translate("cli", "Skipped:      {0}").format(len(result.skipped)))
    by_reason: dict[SkipReason, list[SkippedRow]] = {}
    for row in result.skipped:
        by_reason.setdefault(row.reason, []).append(row)
    for reason, rows in by_reason.items():
        if reason is SkipReason.DUPLICATE:
            listed = [f"{row.row_number} (= {row.detail})" for row in rows]
        else:
            listed = _ranges([row.row_number for row in rows])
        print(f"  {skip_reason_text(reason)}: {_row_list(listed)}")
    print(translate("cli", "Warnings:     {0}").format(len(result.warnings)))
    by_kind: dict[tuple[WarningKind, str], list[int]] = {}
    for warning in result.warnings:
        by_kind.setdefault((warning.kind, warning.detail), []).append(warning.row_number)
    for (kind, detail), numbers in list(by_kind.items())[:_LISTED_ROWS]:
        print(f"  {import_warning_text(kind)} “{detail}”: {_row_list(_ranges(numbers))}")
    if len(by_kind) > _LISTED_ROWS:
        print("  " + translate("cli", "… and {0} more").format(len(by_kind) - _LISTED_ROWS))
    if dry_run:
        print(translate("cli", "Dry run: nothing was saved."))


def _ranges(numbers: Sequence[int]) -> list[str]:
    return [f"{a}" if a == b else f"{a}–{b}" for a, b in group_numbers(numbers)]


def _row_list(items: Sequence[str]) -> str:
    """``rows 3–5, 9``, cut after a screenful with "… and N more"."""
    translate = QCoreApplication.translate
    shown = ", ".join(items[:_LISTED_ROWS])
    if len(items) > _LISTED_ROWS:
        more = translate("cli", "… and {0} more").format(len(items) - _LISTED_ROWS)
        shown = f"{shown} {more}"
    if len(items) == 1 and "–" not in items[0]:
        return translate("cli", "row {0}").format(shown)
    return translate("cli", "rows {0}").format(shown)


def _operator_name() -> str:
    """Who runs the command, for the audit trail (as the window records it)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "operator"


# ---------------------------------------------------------------- export
def _export_formats(values: Sequence[str]) -> list[ExportFormat] | None:
    formats: list[ExportFormat] = []
    for value in values:
        for part in value.split(","):
            name = part.strip().lower()
            if not name:
                continue
            try:
                formats.append(ExportFormat(name))
            except ValueError:
                print(
                    QCoreApplication.translate("cli", "Unknown format “{0}”. Formats: {1}.").format(
                        name, ", ".join(f.value for f in EXPORT_FORMATS)
                    ),
                    file=sys.stderr,
                )
                return None
    return formats


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    return date.fromisoformat(value.strip())


async def _export(options: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from studio_app.export_text import export_labels
    from studio_app.messages import export_error_text, withheld_lines
    from studio_app.services.database import Database
    from studio_app.services.export.base import CancelToken, ExportContext
    from studio_app.services.export.dossier import ExportScope
    from studio_app.services.export.service import (
        ExportProgress,
        ExportRequest,
        ExportService,
        today_in,
    )

    translate = QCoreApplication.translate
    formats = _export_formats(options.formats)
    if formats is None:
        return EXIT_FAILURE
    if not formats:
        print(translate("cli", "Name at least one --format."), file=sys.stderr)
        return EXIT_FAILURE
    by_range = options.first_day is not None or options.last_day is not None
    if bool(options.sessions) + options.all + by_range != 1:
        print(
            translate(
                "cli",
                "Name the sessions to export: SESSION_ID…, or --all, or --from/--to "
                "(one of these).",
            ),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    try:
        first_day, last_day = _day(options.first_day), _day(options.last_day)
    except ValueError:
        print(translate("cli", "Dates are written YYYY-MM-DD, e.g. 2026-11-01."), file=sys.stderr)
        return EXIT_FAILURE
    data_dir = resolve_data_dir(options.data_dir, options.portable)
    database = Database()
    cancel = CancelToken()
    try:
        await database.open(data_dir, translate("StudioApp", "My studio"))
        service = ExportService(database)
        if options.sessions:
            sessions = await service.sessions()
            try:
                ids = [s.id for s in match_sessions(options.sessions, sessions)]
            except LookupError as error:
                wanted, count = error.args
                _print_session_problem(wanted, data_dir, sessions, count > 1)
                return EXIT_FAILURE
            scope = ExportScope.sessions(*ids)
        else:
            scope = ExportScope(
                first_day=first_day,
                last_day=last_day,
                include_rehearsals=options.include_rehearsals,
            )
        request = ExportRequest(
            scope=scope,
            formats=tuple(formats),
            destination=Path(options.output).expanduser(),
            public=options.public,
            recording=Path(options.recording).expanduser() if options.recording else None,
            stream_copy=not options.reencode,
            font_file=Path(options.font).expanduser() if options.font else None,
        )
        context = ExportContext(
            labels=export_labels(),
            exported_at=datetime.now(UTC),
            exported_by=_operator_name(),
            app_version=__version__,
            today=today_in(None),
            public=options.public,
            cancel=cancel,
        )
        show = sys.stderr.isatty()

        def progress(step: ExportProgress) -> None:
            if show:
                print(f"\r{step.fraction:6.1%}", end="", file=sys.stderr, flush=True)

        try:
            result = await service.export(request, context, progress)
        except (KeyboardInterrupt, asyncio.CancelledError):
            cancel.cancel()
            print(translate("cli", "Cancelled: no half-written file was left."), file=sys.stderr)
            return EXIT_CANCELLED
        except Exception as error:  # every known failure gets its message and exit 1
            text = export_error_text(error)
            if text is None:
                raise
            if show:
                print(file=sys.stderr)
            print(text, file=sys.stderr)
            return EXIT_FAILURE
        if show:
            print(file=sys.stderr)
        for path in result.files:
            print(path)
        print(
            translate("cli", "Exported {0} sessions into {1} files.").format(
                result.sessions, len(result.files)
            ),
            file=sys.stderr,
        )
        for line in withheld_lines(result):
            print(line, file=sys.stderr)
        return EXIT_OK
    finally:
        database.close()


async def _import_record(options: argparse.Namespace) -> int:
    from studio_app.messages import record_import_error_text
    from studio_app.services.database import Database
    from studio_app.services.export.record_import import RecordImportError
    from studio_app.services.export.service import ExportService

    translate = QCoreApplication.translate
    database = Database()
    try:
        await database.open(
            resolve_data_dir(options.data_dir, options.portable),
            translate("StudioApp", "My studio"),
        )
        try:
            summary = await ExportService(database).import_record(
                Path(options.file).expanduser(), dry_run=options.dry_run
            )
        except RecordImportError as error:
            print(record_import_error_text(error), file=sys.stderr)
            return EXIT_FAILURE
        if summary.public:
            print(
                translate(
                    "cli",
                    "Note: this is a public record: contact data, rejected questions and the "
                    "audit trail are not in it.",
                ),
                file=sys.stderr,
            )
        if options.dry_run:
            print(
                translate(
                    "cli", "The record holds {0} sessions. Dry run: nothing was saved."
                ).format(len(summary.imported))
            )
            return EXIT_OK
        print(
            translate(
                "cli",
                "Imported {0} sessions ({1} questions, {2} answers, {3} follow-ups); "
                "{4} were here already and were left as they are.",
            ).format(
                len(summary.imported),
                summary.questions,
                summary.answers,
                summary.follow_ups,
                len(summary.skipped),
            )
        )
        return EXIT_OK
    finally:
        database.close()


async def _sync(options: argparse.Namespace) -> int:
    from studio_app.services.credentials import CredentialStore, KeyringUnavailableError
    from studio_app.services.database import Database
    from studio_app.services.sync.service import SyncService
    from studio_app.services.sync.status import SyncError, SyncProblem, SyncState
    from studio_app.sync_text import (
        sync_problem_text,
        sync_reason_text,
        sync_report_text,
        sync_table_label,
    )

    translate = QCoreApplication.translate
    data_dir = resolve_data_dir(options.data_dir, options.portable)
    database = Database()
    try:
        await database.open(data_dir, translate("StudioApp", "My studio"))
        service = SyncService(database, data_dir, CredentialStore(), environ=dict(os.environ))
        if options.url is not None or options.credential_stdin:
            credential = sys.stdin.readline().strip() if options.credential_stdin else None
            try:
                await service.configure(
                    options.url if options.url is not None else service.url, credential
                )
            except SyncError as error:
                print(sync_problem_text(error.problem), file=sys.stderr)
                return EXIT_FAILURE
            except KeyringUnavailableError:
                print(
                    translate(
                        "cli",
                        "There is no keyring on this computer: the credential is used for this "
                        "sync only. For later runs set {env}.",
                    ).format(env=ARCHIVE_CREDENTIAL_ENV),
                    file=sys.stderr,
                )
        if options.retry_refused:
            count = await service.retry_parked()
            print(translate("cli", "{count} refused rows will be sent again.").format(count=count))
        status = await service.refresh()
        if options.status:
            _print_sync_status(status)
            for row in await service.parked():
                print(
                    f"  {sync_table_label(row.table)}  {row.summary}  "
                    f"({sync_reason_text(row.reason)})"
                )
            return EXIT_OK
        if status.state is SyncState.NOT_SET_UP:
            print(sync_problem_text(SyncProblem.BAD_URL), file=sys.stderr)
            print(
                translate("cli", "Set the address with: studio-app sync --url https://…"),
                file=sys.stderr,
            )
            return EXIT_FAILURE
        bar = _SyncBar(sys.stderr)
        service.add_listener(bar.show)
        try:
            report = await service.sync()
        except SyncError as error:
            bar.finish()
            print(sync_problem_text(error.problem), file=sys.stderr)
            if error.detail:
                print(f"({error.detail})", file=sys.stderr)
            return EXIT_FAILURE
        bar.finish()
        print(sync_report_text(report))
        final = service.status
        if final.parked:
            print(
                translate(
                    "cli",
                    "The archive refused {count} rows; see them with 'studio-app sync --status'.",
                ).format(count=final.parked),
                file=sys.stderr,
            )
            return EXIT_FAILURE
        return EXIT_OK
    finally:
        database.close()


def _print_sync_status(status: SyncStatus) -> None:
    from datetime import UTC, datetime

    from studio_app.sync_text import sync_status_text

    short, detail = sync_status_text(status, datetime.now(UTC))
    print(short)
    print(detail)


class _SyncBar:
    """A one-line progress bar on a terminal; one line per step otherwise."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._last_phase: SyncPhase | None = None
        self._drawn = False

    def show(self, status: SyncStatus) -> None:
        progress = status.progress
        if progress is None:
            return
        label = _phase_label(progress.phase)
        if not self._tty:
            if progress.phase != self._last_phase:
                print(label, file=self._stream, flush=True)
            self._last_phase = progress.phase
            return
        if progress.total:
            filled = int(self.WIDTH * min(progress.done, progress.total) / progress.total)
            bar = "█" * filled + "░" * (self.WIDTH - filled)
            line = f"\r{label} {bar} {progress.done:,} / {progress.total:,}"
        else:
            line = f"\r{label} {progress.done:,}" if progress.done else f"\r{label}"
        print(line.ljust(70), end="", file=self._stream, flush=True)
        self._drawn = True

    def finish(self) -> None:
        if self._drawn:
            print(file=self._stream)
            self._drawn = False


def _phase_label(phase: SyncPhase) -> str:
    translate = QCoreApplication.translate
    labels = {
        "connect": translate("cli", "Connecting to the archive…"),
        "push": translate("cli", "Sending"),
        "pull": translate("cli", "Receiving"),
        "apply": translate("cli", "Saving"),
    }
    return labels.get(str(phase), str(phase))
