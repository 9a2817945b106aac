"""The PNG overlay renderer: image size and alpha, fitting nasty text, line breaking, threads."""

from __future__ import annotations

import math
import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication

from studio_app.domain.overlay import (
    ComingUp,
    LowerThird,
    OverlayElement,
    OverlayState,
    QuestionCard,
)
from studio_app.services.overlay.model import OverlayRenderer, Rect
from studio_app.services.overlay.theme import DEFAULT_THEME, Color, OverlayTheme, ThemeColors
from studio_app.ui.overlay.renderer import ElementLayout, QtOverlayRenderer
from studio_app.ui.overlay.text import (
    ELLIPSIS,
    NO_LINE_END,
    NO_LINE_START,
    break_lines,
    clean_text,
    fit_text,
)

QUESTION = QuestionCard(
    text="我们村东头的那段路灯已经坏了三个多月了，晚上孩子放学回家黑灯瞎火的很不安全，"
    "请问镇里什么时候能派人来修好？",
    asker="张**",
    source="热线电话 · 交通",
    ask_count_text="3 位居民问到",
    heading="居民提问",
)
COMING_UP = ComingUp(
    heading="即将回答",
    items=(
        "今年的新农合缴费标准是多少？什么时候截止缴纳？",
        "村里的自来水管道改造工程什么时候开工？",
        "养老保险补贴怎么申请，需要准备哪些材料？",
        "这一条超过了主题的条数上限，不显示",
    ),
)
LOWER = LowerThird(
    name="王建国",
    title="镇长",
    department="青山镇人民政府",
    agenda_title="议程二：农村道路与公共设施维护",
)
FULL = OverlayState(
    question=QUESTION,
    question_visible=True,
    coming_up=COMING_UP,
    coming_up_visible=True,
    lower_third=LOWER,
    lower_third_visible=True,
)

NASTY_TEXTS = {
    "very long": "关于我们村的自来水问题，水压不够、水质发黄，" * 25,
    "unbreakable digits": "请问编号" + "1234567890" * 40 + "的项目进展如何？",
    "unbreakable latin": "https://www.example.gov.cn/" + "abcdefghij" * 40 + "（打不开）？",
    "many short lines": "\n".join(f"第{i}行：问题" for i in range(1, 60)),
    "one character": "好",
    "mixed": "今年5G基站建设进度如何？WiFi覆盖率能到95%吗😀👍🏽 OBS直播2024年12月31日前完成吗？",
    "punctuation runs": "「问题」？！……——（这个）、《那个》；“引号”：" * 12,
    "spaces": "   word   " * 60,
}

#: Panels, pills, badges and rules invisible: only text leaves ink.
TEXT_ONLY = replace(
    DEFAULT_THEME,
    colors=replace(
        DEFAULT_THEME.colors,
        panel=Color(0, 0, 0, 0),
        accent=Color(0, 0, 0, 0),
        highlight=Color(0, 0, 0, 0),
        divider=Color(0, 0, 0, 0),
    ),
)


@pytest.fixture
def renderer(qapp: QApplication) -> QtOverlayRenderer:
    return QtOverlayRenderer(DEFAULT_THEME)


@pytest.fixture
def text_renderer(qapp: QApplication) -> QtOverlayRenderer:
    return QtOverlayRenderer(TEXT_ONLY)


def decode(png: bytes) -> QImage:
    image = QImage.fromData(png)
    assert not image.isNull()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def ink_outside(image: QImage, allowed: list[QRectF]) -> list[tuple[int, int]]:
    """Pixels with any alpha that lie outside every allowed rectangle."""
    data = bytes(image.constBits())
    stride, width = image.bytesPerLine(), image.width()
    found: list[tuple[int, int]] = []
    for y in range(image.height()):
        alpha = data[y * stride + 3 : y * stride + 4 * width : 4]  # BGRA in memory
        if not alpha.strip(b"\x00"):
            continue
        ok = bytearray(width)
        for rect in allowed:
            if rect.top() < y + 1 and y < rect.bottom():  # the row touches the rectangle
                left = max(0, math.floor(rect.left()))
                right = min(width, math.ceil(rect.right()))
                ok[left:right] = b"\x01" * max(0, right - left)
        found.extend((x, y) for x in range(width) if alpha[x] and not ok[x])
        if len(found) > 20:
            break
    return found


def opaque_count(image: QImage) -> int:
    data = bytes(image.constBits())
    return sum(1 for a in data[3::4] if a > 128)


def question_state(text: str, **changes: str) -> OverlayState:
    return OverlayState(question=replace(QUESTION, text=text, **changes), question_visible=True)


# ---------------------------------------------------------------- images


def test_the_renderer_implements_the_protocol(renderer: QtOverlayRenderer) -> None:
    protocol_user: OverlayRenderer = renderer
    assert protocol_user.geometry(OverlayElement.QUESTION, 1920, 1080) == Rect(1000, 546, 824, 480)


@pytest.mark.parametrize("element", list(OverlayElement))
def test_each_element_is_a_png_of_its_box_with_alpha(
    renderer: QtOverlayRenderer, element: OverlayElement
) -> None:
    rendered = renderer.render(element, FULL)
    box = renderer.geometry(element, 1920, 1080)
    assert rendered.element is element
    assert rendered.rect == box
    image = QImage.fromData(rendered.png)
    assert (image.width(), image.height()) == (box.width, box.height)
    assert image.hasAlphaChannel()
    assert opaque_count(decode(rendered.png)) > 1000


@pytest.mark.parametrize("element", list(OverlayElement))
def test_nothing_is_drawn_outside_the_panels(
    renderer: QtOverlayRenderer, element: OverlayElement
) -> None:
    layout = renderer.layout(element, FULL)
    panels = layout.panel_bounds()
    box = QRectF(0, 0, layout.box.width, layout.box.height)
    assert box.contains(panels)
    image = decode(renderer.render(element, FULL).png)
    assert ink_outside(image, [panels]) == []
    # The boxes are smaller than the canvas, and anchored panels leave the rest transparent.
    corners = [(0, 0), (image.width() - 1, 0), (0, image.height() - 1)]
    corners.append((image.width() - 1, image.height() - 1))
    transparent = [c for c in corners if image.pixelColor(*c).alpha() == 0]
    assert transparent, "some corner of the box is transparent (rounded or unused)"


@pytest.mark.parametrize("element", list(OverlayElement))
def test_an_element_without_content_is_fully_transparent(
    renderer: QtOverlayRenderer, element: OverlayElement
) -> None:
    empty = OverlayState(
        question=None,
        coming_up=ComingUp(heading="即将回答", items=()),
        lower_third=LowerThird(),
    )
    rendered = renderer.render(element, empty)
    image = decode(rendered.png)
    assert (image.width(), image.height()) == (rendered.width, rendered.height)
    assert ink_outside(image, []) == []


def test_rendering_is_deterministic(qapp: QApplication) -> None:
    first, second = QtOverlayRenderer(), QtOverlayRenderer()
    for element in OverlayElement:
        assert first.render(element, FULL).png == first.render(element, FULL).png
        assert first.render(element, FULL).png == second.render(element, FULL).png


def test_boxes_and_text_scale_with_the_canvas(renderer: QtOverlayRenderer) -> None:
    small = replace(FULL, width=1280, height=720)
    for element in OverlayElement:
        big_box = renderer.geometry(element, 1920, 1080)
        rendered = renderer.render(element, small)
        assert rendered.rect == renderer.geometry(element, 1280, 720)
        assert abs(rendered.width - big_box.width * 2 / 3) <= 1
        assert decode(rendered.png).width() == rendered.width
    big = renderer.layout(OverlayElement.LOWER_THIRD, FULL).runs[0].font.pixelSize()
    scaled = renderer.layout(OverlayElement.LOWER_THIRD, small).runs[0].font.pixelSize()
    assert scaled == round(big * 2 / 3)


def test_a_bad_canvas_size_is_refused(renderer: QtOverlayRenderer) -> None:
    with pytest.raises(ValueError, match="canvas size"):
        renderer.render(OverlayElement.QUESTION, replace(FULL, width=0))


# ---------------------------------------------------------------- text


def test_chinese_text_renders_real_glyphs(text_renderer: QtOverlayRenderer) -> None:
    # Missing glyphs would all be the same empty box ("tofu"): different characters must differ.
    images = []
    for text in ("中", "国"):
        state = OverlayState(question=QuestionCard(text=text))
        image = decode(text_renderer.render(OverlayElement.QUESTION, state).png)
        assert opaque_count(image) > 200
        images.append(image)
    assert images[0] != images[1]


def test_the_font_falls_back_for_chinese_and_emoji(renderer: QtOverlayRenderer) -> None:
    families = renderer.font(40).families()
    assert families[0] == DEFAULT_THEME.font_family
    assert {"Noto Sans CJK SC", "Noto Color Emoji", "sans-serif"} <= set(families)
    western = QtOverlayRenderer(replace(DEFAULT_THEME, font_family="DejaVu Sans"))
    assert western.font(40).families()[:2] == ["DejaVu Sans", "Noto Sans CJK SC"]


def assert_text_fits(layout: ElementLayout, renderer: QtOverlayRenderer, text: str) -> None:
    area = layout.blocks["text"]
    lines = layout.lines["text"]
    run = next(r for r in layout.runs if r.area == area)
    pitch = run.font.pixelSize() * renderer.theme.line_height
    assert len(lines) * pitch <= area.height() + 0.5
    metrics = QFontMetricsF(run.font)
    for line in lines:
        assert metrics.horizontalAdvance(line) <= area.width() + 0.5, line
    # What shows is the start of the question, in order.
    shown = "".join(lines).removesuffix(ELLIPSIS)
    squeezed = "".join(clean_text(text).split())
    assert squeezed.startswith("".join(shown.split())), (shown[:40], squeezed[:40])
    assert lines[0] == clean_text(text)[: len(lines[0])]


@pytest.mark.parametrize("name", list(NASTY_TEXTS))
def test_nasty_question_text_stays_inside_its_area(
    text_renderer: QtOverlayRenderer, renderer: QtOverlayRenderer, name: str
) -> None:
    text = NASTY_TEXTS[name]
    state = question_state(text)
    layout = text_renderer.layout(OverlayElement.QUESTION, state)
    assert_text_fits(layout, text_renderer, text)
    image = decode(text_renderer.render(OverlayElement.QUESTION, state).png)
    # All ink lies in the text areas (2 px of antialiasing), which lie inside the padding.
    areas = [area.adjusted(-2, -2, 2, 2) for area in layout.blocks.values()]
    assert ink_outside(image, areas) == []
    pad = DEFAULT_THEME.padding
    content = QRectF(pad - 2, pad - 2, image.width() - 2 * pad + 4, image.height() - 2 * pad + 4)
    assert ink_outside(image, [content]) == []
    # With the real theme nothing leaves the panel either.
    full = decode(renderer.render(OverlayElement.QUESTION, state).png)
    assert ink_outside(full, [renderer.layout(OverlayElement.QUESTION, state).panel_bounds()]) == []


def test_long_text_shrinks_then_is_elided(renderer: QtOverlayRenderer) -> None:
    short = renderer.layout(OverlayElement.QUESTION, question_state("好"))
    medium = renderer.layout(OverlayElement.QUESTION, question_state(QUESTION.text * 2))
    long = renderer.layout(OverlayElement.QUESTION, question_state(NASTY_TEXTS["very long"]))

    def size(layout: ElementLayout) -> int:
        return next(r.font.pixelSize() for r in layout.runs if r.area == layout.blocks["text"])

    assert size(short) == DEFAULT_THEME.font_sizes.question_text
    assert DEFAULT_THEME.min_font_size < size(medium) < DEFAULT_THEME.font_sizes.question_text
    assert not medium.lines["text"][-1].endswith(ELLIPSIS)
    assert size(long) == DEFAULT_THEME.min_font_size
    assert long.lines["text"][-1].endswith(ELLIPSIS)


def test_a_short_question_gets_a_short_panel_at_the_bottom(renderer: QtOverlayRenderer) -> None:
    layout = renderer.layout(OverlayElement.QUESTION, question_state("好"))
    panel = layout.panel_bounds()
    assert panel.bottom() == pytest.approx(layout.box.height, abs=1)
    assert panel.top() > 0
    long = renderer.layout(OverlayElement.QUESTION, question_state(QUESTION.text * 3))
    assert long.panel_bounds().height() > panel.height() + 100


@pytest.mark.parametrize(
    "card",
    [
        QuestionCard(text="只有问题"),
        QuestionCard(text="", heading="居民提问", asker="张**"),
        QuestionCard(text="没有页脚", heading="居民提问"),
        QuestionCard(text="没有标题", source="短信 · 医保", ask_count_text="2 位居民问到"),
        QuestionCard(text="只有人数", ask_count_text="5 位居民问到"),
        QuestionCard(
            text="超长页脚",
            asker="欧阳" + "某" * 40,
            source="热线电话 · " + "非常长的分类名称" * 10,
            ask_count_text="128 位居民问到",
        ),
    ],
)
def test_question_parts_may_be_empty_or_long(
    text_renderer: QtOverlayRenderer, renderer: QtOverlayRenderer, card: QuestionCard
) -> None:
    state = OverlayState(question=card)
    layout = renderer.layout(OverlayElement.QUESTION, state)
    image = decode(text_renderer.render(OverlayElement.QUESTION, state).png)
    assert ink_outside(image, [a.adjusted(-2, -2, 2, 2) for a in layout.blocks.values()]) == []
    shown = {key: lines[0] for key, lines in layout.lines.items()}
    assert ("heading" in shown) == bool(card.heading)
    assert ("count" in shown) == bool(card.ask_count_text)
    assert ("asker" in shown) == bool(card.asker)
    for one, other in [(a, b) for a in layout.blocks.values() for b in layout.blocks.values()]:
        assert one is other or not one.intersects(other), "text blocks overlap"
    # The panel grows with its content and keeps the padding all round.
    pad = DEFAULT_THEME.padding - 0.5
    inner = layout.panel_bounds().adjusted(pad, pad, -pad, -pad)
    for area in layout.blocks.values():
        assert inner.contains(area), (area, inner)


def test_coming_up_shows_at_most_the_theme_count_on_one_line_each(
    text_renderer: QtOverlayRenderer,
) -> None:
    long_items = ComingUp(heading="即将回答", items=tuple(NASTY_TEXTS.values()))
    state = OverlayState(coming_up=long_items)
    layout = text_renderer.layout(OverlayElement.COMING_UP, state)
    items = [key for key in layout.lines if key.startswith("item")]
    assert len(items) == DEFAULT_THEME.max_coming_up_items
    assert all(len(layout.lines[key]) == 1 for key in items)
    assert layout.lines["item0"][0].endswith(ELLIPSIS)
    assert layout.lines["item0"][0].startswith("关于我们村")
    image = decode(text_renderer.render(OverlayElement.COMING_UP, state).png)
    assert ink_outside(image, [a.adjusted(-2, -2, 2, 2) for a in layout.blocks.values()]) == []


@pytest.mark.parametrize(
    "lower",
    [
        LOWER,
        LowerThird(name="欧阳建国"),
        LowerThird(agenda_title="议程三：现场答疑"),
        LowerThird(title="副镇长", department="青山镇人民政府"),
        LowerThird(
            name="阿卜杜热合曼·买买提明" * 3,
            title="县农业农村局党组书记、局长兼县乡村振兴局局长" * 2,
            department="某某县农业农村局（县乡村振兴局）综合办公室" * 2,
            agenda_title="议程四：关于进一步做好高标准农田建设和耕地保护工作的情况通报及答疑" * 2,
        ),
    ],
)
def test_the_lower_third_keeps_its_text_inside(
    text_renderer: QtOverlayRenderer, renderer: QtOverlayRenderer, lower: LowerThird
) -> None:
    state = OverlayState(lower_third=lower)
    layout = text_renderer.layout(OverlayElement.LOWER_THIRD, state)
    image = decode(text_renderer.render(OverlayElement.LOWER_THIRD, state).png)
    assert ink_outside(image, [a.adjusted(-2, -2, 2, 2) for a in layout.blocks.values()]) == []
    for key in ("name", "title", "department", "agenda_title"):
        block = "agenda" if key == "agenda_title" else key
        assert (block in layout.lines) == bool(getattr(lower, key))
        if block in layout.lines:
            assert layout.lines[block][0][:2] == getattr(lower, key)[:2]
    full = renderer.layout(OverlayElement.LOWER_THIRD, state)
    assert QRectF(0, 0, full.box.width, full.box.height).contains(full.panel_bounds())


def test_an_overfull_theme_still_fits_the_lower_third(qapp: QApplication) -> None:
    sizes = replace(DEFAULT_THEME.font_sizes, name=120, title=80, department=80, agenda=90)
    huge = QtOverlayRenderer(replace(TEXT_ONLY, font_sizes=sizes, min_font_size=60))
    state = OverlayState(lower_third=LOWER)
    layout = huge.layout(OverlayElement.LOWER_THIRD, state)
    image = decode(huge.render(OverlayElement.LOWER_THIRD, state).png)
    assert ink_outside(image, [a.adjusted(-2, -2, 2, 2) for a in layout.blocks.values()]) == []
    for area in layout.blocks.values():
        assert QRectF(0, 0, image.width(), image.height()).contains(area)


# ---------------------------------------------------------------- line breaking


def lines_of(text: str, width: float, renderer: QtOverlayRenderer) -> list[str]:
    return [text[start:end] for start, end in break_lines(text, renderer.font(40), width)]


def assert_punctuation_rules(lines: list[str]) -> None:
    for line in lines[1:]:
        assert line.lstrip()[:1] not in NO_LINE_START, lines
    for line in lines[:-1]:
        assert line.rstrip()[-1:] not in NO_LINE_END, lines


@pytest.mark.parametrize(
    ("text", "width"),
    [
        # Qt breaks these "anywhere" right before the punctuation (the run is wider than the
        # line), or allows the break before ～ and ·.
        ("abcdefghijklmnopqrstuvwxyz，测试", 200),
        ("请问12345678901234567890。好", 200),
        ("你好 ，世界", 100),
        ("测试测试测试测试～测试测试测试测试", 160),
        ("阿卜杜拉·艾力阿卜杜拉·艾力", 120),
        ("测试（abcdefghijklmnopqrstuvwxyz）", 200),
    ],
)
def test_closing_punctuation_never_starts_a_line(
    renderer: QtOverlayRenderer, text: str, width: float
) -> None:
    lines = lines_of(text, width, renderer)
    assert len(lines) > 1
    assert_punctuation_rules(lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_every_closing_mark_after_every_position(renderer: QtOverlayRenderer) -> None:
    for mark in "，。！？、；：」）』》…":
        for before in range(1, 9):
            text = "测" * before + mark + "测" * 12
            for width in (120, 135, 160, 199, 200, 239):
                assert_punctuation_rules(lines_of(text, width, renderer))
    for mark in "「（『《“":
        for before in range(1, 9):
            text = "测" * before + mark + "测" * 12
            for width in (120, 135, 160, 199, 200, 239):
                assert_punctuation_rules(lines_of(text, width, renderer))


WORDS = st.sampled_from(
    ["测", "试", "问题", "村", "abc", "Hello", "OBS", "2024", "95%", "5G", "😀", "x" * 18, "1" * 22]
)
TOKEN = st.tuples(
    st.sampled_from(["", "", "", *"「（《“"]),
    WORDS,
    st.sampled_from(["", "", "", *"，。！？、；：」）》”…"]),
    st.sampled_from(["", "", " "]),
).map("".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tokens=st.lists(TOKEN, min_size=1, max_size=30), width=st.integers(160, 700))
def test_line_breaking_properties(
    renderer: QtOverlayRenderer, tokens: list[str], width: int
) -> None:
    text = "".join(tokens).strip()
    spans = break_lines(text, renderer.font(40), width)
    lines = [text[start:end] for start, end in spans]
    assert_punctuation_rules(lines)
    # Nothing is lost or reordered: only whitespace lies between lines.
    position = 0
    for start, end in spans:
        assert text[position:start].strip() == ""
        assert start < end
        position = end
    assert text[position:].strip() == ""
    metrics = QFontMetricsF(renderer.font(40))
    for line in lines:
        assert metrics.horizontalAdvance(line) <= width + 0.5 or len(line) <= 2


def test_fit_text_keeps_explicit_line_breaks_and_drops_blank_lines(
    renderer: QtOverlayRenderer,
) -> None:
    text = "第一行\n\n\n第二行\r\n  第三行   ok \t end  "
    fitted = fit_text(text, renderer.font, 40, 20, 800, 800, 1.4)
    assert fitted.lines == ("第一行", "第二行", "第三行 ok end")
    assert fitted.px == 40


def test_fit_text_in_a_box_too_small_for_one_line(renderer: QtOverlayRenderer) -> None:
    fitted = fit_text(QUESTION.text, renderer.font, 40, 20, 300, 14, 1.4)
    assert len(fitted.lines) == 1
    assert fitted.px * 1.4 <= 14
    assert fitted.lines[0].endswith(ELLIPSIS)


# ---------------------------------------------------------------- threads


def test_rendering_works_from_worker_threads(renderer: QtOverlayRenderer) -> None:
    expected = {element: renderer.render(element, FULL).png for element in OverlayElement}
    results: dict[tuple[int, OverlayElement], bytes] = {}
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            for element in OverlayElement:
                results[(index, element)] = renderer.render(element, FULL).png
        except BaseException as error:  # reported below, on the test's thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(results) == 3 * len(OverlayElement)
    for (_, element), png in results.items():
        assert png == expected[element]


def test_a_renderer_made_on_a_worker_thread_works(qapp: QApplication) -> None:
    box: list[bytes] = []
    thread = threading.Thread(
        target=lambda: box.append(QtOverlayRenderer().render(OverlayElement.QUESTION, FULL).png)
    )
    thread.start()
    thread.join(timeout=60)
    assert box and decode(box[0]).width() == 824


# ---------------------------------------------------------------- samples


def test_sample_images(renderer: QtOverlayRenderer, tmp_path: Path) -> None:
    """Writes samples to $OVERLAY_SAMPLES_DIR (look at them!) or a temporary folder."""
    folder = Path(os.environ.get("OVERLAY_SAMPLES_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for element in OverlayElement:
        (folder / f"{element.value}.png").write_bytes(renderer.render(element, FULL).png)
    for name, text in NASTY_TEXTS.items():
        png = renderer.render(OverlayElement.QUESTION, question_state(text)).png
        (folder / f"question_{name.replace(' ', '_')}.png").write_bytes(png)
    assert len(list(folder.glob("*.png"))) >= 3 + len(NASTY_TEXTS)


def test_the_colours_reach_the_image(qapp: QApplication) -> None:
    red = QtOverlayRenderer(
        replace(DEFAULT_THEME, colors=replace(ThemeColors(), panel=Color(255, 0, 0, 255)))
    )
    layout = red.layout(OverlayElement.QUESTION, FULL)
    image = decode(red.render(OverlayElement.QUESTION, FULL).png)
    # Just inside the panel's bottom-left corner, below the footer: the panel colour.
    pixel = image.pixelColor(int(layout.panel_bounds().left()) + 20, image.height() - 6)
    assert (pixel.red(), pixel.green(), pixel.blue(), pixel.alpha()) == (255, 0, 0, 255)


def test_a_theme_instance_is_not_needed_to_use_defaults(qapp: QApplication) -> None:
    assert QtOverlayRenderer().theme is DEFAULT_THEME
    assert isinstance(QtOverlayRenderer().theme, OverlayTheme)
