"""The overlay theme: colours, font, sizes and boxes, read from a JSON file both renderers share."""

from __future__ import annotations

import json
import logging
import math
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, NamedTuple

from studio_app.domain.overlay import OverlayElement
from studio_app.services.overlay.model import REFERENCE_HEIGHT, REFERENCE_WIDTH, Rect

log = logging.getLogger(__name__)


class ThemeError(ValueError):
    """A theme file or value that cannot be used; the message names the file and the key."""


class Color(NamedTuple):
    """An sRGB colour with straight (not premultiplied) alpha, each channel 0–255."""

    r: int
    g: int
    b: int
    a: int = 255

    def to_css(self) -> str:
        """The colour as ``#RRGGBBAA`` (CSS Color 4, what browsers and the theme file use)."""
        return f"#{self.r:02X}{self.g:02X}{self.b:02X}{self.a:02X}"


_HEX = re.compile(r"#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_FUNC = re.compile(r"(rgba?)\(\s*([^)]*)\)")
_NUMBER = re.compile(r"[+]?(\d+(\.\d*)?|\.\d+)(%?)")


def parse_color(text: str) -> Color:
    """Parse a CSS colour: ``#RGB``, ``#RGBA``, ``#RRGGBB``, ``#RRGGBBAA``, ``rgb()``/``rgba()``.

    ``rgba(r, g, b, a)`` takes channels 0–255 (or percentages) and alpha 0–1 (or a
    percentage). Note the hex form is CSS's RGBA order, not Qt's ``#AARRGGBB``.

    Raises:
        ThemeError: ``text`` is not one of those forms.
    """
    value = text.strip()
    if match := _HEX.fullmatch(value):
        digits = match.group(1)
        if len(digits) <= 4:
            digits = "".join(c * 2 for c in digits)
        channels = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
        return Color(
            channels[0], channels[1], channels[2], channels[3] if len(channels) == 4 else 255
        )
    if match := _FUNC.fullmatch(value):
        parts = [p.strip() for p in match.group(2).split(",")]
        if len(parts) in (3, 4):
            try:
                rgb = [_channel(p, 255.0) for p in parts[:3]]
                alpha = _channel(parts[3], 1.0) if len(parts) == 4 else 255
            except ValueError:
                pass
            else:
                return Color(rgb[0], rgb[1], rgb[2], alpha)
    raise ThemeError(
        f"not a colour: {text!r} (use '#RRGGBB', '#RRGGBBAA' or 'rgba(r, g, b, a)' "
        "with r, g, b 0–255 and a 0–1)"
    )


def _channel(text: str, full: float) -> int:
    match = _NUMBER.fullmatch(text)
    if not match:
        raise ValueError(text)
    number = float(match.group(1))
    fraction = number / 100 if match.group(3) else number / full
    if not 0 <= fraction <= 1:
        raise ValueError(text)
    return round(fraction * 255)


# Defaults (equal to resources/overlays/default/theme.json): deep blue panels, China red.
_NAVY = Color(9, 30, 66, 224)
_RED = Color(200, 22, 29, 242)
_WHITE = Color(255, 255, 255)
_PALE_BLUE = Color(197, 211, 232)
_GOLD = Color(242, 182, 50)
_INK = Color(27, 27, 27)
_FAINT_WHITE = Color(255, 255, 255, 64)
# Boxes on the reference canvas, inside the title-safe area (96 px / 54 px margins).
_QUESTION_BOX = Rect(1000, 546, 824, 480)
_COMING_UP_BOX = Rect(1344, 54, 480, 320)
_LOWER_THIRD_BOX = Rect(96, 806, 880, 220)


@dataclass(frozen=True, slots=True)
class ThemeColors:
    """The overlay's colours (see ``resources/overlays/README.md`` for where each is used)."""

    panel: Color = _NAVY
    accent: Color = _RED
    accent_text: Color = _WHITE
    text: Color = _WHITE
    muted_text: Color = _PALE_BLUE
    highlight: Color = _GOLD
    highlight_text: Color = _INK
    divider: Color = _FAINT_WHITE


@dataclass(frozen=True, slots=True)
class FontSizes:
    """Largest font sizes in pixels on the 1920×1080 reference canvas (text may shrink)."""

    question_heading: int = 30
    question_text: int = 50
    question_footer: int = 28
    coming_up_heading: int = 28
    coming_up_item: int = 28
    name: int = 52
    title: int = 32
    department: int = 28
    agenda: int = 30


@dataclass(frozen=True, slots=True)
class ThemeBoxes:
    """Each element's box on the 1920×1080 reference canvas (inside the ~5% title-safe area)."""

    question: Rect = _QUESTION_BOX
    coming_up: Rect = _COMING_UP_BOX
    lower_third: Rect = _LOWER_THIRD_BOX

    def of(self, element: OverlayElement) -> Rect:
        """The box of ``element``."""
        box: Rect = getattr(self, OverlayElement(element).value)
        return box


@dataclass(frozen=True, slots=True)
class OverlayTheme:
    """How the overlay looks; every length is in pixels of the 1920×1080 reference canvas.

    Raises:
        ThemeError: a value is out of range (a box off the canvas, a negative size …).
    """

    font_family: str = "Noto Sans CJK SC"
    colors: ThemeColors = field(default_factory=ThemeColors)
    font_sizes: FontSizes = field(default_factory=FontSizes)
    boxes: ThemeBoxes = field(default_factory=ThemeBoxes)
    #: Text never shrinks below this size; what still does not fit is elided with "…".
    min_font_size: int = 26
    #: Line pitch as a multiple of the font size (like CSS ``line-height``).
    line_height: float = 1.4
    corner_radius: int = 14
    padding: int = 28
    max_coming_up_items: int = 3

    def __post_init__(self) -> None:
        problems = list(self._problems())
        if problems:
            raise ThemeError("; ".join(problems))

    def _problems(self) -> Iterator[str]:
        if not self.font_family.strip():
            yield "font_family: must not be empty"
        for name in (f.name for f in fields(FontSizes)):
            if not 1 <= getattr(self.font_sizes, name) <= 400:
                yield f"font_sizes.{name}: must be 1–400"
        if not 1 <= self.min_font_size <= 400:
            yield "min_font_size: must be 1–400"
        if not 1.0 <= self.line_height <= 3.0:
            yield "line_height: must be 1.0–3.0"
        if not 0 <= self.corner_radius <= 200:
            yield "corner_radius: must be 0–200"
        if not 0 <= self.padding <= 200:
            yield "padding: must be 0–200"
        if not 1 <= self.max_coming_up_items <= 20:
            yield "max_coming_up_items: must be 1–20"
        for element in OverlayElement:
            box = self.boxes.of(element)
            on_canvas = (
                box.x >= 0
                and box.y >= 0
                and box.right <= REFERENCE_WIDTH
                and box.bottom <= REFERENCE_HEIGHT
            )
            if not on_canvas:
                yield f"boxes.{element.value}: must lie on the 1920×1080 canvas"
            if box.width <= 2 * self.padding + 20 or box.height <= 2 * self.padding + 20:
                yield f"boxes.{element.value}: too small for the padding"

    def box(self, element: OverlayElement, width: int, height: int) -> Rect:
        """The element's box scaled from the reference canvas to a ``width`` × ``height`` one.

        Raises:
            ValueError: the canvas size is not positive.
        """
        if width <= 0 or height <= 0:
            raise ValueError(f"canvas size must be positive, got {width}×{height}")
        return self.boxes.of(element).scaled(width / REFERENCE_WIDTH, height / REFERENCE_HEIGHT)


#: The built-in look; equal to ``resources/overlays/default/theme.json`` (a test checks it).
DEFAULT_THEME = OverlayTheme()


def default_theme_path() -> Path:
    """The theme shipped with the app."""
    from studio_app.paths import resources_dir

    return resources_dir() / "overlays" / "default" / "theme.json"


def load_theme(path: str | os.PathLike[str]) -> OverlayTheme:
    """Read a theme file; a missing or broken file gives :data:`DEFAULT_THEME` and a warning.

    Keys left out keep their default, so a theme may only change a few colours. Unknown keys
    are ignored with a warning (the browser renderer may read more). The overlay must go on air
    even with a broken theme, hence the fallback; use :func:`parse_theme` to see the error.

    Raises:
        TypeError: ``path`` is not a path (a programming error, not a broken file).
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"load_theme() takes a path, got {type(path).__name__}")
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        log.warning("Overlay theme %s cannot be read (%s); using the default theme", path, error)
        return DEFAULT_THEME
    try:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ThemeError(f"not valid JSON: {error}") from error
        return parse_theme(data, warn=lambda message: log.warning("%s: %s", path, message))
    except ThemeError as error:
        log.warning("Overlay theme %s is broken (%s); using the default theme", path, error)
        return DEFAULT_THEME


def parse_theme(data: Any, warn: Callable[[str], None] | None = None) -> OverlayTheme:
    """Build a theme from a parsed theme file (see :func:`load_theme`).

    Args:
        data: The JSON object.
        warn: Called with a message for each unknown key (default: ignore them silently).

    Raises:
        ThemeError: a value has the wrong type or is out of range; the message names the key.
    """
    if not isinstance(data, Mapping):
        raise ThemeError("the theme must be a JSON object")
    report: Callable[[str], None] = warn or (lambda _message: None)
    known = {f.name for f in fields(OverlayTheme)} | {"version", "name", "description"}
    for key in data:
        if key not in known and not str(key).startswith("_"):
            report(f"unknown key {key!r} ignored")
    theme = DEFAULT_THEME
    values: dict[str, Any] = {}
    if "font_family" in data:
        values["font_family"] = _expect(data["font_family"], str, "font_family")
    for key, kind in (
        ("min_font_size", int),
        ("corner_radius", int),
        ("padding", int),
        ("max_coming_up_items", int),
        ("line_height", float),
    ):
        if key in data:
            values[key] = _expect(data[key], kind, key)
    if "colors" in data:
        colors = _section(data["colors"], "colors", ThemeColors, report)
        values["colors"] = replace(
            theme.colors,
            **{k: _color(v, f"colors.{k}") for k, v in colors.items()},
        )
    if "font_sizes" in data:
        sizes = _section(data["font_sizes"], "font_sizes", FontSizes, report)
        values["font_sizes"] = replace(
            theme.font_sizes,
            **{k: _expect(v, int, f"font_sizes.{k}") for k, v in sizes.items()},
        )
    if "boxes" in data:
        boxes = _section(data["boxes"], "boxes", ThemeBoxes, report)
        values["boxes"] = replace(
            theme.boxes, **{k: _box(v, f"boxes.{k}") for k, v in boxes.items()}
        )
    return replace(theme, **values)


def _section(value: Any, where: str, kind: type, report: Callable[[str], None]) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ThemeError(f"{where}: must be an object")
    names = {f.name for f in fields(kind)}
    for key in value:
        if key not in names:
            report(f"unknown key {where}.{key} ignored")
    return {k: v for k, v in value.items() if k in names}


def _expect(value: Any, kind: type, where: str) -> Any:
    # bool is an int in Python but `"padding": true` is a mistake in a theme file.
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ThemeError(f"{where}: must be a finite number")
        return float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ThemeError(f"{where}: expected {_KIND_NAMES[kind]}, got {json.dumps(value)}")
    return value


_KIND_NAMES = {int: "a whole number", float: "a number", str: "a string"}


def _color(value: Any, where: str) -> Color:
    text = _expect(value, str, where)
    try:
        return parse_color(text)
    except ThemeError as error:
        raise ThemeError(f"{where}: {error}") from None


def _box(value: Any, where: str) -> Rect:
    if not isinstance(value, Mapping) or set(value) != {"x", "y", "width", "height"}:
        raise ThemeError(f'{where}: expected {{"x": …, "y": …, "width": …, "height": …}}')
    x, y, width, height = (
        _expect(value[k], int, f"{where}.{k}") for k in ("x", "y", "width", "height")
    )
    return Rect(x, y, width, height)
