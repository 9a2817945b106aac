"""Operator profiles: who is at the desk, so every audit entry names a person."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from studio_app.domain.errors import ValidationError
from studio_app.domain.ids import utc_now, uuid7

MAX_OPERATOR_NAME = 60


class OperatorRole(StrEnum):
    """What the person does during a show (informative; no permissions hang on it)."""

    DIRECTOR = "director"
    MODERATOR = "moderator"
    RECORDER = "recorder"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class OperatorProfile:
    """A local profile on the studio PC; no password (the PC is shared by the team)."""

    id: uuid.UUID
    name: str
    role: OperatorRole = OperatorRole.OTHER
    created_at: datetime = field(default_factory=utc_now)
    last_used_at: datetime | None = None

    @classmethod
    def create(cls, name: str, role: OperatorRole = OperatorRole.OTHER) -> OperatorProfile:
        """A new profile; the name is required, at most 60 characters, one line."""
        name = " ".join(name.split())
        if not name:
            raise ValidationError("operator.name", "required")
        if len(name) > MAX_OPERATOR_NAME:
            raise ValidationError("operator.name", "too_long")
        return cls(id=uuid7(), name=name, role=OperatorRole(role))
