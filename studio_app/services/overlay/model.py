"""Plain values the overlay renderers share: boxes on the canvas, rendered PNGs, the protocol."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from studio_app.domain.overlay import OverlayElement, OverlayState

#: The layout reference: theme boxes and sizes are given for this canvas and scaled from it.
REFERENCE_WIDTH = 1920
REFERENCE_HEIGHT = 1080


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned box in canvas pixels (top-left corner plus size)."""

    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        """One past the last column (``x + width``)."""
        return self.x + self.width

    @property
    def bottom(self) -> int:
        """One past the last row (``y + height``)."""
        return self.y + self.height

    def scaled(self, sx: float, sy: float) -> Rect:
        """This box scaled by ``sx``/``sy``; edges are rounded so neighbours stay neighbours."""
        left, top = round(self.x * sx), round(self.y * sy)
        right, bottom = round(self.right * sx), round(self.bottom * sy)
        return Rect(left, top, max(1, right - left), max(1, bottom - top))


@dataclass(frozen=True, slots=True)
class RenderedElement:
    """One overlay element drawn as a transparent PNG, to be placed at ``x``/``y`` on the canvas.

    The image covers the element's whole box (``width`` × ``height``), so the OBS source keeps
    its position while the content changes; whatever the element does not cover is transparent.
    """

    element: OverlayElement
    png: bytes
    x: int
    y: int
    width: int
    height: int

    @property
    def rect(self) -> Rect:
        """The image's box on the canvas."""
        return Rect(self.x, self.y, self.width, self.height)


class OverlayRenderer(Protocol):
    """Draws overlay elements as images for OBS image sources.

    Implementations must be callable from a worker thread (one call at a time per thread;
    calls on different threads may overlap) and must draw only what the state holds: every
    visible string comes from the state, already masked and translated.
    """

    def render(self, element: OverlayElement, state: OverlayState) -> RenderedElement:
        """Draw ``element`` from ``state`` at the state's canvas size.

        The element's content is drawn whether or not the state marks it visible (showing and
        hiding is the OBS source's business, so an image can be prepared before it is shown);
        an element without content gives a fully transparent image of its box.
        """
        ...

    def geometry(self, element: OverlayElement, width: int, height: int) -> Rect:
        """The element's box on a ``width`` × ``height`` canvas."""
        ...
