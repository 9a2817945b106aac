"""The session report as PDF (fpdf2): A4, a subset of a CJK font embedded, Chinese line breaks.

Lines are broken here, not by fpdf2: its ``multi_cell`` breaks Chinese only at spaces or
anywhere at all, and costs about half a millisecond per call (a 1 000-question report made
~16 000 calls: 7 s). Here no line starts with a closing mark (，。）」…) or ends with an
opening one, Latin words and numbers stay whole where they fit, and each prepared line is
placed with :meth:`FPDF.text`, page breaks included. Tables are drawn the same way: the
header row repeats on each page and a row too tall for the rest of a page goes on over the
page break instead of overlapping the footer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from fpdf import FPDF

from studio_app.domain.export import SessionDossier
from studio_app.services.export.base import ExportContext
from studio_app.services.export.files import atomic_path
from studio_app.services.export.fonts import CjkFont, FontNotFoundError
from studio_app.services.export.report import (
    Align,
    Block,
    Fields,
    Heading,
    Paragraph,
    Report,
    Style,
    Table,
    build_report,
)

FAMILY = "cjk"
#: A stand-in for the page total that fpdf2's ``{nb}`` alias fills in when the file is written.
_TOTAL_SENTINEL = 987654321
_NB_ALIAS = "{nb}"

# Page and type (millimetres and points).
_MARGIN = 18.0
_BOTTOM = 20.0
_BODY_PT = 10.5
_LEADING = 1.6
_TABLE_PT = 9.0
_TABLE_LEADING = 1.45
_SMALL_PT = 8.0
_HEADING_PT = {0: 20.0, 1: 14.0, 2: 11.5, 3: 10.5}
_SPACE_BEFORE = {0: 0.0, 1: 6.0, 2: 4.0, 3: 3.0}
_PAD_V, _PAD_H = 1.2, 1.6
#: Room left free at a line's end, against rounding.
_SLACK = 0.3
_PT = 25.4 / 72
#: A table row shorter than this many lines is not split over a page break.
_UNSPLIT_ROW_LINES = 6

_TEXT = (33, 37, 41)
_MUTED = (110, 117, 125)
_ACCENT = (24, 78, 140)
_WARNING = (160, 40, 30)
_RULE = (190, 196, 204)
_HEADER_FILL = (229, 235, 243)

Color = tuple[int, int, int]
Measure = Callable[[str], float]

#: Characters a line must not start with (closing marks, Chinese and Latin).
NO_LINE_START = frozenset("、。，．・：；？！）〕］｝〉》」』】〙〗〟’”｠»%‰℃…‥—～ー々·,.;:?!)]}％")
#: Characters a line must not end with (opening marks).
NO_LINE_END = frozenset("（〔［｛〈《「『【〘〖〝‘“｟«([{")
#: At most this many characters move to the next line to keep a closing mark company.
_MAX_CARRY = 3

_UNITS = re.compile(r"[\x21-\x7e]+| +|.", re.DOTALL)


def write_report_pdf(
    dossier: SessionDossier, path: Path, context: ExportContext, font: CjkFont
) -> None:
    """Write the session report of ``dossier`` to ``path`` as an A4 PDF.

    A subset of the CJK ``font`` (the characters used) is embedded. The file appears only
    when complete.

    Raises:
        FontNotFoundError: ``cjk_font_unreadable``: fpdf2 could not load ``font``.
        ExportWriteError: The file could not be written (nothing is left of it).
        ExportCancelledError: ``context.cancel`` was set (nothing is left of the file).
    """
    report = build_report(dossier, context)
    with atomic_path(path) as temporary:
        pdf = _ReportPdf(report, context, font)
        pdf.render()
        context.cancel.check()
        context.progress(0.9, "")
        pdf.output(str(temporary))
    context.progress(1.0, "")


# ---------------------------------------------------------------- line breaking


def wrap(text: str, measure: Measure, width: float) -> list[str]:
    r"""``text`` broken into lines no wider than ``width`` (``\n`` breaks kept).

    Chinese breaks between any two characters except before a closing mark or after an
    opening one (up to three characters move down to keep them together); runs of Latin
    letters, digits and ASCII marks stay whole unless longer than a line; spaces at a break
    are dropped.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_line(paragraph, measure, width) or [""])
    return lines


def _wrap_line(text: str, measure: Measure, width: float) -> list[str]:
    units: list[tuple[str, float]] = []
    for unit in _UNITS.findall(text):
        unit_width = measure(unit)
        if unit_width > width and len(unit) > 1:
            units.extend((c, measure(c)) for c in unit)
        else:
            units.append((unit, unit_width))
    lines: list[str] = []
    line: list[tuple[str, float]] = []
    used = 0.0
    for unit, unit_width in units:
        if unit[0] == " ":
            if line and used + unit_width <= width:
                line.append((unit, unit_width))
                used += unit_width
            elif line:
                lines.append(_joined(line))
                line, used = [], 0.0
            continue
        if line and used + unit_width > width:
            carry: list[tuple[str, float]] = []
            while len(line) > 1 and len(carry) < _MAX_CARRY:
                first = (carry[0][0] if carry else unit)[0]
                if first in NO_LINE_START or line[-1][0][-1] in NO_LINE_END:
                    carry.insert(0, line.pop())
                else:
                    break
            if carry and sum(w for _, w in carry) + unit_width > width:
                line.extend(carry)  # no room to move them: break where it falls
                carry = []
            lines.append(_joined(line))
            line = [u for u in carry if u[0][0] != " "]
            used = sum(w for _, w in line)
        line.append((unit, unit_width))
        used += unit_width
    if line:
        lines.append(_joined(line))
    return lines


def _joined(units: Sequence[tuple[str, float]]) -> str:
    return "".join(u for u, _ in units).rstrip(" ")


def _widest(text: str, measure: Measure) -> float:
    """The widest piece of ``text`` that :func:`wrap` keeps on one line."""
    return max((measure(unit) for unit in _UNITS.findall(text) if unit[0] != " "), default=0.0)


def fit_widths(weights: Sequence[float], needs: Sequence[float], total: float) -> list[float]:
    """Column widths summing to ``total``, shared by ``weights`` but each at least its need.

    A column's need (its widest unbreakable word) is honoured up to a third of ``total``;
    when the needs together exceed ``total`` the widths follow the needs instead.
    """
    weights = [max(w, 0.01) for w in weights]
    needs = [min(n, total / 3) for n in needs]
    if sum(needs) >= total:
        return [total * n / sum(needs) for n in needs]
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        room = total - sum(fixed.values())
        share = sum(weights[i] for i in free)
        widths = {i: room * weights[i] / share for i in free}
        short = [i for i in free if widths[i] < needs[i]]
        if not short:
            return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(weights))]
        for i in short:
            fixed[i] = needs[i]


# ---------------------------------------------------------------- the document


class _ReportPdf(FPDF):
    """An A4 document with the report's page footer; draws the report's blocks."""

    def __init__(self, report: Report, context: ExportContext, font: CjkFont) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report = report
        self.context = context
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.set_auto_page_break(auto=True, margin=_BOTTOM)
        self.c_margin = 0.0
        self.set_title(report.title)
        self.set_subject(report.subtitle)
        self.set_creator(context.labels.app_name(context.app_version))
        self.set_author(context.exported_by)
        self.set_creation_date(context.exported_at)
        wanted = set(report.characters) | set(self._page_label(1)) | set("0123456789…")
        self.bold = "B" if font.has_bold else ""
        self._load(font, sorted(ord(c) for c in wanted if c != "\n"))
        regular = self.fonts[FAMILY]
        # Characters the font lacks (emoji, rare symbols) are left out, not drawn as boxes.
        cmap: dict[int, object] = getattr(regular, "cmap", {})
        self._missing: dict[int, None] = {
            ord(c): None for c in wanted if ord(c) not in cmap and c != "\n"
        }
        self._widths: dict[str, dict[str, float]] = {
            style: {chr(k): float(v) for k, v in getattr(face, "cw", {}).items()}
            for style, face in (("", regular), ("B", self.fonts.get(FAMILY + self.bold, regular)))
        }
        self._measures: dict[tuple[str, float], Measure] = {}
        self.key_widths = {False: 30.0, True: 30.0}
        self.add_page()

    def _load(self, font: CjkFont, characters: list[int]) -> None:
        """Add the regular and bold faces, reading only the ``characters`` the report uses."""
        faces = [("", font.regular, font.regular_index)]
        if font.has_bold:
            faces.append(("B", font.bold_path, font.bold_face_index))
        for style, file, index in faces:
            try:
                self.add_font(
                    FAMILY, style, file, collection_font_number=index, unicode_range=characters
                )
            except Exception as error:  # fontTools and fpdf2 raise many kinds for a bad file
                raise FontNotFoundError(
                    FontNotFoundError.UNREADABLE, (str(file),), type(error).__name__
                ) from error
            # The subset keeps the whole font's bounding box instead of fontTools drawing
            # every kept glyph to measure it again: a third of the time of writing the file.
            face = getattr(self.fonts[FAMILY + style], "ttfont", None)
            if face is not None:
                face.recalcBBoxes = False

    # ------------------------------------------------------------ page furniture

    def _page_label(self, number: int) -> str:
        text = self.context.labels.page(number, _TOTAL_SENTINEL)
        return text.replace(str(_TOTAL_SENTINEL), _NB_ALIAS)

    def footer(self) -> None:
        """The session's title and the page number at the foot of each page."""
        y = self.h - 12
        self.set_draw_color(*_RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, y - 1.5, self.w - self.r_margin, y - 1.5)
        measure = self.measure("", _SMALL_PT)
        label = self.printable(self._page_label(self.page_no()))
        label_width = measure(label.replace(_NB_ALIAS, "000"))
        title = self._clip(self.printable(self.report.footer), self.epw - label_width - 6)
        self._text(self.l_margin, y, 5, title, _SMALL_PT, "", _MUTED)
        # cell(), not text(): only cell() has fpdf2 fill in the page total at the end.
        self.set_font(FAMILY, "", _SMALL_PT)
        self.set_text_color(*_MUTED)
        self.set_xy(self.w - self.r_margin - label_width - 10, y)
        self.cell(label_width + 10, 5, label, align="R")

    # ------------------------------------------------------------ text

    def printable(self, text: str) -> str:
        """``text`` without characters the font has no glyph for."""
        return text.translate(self._missing) if self._missing else text

    def measure(self, style: str, size: float) -> Measure:
        """A function giving the width in mm of a string in ``style`` at ``size`` points."""
        key = (style, size)
        found = self._measures.get(key)
        if found is None:
            widths = self._widths.get(style) or self._widths[""]
            factor = size / 1000 * _PT

            def found(text: str) -> float:
                return sum(widths.get(c, 1000.0) for c in text) * factor

            self._measures[key] = found
        return found

    def _clip(self, text: str, width: float) -> str:
        measure = self.measure("", _SMALL_PT)
        if measure(text) <= width:
            return text
        while text and measure(text + "…") > width:
            text = text[:-1]
        return text + "…"

    def lines(self, text: str, style: str, size: float, width: float) -> list[str]:
        """``text`` broken into lines for a column ``width`` mm wide."""
        return wrap(self.printable(text), self.measure(style, size), width - _SLACK)

    def _text(
        self, x: float, top: float, height: float, text: str, size: float, style: str, color: Color
    ) -> None:
        """One line of ``text`` in a line box ``height`` tall whose top is at ``top``."""
        if not text:
            return
        self.set_font(FAMILY, style, size)
        self.set_text_color(*color)
        # Baseline as fpdf2's cell() places it.
        self.text(x, top + 0.5 * height + 0.3 * size * _PT, text)

    def _room(self, height: float) -> None:
        """Start a new page unless ``height`` fits below the current position."""
        if self.y + height > self.page_break_trigger and self.y > self.t_margin + 0.1:
            self.add_page()

    def write_lines(
        self,
        lines: Sequence[str],
        *,
        size: float = _BODY_PT,
        style: str = "",
        color: Color = _TEXT,
        leading: float = _LEADING,
        x: float | None = None,
    ) -> None:
        """Prepared ``lines``, one under the other, going over page breaks as needed."""
        height = size * _PT * leading
        left = self.l_margin if x is None else x
        for line in lines:
            self._room(height)
            self._text(left, self.y, height, line, size, style, color)
            self.y += height

    # ------------------------------------------------------------ blocks

    def render(self) -> None:
        """Draw every block, checking for a cancel between them."""
        blocks = self.report.blocks
        self.key_widths = {
            small: self._key_width(
                [
                    k
                    for b in blocks
                    if isinstance(b, Fields) and b.small == small
                    for k, _ in b.items
                ],
                _SMALL_PT if small else _BODY_PT,
            )
            for small in (False, True)
        }
        step = max(1, len(blocks) // 50)
        for index, block in enumerate(blocks):
            self.context.cancel.check()
            if index % step == 0:
                self.context.progress(0.3 + 0.6 * index / len(blocks), "")
            if isinstance(block, Heading):
                self._heading(block, blocks, index)
            elif isinstance(block, Paragraph):
                self._paragraph(block)
            elif isinstance(block, Fields):
                self._fields(block)
            else:
                self._table(block)

    @property
    def _keep_limit(self) -> float:
        return (self.page_break_trigger - self.t_margin) * 0.4

    def _key_width(self, keys: Sequence[str], size: float) -> float:
        measure = self.measure("", size)
        widest = max((measure(self.printable(k)) for k in keys), default=0.0)
        return min(max(widest + 3.0, 18.0), 42.0)

    def _estimate(self, blocks: Sequence[Block], index: int) -> float:
        """About how tall the blocks after ``blocks[index]`` are, up to the next heading."""
        body = _BODY_PT * _PT * _LEADING
        measure = self.measure("", _BODY_PT)
        value_width = self.epw - self.key_widths[False]
        height = 0.0
        for number, block in enumerate(blocks[index + 1 :]):
            if isinstance(block, Heading) and number == 0:
                # A section heading right before a question's heading: keep both with it.
                height += _HEADING_PT.get(block.level, _BODY_PT) * _PT * 1.4 + 4
                continue
            if isinstance(block, Heading) or height > self._keep_limit:
                break
            if isinstance(block, Paragraph):
                height += body * (1 + int(measure(block.text) / self.epw)) + 1
            elif isinstance(block, Fields):
                height += sum(body * (1 + int(measure(v) / value_width)) for _, v in block.items)
            else:
                height += _TABLE_PT * _PT * _TABLE_LEADING * (2 + len(block.rows)) + 4
        return min(height, self._keep_limit)

    def _heading(self, block: Heading, blocks: Sequence[Block], index: int) -> None:
        size = _HEADING_PT.get(block.level, _BODY_PT)
        lines = self.lines(block.text, self.bold, size, self.epw)
        height = size * _PT * 1.4 * len(lines)
        if self.y > self.t_margin + 0.1:
            self.y += _SPACE_BEFORE.get(block.level, 3.0)
        # A heading keeps company with what follows: a whole question where it is short.
        self._room(height + self._estimate(blocks, index))
        if block.level == 1:
            self.start_section(block.text, level=0, strict=False)
        elif block.level == 2:
            self.start_section(block.text, level=1, strict=False)
        color = _ACCENT if block.level in (1, 2) else _TEXT
        self.write_lines(lines, size=size, style=self.bold, color=color, leading=1.4)
        if block.level == 1:
            self.set_draw_color(*_RULE)
            self.set_line_width(0.3)
            self.line(self.l_margin, self.y + 0.5, self.w - self.r_margin, self.y + 0.5)
            self.y += 2.5
        elif block.level == 0:
            self.y += 1.0

    def _paragraph(self, block: Paragraph) -> None:
        size, style, color, after = _PARAGRAPH_LOOKS[block.style]
        bold = self.bold if style else ""
        lines = self.lines(block.text, bold, size, self.epw)
        self.write_lines(lines, size=size, style=bold, color=color)
        self.y += after

    def _fields(self, block: Fields) -> None:
        size = _SMALL_PT if block.small else _BODY_PT
        leading = 1.5 if block.small else _LEADING
        height = size * _PT * leading
        key_width = self.key_widths[block.small]
        value_width = self.epw - key_width
        value_color = _MUTED if block.small else _TEXT
        value_x = self.l_margin + key_width
        if block.small:
            self.y += 4
        for key, value in block.items:
            keys = self.lines(key, "", size, key_width - 2.0)
            values = self.lines(value, "", size, value_width)
            # The key and the value's first lines stay on one page.
            self._room(height * max(len(keys), min(len(values), 3)))
            for number in range(max(len(keys), len(values))):
                self._room(height)
                if number < len(keys):
                    self._text(self.l_margin, self.y, height, keys[number], size, "", _MUTED)
                if number < len(values):
                    self._text(value_x, self.y, height, values[number], size, "", value_color)
                self.y += height
        self.y += 1.2

    def _table(self, block: Table) -> None:
        size = _TABLE_PT
        height = size * _PT * _TABLE_LEADING
        bold = self.bold
        regular, heavy = self.measure("", size), self.measure(bold, size)
        pad = 2 * _PAD_H + _SLACK + 0.2
        needs = []
        for i, title in enumerate(block.headers):
            widest = _widest(self.printable(title), heavy)
            for row in block.rows:
                widest = max(widest, _widest(self.printable(row[i]), regular))
            needs.append(widest + pad)
        widths = fit_widths(block.weights, needs, self.epw * block.width)
        inner = [w - 2 * _PAD_H for w in widths]
        aligns = [block.column_align(i) for i in range(len(widths))]
        header = [self.lines(h, bold, size, inner[i]) for i, h in enumerate(block.headers)]
        header_height = max(len(c) for c in header) * height + 2 * _PAD_V
        rows = [
            [self.lines(c, "", size, inner[i]) for i, c in enumerate(row)] for row in block.rows
        ]
        first = max((len(c) for c in rows[0]), default=1) if rows else 0
        self._room(header_height + min(first, _UNSPLIT_ROW_LINES) * height + 2 * _PAD_V)
        self.set_draw_color(*_RULE)
        self.set_line_width(0.2)
        self._table_row(header, widths, aligns, header_height, bold, heavy, header=True)
        for cells in rows:
            self.context.cancel.check()
            count = max((len(c) for c in cells), default=1)
            start = 0
            while start < count:
                fit = int((self.page_break_trigger - self.y - 2 * _PAD_V) / height)
                left = count - start
                fresh = self.y <= self.t_margin + header_height + 0.1
                if fresh:
                    fit = max(fit, 1)
                elif fit < left and (left <= _UNSPLIT_ROW_LINES or fit < 2):
                    # Short rows move to the next page whole; long ones go on over it.
                    self.add_page()
                    self._table_row(header, widths, aligns, header_height, bold, heavy, header=True)
                    continue
                take = min(fit, left)
                part = [c[start : start + take] for c in cells]
                self._table_row(part, widths, aligns, take * height + 2 * _PAD_V, "", regular)
                start += take
                if start < count:
                    self.add_page()
                    self._table_row(header, widths, aligns, header_height, bold, heavy, header=True)
        self.y += 3.0

    def _table_row(
        self,
        cells: Sequence[Sequence[str]],
        widths: Sequence[float],
        aligns: Sequence[Align],
        row_height: float,
        style: str,
        measure: Measure,
        *,
        header: bool = False,
    ) -> None:
        size = _TABLE_PT
        height = size * _PT * _TABLE_LEADING
        x, top = self.l_margin, self.y
        if header:
            self.set_fill_color(*_HEADER_FILL)
        for lines, width, align in zip(cells, widths, aligns, strict=True):
            self.rect(x, top, width, row_height, style="DF" if header else "D")
            y = top + _PAD_V
            for line in lines:
                if align is Align.RIGHT:
                    left = x + width - _PAD_H - measure(line)
                elif align is Align.CENTER:
                    left = x + (width - measure(line)) / 2
                else:
                    left = x + _PAD_H
                self._text(left, y, height, line, size, style, _TEXT)
                y += height
            x += width
        self.y = top + row_height


#: Size, bold, colour and space after of each paragraph style.
_PARAGRAPH_LOOKS: dict[Style, tuple[float, bool, Color, float]] = {
    Style.BODY: (_BODY_PT, False, _TEXT, 1.0),
    Style.SUBTITLE: (13.0, False, _MUTED, 4.0),
    Style.NOTE: (9.0, False, _MUTED, 3.0),
    Style.WARNING: (9.0, True, _WARNING, 3.0),
    Style.MUTED: (_BODY_PT, False, _MUTED, 1.0),
}
