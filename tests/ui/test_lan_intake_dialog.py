"""The LAN intake dialog: switching the form on and off, its address, QR code and new links."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtGui import QGuiApplication

from studio_app.services.web import WebServer
from studio_app.ui.lan_intake_dialog import LanIntakeDialog
from tests.conftest import next_emission

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


class FakeIntake:
    """Implements the dialog's ``LanIntake`` protocol without a network."""

    def __init__(self, *, reachable: bool = True, error: OSError | None = None) -> None:
        self.lan_enabled = False
        self.reachable = reachable
        self.error = error
        self.token = "first"

    @property
    def lan_reachable(self) -> bool:
        return self.lan_enabled and self.reachable

    @property
    def submit_url(self) -> str:
        return f"http://192.168.1.20:8765/submit?token={self.token}"

    async def set_lan(self, enabled: bool) -> None:
        await asyncio.sleep(0)
        if self.error is not None:
            raise self.error
        self.lan_enabled = enabled

    def rotate_token(self) -> str:
        self.token = self.token + "-new"
        return self.token


class LoopbackIntake:
    """The real server, with its LAN side on loopback (tests must not depend on a network)."""

    def __init__(self, server: WebServer) -> None:
        self.server = server

    @property
    def lan_enabled(self) -> bool:
        return self.server.lan_enabled

    @property
    def lan_reachable(self) -> bool:
        return True

    @property
    def submit_url(self) -> str:
        return self.server.submit_url

    async def set_lan(self, enabled: bool) -> None:
        await self.server.set_lan(enabled, lan_host="127.0.0.1")

    def rotate_token(self) -> str:
        return self.server.rotate_token()


def test_switching_on_shows_the_address_and_code(qtbot: Any, qloop: Any) -> None:
    intake = FakeIntake()
    dialog = LanIntakeDialog(intake)
    qtbot.addWidget(dialog)
    assert not dialog.enabled_box.isChecked()
    assert dialog.url_edit.text() == ""
    assert not dialog.copy_button.isEnabled()
    assert dialog.qr_label.pixmap().isNull()

    async def scenario() -> None:
        dialog.enabled_box.setChecked(True)
        assert await next_emission(dialog.intake_switched) == (True,)

    qloop.run_until_complete(scenario())
    assert dialog.url_edit.text() == intake.submit_url
    assert dialog.copy_button.isEnabled()
    assert not dialog.qr_label.pixmap().isNull()
    assert dialog.qr_label.pixmap().width() >= 150
    assert "waiting" in dialog.status_label.text()

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == intake.submit_url

    with qtbot.waitSignal(dialog.token_rotated) as rotated:
        dialog.new_link_button.click()
    assert rotated.args == ["first-new"]
    assert dialog.url_edit.text().endswith("token=first-new")

    async def switch_off() -> None:
        dialog.enabled_box.setChecked(False)
        assert await next_emission(dialog.intake_switched) == (False,)

    qloop.run_until_complete(switch_off())
    assert dialog.url_edit.text() == ""
    assert dialog.qr_label.pixmap().isNull()


def test_a_failure_to_listen_is_shown_and_intake_stays_off(qtbot: Any, qloop: Any) -> None:
    intake = FakeIntake(error=OSError(98, "Address already in use"))
    dialog = LanIntakeDialog(intake)
    qtbot.addWidget(dialog)

    async def scenario() -> None:
        dialog.enabled_box.setChecked(True)
        for _ in range(100):
            if dialog.enabled_box.isEnabled() and not dialog.enabled_box.isChecked():
                return
            await asyncio.sleep(0.01)

    qloop.run_until_complete(scenario())
    assert not dialog.enabled_box.isChecked()
    assert "Address already in use" in dialog.status_label.text()


def test_no_network_address_is_explained(qtbot: Any, qloop: Any) -> None:
    intake = FakeIntake(reachable=False)
    dialog = LanIntakeDialog(intake)
    qtbot.addWidget(dialog)

    async def scenario() -> None:
        dialog.enabled_box.setChecked(True)
        await next_emission(dialog.intake_switched)

    qloop.run_until_complete(scenario())
    assert "no network address" in dialog.status_label.text()


def test_with_the_real_server_a_new_link_stops_the_old_one(qtbot: Any, qloop: Any) -> None:
    server = WebServer(RESOURCES, on_submit=lambda draft: asyncio.sleep(0))
    dialog = LanIntakeDialog(LoopbackIntake(server))
    qtbot.addWidget(dialog)

    async def status(url: str) -> int:
        path = url.split(str(server.port), 1)[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        answer = await reader.read()
        writer.close()
        return int(answer.split(b" ", 2)[1])

    async def scenario() -> None:
        dialog.enabled_box.setChecked(True)
        await next_emission(dialog.intake_switched)
        old = dialog.url_edit.text()
        assert await status(old) == 200
        dialog.new_link_button.click()
        new = dialog.url_edit.text()
        assert new != old
        assert await status(old) == 403
        assert await status(new) == 200
        await server.stop()

    qloop.run_until_complete(asyncio.wait_for(scenario(), 20))
