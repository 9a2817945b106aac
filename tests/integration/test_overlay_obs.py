"""The question overlay on a real OBS: on screen after "take to air", gone when hidden, back after
OBS is killed and restarted — proved with OBS's own screenshots of the program."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from studio_app.domain.overlay import OverlayElement
from studio_app.domain.questions import Channel, QuestionDraft, QuestionState
from studio_app.services.credentials import obs_password_key
from studio_app.services.obs.gateway import WebSocketObsGateway
from studio_app.services.obs.prepare import OVERLAY_INPUTS
from studio_app.settings import AppSettings, save_settings
from tests.fakes.credentials import MemoryCredentialStore
from tests.integration.obs_process import ObsProcess
from tests.ui.helpers import RunningApp

SHOT_W, SHOT_H = 640, 360


async def until(condition, timeout: float = 10.0, what: str = "") -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not condition():
        assert loop.time() - started < timeout, f"not reached in {timeout} s: {what}"
        await asyncio.sleep(0.02)


async def program_shot(gateway: WebSocketObsGateway, scene: str) -> QImage:
    reply = await gateway.call(
        "GetSourceScreenshot",
        {"sourceName": scene, "imageFormat": "png", "imageWidth": SHOT_W, "imageHeight": SHOT_H},
    )
    data = base64.b64decode(str(reply["imageData"]).split(",", 1)[1])
    image = QImage.fromData(data)
    assert not image.isNull()
    return image.convertToFormat(QImage.Format.Format_RGB32)


def changed_fraction(a: QImage, b: QImage, box: tuple[int, int, int, int]) -> float:
    """Share of pixels inside ``box`` (x, y, w, h in screenshot pixels) that differ clearly."""
    x0, y0, w, h = box
    changed = total = 0
    for y in range(y0, y0 + h, 2):
        for x in range(x0, x0 + w, 2):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            delta = sum(abs(((pa >> s) & 255) - ((pb >> s) & 255)) for s in (0, 8, 16))
            changed += delta > 48
            total += 1
    return changed / total


def test_question_on_screen_hidden_and_back_after_obs_restart(
    qapp: QApplication, qloop, obs: ObsProcess, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    save_settings(data_dir, AppSettings(obs_host="127.0.0.1", obs_port=obs.port, overlay_port=0))
    credentials = MemoryCredentialStore()
    credentials.secrets[obs_password_key("127.0.0.1", obs.port)] = obs.password

    async def scenario() -> None:
        running = RunningApp(
            qapp,
            data_dir,
            gateway_factory=lambda s: WebSocketObsGateway(s),  # type: ignore[arg-type]
            credentials=credentials,
        )
        window = await running.start()
        live, questions, overlay = running.app.live, running.app.questions, running.app.overlay
        assert live is not None and questions is not None and overlay is not None
        gateway = live.gateway
        studio = live.studio
        await until(lambda: studio.snapshot.connection.connected, what="connected")
        await studio.wait_refreshed(5)
        assert await live.prepare()  # puts the overlay on top of the operator's scene
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                widget.done(0)
        await overlay.tasks.wait_idle()
        program = studio.snapshot.program_scene
        assert program == "Scene"

        await window.new_session()
        await asyncio.sleep(0.2)
        assert await questions.file_drafts(
            [
                QuestionDraft(
                    text="村口路灯坏了三个月了，晚上孩子放学很危险，什么时候能修好？",
                    asker="张三",
                    channel=Channel.HOTLINE,
                    category="路灯",
                )
            ],
            source="test",
        )
        question = window.questions.model.questions()[0]
        before = await program_shot(gateway, program)

        box = overlay.render_preview(OverlayElement.QUESTION, overlay.state)
        # The question panel's box, in screenshot pixels.
        sx, sy = SHOT_W / overlay.canvas[0], SHOT_H / overlay.canvas[1]
        area = (int(box.x * sx), int(box.y * sy), int(box.width * sx), int(box.height * sy))

        assert await questions._apply(questions.service.take_to_air(question.id))
        assert window.questions.model.questions()[0].state is QuestionState.ON_AIR
        await asyncio.sleep(0.3)  # a few frames
        on_air = await program_shot(gateway, program)
        assert changed_fraction(before, on_air, area) > 0.2, "the panel is on the program"
        # What aired is byte for byte what the app previews for this state.
        source = OVERLAY_INPUTS[OverlayElement.QUESTION.value]
        settings = await gateway.call("GetInputSettings", {"inputName": source})
        aired = Path(settings["inputSettings"]["file"])
        assert (
            aired.read_bytes() == overlay.render_preview(OverlayElement.QUESTION, overlay.state).png
        )

        # Hidden: the program is as before.
        assert await questions.toggle(OverlayElement.QUESTION)
        await asyncio.sleep(0.3)
        hidden = await program_shot(gateway, program)
        assert changed_fraction(before, hidden, area) < 0.02, "the panel is gone"
        assert await questions.toggle(OverlayElement.QUESTION)
        await asyncio.sleep(0.3)
        assert changed_fraction(before, await program_shot(gateway, program), area) > 0.2

        # OBS is killed mid-show and started again: the question comes back by itself.
        obs.kill()
        await until(lambda: not studio.snapshot.connection.connected, 5, "loss noticed")
        obs.start()
        await until(lambda: studio.snapshot.connection.connected, 20, "reconnected")
        await studio.wait_refreshed(5)
        await overlay.tasks.wait_idle()
        program = studio.snapshot.program_scene
        await asyncio.sleep(0.5)
        back = await program_shot(gateway, program)
        assert changed_fraction(before, back, area) > 0.2, "the question is back on air"
        assert await running.stop() == 0

    qloop.run_until_complete(scenario())
