"""The set-up assistant: studio name, operators, OBS, the county archive, a practice session.

It opens by itself at the start of a new data folder (``AppSettings.setup_pending``, set when
the app created the database, cleared by "Finish") and from Help → Set-up assistant….

Each page is saved when the operator leaves it with "Next" (or "Finish"), completely or not
at all: a page whose save fails stays open and says why. "Cancel" keeps what earlier pages
saved and changes nothing else; the assistant then opens again at the next start, with what
was saved filled in. "Finish" on any page saves that page and ends the assistant.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from studio_app.domain.errors import DomainError
from studio_app.domain.operators import MAX_OPERATOR_NAME, OperatorProfile, OperatorRole
from studio_app.domain.organisation import MAX_STUDIO_NAME
from studio_app.domain.sessions import BroadcastSession
from studio_app.messages import (
    domain_error_text,
    obs_error_text,
    obs_status_text,
    operator_role_text,
    storage_error_text,
)
from studio_app.services.database import Database
from studio_app.services.obs.errors import ObsError
from studio_app.services.obs.prepare import prepare_obs
from studio_app.services.obs.probe import wait_for_verdict
from studio_app.services.operators import OperatorService
from studio_app.services.practice import PracticePlan, PracticeService
from studio_app.services.studio import StudioService
from studio_app.services.tasks import TaskSet
from studio_app.settings import load_settings, set_setup_pending
from studio_app.storage.errors import StorageError
from studio_app.ui.dialogs import ask, message_box
from studio_app.ui.layout import PROBLEM_STYLE, SUCCESS_STYLE
from studio_app.ui.live_controller import LiveController
from studio_app.ui.obs_settings_dialog import ObsConnectionForm
from studio_app.ui.operator_dialog import OperatorListModel
from studio_app.ui.sync_controller import SyncController
from studio_app.ui.sync_dialogs import ArchiveSettingsForm

log = logging.getLogger(__name__)

#: How long "Prepare OBS" waits for the connection after saving the settings.
PREPARE_CONNECT_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class SetupContext:
    """What the assistant works with (built by the composition root)."""

    database: Database
    operators: OperatorService
    live: LiveController
    sync: SyncController
    data_dir: Path
    #: The operator signed in now (named in the audit entries the assistant causes).
    operator: Callable[[], str]
    #: Make this profile's name the app's operator (after the sign-in was stored).
    signed_in: Callable[[str], None]
    #: Open a session the assistant created in the window.
    show_session: Callable[[BroadcastSession], Awaitable[None]]


class SetupWizard(QWizard):
    """The pages of the assistant; see the module docstring for when each one is saved."""

    WELCOME, OPERATORS, OBS, ARCHIVE, PRACTICE = range(5)

    def __init__(
        self,
        context: SetupContext,
        *,
        studio_name: str,
        profiles: list[OperatorProfile],
        credential_stored: bool,
        stored_credential: str | None,
        keyring_available: bool,
        first_run: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Set-up assistant"))
        # The same look on every system (no Aero/Mac styles with their own sizes).
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, True)
        self._context = context
        self._studio = StudioService(context.database, context.operator())
        self._practice = PracticeService(context.database, context.operator())
        self._studio_name = studio_name
        self._credential_stored = credential_stored
        #: Tasks of the buttons and of the saves (cancelled when the assistant closes).
        self.tasks = TaskSet()
        self._busy = False
        self._passed = False  # the current page was saved: let QWizard go on
        self._added: list[OperatorProfile] = []
        #: The name signed in by the operators page, if it was saved.
        self.signed_in: str | None = None
        #: The practice session made on the last page, if any.
        self.practice: BroadcastSession | None = None

        self.setPage(self.WELCOME, self._welcome_page())
        self.setPage(self.OPERATORS, self._operators_page(profiles))
        self.setPage(self.OBS, self._obs_page(keyring_available))
        self.setPage(self.ARCHIVE, self._archive_page(stored_credential, keyring_available))
        self.setPage(self.PRACTICE, self._practice_page(first_run))
        self.setStartId(self.WELCOME)
        self.setMinimumSize(600, 540)
        self.resize(720, 600)

    # ------------------------------------------------------------------ pages
    def _page(self, title: str, intro: str) -> tuple[QWizardPage, QVBoxLayout]:
        page = QWizardPage(self)
        page.setTitle(title)
        page.setFinalPage(True)  # "Finish" works on every page (HaveFinishButtonOnEarlyPages)
        layout = QVBoxLayout(page)
        label = QLabel(intro, page)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addSpacing(6)
        return page, layout

    @staticmethod
    def _problem_label(parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(PROBLEM_STYLE)
        return label

    def _welcome_page(self) -> QWizardPage:
        page, layout = self._page(
            self.tr("Welcome to Village Studio"),
            self.tr(
                "This assistant prepares this computer for your studio's broadcasts in a few "
                "steps: the studio's name, who works at the desk, the connection to OBS, the "
                "county archive (optional) and a practice session. Everything can be changed "
                "later."
            ),
        )
        self.studio_name_edit = QLineEdit(self._studio_name, page)
        self.studio_name_edit.setObjectName("setupStudioName")
        self.studio_name_edit.setMaxLength(MAX_STUDIO_NAME)
        form = QFormLayout()
        form.addRow(self.tr("Studio &name:"), self.studio_name_edit)
        layout.addSpacing(8)
        layout.addLayout(form)
        hint = QLabel(
            self.tr(
                "As the exported records and the county archive show it, for example "
                "“青山镇政务直播间”."
            ),
            page,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.studio_problem = self._problem_label(page, "setupStudioProblem")
        layout.addWidget(self.studio_problem)
        layout.addStretch(1)
        note = QLabel(
            self.tr(
                "Each page is saved when you click “Next”. “Finish” saves the page you are "
                "on and ends the assistant. “Cancel” closes it and keeps what was already "
                "saved; it then opens again at the next start. You can also open it at any "
                "time from the Help menu (Set-up assistant…)."
            ),
            page,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        return page

    def _operators_page(self, profiles: list[OperatorProfile]) -> QWizardPage:
        page, layout = self._page(
            self.tr("Who works at the desk"),
            self.tr(
                "Add a profile for each person who runs the shows: everything they do is "
                "recorded in the audit trail under their name. No passwords are needed. The "
                "first profile added here is signed in when you continue; the others sign in "
                "with “Switch operator…” in the Session menu."
            ),
        )
        self.operator_name_edit = QLineEdit(page)
        self.operator_name_edit.setObjectName("setupOperatorName")
        self.operator_name_edit.setMaxLength(MAX_OPERATOR_NAME)
        self.operator_name_edit.setPlaceholderText(self.tr("A name, as colleagues know them"))
        # Enter adds the name typed (instead of leaving the page).
        self.operator_name_edit.installEventFilter(self)
        self.operator_role_combo = QComboBox(page)
        self.operator_role_combo.setObjectName("setupOperatorRole")
        for role in OperatorRole:
            self.operator_role_combo.addItem(operator_role_text(role), role.value)
        self.operator_role_combo.setCurrentIndex(
            self.operator_role_combo.findData(OperatorRole.OTHER.value)
        )
        self.add_operator_button = QPushButton(self.tr("&Add"), page)
        self.add_operator_button.setObjectName("setupOperatorAdd")
        self.add_operator_button.setAutoDefault(False)
        self.add_operator_button.clicked.connect(self._on_add_operator_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.operator_name_edit, 1)
        row.addWidget(self.operator_role_combo)
        row.addWidget(self.add_operator_button)
        layout.addLayout(row)
        self.operator_model = OperatorListModel(self)
        self.operator_model.set_profiles(profiles)
        self.operator_list = QListView(page)
        self.operator_list.setObjectName("setupOperatorList")
        self.operator_list.setModel(self.operator_model)
        self.operator_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.operator_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout.addWidget(self.operator_list, 1)
        self.operators_problem = self._problem_label(page, "setupOperatorsProblem")
        layout.addWidget(self.operators_problem)
        return page

    def _obs_page(self, keyring_available: bool) -> QWizardPage:
        page, layout = self._page(
            self.tr("Connect to OBS"),
            self.tr(
                "Village Studio drives OBS Studio (29 or newer) on this computer or on "
                "another one in the studio, through OBS's WebSocket server. To switch it on:\n"
                "1. Start OBS and open Tools → WebSocket Server Settings.\n"
                "2. Tick “Enable WebSocket server” and keep the server port 4455.\n"
                "3. Tick “Enable Authentication”, click “Show Connect Info” and copy the "
                "server password into the password field below.\n"
                "4. Click “Apply” in OBS, then “Test connection” here."
            ),
        )
        self.obs_form = ObsConnectionForm(
            self._context.live.connection_choice(),
            self._context.live.test_settings,
            keyring_available=keyring_available,
            parent=page,
        )
        self.obs_form.help_label.hide()  # the steps above say it in more detail
        layout.addWidget(self.obs_form)
        self.prepare_button = QPushButton(self.tr("&Prepare OBS"), page)
        self.prepare_button.setObjectName("setupPrepareObs")
        self.prepare_button.setAutoDefault(False)
        self.prepare_button.clicked.connect(self._on_prepare_button_clicked)
        self.prepare_result = QLabel(
            self.tr(
                "“Prepare OBS” saves the settings above, connects, and adds what Village "
                "Studio needs to OBS: a standby slate and the overlay for the questions, on "
                "top of your scenes. Nothing else in OBS is changed."
            ),
            page,
        )
        self.prepare_result.setObjectName("setupPrepareResult")
        self.prepare_result.setWordWrap(True)
        self.prepare_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.prepare_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.prepare_result, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _archive_page(self, stored_credential: str | None, keyring_available: bool) -> QWizardPage:
        page, layout = self._page(
            self.tr("County archive (optional)"),
            self.tr(
                "If the county archive gave this studio an address and a credential, enter "
                "them: the records are then sent there in the background whenever there is a "
                "network. Leave the page empty to skip it; you can do it later with “Archive "
                "settings…” in the Archive menu."
            ),
        )
        self.archive_form = ArchiveSettingsForm(
            self._context.sync.service,
            credential_stored=self._credential_stored,
            stored_credential=stored_credential,
            keyring_available=keyring_available,
            parent=page,
        )
        layout.addWidget(self.archive_form)
        layout.addStretch(1)
        return page

    def _practice_page(self, first_run: bool) -> QWizardPage:
        page, layout = self._page(
            self.tr("Practise before the first show"),
            self.tr(
                "A practice session is a rehearsal with ten sample residents' questions: some "
                "with a phone number or an address to see how personal data is masked, two "
                "that say the same to merge, and an off-topic one to reject. Everything "
                "works in it, from moderation to the overlay in OBS, but nothing in it counts "
                "as aired: it stays out of the ledger and the follow-up board and is never "
                "sent to the county archive. Delete it when you no longer need it."
            ),
        )
        self.practice_check = QCheckBox(
            self.tr("&Create a practice session with sample questions"), page
        )
        self.practice_check.setObjectName("setupPractice")
        # Once: opened again later, the assistant does not make a second one unasked.
        self.practice_check.setChecked(first_run)
        layout.addSpacing(8)
        layout.addWidget(self.practice_check)
        self.practice_problem = self._problem_label(page, "setupPracticeProblem")
        layout.addWidget(self.practice_problem)
        layout.addStretch(1)
        done = QLabel(
            self.tr(
                "Click “Finish” to start working. This assistant stays in the Help menu "
                "(Set-up assistant…)."
            ),
            page,
        )
        done.setWordWrap(True)
        layout.addWidget(done)
        return page

    def practice_plan(self) -> PracticePlan:
        """The practice session's title, run of show and guest, in the UI language."""
        return PracticePlan(
            title=self.tr("Practice session (sample questions)"),
            agenda=(
                (self.tr("Opening"), 3),
                (self.tr("Policy briefing"), 10),
                (self.tr("Residents' questions"), 30),
                (self.tr("Closing"), 2),
            ),
            guest=(
                self.tr("Sample guest"),
                self.tr("Deputy township head"),
                self.tr("Township government"),
            ),
            speaker_item=2,
        )

    # ------------------------------------------------------------------ saving the pages
    async def save_page(self, page_id: int) -> bool:
        """Save what page ``page_id`` shows; ``False`` (the page says why) if refused."""
        if page_id == self.WELCOME:
            return await self.save_studio_name()
        if page_id == self.OPERATORS:
            return await self.save_operators()
        if page_id == self.OBS:
            return await self.save_obs()
        if page_id == self.ARCHIVE:
            return await self.save_archive()
        if page_id == self.PRACTICE:
            return await self.save_practice()
        return True

    async def save_studio_name(self) -> bool:
        """Rename the studio if the name was changed (audited)."""
        self.studio_problem.clear()
        self._studio.operator = self._context.operator()
        try:
            studio = await self._studio.rename(self.studio_name_edit.text())
        except DomainError as error:
            self.studio_problem.setText(domain_error_text(error))
            self.studio_name_edit.setFocus()
            return False
        except StorageError as error:
            self._storage_problem(self.studio_problem, error)
            return False
        self._studio_name = studio.name
        self.studio_name_edit.setText(studio.name)
        return True

    async def add_operator(self) -> OperatorProfile | None:
        """Add the profile typed in the name field; ``None`` (and why) if refused."""
        self.operators_problem.clear()
        role = OperatorRole(self.operator_role_combo.currentData())
        self.add_operator_button.setEnabled(False)
        try:
            profile = await self._context.operators.add(self.operator_name_edit.text(), role)
            profiles = await self._context.operators.profiles()
        except DomainError as error:
            self.operators_problem.setText(domain_error_text(error))
            self.operator_name_edit.setFocus()
            self.operator_name_edit.selectAll()
            return None
        except StorageError as error:
            self._storage_problem(self.operators_problem, error)
            return None
        finally:
            self.add_operator_button.setEnabled(True)
        self._added.append(profile)
        self.operator_model.set_profiles(profiles)
        self.operator_name_edit.clear()
        self.operator_role_combo.setCurrentIndex(
            self.operator_role_combo.findData(OperatorRole.OTHER.value)
        )
        self.operator_name_edit.setFocus()
        return profile

    async def save_operators(self) -> bool:
        """Add the name still in the field, then sign in the first profile added here."""
        if self.operator_name_edit.text().strip() and await self.add_operator() is None:
            return False
        chosen = self._added[0] if self._added else self.operator_model.profile_at(0)
        if chosen is None:
            self.operators_problem.setText(
                self.tr("Add at least one operator profile: type a name and click “Add”.")
            )
            self.operator_name_edit.setFocus()
            return False
        try:
            profile = await self._context.operators.sign_in(chosen.id)
        except StorageError as error:
            self._storage_problem(self.operators_problem, error)
            return False
        self._context.signed_in(profile.name)
        self.signed_in = profile.name
        return True

    async def save_obs(self) -> bool:
        """Save and use the connection settings if they changed (password to the keyring)."""
        choice = self.obs_form.choice()
        if not choice.host:
            self.obs_form.refuse_empty_host()
            return False
        self.obs_form.problem_label.clear()
        live = self._context.live
        if choice != live.connection_choice():
            await live.apply_settings(choice)
        return True

    async def prepare(self) -> bool:
        """Save the settings, connect, and create what the app needs in OBS."""
        if self._busy:
            return False
        self._set_busy(True)  # the settings are saved whole: no Cancel half-way
        try:
            return await self._prepare()
        finally:
            self._set_busy(False)

    async def _prepare(self) -> bool:
        if not await self.save_obs():
            return False
        live = self._context.live
        self.prepare_result.setStyleSheet("")
        self.prepare_result.setText(self.tr("Connecting to OBS…"))
        if not live.gateway.status.connected:
            await live.connect_obs()
        status = await wait_for_verdict(live.gateway, PREPARE_CONNECT_SECONDS)
        if not status.connected:
            label, advice = obs_status_text(status)
            self._prepare_outcome(f"{label}\n{advice}".strip(), ok=False)
            return False
        try:
            report = await prepare_obs(live.gateway)
        except ObsError as error:
            self._prepare_outcome(obs_error_text(error), ok=False)
            return False
        except RuntimeError:
            self._prepare_outcome(
                self.tr(
                    "This OBS has no text or colour source, so the standby slate cannot be "
                    "made. Install the full OBS Studio package."
                ),
                ok=False,
            )
            return False
        # The live controller's words for the same outcome (Live → Prepare OBS).
        if report.created:
            text = QCoreApplication.translate("LiveController", "Created in OBS:\n%1").replace(
                "%1", "\n".join(report.created)
            )
        else:
            text = QCoreApplication.translate(
                "LiveController", "OBS already has everything Village Studio needs."
            )
        self._prepare_outcome(text, ok=True)
        return True

    async def save_archive(self) -> bool:
        """Hand a new address or credential to sync (which then syncs); nothing: skip."""
        form = self.archive_form
        unchanged = form.url() == self._context.sync.service.url and form.credential() is None
        if unchanged:
            return True
        if not await form.save():
            return False
        self._context.sync.settings_saved()
        return True

    async def save_practice(self) -> bool:
        """Make the practice session if the box is ticked."""
        if not self.practice_check.isChecked() or self.practice is not None:
            return True
        self.practice_problem.clear()
        self._practice.operator = self._context.operator()
        try:
            self.practice = await self._practice.create(self.practice_plan())
        except StorageError as error:
            self._storage_problem(self.practice_problem, error)
            return False
        return True

    # ------------------------------------------------------------------ QWizard
    def validateCurrentPage(self) -> bool:
        # "Next" (and "Finish", through done()): save first, on the database thread; the
        # page is left when the save succeeded (see _save_and_go).
        if self._passed:
            self._passed = False
            return True
        if not self._busy:
            self.tasks.spawn(self._save_and_go(finish=False), name="setup-save")
        return False

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and not self._passed:
            if not self._busy:
                self.tasks.spawn(self._save_and_go(finish=True), name="setup-save")
            return
        if result != QDialog.DialogCode.Accepted and self._busy:
            return  # a page is being saved: cancel once it is (a moment)
        self.tasks.cancel()
        self.obs_form.tasks.cancel()
        self.archive_form.tasks.cancel()
        super().done(result)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.operator_name_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.operator_name_edit.text().strip()
        ):
            self.tasks.spawn(self.add_operator(), name="setup-operator-add")
            return True
        return super().eventFilter(watched, event)

    async def _save_and_go(self, *, finish: bool) -> None:
        page_id = self.currentId()
        self._set_busy(True)
        try:
            saved = await self.save_page(page_id)
        finally:
            self._set_busy(False)
        if not saved:
            return
        self._passed = True
        if finish:
            self.accept()
        else:
            self.next()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        page = self.currentPage()
        if page is not None:
            page.setEnabled(not busy)
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            button = self.button(which)
            if busy:
                button.setProperty("enabledBeforeSave", button.isEnabled())
                button.setEnabled(False)
            else:
                button.setEnabled(bool(button.property("enabledBeforeSave")))

    def _prepare_outcome(self, text: str, *, ok: bool) -> None:
        self.prepare_result.setStyleSheet(SUCCESS_STYLE if ok else PROBLEM_STYLE)
        self.prepare_result.setText(text)

    @staticmethod
    def _storage_problem(label: QLabel, error: StorageError) -> None:
        title, text = storage_error_text(error)
        label.setText(f"{title}: {text}")

    def _on_add_operator_button_clicked(self) -> None:
        self.tasks.spawn(self.add_operator(), name="setup-operator-add")

    def _on_prepare_button_clicked(self) -> None:
        self.tasks.spawn(self.prepare(), name="setup-prepare")


class SetupAssistant(QObject):
    """Opens the set-up assistant and carries out what its "Finish" means."""

    def __init__(self, window: QWidget, context: SetupContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        #: The assistant last opened (tests look at it).
        self.wizard: SetupWizard | None = None

    async def run(self) -> bool:
        """Open the assistant (or raise the open one); ``True`` if it signed someone in."""
        wizard = self.wizard
        if wizard is not None and wizard.isVisible():
            wizard.raise_()
            wizard.activateWindow()
            return False
        context = self.context
        try:
            studio = await StudioService(context.database, context.operator()).studio()
            profiles = await context.operators.profiles()
        except StorageError as error:
            title, text = storage_error_text(error)
            await ask(message_box(self.window, QMessageBox.Icon.Critical, title, text))
            return False
        stored, keyring_available = await context.sync.stored_credential()
        wizard = self.wizard = SetupWizard(
            context,
            studio_name=studio.name,
            profiles=profiles,
            credential_stored=stored is not None,
            stored_credential=stored,
            keyring_available=keyring_available,
            first_run=(await asyncio.to_thread(load_settings, context.data_dir)).setup_pending,
            parent=self.window,
        )
        finished = await ask(wizard) == QDialog.DialogCode.Accepted
        if finished:
            try:
                await asyncio.to_thread(set_setup_pending, context.data_dir, False)
            except OSError as error:
                log.warning("cannot note the finished set-up: %s", error)
        if wizard.practice is not None:
            await context.show_session(wizard.practice)
        return wizard.signed_in is not None
