"""Exports at scale: a 1 000-question session and a 200-session archive, every format.

Two real SQLite stores are seeded through the repositories (``tests/export_seed.py``): one
show with 1 000 questions (333 aired and answered, follow-ups with histories, audit), and
200 shows of 50 questions each (10 000 questions). Each figure is one export, end to end as
the operator waits for it — the records read from the store, published when public, and
every file written, fsynced and renamed — measured in a fresh process so that its peak
memory is its own:

* time: wall clock from the first read to the last rename (ms);
* memory: the process's peak resident set minus its resident set before the export (MB),
  i.e. what the export itself needed on top of the app's code and the open store.

Clips cut a generated 60 s H.264 recording of a 12-question show (stream copy), since a
1 000-question recording would be hours of video; chapters use the seeded timecodes.
Targets (the operator waits at the desk): a session < 3 s, the archive < 60 s, < 300 MB.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from tests.bench.figures import BenchmarkError, Figure, Target

REPO_ROOT = Path(__file__).resolve().parents[2]
SESSION_QUESTIONS = 1000
ARCHIVE_SESSIONS = 200
ARCHIVE_QUESTIONS = 50
FORMATS = ("xlsx", "docx", "pdf", "csv", "json", "chapters")
SESSION_TARGET = Target(3000, requirement="issue 6: one session's export while the operator waits")
ARCHIVE_TARGET = Target(60_000, requirement="issue 6: the county's 200-session archive")
MEMORY_TARGET = Target(300, requirement="issue 6: exports run on a township office PC")

#: The child: export one format of some sessions, print time and memory as JSON.
CHILD = r"""
import json, resource, sys, time
from datetime import UTC, datetime, date
from pathlib import Path

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

data_dir, out, fmt, public, recording = sys.argv[1:6]
from studio_app.services.export.base import ExportContext
from studio_app.services.export.dossier import ExportScope, read_dossiers, list_sessions
from studio_app.services.export.labels import ExportLabels
from studio_app.services.export.service import ExportFormat, ExportRequest, write_exports
from studio_app.storage.store import Store
import studio_app.services.export.ledger, studio_app.services.export.records
import studio_app.services.export.report_docx, studio_app.services.export.report_pdf
import studio_app.services.export.chapters, studio_app.services.export.clips
store = Store.open(Path(data_dir), default_studio_name="bench")
ids = [s.id for s in sorted(list_sessions(store), key=lambda s: s.scheduled_start)]
before = rss_mb()
started = time.perf_counter()
dossiers = read_dossiers(store, ids)
read = time.perf_counter()
request = ExportRequest(
    scope=ExportScope.sessions(*ids), formats=(ExportFormat(fmt),), destination=Path(out),
    public=public == "1", recording=Path(recording) if recording else None,
)
context = ExportContext(
    labels=ExportLabels(), exported_at=datetime.now(UTC), exported_by="bench",
    app_version="bench", today=date(2026, 12, 31), public=public == "1",
)
result = write_exports(dossiers, request, context, lambda progress: None)
done = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
store.close()
print(json.dumps({
    "ms": (done - started) * 1000, "read_ms": (read - started) * 1000,
    "peak_mb": peak - before, "files": len(result.files),
    "bytes": sum(p.stat().st_size for p in result.files if p.is_file()),
}))
"""


def _seed(data_dir: Path, sessions: int, questions: int, minute: timedelta) -> None:
    from datetime import UTC, datetime

    from studio_app.storage.store import Store
    from tests.export_seed import seed_show

    store = Store.open(data_dir, default_studio_name="青山村演播室")
    try:
        departments = None
        for index in range(sessions):
            show = seed_show(
                store,
                questions=questions,
                title=f"第{index + 1}期 村民问答",
                start=datetime(2025, 1, 1, 1, 0, tzinfo=UTC) + timedelta(days=3 * index),
                minute=minute,
                departments=departments,
            )
            departments = show.departments
    finally:
        store.close()


def _recording(folder: Path) -> Path:
    path = folder / "recording.mkv"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25",
         "-f", "lavfi", "-i", "sine=frequency=440", "-t", "60", "-c:v", "libx264", "-g", "25",
         "-preset", "ultrafast", "-c:a", "aac", str(path)],
        check=True,
    )  # fmt: skip
    return path


def _child(data_dir: Path, out: Path, fmt: str, public: bool, recording: Path | None) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), str(out), fmt, "1" if public else "0",
         str(recording or "")],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=900,
    )  # fmt: skip
    if done.returncode != 0:
        raise BenchmarkError(f"export {fmt} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(quick: bool) -> list[Figure]:
    """Seed both stores, export every format of each; return time and memory figures."""
    repeats = 1 if quick else 3
    archive_sessions = 10 if quick else ARCHIVE_SESSIONS
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="vs-bench-export-") as tmp:
        root = Path(tmp)
        print("[bench] export: seeding ...", file=sys.stderr)
        started = time.perf_counter()
        session_dir, archive_dir, clip_dir = root / "session", root / "archive", root / "clips"
        _seed(session_dir, 1, SESSION_QUESTIONS, timedelta(minutes=1))
        _seed(archive_dir, archive_sessions, ARCHIVE_QUESTIONS, timedelta(minutes=1))
        _seed(clip_dir, 1, 12, timedelta(seconds=1))
        recording = _recording(root)
        print(f"[bench] export: seeded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        cases = (
            [("session", session_dir, f, False, None, SESSION_TARGET) for f in FORMATS]
            + [
                ("session", session_dir, "xlsx", True, None, SESSION_TARGET),
                ("session", session_dir, "pdf", True, None, SESSION_TARGET),
                ("clips_12", clip_dir, "clips", False, recording, SESSION_TARGET),
            ]
            + [("archive", archive_dir, f, False, None, ARCHIVE_TARGET) for f in FORMATS]
        )
        for scale, data_dir, fmt, public, rec, target in cases:
            label = f"{fmt}{'_public' if public else ''}"
            print(f"[bench] export: {scale} {label} ...", file=sys.stderr)
            runs = [_child(data_dir, root / "out", fmt, public, rec) for _ in range(repeats)]
            last = runs[-1]
            params: dict[str, float | int | str] = {
                "files": last["files"],
                "bytes": last["bytes"],
                "read_ms": round(last["read_ms"], 1),
            }
            size = "1 000 questions" if scale == "session" else (
                f"{archive_sessions} sessions × {ARCHIVE_QUESTIONS}" if scale == "archive"
                else "12 questions, 60 s video"
            )  # fmt: skip
            figures.append(
                Figure.of(
                    f"export.{scale}.{label}.time",
                    "ms",
                    [r["ms"] for r in runs],
                    "minmax",
                    target,
                    f"{size}: {last['files']} files, {last['bytes'] / 2**20:.1f} MB",
                    **params,
                )
            )
            figures.append(
                Figure.of(
                    f"export.{scale}.{label}.memory",
                    "MB",
                    [r["peak_mb"] for r in runs],
                    "minmax",
                    MEMORY_TARGET,
                    "peak RSS above the RSS before the export",
                )
            )
    return figures
