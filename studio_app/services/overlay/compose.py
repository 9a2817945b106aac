"""Builds the overlay state from the questions, the queue and the run of show."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from studio_app.domain.masking import mask_name
from studio_app.domain.overlay import ComingUp, LowerThird, OverlayState, QuestionCard
from studio_app.domain.questions import Channel, Question
from studio_app.domain.sessions import AgendaItem, BroadcastSession

#: How many questions the "coming up" list shows at most.
COMING_UP_ITEMS = 3


@dataclass(frozen=True, slots=True)
class OverlayLabels:
    """The overlay's own words, translated by the caller (services stay Qt-free)."""

    question_heading: str
    coming_up_heading: str
    ask_count: Callable[[int], str]
    channel: Callable[[Channel], str]


@dataclass(frozen=True, slots=True)
class OverlayVisibility:
    """Which elements the operator has switched on."""

    question: bool = False
    coming_up: bool = False
    lower_third: bool = False


def question_card(question: Question, labels: OverlayLabels) -> QuestionCard:
    """The on-air panel for ``question``: display text, masked asker, source, ask count."""
    source = " · ".join(
        part
        for part in (
            labels.channel(question.channel) if question.channel is not Channel.OTHER else "",
            question.category,
        )
        if part
    )
    return QuestionCard(
        text=question.display_text,
        asker=mask_name(question.asker) if question.asker else "",
        source=source,
        ask_count_text=labels.ask_count(question.ask_count) if question.ask_count > 1 else "",
        heading=labels.question_heading,
    )


def lower_third(session: BroadcastSession | None, item: AgendaItem | None) -> LowerThird | None:
    """The lower third for the current agenda item: its speaker and its title."""
    if session is None or item is None:
        return None
    speaker = next((g for g in session.guests if g.id == item.speaker_id), None)
    return LowerThird(
        name=speaker.name if speaker else "",
        title=speaker.title if speaker else "",
        department=speaker.department if speaker else "",
        agenda_title=item.title,
    )


def compose(
    *,
    on_air: Question | None,
    queue: Sequence[Question],
    lower: LowerThird | None,
    visibility: OverlayVisibility,
    labels: OverlayLabels,
    width: int = 1920,
    height: int = 1080,
) -> OverlayState:
    """The overlay state for this moment of the show."""
    return OverlayState(
        question=question_card(on_air, labels) if on_air is not None else None,
        question_visible=visibility.question and on_air is not None,
        coming_up=ComingUp(
            heading=labels.coming_up_heading,
            items=tuple(q.display_text for q in queue[:COMING_UP_ITEMS]),
        ),
        coming_up_visible=visibility.coming_up,
        lower_third=lower,
        lower_third_visible=visibility.lower_third,
        width=width,
        height=height,
    )
