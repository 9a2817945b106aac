"""Chapter lists of a session's recordings: a plain list for video sites and FFmpeg metadata.

For each recording run two files: ``<base>.chapters.txt``, one ``H:MM:SS title`` line per
chapter as YouTube and Bilibili read them from a video's description, and
``<base>.ffmetadata.txt``, FFmpeg's metadata format, which puts the chapters into the
recording itself without re-encoding::

    ffmpeg -i show.mkv -i show.ffmetadata.txt -map_metadata 1 -map_chapters 1 -c copy out.mkv

The chapters come from :func:`studio_app.domain.export.chapters` (agenda items and questions
on air, without gaps). Video sites want the first chapter at 0:00, so a short lead-in (up
to :data:`LEAD_IN_MS`, the few seconds between starting the recording and the first agenda
item) joins the first chapter; a longer one (a waiting screen) becomes a chapter of its own,
:attr:`ExportLabels.chapter_before_show` — or, for a recording started in the middle of the
show, the agenda item then under way. Both files list the same chapters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studio_app.domain.export import (
    RecordingChapters,
    SessionDossier,
    chapters,
    excerpt,
    format_timecode,
)
from studio_app.services.export.base import ExportContext
from studio_app.services.export.files import atomic_text, safe_file_name
from studio_app.services.export.labels import ExportLabels

#: A first chapter starting up to this far into the recording is moved to its start; one
#: starting later gets a "before the show" chapter in front (10 s: YouTube's shortest
#: chapter).
LEAD_IN_MS = 10_000
#: Characters of a question's text in its chapter title (video sites show one short line).
QUESTION_TITLE_LENGTH = 40
#: Characters of an agenda item's title in its chapter title.
TITLE_LENGTH = 80

CHAPTER_LIST_SUFFIX = ".chapters.txt"
FFMETADATA_SUFFIX = ".ffmetadata.txt"


@dataclass(frozen=True, slots=True)
class ChapterEntry:
    """A chapter as the files list it: milliseconds into the recording and a one-line title."""

    start_ms: int
    end_ms: int
    title: str


def chapter_entries(
    recording: RecordingChapters, labels: ExportLabels, *, lead_in: str = ""
) -> list[ChapterEntry]:
    """The chapters of one recording with their titles, the first starting at 0.

    Titles are on one line; a question's is ``labels.question_chapter(number, text)`` with
    its on-air text cut to :data:`QUESTION_TITLE_LENGTH` characters. A lead-in longer than
    :data:`LEAD_IN_MS` is titled ``lead_in`` (default: ``labels.chapter_before_show``).
    """
    entries = []
    length = recording.duration_ms
    for chapter in recording.chapters:
        end = chapter.end_ms
        if length is not None:
            if chapter.start_ms >= length:
                # Recorded as starting once the recording had stopped (an airing that
                # outlasted the recording gives its item back after the end): not in the file.
                continue
            end = min(end, length)
        if chapter.question_number is not None:
            text = excerpt(chapter.title, QUESTION_TITLE_LENGTH)
            title = labels.question_chapter(chapter.question_number, text)
        else:
            title = excerpt(chapter.title, TITLE_LENGTH) or labels.chapter_untitled
        # The labels may hold line breaks too; a chapter title is one line.
        title = " ".join(title.split())
        entries.append(ChapterEntry(chapter.start_ms, max(end, chapter.start_ms), title))
    if entries and entries[0].start_ms > 0:
        first = entries[0]
        if first.start_ms <= LEAD_IN_MS:
            entries[0] = ChapterEntry(0, first.end_ms, first.title)
        else:
            title = " ".join((lead_in or labels.chapter_before_show).split())
            entries.insert(0, ChapterEntry(0, first.start_ms, title))
    return entries


# YouTube refuses a description with angle brackets.
_DESCRIPTION_SAFE = str.maketrans({"<": "＜", ">": "＞"})


def chapter_list_text(
    recording: RecordingChapters, labels: ExportLabels, *, lead_in: str = ""
) -> str:
    """The plain chapter list: ``H:MM:SS title`` lines, the first at ``0:00:00``.

    Times are cut to whole seconds; of two chapters starting in the same second only the
    later is listed (video sites refuse two lines with one time). Empty for a recording
    without chapters. ``lead_in``: see :func:`chapter_entries`.
    """
    entries = chapter_entries(recording, labels, lead_in=lead_in)
    lines: list[tuple[int, str]] = []
    for entry in entries:
        second = entry.start_ms // 1000
        if lines and lines[-1][0] == second:
            lines.pop()
        lines.append((second, entry.title.translate(_DESCRIPTION_SAFE)))
    return "".join(f"{format_timecode(second * 1000)} {title}\n" for second, title in lines)


def ffmetadata_escape(value: str) -> str:
    r"""``value`` escaped for an FFmpeg metadata file (``=``, ``;``, ``#``, ``\``, newline).

    A value ending in a backslash ends in a full-width one (＼) instead: FFmpeg's reader
    (5.x–7.x) takes an escaped backslash at the end of a line for an escaped line break and
    runs on into the next line.
    """
    value = value.replace("\r", "")
    if value.endswith("\\"):
        value = value[:-1] + "＼"
    escaped = value.replace("\\", "\\\\")
    for special in "=;#\n":
        escaped = escaped.replace(special, "\\" + special)
    return escaped


def ffmetadata_text(
    recording: RecordingChapters, labels: ExportLabels, *, title: str = "", lead_in: str = ""
) -> str:
    """FFmpeg's metadata file of one recording: its ``title`` (if given) and its chapters.

    Times in milliseconds (``TIMEBASE=1/1000``); FFmpeg reads the file as UTF-8.
    ``lead_in``: see :func:`chapter_entries`.
    """
    parts = [";FFMETADATA1\n"]
    if title:
        parts.append(f"title={ffmetadata_escape(title)}\n")
    for entry in chapter_entries(recording, labels, lead_in=lead_in):
        parts.append(
            "\n[CHAPTER]\nTIMEBASE=1/1000\n"
            f"START={entry.start_ms}\nEND={entry.end_ms}\n"
            f"title={ffmetadata_escape(entry.title)}\n"
        )
    return "".join(parts)


def chapter_file_stem(base_name: str, number: int, runs: int, labels: ExportLabels) -> str:
    """The files' name without suffix: ``base_name``, with the recording's number if several."""
    if runs <= 1:
        return base_name
    return f"{base_name} ({safe_file_name(labels.recording(number))})"


def running_item(dossier: SessionDossier, at: datetime) -> str:
    """The title of the agenda item under way at ``at`` ("" before the first one).

    A recording started in the middle of the show (a second recording, or one started
    late) begins with that item rather than with "before the show".
    """
    titles = {item.id: item.title for item in dossier.session.agenda}
    current = ""
    for mark in sorted(dossier.marks, key=lambda m: (m.at, m.id)):
        if mark.at > at:
            break
        current = titles.get(mark.agenda_item_id, "")
    return excerpt(current, TITLE_LENGTH)


def write_chapters(
    dossier: SessionDossier, folder: Path, base_name: str, context: ExportContext
) -> list[Path]:
    """Write the chapter list and FFmpeg metadata of each of the session's recordings.

    With several recording runs, the files are named ``<base_name> (Recording n)…`` with
    ``n`` counting every run in start order (a run without chapters, such as a recording
    stopped before the first agenda item, writes nothing but keeps its number).

    Returns:
        The files written (two per recording with chapters; none if no recording has any).

    Raises:
        ExportWriteError: A file could not be written (files written before it stay).
        ExportCancelledError: The operator cancelled.
    """
    labels = context.labels
    recordings = chapters(dossier)
    written: list[Path] = []
    for number, recording in enumerate(recordings, start=1):
        context.cancel.check()
        if not recording.chapters:
            continue
        stem = chapter_file_stem(base_name, number, len(recordings), labels)
        lead_in = running_item(dossier, recording.run.started_at)
        title = dossier.session.title
        texts = (
            (CHAPTER_LIST_SUFFIX, chapter_list_text(recording, labels, lead_in=lead_in)),
            (FFMETADATA_SUFFIX, ffmetadata_text(recording, labels, title=title, lead_in=lead_in)),
        )
        for suffix, text in texts:
            path = folder / f"{stem}{suffix}"
            with atomic_text(path) as stream:
                stream.write(text)
            written.append(path)
        context.progress(number / len(recordings), "")
    return written
