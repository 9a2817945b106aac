"""`studio-app obs check|prepare` against a real OBS, as an operator or installer runs it."""

from __future__ import annotations

import asyncio
import base64
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from studio_app.services.obs.gateway import WebSocketObsGateway
from studio_app.services.obs.model import ObsSettings
from studio_app.services.obs.prepare import STANDBY_BACKGROUND, STANDBY_SCENE, STANDBY_TEXT
from tests.integration.obs_process import ObsProcess, free_port

REPO = Path(__file__).resolve().parents[2]


def cli(
    data_dir: Path, *args: str, password: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    env.pop("VILLAGE_STUDIO_OBS_PASSWORD", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "studio_app",
            "--data-dir",
            str(data_dir),
            "--lang",
            "en",
            "obs",
            *args,
            "--password-stdin",
        ],
        input=(password or "") + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_check_prepare_is_idempotent_and_leaves_existing_scenes(
    obs: ObsProcess, tmp_path: Path
) -> None:
    port = ("--port", str(obs.port))
    before = cli(tmp_path, "check", *port, password=obs.password)
    assert before.returncode == 1, before.stderr
    assert "OBS 29." in before.stdout or "OBS 3" in before.stdout
    assert f"missing:  {STANDBY_SCENE}" in before.stdout

    first = cli(tmp_path, "prepare", *port, password=obs.password)
    assert first.returncode == 0, first.stderr
    assert f"created:  {STANDBY_SCENE}" in first.stdout
    assert f"created:  {STANDBY_TEXT}" in first.stdout

    second = cli(tmp_path, "prepare", *port, password=obs.password)
    assert second.returncode == 0, second.stderr
    assert "created" not in second.stdout
    assert f"existing: {STANDBY_BACKGROUND}" in second.stdout

    after = cli(tmp_path, "check", *port, password=obs.password)
    assert after.returncode == 0, after.stdout + after.stderr
    assert "Scene" in after.stdout  # the operator's own scene is still there

    # The slate really renders: the text makes the screenshot more than one flat colour.
    async def screenshot() -> QImage:
        gateway = WebSocketObsGateway(ObsSettings(port=obs.port, password=obs.password))
        await gateway.start()
        try:
            for _ in range(500):
                if gateway.status.connected:
                    break
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.3)  # a frame or two to draw the new sources
            shot = await gateway.call(
                "GetSourceScreenshot",
                {"sourceName": STANDBY_SCENE, "imageFormat": "png", "imageWidth": 640},
            )
        finally:
            await gateway.stop()
        data = base64.b64decode(shot["imageData"].split(",", 1)[1])
        return QImage.fromData(data, "PNG")

    image = asyncio.run(screenshot())
    assert not image.isNull()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 8) for y in range(0, image.height(), 8)
    }
    assert len(colours) > 2


def test_wrong_password_and_no_obs_say_what_to_do(obs: ObsProcess, tmp_path: Path) -> None:
    wrong = cli(tmp_path, "check", "--port", str(obs.port), password="not-it")
    assert wrong.returncode == 3
    assert "wrong password" in wrong.stderr
    assert "WebSocket Server Settings" in wrong.stderr
    nobody = cli(tmp_path, "check", "--port", str(free_port()), password="x")
    assert nobody.returncode == 3
    assert "not running" in nobody.stderr
    assert "Start OBS Studio" in nobody.stderr
