"""LAN question intake: switch the hotline desk's form on or off, show its address and QR code."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio_app.services.tasks import TaskSet
from studio_app.services.web import qr_png


class LanIntake(Protocol):
    """What the dialog needs of the web server (``services.web.WebServer`` is one)."""

    @property
    def lan_enabled(self) -> bool: ...

    @property
    def lan_reachable(self) -> bool: ...

    @property
    def submit_url(self) -> str: ...

    async def set_lan(self, enabled: bool) -> None: ...

    def rotate_token(self) -> str: ...


class LanIntakeDialog(QDialog):
    """Shows the form's address as text and QR code; "New link" makes the old one stop working.

    The switch takes effect at once (no OK button); closing the dialog leaves intake as it is.
    """

    #: Intake was switched on (``True``) or off; emitted once the server has done it.
    intake_switched = Signal(bool)
    #: A new token was made (the app may save it so printed links survive a restart).
    token_rotated = Signal(str)

    def __init__(self, intake: LanIntake, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lanIntakeDialog")
        self.setWindowTitle(self.tr("Questions from the hotline desk"))
        self._intake = intake
        self._tasks = TaskSet()

        self.enabled_box = QCheckBox(
            self.tr("Accept questions from other computers on this network"), self
        )
        self.enabled_box.setObjectName("lanIntakeEnabled")
        self.enabled_box.setChecked(intake.lan_enabled)
        self.enabled_box.toggled.connect(self._on_enabled_box_toggled)

        self.help_label = QLabel(
            self.tr(
                "On the hotline desk's computer or phone, connected to the same network, open "
                "this address or scan the code. Questions sent there go to the moderator's "
                "list; nothing goes on air without approval. Anyone who has the link can send "
                "questions: if it was passed on by mistake, make a new link."
            ),
            self,
        )
        self.help_label.setWordWrap(True)

        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("lanIntakeUrl")
        self.url_edit.setReadOnly(True)
        self.qr_label = QLabel(self)
        self.qr_label.setObjectName("lanIntakeQr")
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label.setMinimumSize(240, 240)

        self.copy_button = QPushButton(self.tr("Copy address"), self)
        self.copy_button.setObjectName("lanIntakeCopy")
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.new_link_button = QPushButton(self.tr("New link"), self)
        self.new_link_button.setObjectName("lanIntakeNewLink")
        self.new_link_button.setToolTip(
            self.tr("Makes a new address; the old link and QR code stop working.")
        )
        self.new_link_button.clicked.connect(self._on_new_link_button_clicked)
        button_row = QHBoxLayout()
        button_row.addWidget(self.copy_button)
        button_row.addWidget(self.new_link_button)
        button_row.addStretch(1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("lanIntakeStatus")
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.help_label)
        layout.addWidget(self.url_edit)
        layout.addWidget(self.qr_label)
        layout.addLayout(button_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._show_state()

    async def set_enabled(self, enabled: bool) -> None:
        """Switch intake on or off through the server and show the outcome."""
        self.enabled_box.setEnabled(False)
        self.status_label.setText(
            self.tr("Switching on…") if enabled else self.tr("Switching off…")
        )
        try:
            await self._intake.set_lan(enabled)
        except OSError as error:
            self._show_state()
            self._show_problem(
                self.tr("Could not accept questions from the network: {reason}").format(
                    reason=error.strerror or str(error)
                )
            )
            return
        finally:
            self.enabled_box.setEnabled(True)
        self._show_state()
        self.intake_switched.emit(self._intake.lan_enabled)

    def done(self, result: int) -> None:
        self._tasks.cancel()
        super().done(result)

    def _show_state(self) -> None:
        enabled = self._intake.lan_enabled
        self.enabled_box.blockSignals(True)
        self.enabled_box.setChecked(enabled)
        self.enabled_box.blockSignals(False)
        self.url_edit.setEnabled(enabled)
        self.copy_button.setEnabled(enabled)
        self.qr_label.setEnabled(enabled)
        self.status_label.setStyleSheet("")
        if not enabled:
            self.url_edit.clear()
            self.url_edit.setPlaceholderText(self.tr("Switched off"))
            self.qr_label.clear()
            self.status_label.setText(
                self.tr("Switched off: the hotline desk cannot send questions.")
            )
            return
        url = self._intake.submit_url
        self.url_edit.setText(url)
        self.url_edit.setCursorPosition(0)  # show where the address starts
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(url, scale=6), "PNG")
        self.qr_label.setPixmap(pixmap)
        if self._intake.lan_reachable:
            self.status_label.setText(self.tr("Switched on: waiting for questions."))
        else:
            self._show_problem(
                self.tr(
                    "This computer has no network address, so only this computer can open "
                    "the form. Connect it to the office network, then switch intake off and "
                    "on again."
                )
            )

    def _show_problem(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b71c1c;")

    def _on_enabled_box_toggled(self, checked: bool) -> None:
        self._tasks.spawn(self.set_enabled(checked), name="lan-intake-switch")

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.url_edit.text())
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Address copied."))

    def _on_new_link_button_clicked(self) -> None:
        token = self._intake.rotate_token()
        self._show_state()
        if self._intake.lan_enabled:
            self.status_label.setStyleSheet("")
            self.status_label.setText(
                self.tr("New link made; the old link and QR code no longer work.")
            )
        self.token_rotated.emit(token)
