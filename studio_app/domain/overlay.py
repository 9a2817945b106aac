"""What the on-air overlay shows: one state, drawn by two renderers (PNG for OBS, browser page).

Every text here is ready to show (already masked and translated by the service that builds
it), so a renderer only lays it out. The state is immutable; each operator action produces a
new one, and renderers compare elements to redraw only what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class OverlayElement(StrEnum):
    """The independently shown parts of the overlay (one OBS image source each)."""

    QUESTION = "question"
    COMING_UP = "coming_up"
    LOWER_THIRD = "lower_third"


@dataclass(frozen=True, slots=True)
class QuestionCard:
    """The on-air question panel.

    Attributes:
        text: The question's display text (masked, possibly edited).
        asker: The asker as shown on air, masked (e.g. ``张**``); may be empty.
        source: Channel and category on one line (e.g. ``热线电话 · 交通``); may be empty.
        ask_count_text: ``"3 位居民问到"`` when several residents asked it, else empty.
        heading: The panel's heading (e.g. ``居民提问``).
    """

    text: str
    asker: str = ""
    source: str = ""
    ask_count_text: str = ""
    heading: str = ""


@dataclass(frozen=True, slots=True)
class ComingUp:
    """The "coming up" list: the next questions' display texts, in queue order."""

    heading: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LowerThird:
    """The speaker's lower third and the current agenda item."""

    name: str = ""
    title: str = ""
    department: str = ""
    agenda_title: str = ""

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing to show."""
        return not (self.name or self.title or self.department or self.agenda_title)


@dataclass(frozen=True, slots=True)
class OverlayState:
    """Everything the overlay shows at one moment; ``None`` / not visible = hidden."""

    question: QuestionCard | None = None
    question_visible: bool = False
    coming_up: ComingUp | None = None
    coming_up_visible: bool = False
    lower_third: LowerThird | None = None
    lower_third_visible: bool = False
    #: Canvas size in pixels (OBS's base resolution).
    width: int = 1920
    height: int = 1080
    extras: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def shows(self, element: OverlayElement) -> bool:
        """Whether ``element`` is visible and has content."""
        if element is OverlayElement.QUESTION:
            return self.question_visible and self.question is not None
        if element is OverlayElement.COMING_UP:
            return (
                self.coming_up_visible and self.coming_up is not None and bool(self.coming_up.items)
            )
        return (
            self.lower_third_visible
            and self.lower_third is not None
            and not self.lower_third.is_empty
        )

    def content(self, element: OverlayElement) -> QuestionCard | ComingUp | LowerThird | None:
        """The element's content (whether shown or not)."""
        if element is OverlayElement.QUESTION:
            return self.question
        if element is OverlayElement.COMING_UP:
            return self.coming_up
        return self.lower_third

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready view for the browser renderer: only what is shown, plain strings."""

        def part(element: OverlayElement) -> dict[str, Any] | None:
            if not self.shows(element):
                return None
            value = self.content(element)
            if isinstance(value, ComingUp):
                return {"heading": value.heading, "items": list(value.items)}
            if isinstance(value, QuestionCard):
                return {
                    "heading": value.heading,
                    "text": value.text,
                    "asker": value.asker,
                    "source": value.source,
                    "ask_count_text": value.ask_count_text,
                }
            if isinstance(value, LowerThird):
                return {
                    "name": value.name,
                    "title": value.title,
                    "department": value.department,
                    "agenda_title": value.agenda_title,
                }
            return None

        return {
            "width": self.width,
            "height": self.height,
            **{element.value: part(element) for element in OverlayElement},
        }
