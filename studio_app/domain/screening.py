"""Screening a question before it airs: personal data left unmasked, and sensitive words.

The rule: a question whose display text still contains personal data never goes on air;
one whose display text hits a sensitive word goes on air only with the moderator's explicit
override (``Question.sensitive_override``), which an edit of the text withdraws.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio_app.domain.errors import DomainError
from studio_app.domain.masking import Finding, MaskResult, find_personal_data, mask_personal_data
from studio_app.domain.questions import Question
from studio_app.domain.sensitive import Hit, SensitiveWords


@dataclass(frozen=True, slots=True)
class Screening:
    """What the moderator needs to know about a question's texts.

    Attributes:
        masked: Personal data found in the original text and masked in the display text at
            intake (what the moderator is shown as "masked").
        unmasked: Personal data still present in the display text (blocks air).
        sensitive: Sensitive-word hits in the display text (needs an override to air).
    """

    masked: tuple[Finding, ...] = ()
    unmasked: tuple[Finding, ...] = ()
    sensitive: tuple[Hit, ...] = ()

    def blocks_air(self, question: Question) -> str | None:
        """Why ``question`` may not go on air (``"personal_data"``/``"sensitive"``), or None."""
        if self.unmasked:
            return "personal_data"
        if self.sensitive and not question.sensitive_override:
            return "sensitive"
        return None


class AirBlockedError(DomainError):
    """A question may not go on air yet: personal data unmasked or sensitive words."""

    code = "air_blocked"

    def __init__(self, reason: str, screening: Screening) -> None:
        super().__init__(f"the question may not go on air: {reason}", reason=reason)
        self.reason = reason
        self.screening = screening


def mask_for_air(text: str, asker: str = "") -> MaskResult:
    """Mask personal data in a question's text; the asker's own name counts as personal."""
    return mask_personal_data(text, names=_names(asker))


def screen(question: Question, words: SensitiveWords) -> Screening:
    """Screen ``question``'s original and display texts."""
    names = _names(question.asker)
    return Screening(
        masked=mask_personal_data(question.text, names=names).findings,
        unmasked=find_personal_data(question.display_text, names=names),
        sensitive=words.matches(question.display_text),
    )


def check_air(question: Question, screening: Screening) -> None:
    """Raise :class:`AirBlockedError` when ``question`` may not go on air."""
    reason = screening.blocks_air(question)
    if reason is not None:
        raise AirBlockedError(reason, screening)


def _names(asker: str) -> tuple[str, ...]:
    asker = asker.strip()
    return (asker,) if len(asker) >= 2 else ()
