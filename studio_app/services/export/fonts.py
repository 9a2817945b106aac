"""Finding a font that covers Chinese, for the PDF report (fpdf2 embeds a subset of it)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from fontTools import ttLib  # type: ignore[import-untyped]

#: Common Han characters a usable font must have (checked in its Unicode cmap).
PROBE_CHARACTERS = "中国问答村镇"

#: Suffixes fpdf2 can embed.
FONT_SUFFIXES = frozenset({".ttf", ".ttc", ".otf", ".otc"})


class FontNotFoundError(Exception):
    """No usable Chinese font; ``reason`` is a machine code, ``searched`` the places looked at."""

    NO_CJK_FONT = "no_cjk_font"
    #: A font was found but fpdf2 could not read it (damaged or unsupported file).
    UNREADABLE = "cjk_font_unreadable"

    def __init__(self, reason: str, searched: Sequence[str] = (), detail: str = "") -> None:
        super().__init__(f"{reason}: {detail or ', '.join(searched)}")
        self.reason = reason
        self.searched = tuple(searched)
        self.detail = detail


@dataclass(frozen=True, slots=True)
class CjkFont:
    """A font file (and face in a collection) for regular text and one for bold.

    ``bold`` may be the regular face again when the family has no bold file.
    """

    regular: Path
    regular_index: int = 0
    bold: Path | None = None
    bold_index: int = 0

    @property
    def bold_path(self) -> Path:
        """The bold face's file (the regular one when there is no bold)."""
        return self.bold or self.regular

    @property
    def bold_face_index(self) -> int:
        """The bold face's index in its collection."""
        return self.bold_index if self.bold is not None else self.regular_index

    @property
    def has_bold(self) -> bool:
        """A real bold face, not the regular one standing in."""
        return self.bold is not None and (
            self.bold != self.regular or self.bold_index != self.regular_index
        )


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A known font: file names inside a folder, with their collection indexes."""

    regular: str
    regular_index: int
    bold: str | None = None
    bold_index: int = 0


# Noto CJK collections hold JP, KR, SC, TC, HK in that order: index 2 is Simplified Chinese.
_NOTO = (
    _Candidate("NotoSansCJK-Regular.ttc", 2, "NotoSansCJK-Bold.ttc", 2),
    _Candidate("NotoSansCJKsc-Regular.otf", 0, "NotoSansCJKsc-Bold.otf", 0),
    _Candidate("NotoSerifCJK-Regular.ttc", 2, "NotoSerifCJK-Bold.ttc", 2),
    _Candidate("NotoSerifCJKsc-Regular.otf", 0, "NotoSerifCJKsc-Bold.otf", 0),
)
_WQY = (
    _Candidate("wqy-microhei.ttc", 0),
    _Candidate("wqy-zenhei.ttc", 0),
)
_DROID = (
    _Candidate("DroidSansFallbackFull.ttf", 0),
    _Candidate("DroidSansFallback.ttf", 0),
)
_WINDOWS = (
    _Candidate("msyh.ttc", 0, "msyhbd.ttc", 0),
    _Candidate("simhei.ttf", 0),
    _Candidate("simsun.ttc", 0),
)
_MACOS = (
    _Candidate("PingFang.ttc", 0),
    _Candidate("Hiragino Sans GB.ttc", 0, "Hiragino Sans GB.ttc", 1),
    _Candidate("STHeiti Medium.ttc", 0),
    _Candidate("STHeiti Light.ttc", 0),
)
_ALL = _NOTO + _WQY + _DROID + _WINDOWS + _MACOS


def _known_places() -> list[tuple[Path, tuple[_Candidate, ...]]]:
    """Where this platform keeps Chinese fonts, most preferred first."""
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        places = [(windows, _WINDOWS)]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            places.append((Path(local) / "Microsoft" / "Windows" / "Fonts", _WINDOWS + _NOTO))
        return places
    if sys.platform == "darwin":
        return [
            (Path("/System/Library/Fonts"), _MACOS),
            (Path("/Library/Fonts"), _MACOS + _NOTO),
            (Path.home() / "Library" / "Fonts", _NOTO + _MACOS),
        ]
    return [
        (Path("/usr/share/fonts/opentype/noto"), _NOTO),
        (Path("/usr/share/fonts/noto-cjk"), _NOTO),
        (Path("/usr/share/fonts/google-noto-cjk"), _NOTO),
        (Path("/usr/share/fonts/truetype/wqy"), _WQY),
        (Path("/usr/share/fonts/wqy-microhei"), _WQY),
        (Path("/usr/share/fonts/wqy-zenhei"), _WQY),
        (Path("/usr/share/fonts/truetype/droid"), _DROID),
        (Path("/usr/share/fonts/google-droid"), _DROID),
        (Path.home() / ".local" / "share" / "fonts", _ALL),
    ]


def find_cjk_font(
    override: Path | None = None, *, search_dirs: Sequence[Path] | None = None
) -> CjkFont:
    """The first usable Chinese font: ``override``, then the platform's known locations.

    A font counts when fpdf2 can embed its file type and its Unicode cmap has common Han
    characters (checked with fontTools; the answer is remembered per file). ``override`` is
    a font file chosen by the operator; in a collection the first face with Chinese is taken.
    ``search_dirs`` replaces the known folders (every known file name is looked for in each),
    for tests and portable installs.

    Raises:
        FontNotFoundError: ``no_cjk_font``, with every place searched.
    """
    searched: list[str] = []
    if override is not None:
        override = Path(override)
        searched.append(str(override))
        index = _first_chinese_face(override)
        if index is not None:
            return _bold_sibling(override, index)
    places: list[tuple[Path, tuple[_Candidate, ...]]]
    if search_dirs is not None:
        places = [(Path(folder), _ALL) for folder in search_dirs]
    else:
        places = _known_places()
    for folder, candidates in places:
        for candidate in candidates:
            regular = folder / candidate.regular
            searched.append(str(regular))
            if not _covers_chinese(regular, candidate.regular_index):
                continue
            if candidate.bold is not None:
                bold = folder / candidate.bold
                if _covers_chinese(bold, candidate.bold_index):
                    return CjkFont(regular, candidate.regular_index, bold, candidate.bold_index)
            return CjkFont(regular, candidate.regular_index)
    raise FontNotFoundError(FontNotFoundError.NO_CJK_FONT, searched)


_checked: dict[tuple[str, int, int, int], bool] = {}
_checked_lock = threading.Lock()


def _file_key(path: Path) -> tuple[str, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    return (str(path.resolve()), info.st_mtime_ns, info.st_size)


def _covers_chinese(path: Path, index: int) -> bool:
    """``path`` (face ``index``) is a font fpdf2 can embed whose cmap has Han characters."""
    if path.suffix.lower() not in FONT_SUFFIXES:
        return False
    key = _file_key(path)
    if key is None:
        return False
    cache_key = (*key, index)
    with _checked_lock:
        known = _checked.get(cache_key)
    if known is not None:
        return known
    result = _read_covers_chinese(path, index)
    with _checked_lock:
        _checked[cache_key] = result
    return result


def _read_covers_chinese(path: Path, index: int) -> bool:
    # Only the cmap is read (lazily, one subtable): ~0.1 s for a 20 MB Noto collection.
    try:
        with ttLib.TTFont(path, fontNumber=index, lazy=True) as font:
            table = font["cmap"]
            for platform, encoding in ((3, 1), (3, 10), (0, 3), (0, 4)):
                subtable = table.getcmap(platform, encoding)
                if subtable is not None:
                    mapping = subtable.cmap
                    return all(ord(c) in mapping for c in PROBE_CHARACTERS)
    except Exception:  # a damaged or foreign file is just not a candidate
        return False
    return False


def _faces(path: Path) -> Iterator[int]:
    """The face indexes of ``path`` (0 only, for a single font)."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        yield 0
        return
    try:
        with ttLib.TTCollection(path, lazy=True) as collection:
            count = len(collection.fonts)
    except Exception:  # not a collection after all
        count = 1
    yield from range(count)


#: Family-name marks of a Simplified Chinese face in a collection that holds several scripts.
_SIMPLIFIED_MARKS = (" SC", "GB", " CN", "Hans", "Simplified", "简")


def _first_chinese_face(path: Path) -> int | None:
    """The face of ``path`` to use: a Simplified Chinese one if named so, else the first."""
    if _file_key(path) is None:
        return None
    faces = list(_faces(path))
    if len(faces) > 1:
        # Look at the (small) name tables first so that only one cmap is read.
        named = [i for i in faces if any(m in _family_name(path, i) for m in _SIMPLIFIED_MARKS)]
        faces = named + [i for i in faces if i not in named]
    return next((index for index in faces if _covers_chinese(path, index)), None)


def _bold_sibling(path: Path, index: int) -> CjkFont:
    """``path`` as regular, with its "Bold" sibling file (same face index) if there is one."""
    if "Regular" in path.name:
        bold = path.with_name(path.name.replace("Regular", "Bold"))
        if _covers_chinese(bold, index):
            return CjkFont(path, index, bold, index)
    return CjkFont(path, index)


def _family_name(path: Path, index: int) -> str:
    try:
        with ttLib.TTFont(path, fontNumber=index, lazy=True) as font:
            return str(font["name"].getBestFamilyName() or "")
    except Exception:  # unreadable name table: no preference
        return ""
