"""A headless Chromium for tests, driven over the DevTools protocol (websocket-client)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket

#: Where CI's Chromium is (Debian's package); ``STUDIO_CHROMIUM`` points elsewhere.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def chromium_binary() -> str | None:
    """The Chromium to use, or ``None`` when none is installed."""
    override = os.environ.get("STUDIO_CHROMIUM")
    if override:
        return shutil.which(override)
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


class DevToolsError(RuntimeError):
    """A DevTools command failed, or a script threw in the page."""


class Chromium:
    """One headless Chromium with one page; :meth:`evaluate` runs JavaScript in it."""

    def __init__(self, profile: Path, width: int = 1920, height: int = 1080) -> None:
        self.profile = profile
        self.width, self.height = width, height
        self.log = profile.parent / "chromium.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._socket: websocket.WebSocket | None = None
        self._next_id = 0

    def start(self, timeout: float = 30) -> None:
        """Launch Chromium and attach to its blank page (stopped again if that fails)."""
        try:
            self._start(timeout)
        except BaseException:
            self.stop()
            raise

    def _start(self, timeout: float) -> None:
        binary = chromium_binary()
        assert binary is not None, "no Chromium installed"
        self.profile.mkdir(parents=True, exist_ok=True)
        port_file = self.profile / "DevToolsActivePort"
        port_file.unlink(missing_ok=True)  # a stale one from an earlier run names a dead port
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [
                    binary,
                    "--headless=new",
                    # Root in containers and CI has no user namespaces for the sandbox; the
                    # browser only opens the test's own local page.
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--disable-extensions",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-proxy-server",
                    "--hide-scrollbars",
                    "--mute-audio",
                    "--force-color-profile=srgb",
                    f"--window-size={self.width},{self.height}",
                    f"--user-data-dir={self.profile}",
                    "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0",
                    "about:blank",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while not port_file.exists() or not port_file.read_text().strip():
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"Chromium exited with {self.process.returncode}; see {self.log}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(f"Chromium did not start in {timeout} s; see {self.log}")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while True:
            with no_proxy.open(f"http://127.0.0.1:{port}/json/list", timeout=5) as answer:
                pages = [t for t in json.load(answer) if t.get("type") == "page"]
            if pages or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        if not pages:
            raise RuntimeError(f"Chromium has no page to attach to; see {self.log}")
        self._socket = websocket.create_connection(
            pages[0]["webSocketDebuggerUrl"], timeout=timeout, suppress_origin=True
        )
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=self.width,
            height=self.height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def stop(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            self.process = None

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one DevTools command and return its result (events in between are dropped)."""
        assert self._socket is not None
        self._next_id += 1
        self._socket.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv())
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise DevToolsError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise DevToolsError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 10) -> Any:
        """Poll until ``expression`` is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout} s: {expression}")
            time.sleep(0.05)

    def open(self, url: str) -> None:
        """Load ``url`` and wait until the document has loaded."""
        self.call("Page.enable")
        self.call("Page.navigate", url=url)
        self.wait_for(f"location.href === {json.dumps(url)} && document.readyState === 'complete'")

    def screenshot(self, path: Path, *, transparent: bool = True) -> bytes:
        """A PNG of the viewport; ``transparent`` keeps a transparent page transparent."""
        if transparent:
            color = {"r": 0, "g": 0, "b": 0, "a": 0}
            self.call("Emulation.setDefaultBackgroundColorOverride", color=color)
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        if transparent:
            self.call("Emulation.setDefaultBackgroundColorOverride")
        path.write_bytes(data)
        return data
