"""Chinese-aware text fitting for the overlay: line breaking, shrinking and eliding (QtGui only)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTextBoundaryFinder
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption

#: Characters that must not begin a line (closing punctuation, CLREQ / JIS X 4051 "kinsoku").
#: Qt's Unicode line breaking keeps most of them off the line start, but not when it has to
#: break a run that is wider than the line (then it breaks anywhere), nor ``～`` and ``·``.
NO_LINE_START = frozenset("，。、．：；！？）］｝〕〗〙〛〉》」』】〞〟”’…‥·・～〜‰％℃°,.:;!?)]}%")
#: Characters that must not end a line (opening punctuation).
NO_LINE_END = frozenset("（［｛〔〖〘〚〈《「『【〝“‘([{")
#: Punctuation dropped before an ellipsis ("今天，…" reads worse than "今天…").
_DROP_BEFORE_ELLIPSIS = frozenset("，。、；：,.;:")
ELLIPSIS = "…"
_LINE_SEPARATOR = "\u2028"  # QTextLayout's forced line break; "\n" is not one for it
_BLANK_LINES = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[^\S\n]+")  # runs of whitespace other than line breaks


@dataclass(frozen=True, slots=True)
class FittedText:
    """Text laid out for a box: the font size used and the lines to draw, top to bottom.

    Attributes:
        px: Font size in pixels.
        lines: The visible lines (the last one ends with "…" when the text was cut).
        elided: Whether text was cut.
    """

    px: int
    lines: tuple[str, ...]
    elided: bool


def clean_text(text: str) -> str:
    """Tidy text for display: one space for each run of spaces, no blank lines, no outer spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(_LINE_SEPARATOR, "\n")
    text = _BLANK_LINES.sub("\n", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.strip().split("\n"))


def break_lines(text: str, font: QFont, width: float) -> list[tuple[int, int]]:
    r"""Wrap ``text`` to ``width`` pixels; return each line as (start, end) indices into ``text``.

    Breaks where Unicode allows (Qt's UAX #14), anywhere inside a run too wide for a line,
    and at every ``\n``; then moves a break back (the last character goes down with the
    punctuation) where it would start a line with closing punctuation or end one with
    opening punctuation. Never returns an empty list for non-empty text.
    """
    lines: list[tuple[int, int]] = []
    graphemes = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    utf16 = _utf16_offsets(text)
    position = 0
    while position < len(text):
        # Lay out the rest; restart after a moved break (rare: only then is Qt overruled).
        moved = False
        rest = text[position:].replace("\n", _LINE_SEPARATOR)
        rest_utf16 = _utf16_offsets(rest)
        to_index = {offset: index for index, offset in enumerate(rest_utf16)}
        layout = QTextLayout(rest, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start = position + to_index[line.textStart()]
            end = position + to_index[line.textStart() + line.textLength()]
            if end <= start:  # defensive: Qt always takes at least one character
                end = start + 1
            if end < len(text):
                better = _allowed_break(text, start, end, graphemes, utf16)
                if better != end:
                    lines.append((start, better))
                    position, moved = better, True
                    break
            lines.append((start, end))
        layout.endLayout()
        if not moved:
            break
    return [_strip(text, start, end) for start, end in lines]


def _utf16_offsets(text: str) -> list[int]:
    # QTextLayout counts UTF-16 code units; Python counts code points (emoji differ).
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


def _allowed_break(
    text: str, start: int, end: int, graphemes: QTextBoundaryFinder, utf16: list[int]
) -> int:
    """The last break at or before ``end`` that obeys the punctuation rules (else ``end``)."""
    if text[end - 1] == "\n":  # the author's own line break stays where it is
        return end
    for candidate in range(end, start, -1):
        following = text[candidate:].lstrip(" ")
        if following[:1] in NO_LINE_START:
            continue
        before = text[start:candidate].rstrip(" ")
        if before and before[-1] in NO_LINE_END:
            continue
        graphemes.setPosition(utf16[candidate])
        if not graphemes.isAtBoundary():  # inside an emoji sequence or before a combining mark
            continue
        return candidate
    return end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    # Spaces around a line and the newline that ended it are not drawn.
    while end > start + 1 and text[end - 1] in " \n\t":
        end -= 1
    while start < end - 1 and text[start] in " \t":
        start += 1
    return start, end


def elide(text: str, font: QFont, width: float) -> str:
    """``text`` on one line, cut with "…" to fit ``width`` (whitespace runs become one space)."""
    text = " ".join(text.split())
    metrics = QFontMetricsF(font)
    if metrics.horizontalAdvance(text) <= width:
        return text
    cut = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    if not cut.endswith(ELLIPSIS):
        return cut
    body = cut[: -len(ELLIPSIS)].rstrip()
    while body and (body[-1] in NO_LINE_END or body[-1] in _DROP_BEFORE_ELLIPSIS):
        body = body[:-1].rstrip()
    return body + ELLIPSIS if body else (ELLIPSIS if cut else "")


def fit_text(
    text: str,
    font_at: Callable[[int], QFont],
    max_px: int,
    min_px: int,
    width: float,
    height: float,
    line_height: float,
    max_lines: int | None = None,
) -> FittedText:
    """Fit ``text`` into ``width`` × ``height``: wrap, shrink down to ``min_px``, then elide.

    Lines are ``line_height`` × font size apart. Below ``min_px`` the text only shrinks when
    even one line would not fit the height (a box that small is a theme mistake, but the text
    must still stay inside). The returned lines always start with the start of ``text``.
    """
    text = clean_text(text)
    max_px = max(1, max_px)
    min_px = max(1, min(min_px, max_px))
    if not text:
        return FittedText(max_px, (), False)

    def layout(px: int) -> list[tuple[int, int]]:
        return break_lines(text, font_at(px), width)

    def fits(px: int, lines: list[tuple[int, int]]) -> bool:
        count_ok = max_lines is None or len(lines) <= max_lines
        return count_ok and len(lines) * px * line_height <= height + 0.01

    lines = layout(max_px)
    if fits(max_px, lines):
        return FittedText(max_px, _texts(text, lines), False)
    # Largest size that fits (line count grows as the size grows, near enough for bisection).
    low, high = min_px, max_px - 1
    best: tuple[int, list[tuple[int, int]]] | None = None
    while low <= high:
        middle = (low + high) // 2
        candidate = layout(middle)
        if fits(middle, candidate):
            best, low = (middle, candidate), middle + 1
        else:
            high = middle - 1
    if best is not None:
        return FittedText(best[0], _texts(text, best[1]), False)
    px = min_px
    if px * line_height > height:  # not even one line: shrink below the minimum, keep one
        px = max(1, math.floor(height / line_height))
    lines = layout(px)
    keep = max(1, math.floor((height + 0.01) / (px * line_height)))
    if max_lines is not None:
        keep = min(keep, max_lines)
    if len(lines) <= keep:
        return FittedText(px, _texts(text, lines), False)
    visible = _texts(text, lines[: keep - 1])
    remainder = text[lines[keep - 1][0] :]
    last = elide(remainder, font_at(px), width)
    return FittedText(px, (*visible, last), last.endswith(ELLIPSIS))


def _texts(text: str, lines: list[tuple[int, int]]) -> tuple[str, ...]:
    return tuple(text[start:end] for start, end in lines)


def fit_line(
    text: str, font_at: Callable[[int], QFont], max_px: int, min_px: int, width: float
) -> tuple[int, str]:
    """One line: the largest size ≥ ``min_px`` at which ``text`` fits, else elided at min."""
    text = " ".join(text.split())
    min_px = max(1, min(min_px, max_px))
    natural = QFontMetricsF(font_at(max_px)).horizontalAdvance(text)
    if natural <= width:
        return max_px, text
    # Width grows about linearly with the size: start from the estimate and step down.
    px = max(min_px, min(max_px - 1, math.floor(max_px * width / max(natural, 1.0))))
    while px >= min_px:
        if QFontMetricsF(font_at(px)).horizontalAdvance(text) <= width:
            return px, text
        px -= 1
    return min_px, elide(text, font_at(min_px), width)
