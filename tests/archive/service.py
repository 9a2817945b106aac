"""The archive service as a real process on a loopback port (as `studio-archive serve` runs)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class ArchiveServer:
    """One ``studio-archive serve`` process."""

    database_url: str
    port: int
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    logs: list[str] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(cls, database_url: str, port: int | None = None) -> ArchiveServer:
        server = cls(database_url, port or _free_port())
        server.launch()
        return server

    def launch(self) -> None:
        import tempfile

        handle, name = tempfile.mkstemp(prefix="archive-", suffix=".log")
        os.close(handle)
        self.log_path = Path(name)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "studio_app.archive", "--database", self.database_url,
             "serve", "--port", str(self.port), "--pool-size", "4"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(self.log_path, "wb"),  # noqa: SIM115 - the child owns it
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"archive service exited:\n{self.log_text()[-3000:]}")
            try:
                if httpx.get(f"{self.base_url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"archive service did not start:\n{self.log_text()[-3000:]}")

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path else ""

    def stop(self, *, kill: bool = False) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def restart(self, *, kill: bool = False) -> None:
        self.stop(kill=kill)
        self.launch()
