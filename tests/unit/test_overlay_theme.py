"""The overlay theme file: defaults, partial themes, broken files, colours, scaled boxes."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from studio_app.domain.overlay import OverlayElement
from studio_app.services.overlay.model import Rect
from studio_app.services.overlay.theme import (
    DEFAULT_THEME,
    Color,
    OverlayTheme,
    ThemeError,
    default_theme_path,
    load_theme,
    parse_color,
    parse_theme,
)


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "theme.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_the_shipped_theme_is_the_default(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        theme = load_theme(default_theme_path())
    assert caplog.records == []
    assert theme == DEFAULT_THEME


def test_a_partial_theme_keeps_the_other_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "colors": {"panel": "rgba(0, 0, 0, 0.5)"},
            "font_sizes": {"question_text": 60},
            "boxes": {"lower_third": {"x": 100, "y": 800, "width": 900, "height": 200}},
            "line_height": 1.5,
        },
    )
    theme = load_theme(path)
    assert theme.colors.panel == Color(0, 0, 0, 128)
    assert theme.colors.accent == DEFAULT_THEME.colors.accent
    assert theme.font_sizes.question_text == 60
    assert theme.font_sizes.name == DEFAULT_THEME.font_sizes.name
    assert theme.boxes.lower_third == Rect(100, 800, 900, 200)
    assert theme.boxes.question == DEFAULT_THEME.boxes.question
    assert theme.line_height == 1.5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{ not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ({"colors": {"panel": "navy"}}, "colors.panel"),
        ({"colors": {"panel": "#12345"}}, "colors.panel"),
        ({"colors": {"text": "rgba(300, 0, 0, 1)"}}, "colors.text"),
        ({"colors": "red"}, "colors: must be an object"),
        ({"padding": "28"}, "padding: expected a whole number"),
        ({"padding": True}, "padding"),
        ({"padding": -1}, "padding: must be 0–200"),
        ({"line_height": 0.5}, "line_height"),
        ({"font_family": ""}, "font_family"),
        ({"font_sizes": {"name": 0}}, "font_sizes.name"),
        ({"max_coming_up_items": 0}, "max_coming_up_items"),
        ({"boxes": {"question": {"x": 1800, "y": 0, "width": 400, "height": 300}}}, "canvas"),
        ({"boxes": {"question": [0, 0, 100, 100]}}, "boxes.question"),
        ({"boxes": {"question": {"x": 0, "y": 0, "width": 60, "height": 60}}}, "too small"),
    ],
)
def test_a_broken_theme_falls_back_to_the_default_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: Any, message: str
) -> None:
    path = write(tmp_path, content)
    with caplog.at_level(logging.WARNING):
        assert load_theme(path) is DEFAULT_THEME
    assert message in caplog.text
    assert str(path) in caplog.text
    if message != "not valid JSON":
        with pytest.raises(ThemeError, match=message):
            parse_theme(json.loads(content) if isinstance(content, str) else content)


def test_a_missing_or_unreadable_file_falls_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert load_theme(tmp_path / "missing.json") is DEFAULT_THEME
        (tmp_path / "latin1.json").write_bytes('{"font_family": "Ä"}'.encode("latin-1"))
        assert load_theme(tmp_path / "latin1.json") is DEFAULT_THEME
    assert caplog.text.count("using the default theme") == 2


def test_unknown_keys_are_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, {"padding": 20, "colours": {}, "colors": {"pannel": "#000"}})
    with caplog.at_level(logging.WARNING):
        theme = load_theme(path)
    assert theme.padding == 20
    assert "'colours'" in caplog.text
    assert "colors.pannel" in caplog.text


def test_misuse_raises() -> None:
    with pytest.raises(TypeError):
        load_theme(42)  # type: ignore[arg-type]
    with pytest.raises(ThemeError, match="padding"):
        OverlayTheme(padding=-5)
    with pytest.raises(ThemeError, match="min_font_size"):
        replace(DEFAULT_THEME, min_font_size=0)
    with pytest.raises(ValueError, match="canvas size"):
        DEFAULT_THEME.box(OverlayElement.QUESTION, 0, 1080)


@pytest.mark.parametrize(
    ("text", "color"),
    [
        ("#fff", Color(255, 255, 255, 255)),
        ("#0008", Color(0, 0, 0, 136)),
        ("#091E42", Color(9, 30, 66, 255)),
        ("#091E42E0", Color(9, 30, 66, 224)),
        ("rgb(9, 30, 66)", Color(9, 30, 66, 255)),
        ("rgba(9,30,66,0.5)", Color(9, 30, 66, 128)),
        (" rgba(100%, 0%, 50%, 25%) ", Color(255, 0, 128, 64)),
    ],
)
def test_css_colours(text: str, color: Color) -> None:
    assert parse_color(text) == color


@pytest.mark.parametrize(
    "text",
    ["red", "#12", "#1234567", "rgba(1, 2)", "rgba(1, 2, 3, 2)", "rgb(-1, 0, 0)", "hsl(0,0,0)"],
)
def test_not_colours(text: str) -> None:
    with pytest.raises(ThemeError, match="not a colour"):
        parse_color(text)


def test_colours_round_trip_through_css() -> None:
    for color in (DEFAULT_THEME.colors.panel, DEFAULT_THEME.colors.divider, Color(1, 2, 3, 4)):
        assert parse_color(color.to_css()) == color


def test_boxes_scale_to_the_canvas() -> None:
    assert DEFAULT_THEME.box(OverlayElement.QUESTION, 1920, 1080) == Rect(1000, 546, 824, 480)
    assert DEFAULT_THEME.box(OverlayElement.QUESTION, 1280, 720) == Rect(667, 364, 549, 320)
    assert DEFAULT_THEME.box(OverlayElement.QUESTION, 3840, 2160) == Rect(2000, 1092, 1648, 960)
    for element in OverlayElement:
        box = DEFAULT_THEME.box(element, 1920, 1080)
        # Inside the title-safe area (5% of each side).
        assert box.x >= 96 and box.y >= 54
        assert box.right <= 1920 - 96 and box.bottom <= 1080 - 54


def test_the_default_boxes_do_not_overlap() -> None:
    boxes = [DEFAULT_THEME.box(e, 1920, 1080) for e in OverlayElement]
    for index, one in enumerate(boxes):
        for other in boxes[index + 1 :]:
            apart = (
                one.right <= other.x
                or other.right <= one.x
                or one.bottom <= other.y
                or other.bottom <= one.y
            )
            assert apart, (one, other)
