"""Draws overlay elements into transparent PNGs with QPainter (QtGui only, so off the GUI thread).

Each element is laid out first (:meth:`QtOverlayRenderer.layout`: panels as paths, text as
lines with their areas), then painted into a ``QImage`` of the element's box and encoded.
Sizes come from the theme's 1920×1080 reference layout, scaled to the state's canvas.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath

from studio_app.domain.overlay import (
    ComingUp,
    LowerThird,
    OverlayElement,
    OverlayState,
    QuestionCard,
)
from studio_app.services.overlay.model import (
    REFERENCE_HEIGHT,
    REFERENCE_WIDTH,
    Rect,
    RenderedElement,
)
from studio_app.services.overlay.theme import DEFAULT_THEME, Color, OverlayTheme
from studio_app.ui.overlay.png import encode_png
from studio_app.ui.overlay.text import clean_text, elide, fit_line, fit_text

#: Tried in order for every character the theme's font lacks: Chinese, then emoji, on Linux,
#: Windows and macOS, then whatever the system calls sans-serif.
FALLBACK_FAMILIES = (
    "Noto Sans CJK SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Color Emoji",
    "Segoe UI Emoji",
    "Apple Color Emoji",
    "sans-serif",
)


@dataclass(frozen=True)
class TextRun:
    """One line of text to draw, with the area it must stay inside."""

    text: str
    font: QFont
    color: QColor
    x: float
    baseline: float
    area: QRectF


@dataclass(frozen=True)
class Shape:
    """A filled panel, band, badge or rule."""

    path: QPainterPath
    color: QColor


@dataclass
class ElementLayout:
    """Where everything of one element goes, in the element's box (0, 0 = box's top-left)."""

    element: OverlayElement
    box: Rect
    shapes: list[Shape] = field(default_factory=list)
    runs: list[TextRun] = field(default_factory=list)
    #: Each text block's area (the runs' areas), e.g. the question body.
    blocks: dict[str, QRectF] = field(default_factory=dict)
    #: The visible lines of each text block.
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def panel_bounds(self) -> QRectF:
        """The union of all shapes (everything outside it is transparent)."""
        bounds = QRectF()
        for shape in self.shapes:
            bounds = bounds.united(shape.path.boundingRect())
        return bounds


class QtOverlayRenderer:
    """The PNG renderer (implements ``studio_app.services.overlay.model.OverlayRenderer``).

    Construct it once a ``QGuiApplication`` exists; ``render`` may then be called from any
    thread (it only uses ``QImage``, ``QPainter`` and fonts, never pixmaps or widgets), also
    from several at once: it keeps no state between calls.
    """

    def __init__(self, theme: OverlayTheme = DEFAULT_THEME) -> None:
        self._theme = theme
        self._families = list(dict.fromkeys((theme.font_family, *FALLBACK_FAMILIES)))
        # Lines are centred on the ink of a CJK ideograph (Chinese first), not on the font's
        # ascent/descent, which differ a lot between fonts.
        ink = QFontMetricsF(self.font(100)).tightBoundingRect("中")
        self._ink_centre = (ink.top() + ink.bottom()) / 200 if ink.height() > 0 else -0.38

    @property
    def theme(self) -> OverlayTheme:
        return self._theme

    def font(self, px: int, bold: bool = False) -> QFont:
        """The overlay font at ``px`` pixels, with the fallback family list."""
        font = QFont()
        font.setFamilies(self._families)
        font.setPixelSize(max(1, px))
        font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        # Unhinted metrics scale smoothly, so shrinking text to fit behaves predictably.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def geometry(self, element: OverlayElement, width: int, height: int) -> Rect:
        return self._theme.box(OverlayElement(element), width, height)

    def render(self, element: OverlayElement, state: OverlayState) -> RenderedElement:
        layout = self.layout(element, state)
        png = encode_png(self.paint(layout))
        box = layout.box
        return RenderedElement(layout.element, png, box.x, box.y, box.width, box.height)

    def layout(self, element: OverlayElement, state: OverlayState) -> ElementLayout:
        """Place the element's panels and text lines inside its box."""
        element = OverlayElement(element)
        box = self.geometry(element, state.width, state.height)
        scale = min(state.width / REFERENCE_WIDTH, state.height / REFERENCE_HEIGHT)
        layout = ElementLayout(element, box)
        content = state.content(element)
        builder = _Builder(self, layout, scale)
        if isinstance(content, QuestionCard):
            builder.question(content)
        elif isinstance(content, ComingUp):
            builder.coming_up(content)
        elif isinstance(content, LowerThird):
            builder.lower_third(content)
        return layout

    def paint(self, layout: ElementLayout) -> QImage:
        """Draw a layout into a transparent image of its box's size."""
        image = QImage(
            layout.box.width, layout.box.height, QImage.Format.Format_ARGB32_Premultiplied
        )
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            for shape in layout.shapes:
                painter.fillPath(shape.path, shape.color)
            for run in layout.runs:
                # A safety net only: the layout already keeps every line inside its area.
                painter.setClipRect(run.area.adjusted(-2, -2, 2, 2))
                painter.setFont(run.font)
                painter.setPen(run.color)
                painter.drawText(QPointF(run.x, run.baseline), run.text)
        finally:
            painter.end()
        return image

    def baseline(self, top: float, pitch: float, px: int) -> float:
        """The baseline that centres a line of ``px`` text in a ``pitch``-high row at ``top``."""
        return top + pitch / 2 - self._ink_centre * px


def _qcolor(color: Color) -> QColor:
    return QColor(color.r, color.g, color.b, color.a)


_ALL_CORNERS = frozenset({"tl", "tr", "br", "bl"})


def _rounded(rect: QRectF, radius: float, corners: frozenset[str] = _ALL_CORNERS) -> QPainterPath:
    """A rectangle with the given corners (``tl``, ``tr``, ``br``, ``bl``) rounded."""
    radius = max(0.0, min(radius, rect.width() / 2, rect.height() / 2))
    r = {corner: radius if corner in corners else 0.0 for corner in _ALL_CORNERS}
    left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    path = QPainterPath()
    path.moveTo(left + r["tl"], top)
    path.lineTo(right - r["tr"], top)
    if r["tr"]:
        path.arcTo(QRectF(right - 2 * r["tr"], top, 2 * r["tr"], 2 * r["tr"]), 90, -90)
    path.lineTo(right, bottom - r["br"])
    if r["br"]:
        path.arcTo(
            QRectF(right - 2 * r["br"], bottom - 2 * r["br"], 2 * r["br"], 2 * r["br"]), 0, -90
        )
    path.lineTo(left + r["bl"], bottom)
    if r["bl"]:
        path.arcTo(QRectF(left, bottom - 2 * r["bl"], 2 * r["bl"], 2 * r["bl"]), 270, -90)
    path.lineTo(left, top + r["tl"])
    if r["tl"]:
        path.arcTo(QRectF(left, top, 2 * r["tl"], 2 * r["tl"]), 180, -90)
    path.closeSubpath()
    return path


class _Builder:
    """Lays out one element into an :class:`ElementLayout`."""

    def __init__(self, renderer: QtOverlayRenderer, layout: ElementLayout, scale: float) -> None:
        theme = renderer.theme
        self.r = renderer
        self.out = layout
        self.k = scale
        self.t = theme
        self.c = theme.colors
        self.w = float(layout.box.width)
        self.h = float(layout.box.height)
        # Whole pixels for panel edges keep them crisp.
        self.pad = float(round(theme.padding * scale))
        self.radius = theme.corner_radius * scale
        self.lh = theme.line_height
        self.min_px = max(1, round(theme.min_font_size * scale))

    # ---------------------------------------------------------------- helpers
    def px(self, reference: int) -> int:
        return max(1, round(reference * self.k))

    def font_at(self, bold: bool = False) -> Callable[[int], QFont]:
        return lambda px: self.r.font(px, bold)

    def advance(self, text: str, px: int, bold: bool = False) -> float:
        return QFontMetricsF(self.r.font(px, bold)).horizontalAdvance(text)

    def shape(self, path: QPainterPath, color: Color) -> None:
        if color.a:
            self.out.shapes.append(Shape(path, _qcolor(color)))

    def line(
        self,
        name: str,
        text: str,
        px: int,
        color: Color,
        area: QRectF,
        bold: bool = False,
        align: str = "left",
    ) -> None:
        """One line of text centred vertically in ``area``."""
        self.lines(name, (text,), px, color, area, area.height(), bold, align)

    def lines(
        self,
        name: str,
        texts: Sequence[str],
        px: int,
        color: Color,
        area: QRectF,
        pitch: float,
        bold: bool = False,
        align: str = "left",
    ) -> None:
        font = self.r.font(px, bold)
        metrics = QFontMetricsF(font)
        for index, text in enumerate(texts):
            top = area.top() + index * pitch
            x = area.left()
            if align != "left":
                spare = area.width() - metrics.horizontalAdvance(text)
                x += spare if align == "right" else spare / 2
            baseline = self.r.baseline(top, pitch, px)
            self.out.runs.append(TextRun(text, font, _qcolor(color), x, baseline, area))
        self.out.blocks[name] = area
        self.out.lines[name] = tuple(texts)

    def pill(
        self,
        name: str,
        text: str,
        px: int,
        x: float,
        y: float,
        max_width: float,
        fill: Color,
        ink: Color,
        bold: bool = True,
        height_factor: float = 1.5,
    ) -> QRectF:
        """A label in a rounded pill with its top-left at ``x``, ``y``; returns the pill."""
        side = 0.6 * px
        px, text = fit_line(text, self.font_at(bold), px, self.min_px, max_width - 2 * side)
        height = round(px * height_factor)
        width = math.ceil(self.advance(text, px, bold) + 2 * side)
        rect = QRectF(x, y, width, height)
        self.shape(_rounded(rect, min(self.radius, height / 2) * 0.6), fill)
        self.line(name, text, px, ink, rect.adjusted(side, 0, -side, 0), bold)
        return rect

    # ---------------------------------------------------------------- question
    def question(self, card: QuestionCard) -> None:
        t, c, pad = self.t, self.c, self.pad
        text = clean_text(card.text)
        footer = [
            (key, part.strip())
            for key, part in (("asker", card.asker), ("source", card.source))
            if part.strip()
        ]
        count = card.ask_count_text.strip()
        heading = card.heading.strip()
        if not (text or footer or count or heading):
            return
        inner = self.w - 2 * pad
        gap = pad * 0.6
        head_px = self.px(t.font_sizes.question_heading)
        head_h = round(head_px * 1.5) if heading else 0.0
        foot_px = self.px(t.font_sizes.question_footer)
        foot_h = foot_px * self.lh if (footer or count) else 0.0
        # Top to bottom: heading, gap, body, gap, rule, gap, footer; gaps only between parts.
        around_body = (head_h + gap if heading else 0) + (2 * gap + foot_h if foot_h else 0)
        body = fit_text(
            text,
            self.font_at(),
            self.px(t.font_sizes.question_text),
            self.min_px,
            inner,
            max(1.0, self.h - 2 * pad - around_body),
            self.lh,
        )
        body_h = len(body.lines) * body.px * self.lh
        rule_gaps = 2 * gap if foot_h and (heading or body.lines) else 0.0
        content_h = head_h + (gap if heading and body.lines else 0) + body_h + rule_gaps + foot_h
        panel_h = min(self.h, math.ceil(2 * pad + content_h))
        top = self.h - panel_h  # anchored to the box's bottom, like the lower third beside it
        self.shape(_rounded(QRectF(0, top, self.w, panel_h), self.radius), c.panel)
        y = top + pad
        if heading:
            self.pill("heading", heading, head_px, pad, y, inner, c.accent, c.accent_text)
            y += head_h + (gap if body.lines else 0)
        if body.lines:
            pitch = body.px * self.lh
            area = QRectF(pad, y, inner, body_h)
            self.lines("text", body.lines, body.px, c.text, area, pitch)
            y += body_h
        if foot_h:
            if rule_gaps:
                y += gap
                rule = QPainterPath()
                rule.addRect(QRectF(pad, y - max(1.0, self.k) / 2, inner, max(1.0, self.k)))
                self.shape(rule, c.divider)
                y += gap
            self.footer(footer, count, foot_px, QRectF(pad, y, inner, foot_h))

    def footer(self, parts: list[tuple[str, str]], count: str, px: int, area: QRectF) -> None:
        """Asker and source on the left, the "N residents asked" badge on the right."""
        c = self.c
        sep_factor = 1.4  # the gap between asker and source, in font sizes (a rule sits in it)

        def widths(size: int) -> tuple[float, float]:
            badge = self.advance(count, size, True) + 1.2 * size if count else 0.0
            left = sum(self.advance(p, size) for _, p in parts)
            left += sep_factor * size * (len(parts) - 1)
            return left, badge

        size = px
        while size > self.min_px:
            left, badge = widths(size)
            if left + badge + (size if parts and count else 0) <= area.width():
                break
            size -= 1
        left_w, badge_w = widths(size)
        if count:
            badge_w = min(badge_w, area.width() if not parts else area.width() * 0.5)
            factor = min(1.4, area.height() / size)  # no taller than the footer line
            x = area.right() - badge_w
            y = area.top() + (area.height() - round(size * factor)) / 2
            self.pill(
                "count", count, size, x, y, badge_w, c.highlight, c.highlight_text, True, factor
            )
        room = area.width() - (badge_w + size if count else 0)
        if not parts:
            return
        texts = [text for _, text in parts]
        if left_w > room:  # still too wide at the minimum size: cut the source, then the asker
            sep = sep_factor * size
            if len(texts) == 2:
                asker_w = min(self.advance(texts[0], size), room * 0.4)
                texts[0] = elide(texts[0], self.r.font(size), asker_w)
                rest = room - self.advance(texts[0], size) - sep
                texts[1] = elide(texts[1], self.r.font(size), max(0.0, rest))
            else:
                texts[0] = elide(texts[0], self.r.font(size), room)
        x = area.left()
        for index, text in enumerate(texts):
            if index:
                rule = QPainterPath()
                rule_h = size * 0.8
                rule.addRect(
                    QRectF(
                        x + sep_factor * size / 2 - max(1.0, self.k) / 2,
                        area.center().y() - rule_h / 2,
                        max(1.0, 1.5 * self.k),
                        rule_h,
                    )
                )
                self.shape(rule, c.divider)
                x += sep_factor * size
            width = self.advance(text, size)
            key = parts[index][0]
            self.line(key, text, size, c.muted_text, QRectF(x, area.top(), width, area.height()))
            x += width

    # ---------------------------------------------------------------- coming up
    def coming_up(self, coming: ComingUp) -> None:
        t, c, pad = self.t, self.c, self.pad
        items = [clean_text(item) for item in coming.items]
        items = [item for item in items if item][: t.max_coming_up_items]
        heading = coming.heading.strip()
        if not items:
            return
        inner = self.w - 2 * pad
        gap = pad * 0.6
        head_px = self.px(t.font_sizes.coming_up_heading)
        head_h = round(head_px * 1.5) if heading else 0.0
        item_px = self.px(t.font_sizes.coming_up_item)
        row_h = item_px * self.lh
        room = self.h - 2 * pad - (head_h + gap if heading else 0)
        items = items[: max(1, math.floor(room / row_h + 0.01))]
        panel_h = min(
            self.h, math.ceil(2 * pad + (head_h + gap if heading else 0) + len(items) * row_h)
        )
        self.shape(_rounded(QRectF(0, 0, self.w, panel_h), self.radius), c.panel)
        y = pad
        if heading:
            self.pill("heading", heading, head_px, pad, y, inner, c.accent, c.accent_text)
            y += head_h + gap
        badge = item_px * 1.15
        text_x = pad + badge + item_px * 0.5
        text_w = self.w - pad - text_x
        for index, item in enumerate(items):
            row = QRectF(pad, y, inner, row_h)
            square = QRectF(pad, row.center().y() - badge / 2, badge, badge)
            self.shape(_rounded(square, badge * 0.25), c.divider)
            number_px = max(1, round(item_px * 0.8))
            self.line(f"number{index}", str(index + 1), number_px, c.text, square, True, "center")
            text = elide(item, self.r.font(item_px), text_w)
            self.line(f"item{index}", text, item_px, c.text, QRectF(text_x, y, text_w, row_h))
            y += row_h

    # ---------------------------------------------------------------- lower third
    def lower_third(self, lower: LowerThird, shrink: float = 1.0) -> None:
        t, c = self.t, self.c
        k = self.k * shrink
        name = " ".join(lower.name.split())
        right = [
            (key, " ".join(text.split()), max(1, round(size * k)), color)
            for key, text, size, color in (
                ("title", lower.title, t.font_sizes.title, c.text),
                ("department", lower.department, t.font_sizes.department, c.muted_text),
            )
            if text.strip()
        ]
        agenda = " ".join(lower.agenda_title.split())
        if not (name or right or agenda):
            return
        pad = float(round(self.pad * shrink))
        pad_v = pad * 0.7
        inner = self.w - 2 * pad
        sep = pad * 1.6  # between the name and the title column, with a rule in the middle
        main_h = main_w = 0.0
        name_px, name_w = max(1, round(t.font_sizes.name * k)), 0.0
        fitted_right: list[tuple[str, str, int, Color]] = []
        if name:
            name_room = inner * 0.5 if right else inner
            name_px, name = fit_line(name, self.font_at(True), name_px, self.min_px, name_room)
            name_w = self.advance(name, name_px, True)
        right_room = inner - (name_w + sep if name else 0)
        for key, text, size, color in right:
            px, line = fit_line(text, self.font_at(), size, min(size, self.min_px), right_room)
            fitted_right.append((key, line, px, color))
        right_w = max((self.advance(text, px) for _, text, px, _ in fitted_right), default=0.0)
        right_h = sum(px * self.lh for _, _, px, _ in fitted_right)
        if name or fitted_right:
            content_h = max(name_px * self.lh if name else 0.0, right_h)
            main_h = float(math.ceil(content_h + 2 * pad_v))
            main_w = min(
                self.w, math.ceil(2 * pad + name_w + right_w + (sep if name and right else 0))
            )
        band_px = max(1, round(t.font_sizes.agenda * k))
        band_h = band_w = 0.0
        if agenda:
            band_pad = pad * 0.8
            band_px, agenda = fit_line(
                agenda, self.font_at(True), band_px, self.min_px, self.w - 2 * band_pad
            )
            band_h = round(band_px * 1.7)
            band_w = min(self.w, math.ceil(self.advance(agenda, band_px, True) + 2 * band_pad))
        if main_h + band_h > self.h + 0.01 and shrink > 0.2:
            # A theme whose sizes overfill the box: scale everything down and lay out again.
            self.lower_third(lower, shrink * self.h / (main_h + band_h) * 0.98)
            return
        main_top = self.h - main_h
        if main_h:
            # The band sits on the panel's top-left: the corners where they meet are square.
            corners = set(_ALL_CORNERS)
            if band_h:
                corners.discard("tl")
                if band_w >= main_w:
                    corners.discard("tr")
            panel = _rounded(QRectF(0, main_top, main_w, main_h), self.radius, frozenset(corners))
            self.shape(panel, c.panel)
            strip = QPainterPath()
            strip.addRect(QRectF(0, main_top, max(2.0, 6 * k), main_h))
            self.shape(strip.intersected(panel), c.accent)
            content = QRectF(pad, main_top + pad_v, main_w - 2 * pad, main_h - 2 * pad_v)
            x = content.left()
            if name:
                self.line(
                    "name",
                    name,
                    name_px,
                    c.text,
                    QRectF(x, content.top(), name_w, content.height()),
                    True,
                )
                x += name_w
                if fitted_right:
                    rule = QPainterPath()
                    rule.addRect(
                        QRectF(
                            x + sep / 2 - k,
                            content.top() + content.height() * 0.1,
                            max(1.0, 2 * k),
                            content.height() * 0.8,
                        )
                    )
                    self.shape(rule, c.divider)
                    x += sep
            y = content.top() + (content.height() - right_h) / 2
            for key, text, px, color in fitted_right:
                self.line(key, text, px, color, QRectF(x, y, right_w, px * self.lh))
                y += px * self.lh
        if band_h:
            band_top = main_top - band_h
            corners = {"tl", "tr"}
            if band_w > main_w:
                corners.add("br")
            if not main_h:
                corners |= {"br", "bl"}
            band = QRectF(0, band_top, band_w, band_h)
            self.shape(_rounded(band, self.radius, frozenset(corners)), c.accent)
            text_area = band.adjusted(pad * 0.8, 0, -pad * 0.8, 0)
            self.line("agenda", agenda, band_px, c.accent_text, text_area, True)
