"""What sync reports to the window and the command line: state, progress, problems, results."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class SyncState(StrEnum):
    """Where sync stands, as the status bar shows it."""

    #: No archive address or no credential yet.
    NOT_SET_UP = "not_set_up"
    #: Set up, not synced since the app started.
    IDLE = "idle"
    SYNCING = "syncing"
    #: The last sync finished.
    OK = "ok"
    #: The last sync failed (see :class:`SyncProblem`); rows stay pending and are retried.
    FAILED = "failed"


class SyncProblem(StrEnum):
    """Why a sync failed, in terms the operator can act on."""

    #: The archive could not be reached (no network, wrong address, server down).
    OFFLINE = "offline"
    #: The archive did not answer in time.
    TIMEOUT = "timeout"
    #: The archive answered with a server error (5xx); it is retried later.
    SERVER = "server"
    #: The credential is wrong or unknown to the archive.
    UNAUTHORIZED = "unauthorized"
    #: The county revoked this studio's credential.
    REVOKED = "revoked"
    #: The credential belongs to another studio than this PC's records.
    WRONG_STUDIO = "wrong_studio"
    #: The archive speaks another protocol version (update the app or the archive).
    PROTOCOL = "protocol"
    #: The archive refused the request itself (4xx other than the above).
    REFUSED = "refused"
    #: The local database could not be read or written.
    STORAGE = "storage"
    #: Set up without a credential (none in the keyring).
    NO_CREDENTIAL = "no_credential"
    #: The archive address is not a valid http(s) URL.
    BAD_URL = "bad_url"


class SyncPhase(StrEnum):
    """The step a running sync is in."""

    CONNECT = "connect"
    PUSH = "push"
    PULL = "pull"
    APPLY = "apply"


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """How far a running sync is: ``done`` of ``total`` rows in ``phase`` (total may be 0)."""

    phase: SyncPhase
    done: int = 0
    total: int = 0


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one finished sync did."""

    pushed: int = 0
    #: Pushed rows the archive already had newer; re-stamped and sent again.
    stale: int = 0
    #: Pushed rows the archive refused this time (parked, shown, not retried blindly).
    rejected: int = 0
    pulled: int = 0
    #: Of the pulled rows, replies and status changes written by departments.
    department_events: int = 0
    #: Pulled rows left out because their parent row is missing here.
    orphans: int = 0
    requests: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """The state the status bar and ``studio-app sync`` show."""

    state: SyncState
    #: When the last sync finished successfully (this run or an earlier one).
    last_success: datetime | None = None
    #: Rows waiting to be acknowledged by the archive (parked rows not counted).
    pending: int = 0
    #: Rows the archive refused, waiting for the operator.
    parked: int = 0
    problem: SyncProblem | None = None
    #: A short technical detail of the problem for the log and tooltip (English, no secrets).
    detail: str = ""
    progress: SyncProgress | None = None
    last_report: SyncReport | None = None
    #: The archive's address (shown in the tooltip and settings).
    url: str = ""


@dataclass(frozen=True, slots=True)
class ParkedRow:
    """A row the archive refused: what it is, why, and since when."""

    table: str
    id: uuid.UUID
    reason: str
    detail: str
    first_seen: datetime
    #: A few words that let the operator recognise the row (a title, a question's start).
    summary: str


@dataclass(frozen=True, slots=True)
class ArchiveInfo:
    """What the archive said about this credential when connecting."""

    account: str
    studio_id: uuid.UUID
    server_time: datetime
    protocol: int


class SyncError(Exception):
    """A sync failed; ``problem`` says why in terms the operator can act on."""

    def __init__(self, problem: SyncProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail
