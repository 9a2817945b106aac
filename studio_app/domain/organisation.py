"""Studios and the county's departments (both server-authoritative once synced)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from studio_app.domain.errors import ValidationError
from studio_app.domain.ids import uuid7

#: Longest studio name (the archive and the exports show it in full).
MAX_STUDIO_NAME = 200


@dataclass(frozen=True, slots=True)
class Studio:
    """A township or village studio; every synced row carries its id."""

    id: uuid.UUID
    name: str
    region: str = ""

    @classmethod
    def create(cls, name: str, region: str = "") -> Studio:
        """Create a studio with a fresh id; the name must not be blank."""
        name = name.strip()
        if not name:
            raise ValidationError("name", "required", "A studio needs a name.")
        return cls(id=uuid7(), name=name, region=region.strip())

    def renamed(self, name: str) -> Studio:
        """This studio under a new name (spaces trimmed); blank or too long is refused."""
        name = " ".join(name.split())
        if not name:
            raise ValidationError("name", "required", "A studio needs a name.")
        if len(name) > MAX_STUDIO_NAME:
            raise ValidationError("name", "too_long")
        return replace(self, name=name)


@dataclass(frozen=True, slots=True)
class Department:
    """A government department that answers questions and takes on follow-ups."""

    id: uuid.UUID
    name: str
    code: str = ""
    active: bool = True

    @classmethod
    def create(cls, name: str, code: str = "") -> Department:
        """Create a department with a fresh id; the name must not be blank."""
        name = name.strip()
        if not name:
            raise ValidationError("name", "required", "A department needs a name.")
        return cls(id=uuid7(), name=name, code=code.strip())
