"""Domain errors: every refusal carries a stable code so the UI can translate it."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the domain refused an operation.

    Attributes:
        code: Stable machine-readable code, e.g. ``"illegal_transition"``; the UI maps it
            to a translated message.
        params: Values the message refers to (entity, states, field names).
    """

    code = "domain_error"

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.params: dict[str, Any] = params


class IllegalTransitionError(DomainError):
    """A state change that the entity's state machine does not allow."""

    code = "illegal_transition"

    def __init__(self, entity: str, current: str, target: str) -> None:
        super().__init__(
            f"A {entity} cannot go from '{current}' to '{target}'.",
            entity=entity,
            current=current,
            target=target,
        )
        self.entity = entity
        self.current = current
        self.target = target


class ValidationError(DomainError):
    """A value that the domain does not accept (empty title, negative duration …)."""

    code = "invalid_value"

    def __init__(self, field: str, problem: str, message: str | None = None) -> None:
        super().__init__(message or f"{field}: {problem}", field=field, problem=problem)
        self.field = field
        self.problem = problem
