"""The audit trail: who did what, when, with the entity's state before and after."""

from __future__ import annotations

import dataclasses
import enum
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from studio_app.domain.ids import utc_now, uuid7

JsonValue = Any


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One recorded action. ``before``/``after`` are JSON-ready snapshots (or ``None``)."""

    id: uuid.UUID
    studio_id: uuid.UUID
    at: datetime
    operator: str
    action: str
    entity: str
    entity_id: uuid.UUID
    session_id: uuid.UUID | None = None
    before: Mapping[str, JsonValue] | None = None
    after: Mapping[str, JsonValue] | None = None

    @classmethod
    def record(
        cls,
        studio_id: uuid.UUID,
        operator: str,
        action: str,
        entity: str,
        entity_id: uuid.UUID,
        *,
        session_id: uuid.UUID | None = None,
        before: object = None,
        after: object = None,
        at: datetime | None = None,
    ) -> AuditEntry:
        """Create an entry; ``before``/``after`` may be domain objects and are snapshotted."""
        return cls(
            id=uuid7(),
            studio_id=studio_id,
            at=at or utc_now(),
            operator=operator,
            action=action,
            entity=entity,
            entity_id=entity_id,
            session_id=session_id,
            before=snapshot(before) if before is not None else None,
            after=snapshot(after) if after is not None else None,
        )


def snapshot(value: object) -> Mapping[str, JsonValue]:
    """Turn a domain dataclass (or a mapping) into a JSON-ready dict (ids, times as ISO)."""
    is_object = dataclasses.is_dataclass(value) and not isinstance(value, type)
    if not is_object and not isinstance(value, Mapping):
        raise TypeError(f"cannot snapshot {type(value).__name__}")
    result = to_jsonable(value)
    assert isinstance(result, dict)
    return result


def to_jsonable(value: object) -> JsonValue:
    """Convert dataclasses, enums, UUIDs, datetimes and containers into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value
