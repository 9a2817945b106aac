"""The session report as a Word document (python-docx): A4, Chinese fonts set for East Asian text.

Word picks the font for Chinese characters from ``w:eastAsia`` of a run's fonts, not from
the Latin name python-docx sets, and the default template's styles name *theme* fonts that
override any name given beside them. So the theme references are removed from the document
defaults and from every style used, and each run names the font for all scripts.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from studio_app.domain.export import SessionDossier
from studio_app.services.export.base import ExportContext
from studio_app.services.export.files import atomic_path
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

#: The font Word is told to use. Windows has Microsoft YaHei (微软雅黑) since Vista; Word and
#: WPS elsewhere substitute their own Chinese sans-serif for a name they lack.
DOCX_FONT = "Microsoft YaHei"
#: Language of East Asian text: Word's Chinese line breaking and punctuation rules.
EAST_ASIAN_LANGUAGE = "zh-CN"

_BODY_PT = 10.5
_TABLE_PT = 9.0
_SMALL_PT = 8.0
_TEXT_WIDTH_MM = 170.0  # A4 210 mm less 20 mm margins each side
_TEXT = RGBColor(0x21, 0x25, 0x29)
_MUTED = RGBColor(0x6E, 0x75, 0x7D)
_ACCENT = RGBColor(0x18, 0x4E, 0x8C)
_WARNING = RGBColor(0xA0, 0x28, 0x1E)
_HEADER_FILL = "E5EBF3"
_HEADING_STYLES = {0: "Title", 1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
_HEADING_PT = {0: 20.0, 1: 14.0, 2: 12.0, 3: 10.5}
_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
}
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Stand-ins for the page number and total in ``labels.page``, replaced by Word fields.
_PAGE_SENTINEL = 987654321
_TOTAL_SENTINEL = 123456789


def write_report_docx(
    dossier: SessionDossier,
    path: Path,
    context: ExportContext,
    *,
    font_name: str = DOCX_FONT,
) -> None:
    """Write the session report of ``dossier`` to ``path`` as a Word document.

    The file appears only when complete.

    Raises:
        ExportWriteError: The file could not be written (nothing is left of it).
        ExportCancelledError: ``context.cancel`` was set (nothing is left of the file).
    """
    report = build_report(dossier, context)
    with atomic_path(path) as temporary:
        writer = _DocxWriter(report, context, font_name)
        writer.render()
        context.cancel.check()
        context.progress(0.9, "")
        writer.document.save(str(temporary))
    context.progress(1.0, "")


class _DocxWriter:
    """Builds the document from the report's blocks."""

    def __init__(self, report: Report, context: ExportContext, font_name: str) -> None:
        self.report = report
        self.context = context
        self.font = font_name
        self.document: Any = Document()
        body = self.document.element.body
        #: The body's last child, the section settings: new paragraphs go just before it.
        self._body_end: Any = body.sectPr if body.sectPr is not None else body.add_sectPr()
        self._runs: dict[tuple[Any, ...], Any] = {}
        self._paragraph_looks: dict[tuple[Any, ...], Any] = {}
        self._scratch = self._scratch_document_paragraph()
        self._key_widths = {
            small: _key_width(
                [
                    k
                    for b in report.blocks
                    if isinstance(b, Fields) and b.small == small
                    for k, _ in b.items
                ],
                _SMALL_PT if small else _BODY_PT,
            )
            for small in (False, True)
        }
        self._setup()

    # ------------------------------------------------------------ document set-up

    def _setup(self) -> None:
        document = self.document
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(18)
        section.footer_distance = Mm(8)
        properties = document.core_properties
        properties.title = self.report.title
        properties.subject = self.report.subtitle
        properties.author = self.context.exported_by
        properties.last_modified_by = self.context.exported_by
        properties.comments = self.context.labels.app_name(self.context.app_version)
        properties.created = self.context.exported_at.replace(tzinfo=None)
        properties.modified = self.context.exported_at.replace(tzinfo=None)
        properties.revision = 1

        defaults = document.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if r_pr is not None:
                self._fonts(r_pr)
        normal = document.styles["Normal"]
        normal.font.size = Pt(_BODY_PT)
        normal.font.color.rgb = _TEXT
        self._fonts(normal.element.get_or_add_rPr())
        spacing = normal.paragraph_format
        spacing.space_after = Pt(3)
        spacing.line_spacing = 1.3
        for level, name in _HEADING_STYLES.items():
            style = document.styles[name]
            r_pr = style.element.get_or_add_rPr()
            self._fonts(r_pr)
            for tag in ("w:i", "w:iCs"):
                for element in r_pr.findall(qn(tag)):
                    r_pr.remove(element)
            style.font.size = Pt(_HEADING_PT[level])
            style.font.bold = True
            style.font.color.rgb = _ACCENT if level in (1, 2) else _TEXT
            style.paragraph_format.keep_with_next = True
            style.paragraph_format.space_before = Pt({0: 0, 1: 16, 2: 12, 3: 8}[level])
            style.paragraph_format.space_after = Pt({0: 4, 1: 6, 2: 3, 3: 3}[level])
        title = document.styles["Title"]
        # The template's Title has a bottom border and expanded spacing meant for Latin text.
        p_pr = title.element.get_or_add_pPr()
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)
        for element in title.element.rPr.findall(qn("w:spacing")):
            title.element.rPr.remove(element)
        self._fonts(document.styles["Footer"].element.get_or_add_rPr())
        # Linked character styles ("Heading 1 Char"…) and the rest name theme fonts too.
        for fonts in document.styles.element.iter(qn("w:rFonts")):
            if any(qn(theme) in fonts.attrib for theme in _THEME_FONTS):
                self._fonts(fonts.getparent())
        self._footer(section)

    def _fonts(self, r_pr: Any) -> None:
        """Name the report font for every script in ``r_pr``, theme references removed."""
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            r_pr.insert(0, fonts)
        for theme in _THEME_FONTS:
            fonts.attrib.pop(qn(theme), None)
        for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(script), self.font)
        fonts.set(qn("w:hint"), "eastAsia")
        language = r_pr.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            r_pr.append(language)
        language.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE)

    def _footer(self, section: Any) -> None:
        """The session title left, "page n of N" right, as Word fields."""
        paragraph = section.footer.paragraphs[0]
        paragraph.style = self.document.styles["Footer"]
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Mm(_TEXT_WIDTH_MM), alignment=WD_ALIGN_PARAGRAPH.RIGHT
        )
        self._run(paragraph, self.report.footer, size=_SMALL_PT, color=_MUTED)
        self._run(paragraph, "\t", size=_SMALL_PT)
        label = self.context.labels.page(_PAGE_SENTINEL, _TOTAL_SENTINEL)
        for piece, field in _split_fields(label):
            if piece:
                self._run(paragraph, piece, size=_SMALL_PT, color=_MUTED)
            if field:
                self._field(paragraph, field)

    def _field(self, paragraph: Any, instruction: str) -> None:
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), f" {instruction} ")
        paragraph._p.append(field)
        run = OxmlElement("w:r")
        field.append(run)
        r_pr = OxmlElement("w:rPr")
        run.append(r_pr)
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), str(int(_SMALL_PT * 2)))
        r_pr.append(size)
        self._fonts(r_pr)  # rFonts first, lang last: the schema's order
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)

    # ------------------------------------------------------------ runs

    def _run(
        self,
        paragraph: Any,
        text: str,
        *,
        bold: bool = False,
        size: float | None = None,
        color: RGBColor | None = None,
    ) -> None:
        r"""Append ``text`` to ``paragraph`` (a python-docx paragraph or a ``w:p`` element).

        Runs are copied from a template per look rather than built through python-docx's
        properties: a 1 000-question report has some 20 000 of them. ``\n`` becomes a line
        break and ``\t`` a tab.
        """
        p = getattr(paragraph, "_p", paragraph)
        key = (bold, size, str(color) if color is not None else None)
        template = self._runs.get(key)
        if template is None:
            template = self._run_template(bold, size, color)
            self._runs[key] = template
        run = deepcopy(template)
        for number, line in enumerate(text.split("\n")):
            if number:
                run.append(run.makeelement(qn("w:br"), {}))
            for index, piece in enumerate(line.split("\t")):
                if index:
                    run.append(run.makeelement(qn("w:tab"), {}))
                if piece:
                    element = run.makeelement(qn("w:t"), {})
                    element.text = piece
                    if piece[0] == " " or piece[-1] == " ":
                        element.set(_XML_SPACE, "preserve")
                    run.append(element)
        p.append(run)

    def _run_template(self, bold: bool, size: float | None, color: RGBColor | None) -> Any:
        scratch = self._scratch
        run = scratch.add_run()
        r_pr = run._element.get_or_add_rPr()
        fonts = r_pr.get_or_add_rFonts()
        for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(script), self.font)
        if bold:
            run.bold = True
        if size is not None:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
        element = run._element
        scratch._p.remove(element)
        return element

    def _new_paragraph(self, properties: Any | None = None) -> Any:
        """A ``w:p`` at the end of the body (before the section settings), with ``properties``.

        python-docx's ``add_paragraph`` looks for the section settings among all the body's
        children each time, which grows quadratic over thousands of paragraphs.
        """
        p = self._body_end.makeelement(qn("w:p"), {})
        if properties is not None:
            p.append(deepcopy(properties))
        self._body_end.addprevious(p)
        return p

    def _properties(self, key: tuple[Any, ...], build: Any) -> Any:
        """A ``w:pPr`` template, made once by ``build(paragraph)`` on a scratch paragraph."""
        found = self._paragraph_looks.get(key)
        if found is None:
            paragraph = self._scratch_document_paragraph()
            build(paragraph)
            found = paragraph._p.get_or_add_pPr()
            self._paragraph_looks[key] = found
        return found

    def _scratch_document_paragraph(self) -> Any:
        paragraph = self.document.add_paragraph()
        paragraph._p.getparent().remove(paragraph._p)
        return paragraph

    # ------------------------------------------------------------ blocks

    def render(self) -> None:
        """Add every block, checking for a cancel between them."""
        blocks = self.report.blocks
        step = max(1, len(blocks) // 50)
        for index, block in enumerate(blocks):
            self.context.cancel.check()
            if index % step == 0:
                self.context.progress(0.3 + 0.6 * index / len(blocks), "")
            self._block(block)

    def _block(self, block: Block) -> None:
        if isinstance(block, Heading):
            style = _HEADING_STYLES.get(block.level, "Heading 3")
            properties = self._properties(
                ("heading", style), lambda p: setattr(p, "style", self.document.styles[style])
            )
            self._run(self._new_paragraph(properties), block.text)
        elif isinstance(block, Paragraph):
            self._paragraph(block)
        elif isinstance(block, Fields):
            self._fields(block)
        else:
            self._table(block)

    def _paragraph(self, block: Paragraph) -> None:
        if block.style is Style.SUBTITLE:

            def subtitle(paragraph: Any) -> None:
                paragraph.paragraph_format.space_after = Pt(10)

            p = self._new_paragraph(self._properties(("subtitle",), subtitle))
            self._run(p, block.text, size=13, color=_MUTED)
            return
        p = self._new_paragraph()
        if block.style is Style.NOTE:
            self._run(p, block.text, size=9, color=_MUTED)
        elif block.style is Style.WARNING:
            self._run(p, block.text, size=9, bold=True, color=_WARNING)
        elif block.style is Style.MUTED:
            self._run(p, block.text, color=_MUTED)
        else:
            self._run(p, block.text)

    def _fields(self, block: Fields) -> None:
        size = _SMALL_PT if block.small else None
        key_width = self._key_widths[block.small]

        def field(before: float, after: float) -> Any:
            def build(paragraph: Any) -> None:
                layout = paragraph.paragraph_format
                # Key, tab, value: the value's lines wrap under themselves, not the key.
                layout.left_indent = key_width
                layout.first_line_indent = -key_width
                layout.tab_stops.add_tab_stop(key_width)
                layout.space_before = Pt(before)
                layout.space_after = Pt(after)

            return self._properties(("field", block.small, before, after), build)

        count = len(block.items)
        for number, (key, value) in enumerate(block.items):
            before = 14.0 if block.small and number == 0 else 0.0
            after = 6.0 if number + 1 == count else 1.0
            p = self._new_paragraph(field(before, after))
            self._run(p, key, size=size, color=_MUTED)
            self._run(p, "\t" + value, size=size, color=_MUTED if block.small else None)

    def _table(self, block: Table) -> None:
        columns = len(block.headers)
        table = self.document.add_table(rows=1, cols=columns)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        total = sum(block.weights) or 1.0
        widths = [Mm(_TEXT_WIDTH_MM * block.width * w / total) for w in block.weights]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        header = table.rows[0]
        _repeat_header(header)
        for index, cell in enumerate(header.cells):
            cell.width = widths[index]
            _shade(cell, _HEADER_FILL)
            self._cell_layout(cell.paragraphs[0], block.column_align(index))
            self._run(cell.paragraphs[0], block.headers[index], bold=True, size=_TABLE_PT)
        # Rows are copies of one laid-out empty row (python-docx's cell access re-reads the
        # whole row each time).
        template_row = table.add_row()
        for index, cell in enumerate(template_row.cells):
            self._cell_layout(cell.paragraphs[0], block.column_align(index))
        tr = template_row._tr
        tbl = table._tbl
        tbl.remove(tr)
        for row in block.rows:
            copy = deepcopy(tr)
            tbl.append(copy)
            for tc, text in zip(copy.findall(qn("w:tc")), row, strict=True):
                if text:
                    self._run(tc.find(qn("w:p")), text, size=_TABLE_PT)
        table._tbl.addnext(self._spacer())

    def _spacer(self) -> Any:
        def build(paragraph: Any) -> None:
            paragraph.paragraph_format.space_after = Pt(2)

        p = self._body_end.makeelement(qn("w:p"), {})
        p.append(deepcopy(self._properties(("spacer",), build)))
        return p

    @staticmethod
    def _cell_layout(paragraph: Any, align: Align) -> None:
        paragraph.alignment = _ALIGN[align]
        layout = paragraph.paragraph_format
        layout.space_after = Pt(0)
        layout.line_spacing = 1.15


def _key_width(keys: list[str], size: float) -> Any:
    """A tab position past the longest key (Chinese characters are 1 em, Latin about half)."""
    ems = max((sum(1.0 if ord(c) >= 0x2E80 else 0.55 for c in key) for key in keys), default=0)
    return Mm(min(max(ems * size * 25.4 / 72 + 4, 18), 45))


def _split_fields(label: str) -> list[tuple[str, str]]:
    """``label`` as (text, field) pieces, the sentinels turned into PAGE and NUMPAGES."""
    pieces: list[tuple[str, str]] = []
    rest = label
    while rest:
        found = [
            (rest.find(str(sentinel)), sentinel, field)
            for sentinel, field in ((_PAGE_SENTINEL, "PAGE"), (_TOTAL_SENTINEL, "NUMPAGES"))
            if str(sentinel) in rest
        ]
        if not found:
            pieces.append((rest, ""))
            break
        at, sentinel, field = min(found)
        pieces.append((rest[:at], field))
        rest = rest[at + len(str(sentinel)) :]
    return pieces


def _repeat_header(row: Any) -> None:
    """Repeat ``row`` at the top of each page the table runs onto; never split it."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        tr_pr.append(element)


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)
