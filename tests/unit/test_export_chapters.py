"""Chapter lists and FFmpeg chapter metadata of a session's recordings."""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from studio_app.domain.broadcast import OutputKind, OutputRun
from studio_app.domain.export import Chapter, RecordingChapters, SessionDossier
from studio_app.services.export.base import ExportCancelledError, ExportContext
from studio_app.services.export.chapters import (
    chapter_entries,
    chapter_list_text,
    ffmetadata_escape,
    ffmetadata_text,
    write_chapters,
)
from studio_app.services.export.dossier import read_dossiers
from studio_app.services.export.files import ExportWriteError
from studio_app.services.export.labels import ExportLabels
from studio_app.storage.store import Store
from tests.export_seed import SeededShow, seed_show

LABELS = ExportLabels(
    question_chapter=lambda n, text: f"问题 {n}：{text}",
    recording=lambda n: f"录像 {n}",
    chapter_before_show="节目开始前",
)

# The seeded show with one minute a minute: recording started 5 s before the show; agenda
# marks at 0:05 (moved to 0:00), 5:05 and 45:05; four questions 8 min apart, 6:24 each, the
# agenda item coming back between them.
EXPECTED_LIST = """\
0:00:00 开场介绍
0:05:05 村民提问与回应
0:05:53 问题 1：村口的路灯坏了一个多月了，什么时候能修好？
0:12:17 村民提问与回应
0:13:53 问题 2：我家在幸福村3组12号，门前的排水沟堵了，电话139****2233
0:20:17 村民提问与回应
0:21:53 问题 3：今年的水稻补贴什么时候发放？标准是多少？
0:28:17 村民提问与回应
0:29:53 问题 4：村里的老年食堂能不能增加送餐服务？
0:36:17 村民提问与回应
0:45:05 总结与承诺
"""
EXPECTED_STARTS = [0, 305, 353, 737, 833, 1217, 1313, 1697, 1793, 2177, 2705]
RECORDING_SECONDS = 50 * 60 + 10


def context(**kwargs: object) -> ExportContext:
    return ExportContext(
        labels=LABELS,
        exported_at=datetime(2026, 12, 1, tzinfo=UTC),
        exported_by="记录员 小王",
        app_version="test",
        today=date(2026, 12, 1),
        **kwargs,  # type: ignore[arg-type]
    )


def _seeded(tmp_path: Path, **kwargs: object) -> Iterator[tuple[SeededShow, SessionDossier]]:
    store = Store.open(tmp_path / "data", default_studio_name="青山村演播室")
    try:
        show = seed_show(store, **kwargs)  # type: ignore[arg-type]
        (dossier,) = read_dossiers(store, [show.session_id])
        yield show, dossier
    finally:
        store.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SeededShow, SessionDossier]]:
    yield from _seeded(tmp_path_factory.mktemp("show"))


@pytest.fixture(scope="module")
def short_show(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SeededShow, SessionDossier]]:
    """The same show with one second a minute, to fit a short test video."""
    yield from _seeded(tmp_path_factory.mktemp("short"), minute=timedelta(seconds=1))


needs_ffmpeg = pytest.mark.skipif(
    shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None, reason="no FFmpeg"
)


@pytest.fixture(scope="module")
def videos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 52 s video with sound as MKV and MP4."""
    folder = tmp_path_factory.mktemp("video")
    mkv, mp4 = folder / "show.mkv", folder / "show.mp4"
    run(
        "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=5",
        "-f", "lavfi", "-i", "sine=frequency=440", "-t", "52", "-c:v", "libx264",
        "-preset", "ultrafast", "-c:a", "aac", str(mkv),
    )  # fmt: skip
    run("ffmpeg", "-v", "error", "-y", "-i", str(mkv), "-c", "copy", str(mp4))
    return {".mkv": mkv, ".mp4": mp4}


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def apply_and_read(video: Path, metadata: Path, out: Path) -> dict[str, object]:
    """Put ``metadata`` into a copy of ``video`` the documented way; what ffprobe reads."""
    run(
        "ffmpeg", "-v", "error", "-y", "-i", str(video), "-i", str(metadata),
        "-map_metadata", "1", "-map_chapters", "1", "-c", "copy", str(out),
    )  # fmt: skip
    found: dict[str, object] = json.loads(
        run("ffprobe", "-v", "error", "-show_chapters", "-show_format", "-of", "json", str(out))
    )
    return found


# ---------------------------------------------------------------- the texts


def test_chapter_list_of_the_seeded_show(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    _, dossier = seeded
    written = write_chapters(dossier, tmp_path, "2026-11-20 第五期 村民问答", context())

    assert [p.name for p in written] == [
        "2026-11-20 第五期 村民问答.chapters.txt",
        "2026-11-20 第五期 村民问答.ffmetadata.txt",
    ]
    assert written[0].read_text(encoding="utf-8") == EXPECTED_LIST
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_ffmetadata_of_the_seeded_show(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    _, dossier = seeded
    _, metadata = write_chapters(dossier, tmp_path, "show", context())
    raw = metadata.read_bytes()
    assert raw.startswith(b";FFMETADATA1\ntitle=\xe7\xac\xac")  # UTF-8, no BOM

    blocks = raw.decode("utf-8").split("\n[CHAPTER]\n")
    assert blocks[0] == ";FFMETADATA1\ntitle=第五期 村民问答\n"
    chapters = [dict(line.split("=", 1) for line in b.strip().splitlines()) for b in blocks[1:]]
    assert [c["TIMEBASE"] for c in chapters] == ["1/1000"] * 11
    starts = [int(c["START"]) for c in chapters]
    assert starts == [s * 1000 for s in EXPECTED_STARTS]
    ends = [int(c["END"]) for c in chapters]
    assert ends == [*starts[1:], RECORDING_SECONDS * 1000]
    titles = [line.split(" ", 1)[1] for line in EXPECTED_LIST.splitlines()]
    assert [c["title"] for c in chapters] == titles


def test_titles_are_one_line_cut_and_escaped_for_ffmpeg() -> None:
    run_ = OutputRun.start(uuid.uuid4(), OutputKind.RECORD, datetime(2026, 1, 1, tzinfo=UTC))
    long_text = "路灯" * 40
    recording = RecordingChapters(
        run_,
        60_000,
        (
            Chapter(15_000, 20_000, "开场 a=b; #1 \\ x"),
            Chapter(20_000, 30_000, "第一行\n第二行\r\n  <b>第三行</b>", 7),
            Chapter(30_000, 30_500, long_text, 8),
            Chapter(30_500, 60_000, ""),
        ),
    )
    entries = chapter_entries(recording, LABELS)
    # A 15 s lead-in is a chapter of its own.
    assert [(e.start_ms, e.end_ms) for e in entries] == [
        (0, 15_000),
        (15_000, 20_000),
        (20_000, 30_000),
        (30_000, 30_500),
        (30_500, 60_000),
    ]
    assert entries[0].title == "节目开始前"
    assert entries[2].title == "问题 7：第一行 第二行 <b>第三行</b>"
    assert entries[3].title == "问题 8：" + "路灯" * 19 + "路…"
    assert entries[4].title == "Untitled"

    text = chapter_list_text(recording, LABELS)
    # Two chapters in the same second: only the later is listed; no angle brackets.
    assert text.splitlines() == [
        "0:00:00 节目开始前",
        "0:00:15 开场 a=b; #1 \\ x",
        "0:00:20 问题 7：第一行 第二行 ＜b＞第三行＜/b＞",
        "0:00:30 Untitled",
    ]
    assert chapter_list_text(recording, LABELS, lead_in="村民提问").startswith("0:00:00 村民提问\n")

    metadata = ffmetadata_text(recording, LABELS, title="标题=1\n第二行")
    assert "title=标题\\=1\\\n第二行\n" in metadata
    assert "title=开场 a\\=b\\; \\#1 \\\\ x\n" in metadata
    assert ffmetadata_escape("a\\;b") == "a\\\\\\;b"
    assert ffmetadata_escape("x\\") == "x＼"


def test_a_short_lead_in_joins_the_first_chapter() -> None:
    run_ = OutputRun.start(uuid.uuid4(), OutputKind.RECORD, datetime(2026, 1, 1, tzinfo=UTC))
    recording = RecordingChapters(run_, 30_000, (Chapter(10_000, 30_000, "开场介绍"),))
    assert [(e.start_ms, e.title) for e in chapter_entries(recording, LABELS)] == [(0, "开场介绍")]
    assert chapter_list_text(recording, LABELS) == "0:00:00 开场介绍\n"


# ---------------------------------------------------------------- with FFmpeg


@needs_ffmpeg
@pytest.mark.parametrize("suffix", [".mkv", ".mp4"])
def test_ffmpeg_puts_the_chapters_into_a_video(
    suffix: str,
    short_show: tuple[SeededShow, SessionDossier],
    videos: dict[str, Path],
    tmp_path: Path,
) -> None:
    _, dossier = short_show
    listing, metadata = write_chapters(dossier, tmp_path, "第五期", context())
    found = apply_and_read(videos[suffix], metadata, tmp_path / f"out{suffix}")

    chapters = found["chapters"]
    assert isinstance(chapters, list)
    # Recording started 1/12 s before the show; questions 8 s apart, 6.4 s each: too close
    # for the agenda item to come back in between, except after the last one.
    starts = [0, 5083, 5883, 13883, 21883, 29883, 36283, 45083]
    titles = [
        "开场介绍",
        "村民提问与回应",
        "问题 1：村口的路灯坏了一个多月了，什么时候能修好？",
        "问题 2：我家在幸福村3组12号，门前的排水沟堵了，电话139****2233",
        "问题 3：今年的水稻补贴什么时候发放？标准是多少？",
        "问题 4：村里的老年食堂能不能增加送餐服务？",
        "村民提问与回应",
        "总结与承诺",
    ]
    assert [round(float(c["start_time"]) * 1000) for c in chapters] == starts
    assert [c["tags"]["title"] for c in chapters] == titles
    if suffix == ".mkv":
        ends = [round(float(c["end_time"]) * 1000) for c in chapters]
        assert ends == [*starts[1:], 50166]
    # The plain list has whole seconds: the agenda item at 0:05.083 gives way to question 1
    # at 0:05.883.
    assert listing.read_text(encoding="utf-8").splitlines() == [
        "0:00:00 开场介绍",
        *(f"0:00:{s // 1000:02d} {t}" for s, t in zip(starts[2:], titles[2:], strict=True)),
    ]
    format_ = found["format"]
    assert isinstance(format_, dict)
    assert format_["tags"]["title"] == "第五期 村民问答"


@needs_ffmpeg
def test_ffmpeg_reads_escaped_titles_back(videos: dict[str, Path], tmp_path: Path) -> None:
    run_ = OutputRun.start(uuid.uuid4(), OutputKind.RECORD, datetime(2026, 1, 1, tzinfo=UTC))
    titles = ["开场 a=b; #1 \\ x", "路灯=灯;#\\"]
    recording = RecordingChapters(
        run_, 40_000, (Chapter(0, 20_000, titles[0]), Chapter(20_000, 40_000, titles[1], 3))
    )
    metadata = tmp_path / "meta.txt"
    metadata.write_text(ffmetadata_text(recording, LABELS, title="村#1;=\\"), encoding="utf-8")
    found = apply_and_read(videos[".mkv"], metadata, tmp_path / "out.mkv")

    chapters = found["chapters"]
    assert isinstance(chapters, list)
    # A value ending in a backslash would swallow FFmpeg's line break: it gets a full-width one.
    assert [c["tags"]["title"] for c in chapters] == [titles[0], "问题 3：路灯=灯;#＼"]
    format_ = found["format"]
    assert isinstance(format_, dict)
    assert format_["tags"]["title"] == "村#1;=＼"


# ---------------------------------------------------------------- several recordings


def split_recording(dossier: SessionDossier, show: SeededShow) -> SessionDossier:
    """The seeded show recorded in two runs: stopped at 20:00 and started again at 20:10."""
    first = show.recording
    start = first.started_at + timedelta(seconds=5)
    cut, again = start + timedelta(minutes=20), start + timedelta(minutes=20, seconds=10)
    runs = (
        replace(first, stopped_at=cut, path="/rec/part1.mkv"),
        replace(first, id=uuid.uuid4(), started_at=again, path="/rec/part2.mkv"),
    )
    offset = int((again - first.started_at).total_seconds() * 1000)

    def shift(ms: int | None) -> int | None:
        return None if ms is None else ms - offset

    return replace(
        dossier,
        runs=runs,
        marks=tuple(
            replace(m, record_ms=shift(m.record_ms)) if m.at >= again else m for m in dossier.marks
        ),
        airings=tuple(
            replace(
                a, start_record_ms=shift(a.start_record_ms), end_record_ms=shift(a.end_record_ms)
            )
            if a.started_at >= again
            else a
            for a in dossier.airings
        ),
    )


def test_several_recordings_get_numbered_files(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    show, dossier = seeded
    written = write_chapters(split_recording(dossier, show), tmp_path, "第五期", context())

    assert [p.name for p in written] == [
        "第五期 (录像 1).chapters.txt",
        "第五期 (录像 1).ffmetadata.txt",
        "第五期 (录像 2).chapters.txt",
        "第五期 (录像 2).ffmetadata.txt",
    ]
    # Question 2 was still on air when the first recording stopped: its agenda item's return
    # after it is not in that file.
    assert written[0].read_text(encoding="utf-8") == "".join(EXPECTED_LIST.splitlines(True)[:5])
    first = written[1].read_text(encoding="utf-8")
    assert first.count("[CHAPTER]") == 5
    assert first.endswith(
        "START=833000\nEND=1205000\n"
        "title=问题 2：我家在幸福村3组12号，门前的排水沟堵了，电话139****2233\n"
    )
    # The second recording starts during the questions (20:10 into the show), not before it.
    assert written[2].read_text(encoding="utf-8") == (
        "0:00:00 村民提问与回应\n"
        "0:01:38 问题 3：今年的水稻补贴什么时候发放？标准是多少？\n"
        "0:09:38 问题 4：村里的老年食堂能不能增加送餐服务？\n"
        "0:24:50 总结与承诺\n"
    )
    second = written[3].read_text(encoding="utf-8")
    assert second.count("[CHAPTER]") == 4
    assert "START=98000\n" in second
    assert "title=村民提问与回应\n" in second


def test_no_recording_writes_nothing(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    _, dossier = seeded
    assert write_chapters(replace(dossier, runs=()), tmp_path, "第五期", context()) == []
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_leaves_nothing(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    _, dossier = seeded
    (tmp_path / "blocker").write_text("a file where the folder should go")
    with pytest.raises(ExportWriteError) as raised:
        write_chapters(dossier, tmp_path / "blocker" / "chapters", "第五期", context())
    assert raised.value.reason == ExportWriteError.NOT_FOUND
    assert [p.name for p in tmp_path.iterdir()] == ["blocker"]


def test_cancel_stops_before_writing(
    seeded: tuple[SeededShow, SessionDossier], tmp_path: Path
) -> None:
    _, dossier = seeded
    ctx = context()
    ctx.cancel.cancel()
    with pytest.raises(ExportCancelledError):
        write_chapters(dossier, tmp_path, "第五期", ctx)
    assert list(tmp_path.iterdir()) == []
