"""A real OBS Studio for tests: headless under Xvfb, own HOME, websocket on a free port."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

OBS_BINARY = "obs"
XVFB_BINARY = "Xvfb"


def missing_tools() -> list[str]:
    """The programs the real-OBS tests need that are not installed."""
    return [tool for tool in (OBS_BINARY, XVFB_BINARY) if shutil.which(tool) is None]


def require_obs_tools(who_needs: str) -> None:
    """Skip the calling test when OBS or Xvfb is missing; fail it instead under CI.

    ``who_needs`` starts the message, e.g. ``"real-OBS tests need"``.

    CI installs both (``bash tests/run.sh``) and must run these tests, never skip them.
    """
    require_tools(who_needs, missing_tools())


def require_tools(who_needs: str, missing: Sequence[str]) -> None:
    """Skip the calling test when programs it needs are ``missing``; fail it instead under CI.

    ``who_needs`` starts the message, e.g. ``"browser tests need"``. CI installs every test
    program (``bash tests/run.sh``) and must run these tests, never skip them.
    """
    if not missing:
        return
    import pytest

    message = f"{who_needs} {', '.join(missing)} (bash tests/run.sh installs them)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class VirtualDisplay:
    """An Xvfb server on a display number of its own."""

    def __init__(self) -> None:
        self.number = 0
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        for number in range(91, 160):
            if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
                continue
            process = subprocess.Popen(
                [XVFB_BINARY, f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if Path(f"/tmp/.X11-unix/X{number}").exists():
                    self.number, self._process = number, process
                    return f":{number}"
                if process.poll() is not None:
                    break
                time.sleep(0.05)
            process.kill()
        raise RuntimeError("could not start Xvfb")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None


class ObsProcess:
    """One OBS Studio process; can be stopped cleanly, killed and started again."""

    def __init__(self, base: Path, display: str, password: str = "studio-test-pass") -> None:
        self.home = base / "obs-home"
        self.display = display
        self.port = free_port()
        self.password = password
        self.log = base / "obs-output.log"
        self.process: subprocess.Popen[bytes] | None = None

    def _write_config(self) -> None:
        config = self.home / ".config" / "obs-studio"
        config.mkdir(parents=True, exist_ok=True)
        global_ini = config / "global.ini"
        if not global_ini.exists():
            # OBS 29 (obs-websocket 5.1) reads the server settings from global.ini; the
            # command-line flags below override port and password without writing them.
            global_ini.write_text(
                "[General]\nFirstRun=true\n\n"
                "[OBSWebSocket]\nFirstLoad=false\nServerEnabled=true\n"
                f"ServerPort={self.port}\nAuthRequired=true\nServerPassword={self.password}\n",
                encoding="utf-8",
            )

    def start(self, timeout: float = 30) -> None:
        """Launch OBS and wait until its websocket port accepts connections."""
        self._write_config()
        env = dict(
            os.environ,
            HOME=str(self.home),
            DISPLAY=self.display,
            LIBGL_ALWAYS_SOFTWARE="1",
            QT_QPA_PLATFORM="xcb",
        )
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [
                    OBS_BINARY,
                    "--multi",
                    "--minimize-to-tray",
                    "--disable-updater",
                    "--disable-shutdown-check",
                    "--websocket_port",
                    str(self.port),
                    "--websocket_password",
                    self.password,
                ],
                cwd=self.home,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if port_open(self.port):
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"OBS exited with {self.process.returncode}; see {self.log}")
            time.sleep(0.05)
        raise RuntimeError(f"OBS did not open port {self.port} in {timeout} s; see {self.log}")

    def stop(self) -> None:
        """Quit OBS cleanly (SIGINT saves its state; SIGTERM would not, OBS_FACTS.md)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def kill(self) -> None:
        """Crash OBS (SIGKILL) and wait until the port is closed."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.process = None
        deadline = time.monotonic() + 10
        while port_open(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)
