"""One video clip per question on air, cut out of the session's recording with FFmpeg.

By default the clips are cut without re-encoding (``-c copy``): fast (a fraction of a second
per clip) and lossless, but a clip can only start on a keyframe, so it begins up to one
keyframe interval (OBS: 1–2 s) before the question. Re-encoding (libx264/AAC) cuts to the
frame and takes about as long as playing the clip at a few times its speed.

Each clip is written by FFmpeg to a temporary file that is renamed when FFmpeg succeeded;
a failure or a cancel removes it. Clips finished before a cancel or a failure stay in the
folder: each is complete, and the next export of the session overwrites them.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import re
import shutil
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO

from studio_app.domain.broadcast import OutputRun
from studio_app.domain.export import Clip, SessionDossier, clips, excerpt
from studio_app.services.export.base import CancelToken, ExportContext
from studio_app.services.export.files import (
    ExportWriteError,
    atomic_path,
    ensure_folder,
    safe_file_name,
)

log = logging.getLogger(__name__)

#: Characters of a question's on-air text in its clip's file name.
CLIP_TEXT_LENGTH = 20
#: Lines of FFmpeg's error output kept for the log.
STDERR_LINES = 15
#: How often a running FFmpeg is checked for a cancel (seconds).
POLL_SECONDS = 0.1
#: How long FFmpeg gets to stop after being asked before it is killed (seconds).
TERMINATE_SECONDS = 2.0
#: How long reading a recording's length may take (a file on a slow network share).
PROBE_SECONDS = 30.0
#: Suffixes of formats that can move their index to the front for playing while downloading.
_MP4_LIKE = frozenset({".mp4", ".m4v", ".mov"})


class ClipError(Exception):
    """Clips could not be cut; ``reason`` names why, ``path`` the file concerned.

    ``detail`` is for the log (FFmpeg's last lines of error output), not for the operator.
    """

    #: FFmpeg was not found (neither the path given nor on the ``PATH``).
    NO_FFMPEG = "no_ffmpeg"
    #: The recording file is missing (``path``; ``None`` when OBS reported no file).
    NO_RECORDING = "no_recording"
    #: No question was on air while the recording ran.
    NOTHING_TO_CUT = "nothing_to_cut"
    #: A recording was named for a session with several recording runs.
    SEVERAL_RECORDINGS = "several_recordings"
    #: FFmpeg cannot read the recording (not a video, or damaged beyond reading).
    UNREADABLE_RECORDING = "unreadable_recording"
    #: The recording ends before a question went on air: not this session's recording.
    RECORDING_TOO_SHORT = "recording_too_short"
    #: FFmpeg failed while cutting a clip.
    FFMPEG_FAILED = "ffmpeg_failed"

    def __init__(self, reason: str, path: Path | None = None, detail: str = "") -> None:
        super().__init__(f"{reason}: {path}" if path is not None else reason)
        self.reason = reason
        self.path = path
        self.detail = detail


def find_ffmpeg(explicit: str | None = None) -> str:
    """The FFmpeg program to run: ``explicit`` (a path or a name) or the one on the ``PATH``.

    A frozen (installed) app also looks next to its own executable, where an installer
    may put it.

    Raises:
        ClipError: ``no_ffmpeg``.
    """
    if explicit:
        found = shutil.which(explicit)
        if found is None:
            raise ClipError(ClipError.NO_FFMPEG, Path(explicit))
        return found
    found = shutil.which("ffmpeg")
    if found is None and getattr(sys, "frozen", False):
        found = shutil.which("ffmpeg", path=str(Path(sys.executable).parent))
    if found is None:
        raise ClipError(ClipError.NO_FFMPEG)
    return found


def clip_file_names(
    plan: Sequence[Clip], context: ExportContext, suffixes: Sequence[str]
) -> list[str]:
    """Each clip's file name: ``labels.clip_name(n)``, the start of its text, the suffix.

    A question on air twice gets two clips; the second name is numbered ("… (2).mkv").
    """
    used: set[str] = set()
    names = []
    for clip, suffix in zip(plan, suffixes, strict=True):
        stem = safe_file_name(
            f"{context.labels.clip_name(clip.number)} "
            f"{excerpt(clip.question.display_text, CLIP_TEXT_LENGTH)}",
            limit=80,
        )
        name, count = f"{stem}{suffix}", 1
        while name.casefold() in used:  # Windows and macOS ignore case
            count += 1
            name = f"{stem} ({count}){suffix}"
        used.add(name.casefold())
        names.append(name)
    return names


def clip_command(
    ffmpeg: str,
    source: Path,
    target: Path,
    start_ms: int,
    end_ms: int,
    *,
    stream_copy: bool = True,
    title: str = "",
) -> list[str]:
    """The FFmpeg command line that cuts ``[start_ms, end_ms]`` of ``source`` into ``target``.

    ``-ss`` before ``-i`` seeks in the input (fast; with re-encoding still exact). Progress
    goes to standard output (``-progress pipe:1``).
    """
    args = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "warning", "-y"]
    # Absolute paths: a relative name starting with "-" would read as an option.
    args += ["-ss", _seconds(start_ms), "-i", str(source.absolute())]
    args += ["-t", _seconds(max(end_ms - start_ms, 1))]
    if stream_copy:
        args += ["-map", "0", "-c", "copy"]
    else:
        args += ["-map", "0:v?", "-map", "0:a?", "-c:v", "libx264", "-preset", "veryfast"]
        args += ["-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "160k"]
    # The whole show's chapters (OBS writes some into MP4) mean nothing in a clip.
    args += ["-avoid_negative_ts", "make_zero", "-map_chapters", "-1"]
    if title:
        args += ["-metadata", f"title={title}"]
    if target.suffix.lower() in _MP4_LIKE:
        args += ["-movflags", "+faststart"]
    args += ["-progress", "pipe:1", "-nostats", str(target.absolute())]
    return args


def cut_clips(
    dossier: SessionDossier,
    folder: Path,
    context: ExportContext,
    *,
    recording: Path | None = None,
    stream_copy: bool = True,
    ffmpeg: str | None = None,
) -> list[Path]:
    """Cut one clip per question on air out of the session's recording into ``folder``.

    Everything is checked before the first clip is cut: that there is something to cut,
    FFmpeg, the recordings (each run's file as OBS reported it, or ``recording`` for a
    session with one recording run) and that each is long enough.

    Args:
        dossier: The session.
        folder: Where the clips go (created if missing).
        context: Labels, cancel and progress.
        recording: The recording to cut from instead of the file OBS reported.
        stream_copy: Cut without re-encoding (fast, starts on a keyframe); ``False``:
            re-encode with libx264/AAC (exact).
        ffmpeg: The FFmpeg program (path or name); default: the one on the ``PATH``.

    Returns:
        The clips written, in air order.

    Raises:
        ClipError: See its reasons.
        ExportWriteError: The folder cannot be created or written (nothing is left of the
            clip under way).
        ExportCancelledError: The operator cancelled; the clip under way was removed, the
            clips already finished stay.
    """
    context.cancel.check()
    plan = clips(dossier)
    if not plan:
        raise ClipError(ClipError.NOTHING_TO_CUT)
    program = find_ffmpeg(ffmpeg)
    runs = list({clip.run.id: clip.run for clip in plan}.values())
    if recording is not None and len(runs) > 1:
        raise ClipError(ClipError.SEVERAL_RECORDINGS, recording)
    sources = {run.id: _source(run, recording) for run in runs}
    for run in runs:
        context.cancel.check()
        latest = max(clip.start_ms for clip in plan if clip.run.id == run.id)
        length = probe_duration_ms(program, sources[run.id])
        if length is not None and latest >= length:
            raise ClipError(
                ClipError.RECORDING_TOO_SHORT,
                sources[run.id],
                f"recording {length} ms, a question starts at {latest} ms",
            )
    folder = ensure_folder(folder)
    suffixes = [sources[clip.run.id].suffix.lower() or ".mkv" for clip in plan]
    names = clip_file_names(plan, context, suffixes)
    labels = context.labels
    written: list[Path] = []
    total = len(plan)
    for index, (clip, name) in enumerate(zip(plan, names, strict=True)):
        context.cancel.check()
        text = labels.clip_name(clip.number)
        target = folder / name
        title = labels.question_chapter(clip.number, excerpt(clip.question.display_text, 80))

        def report(fraction: float, index: int = index, text: str = text) -> None:
            # Short of the whole clip until it is renamed into place.
            context.progress((index + min(fraction, 0.99)) / total, text)

        with atomic_path(target) as temporary:
            command = clip_command(
                program,
                sources[clip.run.id],
                temporary,
                clip.start_ms,
                clip.end_ms,
                stream_copy=stream_copy,
                title=title,
            )
            try:
                run_ffmpeg(command, clip.end_ms - clip.start_ms, report, context.cancel)
            except ClipError as error:
                if "No space left on device" in error.detail:
                    raise ExportWriteError(
                        target, ExportWriteError.NO_SPACE, error.detail
                    ) from error
                raise
        written.append(target)
        context.progress((index + 1) / total, text)
    return written


def _source(run: OutputRun, recording: Path | None) -> Path:
    if recording is not None:
        source = recording
    elif run.path:
        source = Path(run.path)
    else:
        raise ClipError(ClipError.NO_RECORDING)
    if not source.is_file():
        raise ClipError(ClipError.NO_RECORDING, source)
    return source


def _seconds(ms: int) -> str:
    return f"{max(ms, 0) / 1000:.3f}"


def _creation_flags() -> int:
    # No console window flashing up for each clip on Windows.
    if sys.platform == "win32":
        return subprocess.CREATE_NO_WINDOW
    return 0


_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")


def probe_duration_ms(ffmpeg: str, source: Path) -> int | None:
    """The length of ``source`` as FFmpeg reads it, or ``None`` when the file does not say.

    A recording OBS could not close (a crash) may not know its length; cutting works anyway.

    Raises:
        ClipError: ``no_ffmpeg`` (it cannot be started), ``unreadable_recording``.
    """
    try:
        done = subprocess.run(
            [ffmpeg, "-hide_banner", "-nostdin", "-i", str(source.absolute())],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=PROBE_SECONDS,
            creationflags=_creation_flags(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    except OSError as error:
        raise ClipError(ClipError.NO_FFMPEG, Path(ffmpeg), str(error)) from error
    output = done.stderr.decode("utf-8", "replace")
    # Without an output file FFmpeg always fails; it read the file if it described it.
    if "Input #0" not in output:
        raise ClipError(ClipError.UNREADABLE_RECORDING, source, _tail(output.splitlines()))
    found = _DURATION.search(output)
    if found is None:
        return None
    hours, minutes, seconds = found.groups()
    return round((int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 1000)


def run_ffmpeg(
    command: Sequence[str],
    duration_ms: int,
    report: Callable[[float], None],
    cancel: CancelToken,
) -> None:
    """Run FFmpeg with ``-progress pipe:1`` to the end, telling ``report`` the fraction done.

    ``cancel`` is checked every :data:`POLL_SECONDS` (and ``report`` may raise too); either
    stops FFmpeg (asked, then killed) before the exception goes on.

    Raises:
        ClipError: ``no_ffmpeg`` (it cannot be started), ``ffmpeg_failed``.
        ExportCancelledError: ``cancel`` was set.
    """
    try:
        process = subprocess.Popen(
            list(command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            creationflags=_creation_flags(),
        )
    except OSError as error:
        raise ClipError(ClipError.NO_FFMPEG, Path(command[0]), str(error)) from error
    assert process.stdout is not None and process.stderr is not None
    updates: queue.Queue[int | None] = queue.Queue()
    errors: deque[str] = deque(maxlen=STDERR_LINES)
    readers = [
        threading.Thread(target=_read_progress, args=(process.stdout, updates), daemon=True),
        threading.Thread(target=_read_lines, args=(process.stderr, errors), daemon=True),
    ]
    for reader in readers:
        reader.start()
    try:
        while True:
            try:
                microseconds = updates.get(timeout=POLL_SECONDS)
            except queue.Empty:
                cancel.check()
                continue
            cancel.check()
            if microseconds is None:  # FFmpeg closed its output: it is ending
                break
            report(microseconds / 1000 / max(duration_ms, 1))
        while True:
            try:
                process.wait(timeout=POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                cancel.check()
    finally:
        if process.poll() is None:
            _stop(process)
        for reader in readers:
            reader.join(timeout=TERMINATE_SECONDS)
        process.stdout.close()
        process.stderr.close()
    if process.returncode != 0:
        detail = _tail(errors)
        log.warning("ffmpeg failed (%s): %s\n%s", process.returncode, command, detail)
        raise ClipError(ClipError.FFMPEG_FAILED, Path(command[-1]), detail)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ask FFmpeg to stop, then kill it; wait until it is gone (its files are closed)."""
    process.terminate()
    try:
        process.wait(timeout=TERMINATE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _read_progress(stream: IO[bytes], updates: queue.Queue[int | None]) -> None:
    """Put each ``out_time_us`` (microseconds written) FFmpeg reports; ``None`` at the end."""
    last = -1
    with contextlib.suppress(OSError, ValueError):
        for raw in stream:
            key, _, value = raw.decode("utf-8", "replace").strip().partition("=")
            # out_time_ms is in microseconds too (an old FFmpeg mistake kept for scripts);
            # FFmpeg 4.1 and later write both, the same.
            if key in ("out_time_us", "out_time_ms") and value.lstrip("-").isdigit():
                microseconds = max(int(value), 0)
                if microseconds != last:
                    updates.put(microseconds)
                    last = microseconds
    updates.put(None)


def _read_lines(stream: IO[bytes], lines: deque[str]) -> None:
    with contextlib.suppress(OSError, ValueError):
        for raw in stream:
            lines.append(raw.decode("utf-8", "replace").rstrip())


def _tail(lines: Iterable[str]) -> str:
    return "\n".join(list(lines)[-STDERR_LINES:])
