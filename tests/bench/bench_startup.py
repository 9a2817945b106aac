"""Cold start to window shown, offscreen: one new app process per measurement.

Each measurement launches ``python -m studio_app --data-dir DIR --exit-after-start`` with
``QT_QPA_PLATFORM=offscreen`` and times it from spawn to exit. The app itself prints
``STARTUP window_shown_ms=... ready_ms=...``: milliseconds from the moment its entry point
module was imported (before Qt, SQLAlchemy and the app's own modules) to the window being
shown and to the session list being loaded.

Two data folders: (a) a new, empty one per launch (the app creates the database and runs
every migration), (b) one existing folder holding 200 sessions with guests and agendas,
made once beforehand through the repositories. The scenarios alternate launch by launch
so that drift on the machine hits both alike; the first launch of each is a warm-up and is
discarded. "Cold" means a new process: the OS file cache stays warm (nothing here drops it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bench.figures import BenchmarkError, Figure, Target

RUNS = 7
QUICK_RUNS = 3
WARMUP_RUNS = 1
SESSIONS = 200
LAUNCH_TIMEOUT_S = 120.0
WINDOW_TARGET_MS = 2000.0
REQUIREMENT = "starts in under 2 s with no OBS running (judged on the median)"

_STARTUP_LINE = re.compile(
    r"^STARTUP window_shown_ms=(?P<shown>\d+(?:\.\d+)?) ready_ms=(?P<ready>\d+(?:\.\d+)?)\s*$",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Launch:
    """One app start: wall time measured here, the two times the app reported."""

    wall_ms: float
    window_shown_ms: float
    ready_ms: float


def launch(data_dir: Path) -> Launch:
    """Start the app on ``data_dir`` until it exits by itself; return its timings.

    Raises:
        BenchmarkError: The app failed, hung, or printed no ``STARTUP`` line.
    """
    command = [
        sys.executable,
        "-m",
        "studio_app",
        "--data-dir",
        str(data_dir),
        "--exit-after-start",
    ]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    try:
        result = subprocess.run(
            command,
            env=env,
            capture_output=True,
            text=True,
            timeout=LAUNCH_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"app did not exit within {LAUNCH_TIMEOUT_S:.0f} s") from exc
    wall_ms = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        raise BenchmarkError(
            f"app exited with {result.returncode}\nstdout:\n{result.stdout}\n"
            f"stderr:\n{result.stderr}"
        )
    match = _STARTUP_LINE.search(result.stdout)
    if match is None:
        raise BenchmarkError(f"no STARTUP line in the app's output:\n{result.stdout}")
    return Launch(wall_ms, float(match["shown"]), float(match["ready"]))


def make_populated_dir(data_dir: Path, sessions: int = SESSIONS) -> None:
    """Create a store in ``data_dir`` holding ``sessions`` sessions with guests and agendas."""
    from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest
    from studio_app.storage.store import Store

    store = Store.open(data_dir)
    try:
        for number in range(sessions):
            guests = (
                Guest.create(f"王主任{number}", "镇长", "镇政府"),
                Guest.create(f"李书记{number}", "村支书", "村委会"),
                Guest.create(f"张站长{number}", "站长", "农业服务中心"),
            )
            agenda = (
                AgendaItem.create("开场", 3, "Opening"),
                AgendaItem.create("政策解读", 15, "Interview", speaker_id=guests[0].id),
                AgendaItem.create("热线答疑", 30, "Hotline", speaker_id=guests[1].id),
                AgendaItem.create("农技问答", 10, "Interview", speaker_id=guests[2].id),
                AgendaItem.create("结束", 2, "Closing", notes="预告下期节目"),
            )
            session = BroadcastSession.create(store.studio_id, f"第{number + 1}期 村民议事直播")
            with store.write() as uow:
                uow.sessions.save(session.edited(guests=guests, agenda=agenda))
    finally:
        store.close()


def run(quick: bool) -> list[Figure]:
    """Launch the app ``RUNS`` times (``QUICK_RUNS`` if quick) per scenario."""
    runs = QUICK_RUNS if quick else RUNS
    empty: list[Launch] = []
    populated: list[Launch] = []
    with tempfile.TemporaryDirectory(prefix="studio-bench-startup-") as tmp:
        root = Path(tmp)
        populated_dir = root / "populated"
        make_populated_dir(populated_dir)
        for index in range(WARMUP_RUNS + runs):
            fresh = root / f"empty-{index}"
            fresh.mkdir()
            first = launch(fresh)
            second = launch(populated_dir)
            if index >= WARMUP_RUNS:
                empty.append(first)
                populated.append(second)
    return [
        *_figures("startup.empty_dir", empty, "new data folder: creates the database, migrates"),
        *_figures(
            f"startup.{SESSIONS}_sessions",
            populated,
            f"existing data folder with {SESSIONS} sessions (3 guests, 5 agenda items each)",
        ),
    ]


def _figures(prefix: str, launches: list[Launch], what: str) -> list[Figure]:
    target = Target(WINDOW_TARGET_MS, requirement=REQUIREMENT)
    return [
        Figure.of(
            f"{prefix}.window_shown",
            "ms",
            (x.window_shown_ms for x in launches),
            spread="max",
            target=target,
            note=f"{what}; app-reported, from its entry point's import to window.show()",
        ),
        Figure.of(
            f"{prefix}.ready",
            "ms",
            (x.ready_ms for x in launches),
            spread="max",
            note="app-reported, entry point to store open and session list loaded",
        ),
        Figure.of(
            f"{prefix}.process_wall",
            "ms",
            (x.wall_ms for x in launches),
            spread="max",
            target=target,
            note=(
                "spawn to exit, timed by the benchmark: adds interpreter start-up before the "
                "entry point and shutdown after ready"
            ),
        ),
    ]
