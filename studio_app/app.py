"""Composition root: builds storage, services and windows and wires them together.

The only module that knows every layer.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import getpass
import logging
import logging.handlers
import os
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QVBoxLayout, QWidget

from studio_app import APP_ID, APP_NAME, __version__
from studio_app.domain.errors import DomainError
from studio_app.domain.questions import Question
from studio_app.domain.sensitive import SensitiveWords
from studio_app.domain.sessions import BroadcastSession
from studio_app.domain.workdays import OVERRIDE_FILE_NAME, WorkdayCalendar
from studio_app.i18n import install_translators
from studio_app.messages import domain_error_text, storage_error_text
from studio_app.paths import log_dir, resolve_data_dir, resources_dir
from studio_app.services.audit import AuditService
from studio_app.services.broadcast import BroadcastService
from studio_app.services.credentials import CredentialStore
from studio_app.services.database import Database
from studio_app.services.followups import FollowUpService
from studio_app.services.obs.model import ObsGateway, ObsSettings
from studio_app.services.operators import OperatorService
from studio_app.services.overlay.service import OverlayService
from studio_app.services.overlay.theme import default_theme_path, load_theme
from studio_app.services.questions import QuestionService
from studio_app.services.record import RecordService
from studio_app.services.sessions import SessionService
from studio_app.services.studio import is_new_data_folder
from studio_app.settings import load_settings, save_settings, set_setup_pending
from studio_app.storage.errors import StorageError
from studio_app.ui.dialogs import ask, message_box
from studio_app.ui.errors import ErrorReporter
from studio_app.ui.gc import MainThreadGarbageCollector
from studio_app.ui.gc import settle as settle_garbage
from studio_app.ui.live_controller import GatewayFactory, LiveController
from studio_app.ui.main_window import MainWindow
from studio_app.ui.overlay.renderer import QtOverlayRenderer
from studio_app.ui.questions_controller import QuestionsController
from studio_app.ui.record_controller import RecordController

if TYPE_CHECKING:
    from studio_app.services.sync.service import SyncService
    from studio_app.services.web.server import WebServer
    from studio_app.ui.first_run import SetupAssistant
    from studio_app.ui.followup_board_controller import FollowUpBoardController
    from studio_app.ui.help_menu import HelpMenu
    from studio_app.ui.sync_controller import SyncController

log = logging.getLogger(__name__)

LOG_FILE_NAME = "studio.log"
#: The studio's own sensitive-word list in the data folder (the shipped one when absent).
SENSITIVE_WORDS_FILE = "sensitive_words.txt"
#: The studio's own overlay theme in the data folder (the shipped one when absent).
OVERLAY_THEME_FILE = "overlay_theme.json"
LOG_MAX_BYTES = 2 * 1024 * 1024
LOG_BACKUPS = 5
#: How long quitting waits for in-flight saves before cancelling them.
QUIT_GRACE_SECONDS = 10.0
EXIT_STORAGE_ERROR = 2


def configure_logging(data_dir: Path) -> Path | None:
    """Log to a rotating file in the data folder; return its path (``None``: stderr only)."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    formatter = logging.Formatter(
        "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"
    )
    if not any(isinstance(h, logging.StreamHandler) for h in root.handlers):
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(formatter)
        root.addHandler(stream)
    path = log_dir(data_dir) / LOG_FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        log.warning("cannot write the log file %s: %s", path, exc)
        return None
    handler.setFormatter(formatter)
    root.addHandler(handler)
    # obsws-python logs the OBS password at INFO (OBS_FACTS.md): never let it reach the file.
    logging.getLogger("obsws_python").setLevel(logging.WARNING)
    return path


class StudioApp:
    """One running app: the window, the database thread and the services between them."""

    def __init__(
        self,
        qapp: QApplication,
        data_dir: Path,
        reporter: ErrorReporter,
        *,
        exit_after_start: bool = False,
        started: float | None = None,
        obs_gateway_factory: GatewayFactory | None = None,
        credentials: CredentialStore | None = None,
        ask_operator: bool = True,
        first_run: bool = False,
    ) -> None:
        self.qapp = qapp
        self.data_dir = data_dir
        self.reporter = reporter
        self.exit_after_start = exit_after_start
        self.started = started if started is not None else time.perf_counter()
        self.database = Database()
        self.window: MainWindow | None = None
        self.live: LiveController | None = None
        self.questions: QuestionsController | None = None
        self.overlay: OverlayService | None = None
        self.web: WebServer | None = None  # imported lazily, see _wire_questions
        self.obs_gateway_factory = obs_gateway_factory or _websocket_gateway
        self.credentials = credentials or CredentialStore()
        #: Ask who is at the desk once the window is up (tests and --exit-after-start don't).
        self.ask_operator = ask_operator
        self.record: RecordController | None = None
        self.board: FollowUpBoardController | None = None
        self._operated: list[Any] = []
        self._operator = ""
        self.operators: OperatorService | None = None
        self._board_session_id: uuid.UUID | None = None
        self.sync: SyncController | None = None
        self.sync_service: SyncService | None = None
        self.help: HelpMenu | None = None
        #: Open the set-up assistant at start while it is pending (run_gui; not tests).
        self.first_run = first_run
        self.setup: SetupAssistant | None = None

    async def run(self) -> int:
        """Show the window, open the store, and run until the app quits; return exit code."""
        quit_requested = asyncio.Event()
        # Qt must not stop the loop under this coroutine when the window closes: the
        # coroutine ends itself, after the last save, and asyncio.Runner then shuts down.
        self.qapp.setQuitOnLastWindowClosed(False)
        self.qapp.aboutToQuit.connect(quit_requested.set)
        self.reporter.install(asyncio.get_running_loop())
        window = self.window = MainWindow()
        window.closed.connect(quit_requested.set)
        self.reporter.parent_widget = window
        window.show()
        shown = time.perf_counter()
        try:
            return await self._serve(window, quit_requested, shown)
        finally:
            await window.tasks.cancel_all()
            if self.record is not None:
                await self.record.finish_answer()
                await self.record.tasks.cancel_all()
            if self.board is not None:
                await self.board.tasks.cancel_all()
            if self.questions is not None:
                await self.questions.tasks.cancel_all()
            if self.overlay is not None:
                await self.overlay.close()
            if self.web is not None:
                await self.web.stop()
            if self.live is not None:
                await self.live.close()
            if self.sync is not None:
                self.sync.stop()
                await self.sync.tasks.cancel_all()
            if self.sync_service is not None:
                self.sync_service.close()
            self.database.close()

    async def _serve(self, window: MainWindow, quit_requested: asyncio.Event, shown: float) -> int:
        fresh = is_new_data_folder(self.data_dir)
        try:
            store = await self.database.open(
                self.data_dir,
                default_studio_name=QCoreApplication.translate("StudioApp", "My studio"),
            )
        except StorageError as error:
            log.error("cannot open the store: %s", error)
            title, text = storage_error_text(error)
            box = message_box(window, QMessageBox.Icon.Critical, title, text)
            if not self.exit_after_start:
                await ask(box)
            else:
                print(f"{title}\n{text}", file=sys.stderr)
            return EXIT_STORAGE_ERROR
        if store.backup is not None:
            log.info("database upgraded; backup at %s", store.backup)
        self.operators = OperatorService(self.database)
        operator = await self._last_operator()
        sessions = SessionService(self.database, operator=operator)
        window.attach(sessions)
        broadcast = BroadcastService(self.database, operator=operator)
        self.live = LiveController(
            window,
            gateway_factory=self.obs_gateway_factory,
            broadcast=broadcast,
            settings=load_settings(self.data_dir),
            data_dir=self.data_dir,
            credentials=self.credentials,
        )
        question_service = self._wire_questions(window, self.live, operator)
        record_service = self._wire_record(window, self.live, operator)
        self._operated = [sessions, broadcast, question_service, record_service, self.follow_ups]
        self._set_operator(operator)
        window.operator_action.triggered.connect(
            lambda *_a: window.tasks.spawn(self.choose_operator(), name="operator")
        )
        window.export_action.triggered.connect(
            lambda *_a: window.tasks.spawn(self.open_export(window), name="export")
        )
        self.live.tasks.spawn(self.live.start(), name="obs-start")
        self._wire_sync(window)
        self._wire_help(window)
        await self._wire_setup(window, fresh)
        await window.reload()
        await self._resume_live_show(window, record_service)
        settle_garbage()
        ready = time.perf_counter()
        log.info(
            "started: window shown after %.0f ms, sessions loaded after %.0f ms",
            (shown - self.started) * 1000,
            (ready - self.started) * 1000,
        )
        if self.exit_after_start:
            print(
                f"STARTUP window_shown_ms={(shown - self.started) * 1000:.1f} "
                f"ready_ms={(ready - self.started) * 1000:.1f}",
                flush=True,
            )
            window.close()
        if not self.exit_after_start:
            window.tasks.spawn(self._greet(), name="operator")
        await quit_requested.wait()
        try:
            await asyncio.wait_for(window.tasks.wait_idle(), QUIT_GRACE_SECONDS)
        except TimeoutError:
            log.warning("quitting with unfinished tasks")
        return 0

    def _wire_sync(self, window: MainWindow) -> None:
        """Archive sync in the background, the status bar and the Archive menu."""
        from studio_app.services.sync.service import SyncService
        from studio_app.ui.sync_controller import SyncController

        service = self.sync_service = SyncService(
            self.database, self.data_dir, self.credentials, environ=dict(os.environ)
        )
        self.sync = SyncController(
            window, service, lambda: load_settings(self.data_dir), credentials=self.credentials
        )
        self.sync.synced.connect(self._on_sync_synced)

    def _wire_help(self, window: MainWindow) -> None:
        """The Help menu (last in the menu bar): shortcut sheet, language, About."""
        from studio_app.ui.help_menu import HelpMenu

        self.help = HelpMenu(window, load_settings(self.data_dir).language)
        self.help.language_chosen.connect(
            lambda code: window.tasks.spawn(self.choose_language(code), name="language")
        )

    async def _wire_setup(self, window: MainWindow, fresh: bool) -> None:
        """Help → Set-up assistant…; a new data folder gets the assistant at start."""
        assert self.help is not None
        self.help.setup_action.triggered.connect(
            lambda *_a: window.tasks.spawn(self.open_setup(), name="setup")
        )
        if fresh:
            try:
                await asyncio.to_thread(set_setup_pending, self.data_dir, True)
            except OSError as error:
                log.warning("cannot note the pending set-up: %s", error)

    async def open_setup(self) -> bool:
        """The set-up assistant (imported on first use); ``True`` if it signed someone in."""
        from studio_app.ui.first_run import SetupAssistant, SetupContext

        window = self.window
        assert window and self.operators and self.live and self.sync
        if self.setup is None:
            opened = functools.partial(self._open_rehearsal, window)
            context = SetupContext(
                self.database,
                self.operators,
                self.live,
                self.sync,
                self.data_dir,
                lambda: self._operator,
                self._set_operator,
                opened,
            )
            self.setup = SetupAssistant(window, context)
        return await self.setup.run()

    async def _greet(self) -> None:
        """At start: the set-up assistant while it is pending, else who is at the desk."""
        pending = self.first_run and load_settings(self.data_dir).setup_pending
        if pending and await self.open_setup():
            return  # the assistant signed someone in
        if self.ask_operator:
            await self.choose_operator()

    async def choose_language(self, code: str) -> None:
        """Keep the UI language chosen in the Help menu ("" follows the system)."""
        current = load_settings(self.data_dir)
        await asyncio.to_thread(save_settings, self.data_dir, replace(current, language=code))
        if self.help is not None:
            await ask(self.help.language_saved_box(code))

    def _on_sync_synced(self, report: object) -> None:
        """Department replies came in: show them on the board (if it has been opened)."""
        if getattr(report, "pulled", 0) and self.board is not None:
            self.board.refresh()

    async def _last_operator(self) -> str:
        """The profile signed in last (the desk usually has the same person), or the OS user."""
        assert self.operators is not None
        profiles = await self.operators.profiles()
        return profiles[0].name if profiles else _operator_name()

    async def choose_operator(self) -> str | None:
        """Ask who is at the desk; everything they do is recorded under that name."""
        assert self.window is not None and self.operators is not None
        from studio_app.ui.operator_dialog import OperatorDialog

        dialog = OperatorDialog(self.operators, self.window)
        await dialog.load()
        if await ask(dialog) != QDialog.DialogCode.Accepted or dialog.profile is None:
            return None
        try:
            profile = await self.operators.sign_in(dialog.profile.id)
        except StorageError as error:
            log.error("signing in failed: %s", error)
            return None
        self._set_operator(profile.name)
        return profile.name

    def _set_operator(self, name: str) -> None:
        self._operator = name
        for service in self._operated:
            service.operator = name
        if self.window is not None:
            self.window.show_operator(name)
        log.info("operator: %s", name)

    async def _resume_live_show(self, window: MainWindow, record: RecordService) -> None:
        """A show left live (the app was killed or crashed) is reopened where it was."""
        live_id = await record.live_session()
        if live_id is None:
            return
        log.warning("resuming live session %s", live_id)
        # Opened first: selecting the row then finds it open and loads nothing again.
        await window.open_session(live_id)
        window.session_list.select(live_id)
        window.session_tabs.setCurrentWidget(window.record)
        window.save_status.setText(
            QCoreApplication.translate(
                "StudioApp",
                "Resumed the live show where it was: agenda item, question on air, queue and "
                "the answer typed so far.",
            )
        )

    def _wire_record(
        self, window: MainWindow, live: LiveController, operator: str
    ) -> RecordService:
        """The session record: lifecycle, run of show, answers, promises, board, audit."""
        record_service = RecordService(self.database, operator)
        self.follow_ups = FollowUpService(self.database, operator, self._calendar(window))
        audit = AuditService(self.database)
        assert self.questions is not None
        questions = self.questions
        # The board is built the first time it is shown (~50 ms less start-up).
        holder = QWidget(window)
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        window.add_board(holder, QCoreApplication.translate("StudioApp", "Follow-up board"))
        window.main_tabs.currentChanged.connect(
            lambda index: window.main_tabs.widget(index) is holder and self.show_board(holder)
        )
        follow_ups = self.follow_ups

        # The dialogs are imported when first opened: ~40 ms less start-up.
        async def open_promise(session_id: uuid.UUID, question: Question | None) -> object:
            from studio_app.ui.promise_dialog import PromiseDialog

            dialog = PromiseDialog(
                follow_ups,
                session_id,
                question_id=question.id if question else None,
                resident_contact=question.phone if question else "",
                parent=window,
            )
            await dialog.load()
            await ask(dialog)
            if dialog.created is not None and self.board is not None:
                self.board.refresh()
            return dialog.created

        async def open_audit(kind: str, entity_id: uuid.UUID, title: str) -> object:
            from studio_app.ui.audit_view import AuditDialog

            dialog = AuditDialog(audit, window)
            if kind == "session":
                await dialog.show_session(entity_id, title)
            else:
                await dialog.show_question(entity_id, title)
            return dialog

        controller = self.record = RecordController(
            window.record,
            record_service,
            self.follow_ups,
            window.questions.model,
            timecodes=live.studio.output_timecodes,
            open_promise=open_promise,
            open_audit=open_audit,
        )
        for action in controller.actions():
            window.addAction(action)
            window.live_menu.addAction(action)
        spawn = controller.tasks.spawn
        window.session_shown.connect(
            lambda session: spawn(controller.show_session(session), name="record")
        )
        window.session_shown.connect(
            lambda session: self._board_session(session.id if session else None)
        )
        window.session_saved.connect(controller.session_edited)
        questions.questions_loaded.connect(
            lambda session: spawn(controller.questions_loaded(session), name="record")
        )
        questions.question_changed.connect(
            lambda change: spawn(controller.question_changed(change), name="record")
        )
        live.agenda_marked.connect(
            lambda mark: spawn(controller.agenda_marked(mark), name="record")
        )
        controller.session_changed.connect(window.apply_lifecycle)
        window.record.countdown_changed.connect(window.control_panel.show_countdown)
        controller.rehearsal_created.connect(
            lambda copy: window.tasks.spawn(self._open_rehearsal(window, copy), name="rehearsal")
        )
        return record_service

    async def open_export(self, window: MainWindow) -> object:
        """The export dialog for the session on screen (or all sessions)."""
        from studio_app.services.export.service import ExportService
        from studio_app.ui.export_dialog import ExportDialog

        if window.has_unsaved_changes:
            await window.save_now()
        session = window.editor.session
        settings = load_settings(self.data_dir)
        dialog = ExportDialog(
            ExportService(self.database),
            operator=self._operator,
            session_id=session.id if session else None,
            session_title=session.title if session else "",
            folder=Path(settings.export_folder) if settings.export_folder else None,
            parent=window,
        )

        def remember(folder: object) -> None:
            current = load_settings(self.data_dir)
            save_settings(self.data_dir, replace(current, export_folder=str(folder)))

        dialog.exported.connect(remember)
        await ask(dialog)
        return dialog

    def show_board(self, holder: QWidget) -> FollowUpBoardController:
        """Build the follow-up board on first use, then (re)load it."""
        if self.board is None:
            from studio_app.ui.followup_board import FollowUpBoard
            from studio_app.ui.followup_board_controller import FollowUpBoardController

            board = FollowUpBoard(holder)
            layout = holder.layout()
            assert layout is not None
            layout.addWidget(board)
            self.board = FollowUpBoardController(board, self.follow_ups)
            self.board.set_session(self._board_session_id)
        self.board.refresh()
        return self.board

    def _board_session(self, session_id: uuid.UUID | None) -> None:
        self._board_session_id = session_id
        if self.board is not None:
            self.board.set_session(session_id)

    async def _open_rehearsal(self, window: MainWindow, copy: BroadcastSession) -> None:
        window.session_list.model.upsert(copy)
        await window.open_session(copy.id)
        window.session_list.select(copy.id)

    def _calendar(self, window: MainWindow) -> WorkdayCalendar:
        """The statutory calendar, with the studio's own workdays.txt when it has one."""
        path = self.data_dir / OVERRIDE_FILE_NAME
        try:
            return WorkdayCalendar.from_override_file(path)
        except (OSError, DomainError) as error:
            log.warning("ignoring %s: %s", path, error)
            text = domain_error_text(error) if isinstance(error, DomainError) else str(error)
            window.save_status.setText(text)
            return WorkdayCalendar.default()

    def _wire_questions(
        self, window: MainWindow, live: LiveController, operator: str
    ) -> QuestionService:
        """The moderation view, its service and the overlay on air through OBS."""
        theme = self.data_dir / OVERLAY_THEME_FILE
        renderer = QtOverlayRenderer(load_theme(theme if theme.exists() else default_theme_path()))
        self.overlay = OverlayService(renderer, live.gateway, self.data_dir / "overlay")
        service = QuestionService(self.database, operator, SensitiveWords(()))
        data_dir = self.data_dir
        questions = self.questions = QuestionsController(
            window.questions, service, self.overlay, renderer
        )
        window.session_shown.connect(
            lambda session: questions.tasks.spawn(questions.show_session(session), name="questions")
        )
        live.agenda_item_changed.connect(
            lambda session, item: questions.tasks.spawn(
                questions.set_agenda_item(session, item), name="lower-third"
            )
        )
        # The local web server: the browser-source overlay (loopback, always) and the LAN
        # question form (off until the operator switches it on). Imported here, after the
        # window is shown: with segno it costs ~75 ms of start-up.
        from studio_app.services.web.server import WebServer
        from studio_app.ui.lan_intake_dialog import LanIntakeDialog
        from studio_app.web_messages import submit_page_labels

        web = self.web = WebServer(
            resources_dir(),
            on_submit=questions.receive_submission,
            labels=submit_page_labels,
            theme_file=theme if theme.exists() else default_theme_path(),
        )
        self.overlay.add_listener(web.publish_state)
        window.questions.intake.lan_button.clicked.connect(
            lambda *_args: LanIntakeDialog(web, window).open()
        )
        questions.tasks.spawn(self._start_web(web), name="web-start")
        # Off the GUI thread, and queued on the database thread before any session loads.
        questions.tasks.spawn(
            service.load_words(lambda: load_sensitive_words(data_dir)), name="sensitive-words"
        )
        return service

    async def _start_web(self, web: WebServer) -> None:
        port = load_settings(self.data_dir).overlay_port
        try:
            await web.start(port=port)
        except OSError as error:
            # The overlay still airs through OBS's image sources; only the page is missing.
            log.warning("browser-source overlay not served on port %s: %s", port, error)
            return
        log.info("browser-source overlay at %s", web.overlay_url)


def load_sensitive_words(data_dir: Path) -> SensitiveWords:
    """The studio's sensitive-word list, or the shipped default; an unreadable file → default."""
    own = data_dir / SENSITIVE_WORDS_FILE
    default = resources_dir() / "sensitive_words" / "default.txt"
    for path in (own, default):
        if path.exists():
            try:
                return SensitiveWords.from_file(path)
            except (OSError, UnicodeDecodeError) as error:
                log.warning("cannot read the sensitive-word list %s: %s", path, error)
    return SensitiveWords(())


def _websocket_gateway(settings: ObsSettings) -> ObsGateway:
    # Imported here: obsws-python and websocket-client load only when OBS is first used.
    from studio_app.services.obs.gateway import WebSocketObsGateway

    return WebSocketObsGateway(settings)


def _operator_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "operator"


def run_gui(options: argparse.Namespace, started: float | None = None) -> int:
    """Build the QApplication, translators and error reporting; run the app's loop."""
    data_dir = resolve_data_dir(options.data_dir, options.portable)
    log_file = configure_logging(data_dir)
    log.info("%s %s starting; data folder %s", APP_NAME, __version__, data_dir)
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qapp.setApplicationName(APP_NAME)
    qapp.setApplicationVersion(__version__)
    qapp.setOrganizationName(APP_ID)
    # The window and taskbar icon (the installers give the menu entry and the .exe theirs).
    qapp.setWindowIcon(QIcon(str(resources_dir() / "icons" / "village-studio.png")))
    translators = install_translators(qapp, options.language)  # chosen by cli.parse
    reporter = ErrorReporter(log_file)
    reporter.install()
    collector = MainThreadGarbageCollector(qapp)
    collector.start()
    app = StudioApp(
        qapp,
        data_dir,
        reporter,
        exit_after_start=options.exit_after_start,
        started=started,
        first_run=True,
    )
    try:
        # asyncio.Runner: asyncio.run(loop_factory=...) needs Python 3.12; this is the same.
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
            return runner.run(app.run())
    finally:
        collector.stop()
        del translators
