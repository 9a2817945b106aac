"""Cutting one clip per question on air out of a real recording with FFmpeg."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from studio_app.domain.export import SessionDossier, clips
from studio_app.domain.ids import uuid7
from studio_app.services.export.base import ExportCancelledError, ExportContext
from studio_app.services.export.clips import ClipError, clip_command, cut_clips
from studio_app.services.export.dossier import read_dossiers
from studio_app.services.export.files import ExportWriteError
from studio_app.services.export.labels import ExportLabels
from studio_app.storage.store import Store
from tests.export_seed import SeededShow, seed_show

pytestmark = pytest.mark.skipif(
    shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None, reason="no FFmpeg"
)

LABELS = ExportLabels(
    question_chapter=lambda n, text: f"问题 {n}：{text}",
    clip_name=lambda n: f"问题 {n:03d}",
)
#: The four aired questions' on-air texts, as the clip names start.
NAMES = [
    "问题 001 村口的路灯坏了一个多月了，什么时候能修…",
    "问题 002 我家在幸福村3组12号，门前的排水沟堵…",
    "问题 003 今年的水稻补贴什么时候发放？标准是多少？",
    "问题 004 村里的老年食堂能不能增加送餐服务？",
]
#: Each question was on air 6.4 s (8 s slots, 80 %), the first from 5.883 s.
CLIP_MS = 6400
FIRST_START_MS = 5883


def context(**kwargs: object) -> ExportContext:
    return ExportContext(
        labels=LABELS,
        exported_at=datetime(2026, 12, 1, tzinfo=UTC),
        exported_by="记录员 小王",
        app_version="test",
        today=date(2026, 12, 1),
        **kwargs,  # type: ignore[arg-type]
    )


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 52 s recording (testsrc and a tone, a keyframe every second) as MKV and MP4."""
    folder = tmp_path_factory.mktemp("recording")
    mkv, mp4 = folder / "录像 2026-11-20.mkv", folder / "录像 2026-11-20.mp4"
    run(
        "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
        "-f", "lavfi", "-i", "sine=frequency=440", "-t", "52", "-c:v", "libx264", "-g", "25",
        "-keyint_min", "25", "-preset", "ultrafast", "-c:a", "aac", str(mkv),
    )  # fmt: skip
    run("ffmpeg", "-v", "error", "-y", "-i", str(mkv), "-c", "copy", str(mp4))
    return {".mkv": mkv, ".mp4": mp4}


@pytest.fixture(scope="module")
def seeded(
    tmp_path_factory: pytest.TempPathFactory, recordings: dict[str, Path]
) -> Iterator[tuple[SeededShow, SessionDossier]]:
    """The seeded show, one second a minute (50 s), recorded to the MKV as OBS reported."""
    store = Store.open(
        tmp_path_factory.mktemp("store") / "data", default_studio_name="青山村演播室"
    )
    try:
        show = seed_show(store, minute=timedelta(seconds=1), recording_path=str(recordings[".mkv"]))
        (dossier,) = read_dossiers(store, [show.session_id])
        yield show, dossier
    finally:
        store.close()


def probe(path: Path) -> dict[str, object]:
    found: dict[str, object] = json.loads(
        run("ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path))
    )
    return found


def duration(path: Path) -> float:
    format_ = probe(path)["format"]
    assert isinstance(format_, dict)
    return float(format_["duration"])


def first_frame_md5(path: Path, seek: float | None = None) -> str:
    """The MD5 of the first decoded picture (of ``path``, or at ``seek`` seconds into it)."""
    args = ["ffmpeg", "-v", "error"]
    if seek is not None:
        args += ["-ss", f"{seek:.3f}"]
    args += ["-i", str(path), "-map", "0:v", "-frames:v", "1", "-f", "framemd5", "-"]
    return run(*args).strip().splitlines()[-1].split(",")[-1].strip()


def leftovers(folder: Path) -> list[str]:
    """Temporary or hidden files."""
    return [p.name for p in folder.iterdir() if p.name.startswith(".") or ".part" in p.name]


# ---------------------------------------------------------------- cutting


def test_stream_copy_cuts_one_clip_per_aired_question(
    seeded: tuple[SeededShow, SessionDossier], recordings: dict[str, Path], tmp_path: Path
) -> None:
    show, dossier = seeded
    fractions: list[float] = []
    started = time.perf_counter()
    written = cut_clips(
        dossier, tmp_path / "clips", context(progress=lambda f, _text: fractions.append(f))
    )
    elapsed = time.perf_counter() - started

    assert [p.name for p in written] == [f"{name}.mkv" for name in NAMES]
    assert sorted(p.name for p in (tmp_path / "clips").iterdir()) == sorted(NAMES_MKV)
    assert len(written) == len(show.aired_ids)
    for index, clip in enumerate(written):
        length = duration(clip)
        # Stream copy starts on the keyframe before the question: up to 1 s more, never less.
        assert CLIP_MS / 1000 - 0.05 <= length <= CLIP_MS / 1000 + 1.1, (clip.name, length)
        streams = probe(clip)["streams"]
        assert isinstance(streams, list)
        assert sorted(s["codec_type"] for s in streams) == ["audio", "video"]
        # It starts on the keyframe before the question's start (one a second).
        keyframe = (FIRST_START_MS + index * 8000) // 1000
        assert first_frame_md5(clip) == first_frame_md5(recordings[".mkv"], keyframe)
    format_ = probe(written[0])["format"]
    assert isinstance(format_, dict)
    assert format_["tags"]["title"] == "问题 1：村口的路灯坏了一个多月了，什么时候能修好？"
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    # Each finished clip is a quarter; one under way never reaches its end before it is in place.
    assert {0.25, 0.5, 0.75} <= set(fractions)
    assert any(0 < f < 0.25 for f in fractions)
    assert elapsed < 3, elapsed


NAMES_MKV = [f"{name}.mkv" for name in NAMES]


def test_mp4_recording_given_explicitly(
    seeded: tuple[SeededShow, SessionDossier], recordings: dict[str, Path], tmp_path: Path
) -> None:
    _, dossier = seeded
    written = cut_clips(dossier, tmp_path, context(), recording=recordings[".mp4"])

    assert [p.name for p in written] == [f"{name}.mp4" for name in NAMES]
    for clip in written:
        format_ = probe(clip)["format"]
        assert isinstance(format_, dict)
        assert "mp4" in format_["format_name"]
        assert CLIP_MS / 1000 - 0.05 <= float(format_["duration"]) <= CLIP_MS / 1000 + 1.1


def test_re_encoding_cuts_exactly(
    seeded: tuple[SeededShow, SessionDossier], recordings: dict[str, Path], tmp_path: Path
) -> None:
    _, dossier = seeded
    # Two clips are enough to show it (the others take as long again).
    two = replace(dossier, airings=dossier.airings[:2])
    written = cut_clips(two, tmp_path, context(), stream_copy=False)

    assert [p.name for p in written] == NAMES_MKV[:2]
    for clip in written:
        assert abs(duration(clip) - CLIP_MS / 1000) <= 0.2, clip.name
        streams = probe(clip)["streams"]
        assert isinstance(streams, list)
        assert {s["codec_type"]: s["codec_name"] for s in streams} == {
            "video": "h264",
            "audio": "aac",
        }


def test_a_question_on_air_twice_gets_two_clips(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    _, dossier = seeded
    first = dossier.airings[0]
    later = dossier.airings[-1]
    again = replace(
        first,
        id=uuid7(),
        started_at=later.ended_at + timedelta(seconds=2),  # type: ignore[operator]
        ended_at=later.ended_at + timedelta(seconds=4),  # type: ignore[operator]
        start_record_ms=later.end_record_ms + 2000,  # type: ignore[operator]
        end_record_ms=later.end_record_ms + 4000,  # type: ignore[operator]
    )
    twice = replace(dossier, airings=(first, again))
    written = cut_clips(twice, tmp_path, context())

    assert [p.name for p in written] == [NAMES_MKV[0], f"{NAMES[0]} (2).mkv"]
    assert 2.0 - 0.05 <= duration(written[1]) <= 2.0 + 1.1


def test_command_line() -> None:
    command = clip_command(
        "ffmpeg", Path("/rec/a.mp4"), Path("/out/b.mp4"), 5883, 12283, title="问题 1"
    )
    assert command[:6] == ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning", "-y"]
    joined = " ".join(command)
    assert "-ss 5.883 -i /rec/a.mp4 -t 6.400 -map 0 -c copy" in joined
    assert "-avoid_negative_ts make_zero" in joined
    assert "-movflags +faststart" in joined
    assert command[-4:] == ["-progress", "pipe:1", "-nostats", "/out/b.mp4"]
    exact = clip_command(
        "ffmpeg", Path("/rec/a.mkv"), Path("/out/b.mkv"), 0, 1000, stream_copy=False
    )
    assert "-c:v libx264" in " ".join(exact) and "-c copy" not in " ".join(exact)
    assert "-movflags" not in exact


# ---------------------------------------------------------------- cancel


def test_cancel_after_the_first_clip_keeps_it_and_leaves_no_temporary_file(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    _, dossier = seeded
    ctx = context()
    seen: list[float] = []

    def progress(fraction: float, _text: str) -> None:
        seen.append(fraction)
        if fraction >= 0.25:
            ctx.cancel.cancel()

    with pytest.raises(ExportCancelledError):
        cut_clips(dossier, tmp_path, replace(ctx, progress=progress))

    assert [p.name for p in tmp_path.iterdir()] == [NAMES_MKV[0]]
    assert CLIP_MS / 1000 - 0.05 <= duration(tmp_path / NAMES_MKV[0]) <= CLIP_MS / 1000 + 1.1
    assert max(seen) == 0.25


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for FFmpeg")
def test_cancel_stops_a_running_ffmpeg(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    """An FFmpeg that hangs half-way (a slow network share) is stopped and its file goes."""
    _, dossier = seeded
    fake = tmp_path / "bin" / "ffmpeg"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\n"
        # Reading the recording's length: a description as FFmpeg gives it.
        'case "$*" in *-progress*) ;; *) echo "Input #0, matroska" >&2\n'
        '  echo "  Duration: 00:00:52.00, start: 0.000000" >&2; exit 1;; esac\n'
        "for last; do :; done\n"
        'echo half a clip > "$last"\n'
        'echo $$ > "$(dirname "$0")/pid"\n'
        "echo out_time_us=3200000\n"
        "echo progress=continue\n"
        "exec sleep 30\n"
    )
    fake.chmod(0o755)
    folder = tmp_path / "clips"
    ctx = context()
    seen: list[float] = []

    def progress(fraction: float, _text: str) -> None:
        seen.append(fraction)
        ctx.cancel.cancel()

    started = time.perf_counter()
    with pytest.raises(ExportCancelledError):
        cut_clips(dossier, folder, replace(ctx, progress=progress), ffmpeg=str(fake))

    assert time.perf_counter() - started < 3
    assert seen == [0.125]  # half of the first of four clips
    assert list(folder.iterdir()) == []
    pid = int((fake.parent / "pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


# ---------------------------------------------------------------- errors


def test_ffmpeg_missing(seeded: tuple[SeededShow, SessionDossier], tmp_path: Path) -> None:
    _, dossier = seeded
    with pytest.raises(ClipError) as raised:
        cut_clips(dossier, tmp_path / "clips", context(), ffmpeg="/nonexistent")
    assert raised.value.reason == "no_ffmpeg"
    assert raised.value.path == Path("/nonexistent")
    assert not (tmp_path / "clips").exists()


def test_recording_missing(seeded: tuple[SeededShow, SessionDossier], tmp_path: Path) -> None:
    _, dossier = seeded
    gone = tmp_path / "gone.mkv"
    with pytest.raises(ClipError) as raised:
        cut_clips(dossier, tmp_path / "clips", context(), recording=gone)
    assert (raised.value.reason, raised.value.path) == ("no_recording", gone)
    # OBS reported no file at all.
    no_path = replace(dossier, runs=tuple(replace(r, path="") for r in dossier.runs))
    with pytest.raises(ClipError) as raised:
        cut_clips(no_path, tmp_path / "clips", context())
    assert (raised.value.reason, raised.value.path) == ("no_recording", None)
    assert not (tmp_path / "clips").exists()


def test_nothing_to_cut(seeded: tuple[SeededShow, SessionDossier], tmp_path: Path) -> None:
    _, dossier = seeded
    untimed = replace(
        dossier, airings=tuple(replace(a, start_record_ms=None) for a in dossier.airings)
    )
    assert clips(untimed) == []
    for nothing in (untimed, replace(dossier, runs=())):
        with pytest.raises(ClipError) as raised:
            cut_clips(nothing, tmp_path, context())
        assert raised.value.reason == "nothing_to_cut"
    assert list(tmp_path.iterdir()) == []


def test_a_recording_of_something_else(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    _, dossier = seeded
    short = tmp_path / "short.mkv"
    run(
        "ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5", "-t", "3",
        "-c:v", "libx264", "-preset", "ultrafast", str(short),
    )  # fmt: skip
    not_video = tmp_path / "notes.mkv"
    not_video.write_text("这不是视频")
    with pytest.raises(ClipError) as raised:
        cut_clips(dossier, tmp_path / "a", context(), recording=short)
    assert (raised.value.reason, raised.value.path) == ("recording_too_short", short)
    with pytest.raises(ClipError) as raised:
        cut_clips(dossier, tmp_path / "b", context(), recording=not_video)
    assert (raised.value.reason, raised.value.path) == ("unreadable_recording", not_video)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.mkv", "short.mkv"]


def test_ffmpeg_failing_leaves_no_clip(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    _, dossier = seeded
    # FFmpeg cannot put H.264/AAC into a WAV file, but reads the recording fine.
    renamed = tmp_path / "recording.wav"
    os.link(Path(dossier.runs[0].path), renamed)
    folder = tmp_path / "clips"
    with pytest.raises(ClipError) as raised:
        cut_clips(dossier, folder, context(), recording=renamed)
    assert raised.value.reason == "ffmpeg_failed"
    assert raised.value.detail  # FFmpeg's complaint, for the log
    assert list(folder.iterdir()) == []


def test_a_destination_that_cannot_be_made_leaves_nothing(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    _, dossier = seeded
    (tmp_path / "blocker").write_text("a file where the folder should go")
    with pytest.raises(ExportWriteError) as raised:
        cut_clips(dossier, tmp_path / "blocker" / "clips", context())
    assert raised.value.reason == ExportWriteError.NOT_FOUND
    assert [p.name for p in tmp_path.iterdir()] == ["blocker"]
