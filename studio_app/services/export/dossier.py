"""Reading session records for export: which sessions, and each one's whole record."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from studio_app.domain.export import FollowUpRecord, SessionDossier
from studio_app.domain.sessions import SessionSummary

if TYPE_CHECKING:
    from studio_app.storage.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class ExportScope:
    """Which sessions an export covers.

    ``session_ids`` names them; otherwise every session whose date (its start, or when it
    was planned for) falls within ``first_day``..``last_day`` (either end open). Rehearsal
    copies are left out unless named or ``include_rehearsals`` is set.
    """

    session_ids: tuple[uuid.UUID, ...] | None = None
    first_day: date | None = None
    last_day: date | None = None
    include_rehearsals: bool = False

    @classmethod
    def sessions(cls, *session_ids: uuid.UUID) -> ExportScope:
        """The named sessions."""
        return cls(session_ids=tuple(session_ids))


def session_day(summary: SessionSummary, tz: tzinfo | None = None) -> date:
    """The local day a session belongs to: its planned start, or when it was last edited."""
    return _start_key(summary).astimezone(tz).date()


def choose_sessions(
    summaries: Sequence[SessionSummary], scope: ExportScope, tz: tzinfo | None = None
) -> list[SessionSummary]:
    """The sessions in ``scope``, oldest first (the order of a ledger)."""
    if scope.session_ids is not None:
        wanted = set(scope.session_ids)
        chosen = [s for s in summaries if s.id in wanted]
    else:
        chosen = [
            s
            for s in summaries
            if (scope.include_rehearsals or not s.rehearsal)
            and (scope.first_day is None or session_day(s, tz) >= scope.first_day)
            and (scope.last_day is None or session_day(s, tz) <= scope.last_day)
        ]
    return sorted(chosen, key=lambda s: (_start_key(s), s.id))


def _start_key(summary: SessionSummary) -> datetime:
    return summary.scheduled_start or summary.updated_at


def read_dossier(uow: UnitOfWork, session_id: uuid.UUID) -> SessionDossier:
    """One session's whole record, read inside ``uow``.

    Raises:
        NotFoundError: The session does not exist (or was deleted).
    """
    session = uow.sessions.get(session_id)
    follow_ups = uow.follow_ups.matching(session_id=session_id, include_rehearsals=True)
    events = uow.follow_ups.events_for_session(session_id) if follow_ups else {}
    departments = {d.id: d for d in uow.departments.list(include_inactive=True)}
    return SessionDossier(
        studio=uow.studios.get(session.studio_id),
        session=session,
        questions=tuple(uow.questions.list_for_session(session_id)),
        answers=uow.answers.for_session(session_id),
        airings=tuple(uow.broadcast.airings(session_id)),
        marks=tuple(uow.broadcast.marks(session_id)),
        runs=tuple(uow.broadcast.runs(session_id)),
        follow_ups=tuple(FollowUpRecord.of(f, events.get(f.id, ())) for f in follow_ups),
        departments=departments,
        audit=tuple(uow.audit.for_session(session_id)),
    )


def list_sessions(store: Store) -> list[SessionSummary]:
    """Every session, as the session list shows them."""
    with store.read() as uow:
        return uow.sessions.list()


def read_dossiers(
    store: Store,
    session_ids: Sequence[uuid.UUID],
    progress: Callable[[int], None] | None = None,
) -> list[SessionDossier]:
    """The records of ``session_ids``, in that order, each read in its own transaction.

    ``progress`` is told how many have been read after each one (and may raise to stop).
    """
    found = []
    for index, session_id in enumerate(session_ids, start=1):
        with store.read() as uow:
            found.append(read_dossier(uow, session_id))
        if progress is not None:
            progress(index)
    return found
