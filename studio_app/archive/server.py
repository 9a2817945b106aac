"""The archive's HTTP sync service: stateless, several instances over one PostgreSQL.

Every request authenticates a credential, then works inside one transaction under the
caller's own database role (``SET LOCAL ROLE``), so row-level security holds even if this
code had a bug. Database errors are logged with the request id and answered generically.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import psycopg
from fastapi import FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from psycopg import sql
from psycopg_pool import AsyncConnectionPool
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from studio_app import __version__
from studio_app.archive import admin
from studio_app.archive.department_page import add_department_page
from studio_app.domain.followups import (
    FOLLOW_UP_TRANSITIONS,
    EventKind,
    FollowUpStatus,
)
from studio_app.domain.ids import uuid7
from studio_app.domain.sync import (
    MAX_BODY_BYTES,
    MAX_PUSH_ROWS,
    MAX_TEXT,
    PROTOCOL_VERSION,
    PULL_PAGE,
    TABLES_BY_NAME,
    WIRE_TABLES,
    CellError,
    Outcome,
    PullCursor,
    RejectReason,
    WireTable,
    check_row,
)

log = logging.getLogger("studio_archive")

TableName = Literal[
    "studio", "department", "broadcast_session", "guest", "agenda_item", "question", "answer",
    "question_airing", "follow_up", "follow_up_event", "audit_entry", "output_run",
    "agenda_mark",
]  # fmt: skip
#: What a department may set; publishing and returning are the studio's review.
DEPARTMENT_STATUS_ORDER = (FollowUpStatus.IN_PROGRESS, FollowUpStatus.RESOLVED)
DEPARTMENT_STATUSES = frozenset(DEPARTMENT_STATUS_ORDER)


# ---------------------------------------------------------------------- API models
def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL: refuse it here (422), not as a database error (500).
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


#: Text that is stored as a query parameter.
StoredText = Annotated[str, AfterValidator(_no_nul)]


class ErrorBody(BaseModel):
    """Every error: a stable code, an English message, and the request id to quote."""

    error: str
    message: str
    request_id: str


class HelloRequest(BaseModel):
    """The first call of every sync: who is calling, from which studio and device."""

    model_config = ConfigDict(extra="forbid")
    protocol: int
    studio_id: uuid.UUID
    device_id: uuid.UUID
    app_version: StoredText = Field(default="", max_length=50)


class HelloResponse(BaseModel):
    """The account the credential belongs to."""

    account: str
    studio_id: uuid.UUID
    protocol: int
    server_time: datetime


class PushRequest(BaseModel):
    """Rows to store, by table; each row is a complete wire row (studio_app.domain.sync)."""

    model_config = ConfigDict(extra="forbid")
    protocol: int
    device_id: uuid.UUID
    request_id: uuid.UUID
    rows: dict[TableName, list[dict[str, Any]]] = Field(default_factory=dict)


class RowOutcome(BaseModel):
    """The answer for one pushed row."""

    table: str
    id: str
    hlc: int
    outcome: Outcome
    reason: RejectReason | None = None
    server_hlc: int | None = None


class PushResponse(BaseModel):
    """One answer per pushed row, in the order sent (stored durably before answering)."""

    results: list[RowOutcome]


class PulledRow(BaseModel):
    """A row the caller may see, with the archive's order (``server_seq``) in ``row``."""

    table: str
    row: dict[str, Any]


class PullResponse(BaseModel):
    """A page of rows changed after the cursor; ``complete`` when it reaches the snapshot."""

    rows: list[PulledRow]
    cursor: str
    complete: bool


class FollowUpEventOut(BaseModel):
    """One event of a follow-up's history, in the archive's order."""

    id: uuid.UUID
    kind: str
    status: str | None
    text: str
    author: str
    origin: str
    at: datetime


class FollowUpOut(BaseModel):
    """A follow-up assigned to the calling department, with its history."""

    id: uuid.UUID
    studio_id: uuid.UUID
    promise: str
    lead_department_id: uuid.UUID
    deadline: str | None
    responsible_person: str
    created_at: datetime
    status: str
    #: Whether the calling department leads it (``False``: it is a supporting department).
    lead: bool
    #: The statuses the department may set now, in workflow order (the department page's
    #: buttons); reached through ``POST …/events``, which checks the transition again.
    next_statuses: list[Literal["in_progress", "resolved"]]
    events: list[FollowUpEventOut]


class DepartmentEventIn(BaseModel):
    """A department's reply or status change."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["status", "reply"]
    status: Literal["in_progress", "resolved"] | None = None
    text: StoredText = Field(default="", max_length=MAX_TEXT)
    person: StoredText = Field(default="", max_length=100)


# ---------------------------------------------------------------------- errors and metrics
class ApiError(Exception):
    """An error answered as :class:`ErrorBody`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated account."""

    account_id: uuid.UUID
    kind: str
    name: str
    role: str
    studio_id: uuid.UUID | None


class Metrics:
    """Per-instance counters, served in Prometheus' text format."""

    def __init__(self) -> None:
        self.requests: Counter[tuple[str, int]] = Counter()
        self.rows: Counter[str] = Counter()
        self.seconds: dict[str, float] = {}
        self.started = time.time()

    def text(self) -> str:
        """The metrics page."""
        lines = [
            "# TYPE archive_requests_total counter",
            *(
                f'archive_requests_total{{route="{route}",status="{status}"}} {count}'
                for (route, status), count in sorted(self.requests.items())
            ),
            "# TYPE archive_rows_total counter",
            *(
                f'archive_rows_total{{outcome="{outcome}"}} {count}'
                for outcome, count in sorted(self.rows.items())
            ),
            "# TYPE archive_request_seconds_total counter",
            *(
                f'archive_request_seconds_total{{route="{route}"}} {value:.6f}'
                for route, value in sorted(self.seconds.items())
            ),
            "# TYPE archive_uptime_seconds gauge",
            f"archive_uptime_seconds {time.time() - self.started:.0f}",
        ]
        return "\n".join(lines) + "\n"


def _log(level: int, message: str, **fields: Any) -> None:
    """A structured log line (JSON), never with secrets or database messages for clients."""
    record = {"ts": datetime.now(UTC).isoformat(timespec="milliseconds"), "msg": message}
    record.update(fields)
    log.log(level, json.dumps(record, ensure_ascii=False, default=str))


def _request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", ""))


def _error(request: Request, status: int, code: str, message: str) -> JSONResponse:
    body = ErrorBody(error=code, message=message, request_id=_request_id(request))
    return JSONResponse(body.model_dump(), status_code=status)


def _json(payload: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str),
        status_code=status,
        media_type="application/json",
    )


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Malformed request"},
    401: {"model": ErrorBody, "description": "Missing, unknown or revoked credential"},
    403: {"model": ErrorBody, "description": "Not allowed for this account"},
    409: {"model": ErrorBody, "description": "Conflicts with the archive's state"},
    413: {"model": ErrorBody, "description": "Request too large"},
    422: {"model": ErrorBody, "description": "Invalid request body or parameters"},
    503: {"model": ErrorBody, "description": "Database unavailable; retry later"},
}


# ---------------------------------------------------------------------- the app
def create_app(database_url: str, *, pool_size: int = 10) -> FastAPI:
    """Build the service over ``database_url`` (log in as the ``<prefix>_api`` role)."""
    metrics = Metrics()
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        pool = AsyncConnectionPool(
            database_url,
            min_size=1,
            max_size=pool_size,
            open=False,
            kwargs={"autocommit": False},
            configure=_configure_connection,
        )
        await pool.open(wait=True, timeout=30)
        async with pool.connection() as conn:
            version = await _schema_version(conn)
        if version != admin.SCHEMA_VERSION:
            await pool.close()
            raise RuntimeError(
                f"archive schema is at version {version}, this service needs "
                f"{admin.SCHEMA_VERSION}: run 'studio-archive migrate'"
            )
        state["pool"] = pool
        _log(logging.INFO, "archive service started", version=__version__)
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(
        title="Village Studio county archive",
        version=__version__,
        description=(
            "Sync API between township studios and the county archive. Studios push their "
            "rows and pull what changed; departments read their follow-ups and append "
            "replies. Authenticate with `Authorization: Bearer <credential>`."
        ),
        lifespan=lifespan,
    )

    def pool() -> AsyncConnectionPool:
        found: AsyncConnectionPool | None = state.get("pool")
        if found is None:
            raise ApiError(503, "unavailable", "The archive is starting; retry shortly.")
        return found

    @app.middleware("http")
    async def frame(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        given = request.headers.get("x-request-id", "")
        request.state.request_id = given if _valid_request_id(given) else uuid7().hex
        started = time.perf_counter()
        route = request.url.path
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            response: Response = _error(
                request, 413, "too_large", f"Requests are limited to {MAX_BODY_BYTES} bytes."
            )
        elif length is None and "transfer-encoding" in request.headers:
            # A chunked body has no length to check up front: it would dodge the limit.
            response = _error(request, 411, "length_required", "Send a Content-Length.")
        else:
            try:
                response = await call_next(request)
            except Exception:  # the last line of defence: never a traceback to the client
                _log(logging.ERROR, "unhandled error", request_id=_request_id(request))
                log.exception("unhandled error")
                response = _error(request, 500, "internal", "The archive failed; retry later.")
        elapsed = time.perf_counter() - started
        response.headers["x-request-id"] = _request_id(request)
        # Metrics by route template ("/v1/department/follow-ups/{follow_up_id}/events"), not
        # by path: one series per follow-up id or per probed URL would grow without end.
        matched = request.scope.get("route")
        template = getattr(matched, "path_format", None) or "unmatched"
        metrics.requests[(template, response.status_code)] += 1
        metrics.seconds[template] = metrics.seconds.get(template, 0.0) + elapsed
        _log(
            logging.INFO,
            "request",
            request_id=_request_id(request),
            method=request.method,
            route=route,
            status=response.status_code,
            ms=round(elapsed * 1000, 1),
            account=getattr(request.state, "account", ""),
        )
        return response

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(request, exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        message = f"Invalid request: {where}: {first.get('msg', 'invalid')}"
        return _error(request, 422, "invalid_request", message[:300])

    # Starlette's own (404, 405, a body that cannot be parsed), FastAPI's subclass included.
    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = _error(request, exc.status_code, "http_error", str(exc.detail)[:300])
        response.headers.update(exc.headers or {})  # e.g. Allow on a 405
        return response

    @app.exception_handler(psycopg.Error)
    async def on_database(request: Request, exc: psycopg.Error) -> JSONResponse:
        # Never the database's message: it can reveal other studios' rows (SYNC_DESIGN.md).
        _log(
            logging.ERROR,
            "database error",
            request_id=_request_id(request),
            sqlstate=getattr(exc, "sqlstate", None),
            error=type(exc).__name__,
        )
        if isinstance(exc, psycopg.OperationalError):
            return _error(request, 503, "unavailable", "The archive database is unavailable.")
        return _error(request, 500, "internal", "The archive failed; retry later.")

    async def authenticate(request: Request, conn: psycopg.AsyncConnection[Any]) -> Caller:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise ApiError(401, "unauthorized", "Give a credential: Authorization: Bearer …")
        try:
            credential = admin.Credential.parse(token)
        except ValueError:
            raise ApiError(401, "unauthorized", "The credential is not valid.") from None
        row = await (
            await conn.execute(
                "SELECT kind, name, db_role, studio_id, secret_hash, revoked_at"
                " FROM archive.account WHERE id = %s",
                (credential.account_id,),
            )
        ).fetchone()
        if row is None or not admin.secret_matches(credential.secret, row[4]):
            raise ApiError(401, "unauthorized", "The credential is not valid.")
        if row[5] is not None:
            raise ApiError(401, "revoked", "This credential has been revoked by the county.")
        request.state.account = credential.account_id.hex[:12]
        return Caller(credential.account_id, row[0], row[1], row[2], row[3])

    async def as_role(conn: psycopg.AsyncConnection[Any], caller: Caller) -> None:
        await conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(caller.role)))

    def studio_only(caller: Caller) -> None:
        if caller.kind != "studio":
            raise ApiError(403, "forbidden", "Only studio credentials may sync.")

    def bound_studio(caller: Caller) -> uuid.UUID:
        """The studio a studio credential syncs for (bound by its first hello)."""
        studio_only(caller)
        if caller.studio_id is None:
            raise ApiError(409, "hello_first", "Call /v1/sync/hello first.")
        return caller.studio_id

    # ------------------------------------------------------------------ public
    @app.get("/health", summary="Liveness and database check")
    async def health() -> JSONResponse:
        try:
            async with pool().connection() as conn:
                await conn.execute("SELECT 1")
                await conn.rollback()
        except (psycopg.Error, ApiError):
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ok", "version": __version__})

    @app.get("/metrics", summary="Prometheus metrics of this instance")
    async def metrics_page() -> PlainTextResponse:
        return PlainTextResponse(metrics.text())

    # The departments' web page over the API below (not part of the API's schema).
    add_department_page(app)

    # ------------------------------------------------------------------ studios
    @app.post("/v1/sync/hello", response_model=HelloResponse, responses=_ERRORS)
    async def hello(request: Request, body: HelloRequest) -> Response:
        """Check the credential and bind it to the studio at its first connection."""
        _check_protocol(body.protocol)
        async with pool().connection() as conn, conn.transaction():
            caller = await authenticate(request, conn)
            studio_only(caller)
            studio_id = caller.studio_id
            if studio_id is None:
                if body.studio_id.int == 0:
                    raise ApiError(409, "wrong_studio", "That studio id is the county's.")
                await conn.execute("SELECT pg_advisory_xact_lock(%s)", (admin.CLAIM_LOCK,))
                taken = await (
                    await conn.execute(
                        "SELECT 1 FROM archive.account WHERE studio_id = %s", (body.studio_id,)
                    )
                ).fetchone()
                if taken:
                    raise ApiError(
                        409,
                        "wrong_studio",
                        "Another credential already belongs to this studio: ask the county "
                        "to add this PC as a device of it.",
                    )
                await conn.execute(
                    "UPDATE archive.account SET studio_id = %s WHERE id = %s",
                    (body.studio_id, caller.account_id),
                )
                studio_id = body.studio_id
            elif studio_id != body.studio_id:
                raise ApiError(
                    409, "wrong_studio", "This credential belongs to another studio's records."
                )
            await conn.execute(
                "UPDATE archive.account SET last_seen_at = now() WHERE id = %s",
                (caller.account_id,),
            )
            await conn.execute(
                "INSERT INTO archive.sync_client AS c (account_id, device_id, app_version,"
                " protocol, last_hello) VALUES (%s, %s, %s, %s, now())"
                " ON CONFLICT (account_id, device_id) DO UPDATE SET"
                " app_version = EXCLUDED.app_version, protocol = EXCLUDED.protocol,"
                " last_hello = now()",
                (caller.account_id, body.device_id, body.app_version, body.protocol),
            )
        return _json(
            {
                "account": caller.name,
                "studio_id": str(studio_id),
                "protocol": PROTOCOL_VERSION,
                "server_time": datetime.now(UTC).isoformat(),
            }
        )

    @app.post("/v1/sync/push", response_model=PushResponse, responses=_ERRORS)
    async def push(request: Request, body: PushRequest) -> Response:
        """Store rows: newer versions replace older ones, events are only ever added."""
        _check_protocol(body.protocol)
        total = sum(len(rows) for rows in body.rows.values())
        if total > MAX_PUSH_ROWS:
            raise ApiError(413, "too_large", f"Send at most {MAX_PUSH_ROWS} rows per request.")
        async with pool().connection() as conn, conn.transaction():
            caller = await authenticate(request, conn)
            studio_id = bound_studio(caller)
            await as_role(conn, caller)
            results: list[dict[str, Any]] = []
            for wire in WIRE_TABLES:
                rows = body.rows.get(wire.name)  # type: ignore[call-overload]
                if rows:
                    results.extend(await _push_table(conn, wire, rows, studio_id))
            await conn.execute("RESET ROLE")
            await conn.execute(
                "UPDATE archive.sync_client SET last_push = now()"
                " WHERE account_id = %s AND device_id = %s",
                (caller.account_id, body.device_id),
            )
        # Committed: only now is anything acknowledged.
        for result in results:
            metrics.rows[result["outcome"]] += 1
        return _json({"results": results})

    @app.get("/v1/sync/pull", response_model=PullResponse, responses=_ERRORS)
    async def pull(
        request: Request,
        cursor: Annotated[str, Query(max_length=60, pattern=r"^\d{1,20}(:\d{1,20})?$")] = "0:0",
        limit: Annotated[int, Query(ge=1, le=PULL_PAGE)] = PULL_PAGE,
    ) -> Response:
        """Rows of the caller's studio and the county's departments, in commit order."""
        try:
            after = PullCursor.parse(cursor)
        except ValueError:
            raise ApiError(422, "invalid_request", "The cursor is not valid.") from None
        if after.txid >= 2**63 or after.seq >= 2**63:
            raise ApiError(422, "invalid_request", "The cursor is not valid.")
        async with pool().connection() as conn, conn.transaction():
            caller = await authenticate(request, conn)
            bound_studio(caller)
            await as_role(conn, caller)
            page = await _pull_page(conn, after, limit)
        return _json(page)

    # ------------------------------------------------------------------ departments
    @app.get("/v1/department/follow-ups", response_model=list[FollowUpOut], responses=_ERRORS)
    async def department_follow_ups(request: Request) -> Response:
        """The follow-ups the calling department leads or supports, with their histories."""
        async with pool().connection() as conn, conn.transaction():
            caller = await authenticate(request, conn)
            if caller.kind != "department":
                raise ApiError(403, "forbidden", "Only department credentials may do this.")
            await as_role(conn, caller)
            follow_ups = await _department_follow_ups(conn)
        return _json(follow_ups)

    @app.post(
        "/v1/department/follow-ups/{follow_up_id}/events",
        response_model=FollowUpEventOut,
        status_code=201,
        responses={**_ERRORS, 404: {"model": ErrorBody, "description": "No such follow-up"}},
    )
    async def department_event(
        request: Request, follow_up_id: uuid.UUID, body: DepartmentEventIn
    ) -> Response:
        """Append a reply or a status change (in progress, resolved) to a follow-up."""
        text = body.text.strip()
        if body.kind == "reply" and not text:
            raise ApiError(422, "invalid_request", "A reply needs text.")
        if body.kind == "status" and body.status is None:
            raise ApiError(422, "invalid_request", "A status change needs a status.")
        async with pool().connection() as conn, conn.transaction():
            caller = await authenticate(request, conn)
            if caller.kind != "department":
                raise ApiError(403, "forbidden", "Only department credentials may do this.")
            await as_role(conn, caller)
            event = await _department_append(conn, caller, follow_up_id, body, text)
        return _json(event, status=201)

    return app


def _valid_request_id(value: str) -> bool:
    return 8 <= len(value) <= 64 and all(c.isalnum() or c in "-_" for c in value)


def _check_protocol(protocol: int) -> None:
    if protocol != PROTOCOL_VERSION:
        raise ApiError(
            409,
            "protocol",
            f"This archive speaks sync protocol {PROTOCOL_VERSION}, not {protocol}: update.",
        )


async def _configure_connection(conn: psycopg.AsyncConnection[Any]) -> None:
    await conn.execute("SET TIME ZONE 'UTC'")
    await conn.commit()


async def _schema_version(conn: psycopg.AsyncConnection[Any]) -> int:
    row = await (
        await conn.execute("SELECT value FROM archive.meta WHERE key = 'schema_version'")
    ).fetchone()
    await conn.rollback()
    return int(row[0]) if row else 0


# ---------------------------------------------------------------------- push
def _upsert_sql(wire: WireTable) -> sql.Composed:
    """One statement for a whole table's rows: JSON in, applied ids out."""
    table = sql.Identifier("archive", wire.name)
    columns = sql.SQL(", ").join(sql.Identifier(n) for n in wire.column_names)
    head = sql.SQL(
        "INSERT INTO {table} ({columns}) SELECT {columns}"
        " FROM jsonb_populate_recordset(NULL::{table}, %s::jsonb)"
    ).format(table=table, columns=columns)
    tail: sql.Composable
    if wire.append_only:
        tail = sql.SQL(" ON CONFLICT (id) DO NOTHING RETURNING id")
    else:
        updates = sql.SQL(", ").join(
            sql.SQL("{c} = EXCLUDED.{c}").format(c=sql.Identifier(n))
            for n in wire.column_names
            if n != "id"
        )
        tail = sql.SQL(
            " ON CONFLICT (id) DO UPDATE SET {updates} WHERE {table}.hlc < EXCLUDED.hlc"
            " RETURNING id"
        ).format(updates=updates, table=table)
    return sql.Composed([head, tail])


def _outcome(
    wire: WireTable,
    row_id: str,
    hlc: int,
    outcome: Outcome,
    reason: RejectReason | None = None,
    server_hlc: int | None = None,
) -> dict[str, Any]:
    return {
        "table": wire.name,
        "id": row_id,
        "hlc": hlc,
        "outcome": outcome.value,
        "reason": reason.value if reason else None,
        "server_hlc": server_hlc,
    }


async def _push_table(
    conn: psycopg.AsyncConnection[Any],
    wire: WireTable,
    rows: list[dict[str, Any]],
    studio_id: uuid.UUID,
) -> list[dict[str, Any]]:
    """Apply one table's rows (valid ones in one statement) and answer per row."""
    results: dict[int, dict[str, Any]] = {}
    good: list[tuple[int, dict[str, Any]]] = []
    mine = str(studio_id)
    seen: set[str] = set()
    for index, row in enumerate(rows):
        row_id = str(row.get("id", ""))
        hlc = row.get("hlc")
        hlc_value = hlc if type(hlc) is int else 0
        try:
            check_row(wire, row)
        except CellError:
            results[index] = _outcome(
                wire, row_id, hlc_value, Outcome.REJECTED, RejectReason.INVALID
            )
            continue
        row_id = str(uuid.UUID(row["id"]))
        if str(uuid.UUID(row["studio_id"])) != mine:
            results[index] = _outcome(
                wire, row_id, hlc_value, Outcome.REJECTED, RejectReason.NOT_YOURS
            )
            continue
        if wire.name == "studio" and row_id != mine:
            results[index] = _outcome(
                wire, row_id, hlc_value, Outcome.REJECTED, RejectReason.NOT_YOURS
            )
            continue
        if row_id in seen:  # the same row twice in one request: keep the first
            results[index] = _outcome(
                wire, row_id, hlc_value, Outcome.REJECTED, RejectReason.INVALID
            )
            continue
        seen.add(row_id)
        row["id"] = row_id
        good.append((index, row))
    if good:
        statement = _upsert_sql(wire)
        try:
            async with conn.transaction():  # a savepoint: a failure here is isolated
                cursor = await conn.execute(statement, (json.dumps([r for _, r in good]),))
                applied = {str(r[0]) for r in await cursor.fetchall()}
            results.update(await _settle(conn, wire, good, applied))
        except psycopg.Error as exc:
            _log(
                logging.WARNING,
                "bulk push failed, isolating rows",
                table=wire.name,
                sqlstate=getattr(exc, "sqlstate", None),
            )
            for index, row in good:
                results[index] = await _push_one(conn, wire, statement, row)
    return [results[i] for i in range(len(rows))]


async def _settle(
    conn: psycopg.AsyncConnection[Any],
    wire: WireTable,
    good: list[tuple[int, dict[str, Any]]],
    applied: set[str],
) -> dict[int, dict[str, Any]]:
    """Answer for rows not written: already stored at this version, or stored newer."""
    results: dict[int, dict[str, Any]] = {}
    missing = [row["id"] for _, row in good if row["id"] not in applied]
    stored: dict[str, int] = {}
    if missing:
        cursor = await conn.execute(
            sql.SQL("SELECT id::text, hlc FROM {} WHERE id = ANY(%s::uuid[])").format(
                sql.Identifier("archive", wire.name)
            ),
            (missing,),
        )
        stored = {r[0]: int(r[1]) for r in await cursor.fetchall()}
    for index, row in good:
        row_id, hlc = row["id"], row["hlc"]
        if row_id in applied:
            results[index] = _outcome(wire, row_id, hlc, Outcome.APPLIED)
        elif row_id not in stored:
            # Not written and not visible: the id is another studio's row.
            results[index] = _outcome(wire, row_id, hlc, Outcome.REJECTED, RejectReason.CONFLICT)
        elif wire.append_only or stored[row_id] == hlc:
            results[index] = _outcome(wire, row_id, hlc, Outcome.APPLIED)
        elif stored[row_id] > hlc:
            results[index] = _outcome(wire, row_id, hlc, Outcome.STALE, server_hlc=stored[row_id])
        else:  # pragma: no cover - the upsert writes every row older than the one sent
            results[index] = _outcome(wire, row_id, hlc, Outcome.REJECTED, RejectReason.CONFLICT)
    return results


async def _push_one(
    conn: psycopg.AsyncConnection[Any],
    wire: WireTable,
    statement: sql.Composed,
    row: dict[str, Any],
) -> dict[str, Any]:
    try:
        async with conn.transaction():
            cursor = await conn.execute(statement, (json.dumps([row]),))
            applied = {str(r[0]) for r in await cursor.fetchall()}
    except psycopg.Error as exc:
        state = getattr(exc, "sqlstate", "") or ""
        # 42501: row-level security (the id is another studio's); 23xxx: constraints.
        reason = RejectReason.CONFLICT if state in ("42501", "23505") else RejectReason.INVALID
        return _outcome(wire, row["id"], row["hlc"], Outcome.REJECTED, reason)
    return (await _settle(conn, wire, [(0, row)], applied))[0]


# ---------------------------------------------------------------------- pull
async def _pull_page(
    conn: psycopg.AsyncConnection[Any], after: PullCursor, limit: int
) -> dict[str, Any]:
    """Rows with ``(txid, server_seq) > after`` of transactions finished before the snapshot."""
    row = await (
        await conn.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
    ).fetchone()
    assert row is not None
    horizon = int(row[0])
    # One ordered merge of the 13 tables: each branch is an index range scan on
    # (studio_id, txid, server_seq) under the caller's row-level security, and
    # the rows are turned into JSON only as the merge takes them, so a page
    # costs about ``limit`` conversions rather than 13 × ``limit``.
    branch = (
        "(SELECT {name} AS tbl, t.txid, t.server_seq,"
        " to_jsonb(t) - 'txid' - 'server_time' AS body FROM {table} t"
        " WHERE (t.txid, t.server_seq) > (%(txid)s::text::xid8, %(seq)s)"
        " AND t.txid < %(horizon)s::text::xid8"
        " ORDER BY t.txid, t.server_seq LIMIT %(limit)s)"
    )
    query = sql.SQL(
        # Ordered by the xid8 itself (an output column named txid would be its
        # text, and "999" sorts after "1000").
        "SELECT m.tbl, m.txid::text AS txid_text, m.server_seq, m.body FROM ({}) AS m"
        " ORDER BY m.txid, m.server_seq LIMIT %(limit)s"
    ).format(
        sql.SQL(" UNION ALL ").join(
            sql.SQL(branch).format(
                name=sql.Literal(wire.name), table=sql.Identifier("archive", wire.name)
            )
            for wire in WIRE_TABLES
        )
    )
    params = {
        "txid": str(after.txid),
        "seq": after.seq,
        "horizon": str(horizon),
        "limit": limit + 1,
    }
    cursor = await conn.execute(query, params)
    found = [
        (int(txid), int(seq), name, values) for name, txid, seq, values in await cursor.fetchall()
    ]
    complete = len(found) <= limit
    page = found[:limit]
    if complete:
        next_cursor = PullCursor(horizon, 0) if horizon > after.txid else after
    else:
        last = page[-1]
        next_cursor = PullCursor(last[0], last[1])
    return {
        "rows": [{"table": name, "row": values} for _, _, name, values in page],
        "cursor": str(next_cursor),
        "complete": complete,
    }


# ---------------------------------------------------------------------- departments
async def _department_follow_ups(conn: psycopg.AsyncConnection[Any]) -> list[dict[str, Any]]:
    cursor = await conn.execute(
        "SELECT id, studio_id, promise, lead_department_id, deadline::text,"
        " responsible_person, created_at, lead_department_id = ANY (archive.my_departments())"
        " FROM archive.follow_up WHERE NOT deleted ORDER BY created_at, id"
    )
    follow_ups = await cursor.fetchall()
    cursor = await conn.execute(
        "SELECT follow_up_id, id, kind, status, text, author, origin, at"
        " FROM archive.follow_up_event ORDER BY server_seq"
    )
    events: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for follow_up_id, *rest in await cursor.fetchall():
        keys = ("id", "kind", "status", "text", "author", "origin", "at")
        events.setdefault(follow_up_id, []).append(dict(zip(keys, rest, strict=True)))
    out = []
    for fid, studio_id, promise, lead, deadline, person, created, leads in follow_ups:
        history = events.get(fid, [])
        status = _status_of(history)
        out.append(
            {
                "id": fid,
                "studio_id": studio_id,
                "promise": promise,
                "lead_department_id": lead,
                "deadline": deadline,
                "responsible_person": person,
                "created_at": created,
                "status": status.value,
                "lead": bool(leads),
                "next_statuses": [
                    s.value for s in DEPARTMENT_STATUS_ORDER if s in FOLLOW_UP_TRANSITIONS[status]
                ],
                "events": history,
            }
        )
    return out


def _status_of(history: list[dict[str, Any]]) -> FollowUpStatus:
    status = FollowUpStatus.ASSIGNED
    for event in history:
        if event["kind"] == EventKind.STATUS.value and event["status"]:
            try:
                status = FollowUpStatus(event["status"])
            except ValueError:
                continue
    return status


async def _department_append(
    conn: psycopg.AsyncConnection[Any],
    caller: Caller,
    follow_up_id: uuid.UUID,
    body: DepartmentEventIn,
    text: str,
) -> dict[str, Any]:
    # Serialise appends to one follow-up, so two status changes cannot both pass the check
    # below. Not ``FOR SHARE``: row locks need UPDATE rights, which departments must not have.
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended(%s::text, 0))", (str(follow_up_id),)
    )
    row = await (
        await conn.execute(
            "SELECT studio_id FROM archive.follow_up WHERE id = %s AND NOT deleted",
            (follow_up_id,),
        )
    ).fetchone()
    if row is None:
        raise ApiError(404, "not_found", "No follow-up with that id is assigned to you.")
    studio_id = row[0]
    cursor = await conn.execute(
        "SELECT kind, status FROM archive.follow_up_event WHERE follow_up_id = %s"
        " ORDER BY server_seq",
        (follow_up_id,),
    )
    history = [{"kind": k, "status": s} for k, s in await cursor.fetchall()]
    status: FollowUpStatus | None = None
    if body.kind == "status":
        assert body.status is not None
        status = FollowUpStatus(body.status)
        current = _status_of(history)
        if status not in DEPARTMENT_STATUSES or status not in FOLLOW_UP_TRANSITIONS[current]:
            raise ApiError(
                409,
                "illegal_transition",
                f"A follow-up that is {current.value} cannot become {status.value}.",
            )
    author = caller.name + (f" · {body.person.strip()}" if body.person.strip() else "")
    event_id = uuid7()
    now = datetime.now(UTC)
    await conn.execute(
        "INSERT INTO archive.follow_up_event (id, studio_id, hlc, deleted, follow_up_id, kind,"
        " status, text, author, origin, at) VALUES (%s, %s, %s, false, %s, %s, %s, %s, %s,"
        " 'department', %s)",
        (
            event_id,
            studio_id,
            int(now.timestamp() * 1000) << 16,
            follow_up_id,
            body.kind,
            status.value if status else None,
            text,
            author,
            now,
        ),
    )
    return {
        "id": event_id,
        "kind": body.kind,
        "status": status.value if status else None,
        "text": text,
        "author": author,
        "origin": "department",
        "at": now,
    }


__all__ = ["TABLES_BY_NAME", "create_app"]
