"""Fixtures shared by the domain unit tests."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from studio_app.domain.followups import FollowUp
from studio_app.domain.questions import Question


@pytest.fixture
def studio_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def session_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def make_question(studio_id: uuid.UUID, session_id: uuid.UUID) -> Callable[..., Question]:
    """Return a factory for new questions in the fixture session."""

    def factory(
        text: str = "村口路灯什么时候修？", *, session: uuid.UUID | None = None, **kwargs: object
    ) -> Question:
        return Question.create(studio_id, session or session_id, text, **kwargs)  # type: ignore[arg-type]

    return factory


@pytest.fixture
def follow_up(studio_id: uuid.UUID, session_id: uuid.UUID) -> FollowUp:
    return FollowUp.create(studio_id, session_id, "Install the handrail", uuid.uuid4())
