"""The archive's own migrations and its accounts: studios and departments, their credentials.

These run with an administrator's connection (one that may create roles); the service itself
logs in as the ``<prefix>_api`` role, which can do none of this.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from importlib import resources

import psycopg
from psycopg import sql

from studio_app.domain.ids import uuid7
from studio_app.domain.sync import COUNTY_STUDIO_ID

#: Versions of the archive schema, in order; each is ``sql/NNNN_*.sql`` run in one transaction.
MIGRATIONS = ("0001_archive.sql",)
SCHEMA_VERSION = len(MIGRATIONS)
#: Serialises migrations of one database (several service instances may start at once).
_MIGRATION_LOCK = 7_202_611
#: Serialises studio claims, so two credentials cannot bind the same studio at once.
CLAIM_LOCK = 7_202_612
CREDENTIAL_PREFIX = "vsa1"
_PREFIX_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
DEFAULT_PREFIX = "archive"


class ArchiveAdminError(Exception):
    """An administrative command cannot be done (the message says why and what to do)."""


@dataclass(frozen=True, slots=True)
class Account:
    """A studio's or department's account on the archive."""

    id: uuid.UUID
    kind: str
    name: str
    db_role: str
    studio_id: uuid.UUID | None
    created_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None
    departments: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True, slots=True)
class Credential:
    """A credential as handed out once: ``vsa1.<account id>.<secret>``."""

    account_id: uuid.UUID
    secret: str

    def __str__(self) -> str:
        return f"{CREDENTIAL_PREFIX}.{self.account_id.hex}.{self.secret}"

    @classmethod
    def parse(cls, text: str) -> Credential:
        """Parse a credential; raise ``ValueError`` if it is not one."""
        prefix, account, secret = text.strip().split(".", 2)
        if prefix != CREDENTIAL_PREFIX or not secret:
            raise ValueError("not an archive credential")
        return cls(uuid.UUID(hex=account), secret)


def hash_secret(secret: str) -> bytes:
    """The stored form of a secret (256 random bits: a plain SHA-256 is enough)."""
    return hashlib.sha256(secret.encode("utf-8")).digest()


def secret_matches(secret: str, stored: bytes) -> bool:
    """Whether ``secret`` hashes to ``stored`` (constant time)."""
    return hmac.compare_digest(hash_secret(secret), bytes(stored))


def check_prefix(prefix: str) -> str:
    """Return ``prefix`` if it is a valid role prefix (lower-case letters, digits, _)."""
    if not _PREFIX_PATTERN.match(prefix):
        raise ArchiveAdminError(
            f"Role prefix {prefix!r} is not valid: use up to 31 lower-case letters, digits "
            "and underscores, starting with a letter."
        )
    return prefix


def schema_version(conn: psycopg.Connection) -> int:
    """The archive schema version of the database (0 when not set up)."""
    exists = conn.execute("SELECT to_regclass('archive.meta') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT value FROM archive.meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def role_prefix(conn: psycopg.Connection) -> str:
    """The role prefix the database was set up with."""
    row = conn.execute("SELECT value FROM archive.meta WHERE key = 'role_prefix'").fetchone()
    if row is None:
        raise ArchiveAdminError("The database has no archive schema: run 'studio-archive migrate'.")
    return str(row[0])


def migrate(url: str, prefix: str = DEFAULT_PREFIX) -> tuple[int, int]:
    """Bring the archive schema to the newest version; return (from, to).

    Each version runs in its own transaction under an advisory lock, so instances starting
    together neither collide nor half-apply a version.
    """
    with psycopg.connect(url, autocommit=False) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        start = schema_version(conn)
        if start > SCHEMA_VERSION:
            raise ArchiveAdminError(
                f"The database is at archive schema {start}, newer than this program knows "
                f"({SCHEMA_VERSION}): update studio-archive."
            )
        if start:
            prefix = role_prefix(conn)
        else:
            check_prefix(prefix)
        for number in range(start, SCHEMA_VERSION):
            text = resources.files("studio_app.archive").joinpath("sql", MIGRATIONS[number])
            script = text.read_text(encoding="utf-8").replace("{p}", prefix)
            conn.execute(script.encode("utf-8"))
            conn.execute(
                "INSERT INTO archive.meta (key, value) VALUES ('schema_version', %s),"
                " ('role_prefix', %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (str(number + 1), prefix),
            )
        conn.commit()
        return start, SCHEMA_VERSION


def _require_schema(conn: psycopg.Connection) -> str:
    version = schema_version(conn)
    if version != SCHEMA_VERSION:
        raise ArchiveAdminError(
            f"The archive schema is at version {version}, this program needs "
            f"{SCHEMA_VERSION}: run 'studio-archive migrate'."
        )
    return role_prefix(conn)


def _new_account(
    conn: psycopg.Connection, kind: str, name: str, group: str, studio_id: uuid.UUID | None
) -> tuple[uuid.UUID, Credential, str]:
    prefix = _require_schema(conn)
    name = name.strip()
    if not name:
        raise ArchiveAdminError("Give the account a name.")
    account_id = uuid7()
    role = f"{prefix}_{kind[0]}_{account_id.hex[:20]}"
    secret = secrets.token_urlsafe(32)
    conn.execute(
        sql.SQL("CREATE ROLE {} NOLOGIN IN ROLE {}").format(
            sql.Identifier(role), sql.Identifier(f"{prefix}_{group}")
        )
    )
    conn.execute(
        sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(f"{prefix}_api"))
    )
    conn.execute(
        "INSERT INTO archive.account (id, kind, name, db_role, secret_hash, studio_id)"
        " VALUES (%s, %s, %s, %s, %s, %s)",
        (account_id, kind, name, role, hash_secret(secret), studio_id),
    )
    return account_id, Credential(account_id, secret), role


def add_studio(url: str, name: str, studio_id: uuid.UUID | None = None) -> Credential:
    """Enrol a studio; return its credential (shown once; only its hash is kept).

    Without ``studio_id`` the account is bound to the studio id of the PC that first connects
    with it; give one to add a second device of a studio already enrolled.
    """
    if studio_id == COUNTY_STUDIO_ID:
        raise ArchiveAdminError("That id is reserved for the county.")
    with psycopg.connect(url) as conn:
        _, credential, _ = _new_account(conn, "studio", name, "studio", studio_id)
        conn.commit()
        return credential


def add_department(
    url: str, name: str, code: str = "", department_ids: tuple[uuid.UUID, ...] = ()
) -> tuple[uuid.UUID, Credential]:
    """Create a county department and an account for it; return (department id, credential).

    With ``department_ids`` no department is created: the account answers for those (e.g.
    departments a studio created before the county's list existed).
    """
    with psycopg.connect(url) as conn:
        account_id, credential, _ = _new_account(conn, "department", name, "dept", None)
        ids = list(department_ids)
        if not ids:
            department_id = uuid7()
            now_ms = int(datetime.now().timestamp() * 1000)
            conn.execute(
                "INSERT INTO archive.department (id, studio_id, hlc, deleted, name, code, active)"
                " VALUES (%s, %s, %s, false, %s, %s, true)",
                (department_id, COUNTY_STUDIO_ID, now_ms << 16, name.strip(), code.strip()),
            )
            ids = [department_id]
        for department_id in ids:
            conn.execute(
                "INSERT INTO archive.account_department (account_id, department_id)"
                " VALUES (%s, %s)",
                (account_id, department_id),
            )
        conn.commit()
        return ids[0], credential


def list_accounts(url: str, kind: str | None = None) -> list[Account]:
    """Every account (or those of one kind), oldest first."""
    with psycopg.connect(url) as conn:
        _require_schema(conn)
        rows = conn.execute(
            "SELECT a.id, a.kind, a.name, a.db_role, a.studio_id, a.created_at, a.revoked_at,"
            " a.last_seen_at, coalesce(array_agg(l.department_id)"
            " FILTER (WHERE l.department_id IS NOT NULL), '{}')"
            " FROM archive.account a LEFT JOIN archive.account_department l"
            " ON l.account_id = a.id WHERE %s::text IS NULL OR a.kind = %s"
            " GROUP BY a.id ORDER BY a.created_at, a.id",
            (kind, kind),
        ).fetchall()
    return [
        Account(
            id=row[0], kind=row[1], name=row[2], db_role=row[3], studio_id=row[4],
            created_at=row[5], revoked_at=row[6], last_seen_at=row[7], departments=tuple(row[8]),
        )
        for row in rows
    ]  # fmt: skip


def find_account(url: str, key: str, kind: str) -> Account:
    """The one account of ``kind`` whose id (or id prefix) or exact name is ``key``."""
    key = key.strip()
    matches = [
        a
        for a in list_accounts(url, kind)
        if a.name == key or (len(key) >= 6 and a.id.hex.startswith(key.replace("-", "")))
    ]
    if not matches:
        raise ArchiveAdminError(f"No {kind} account is called or numbered {key!r}.")
    if len(matches) > 1:
        listed = ", ".join(a.id.hex[:12] for a in matches)
        raise ArchiveAdminError(f"{key!r} names several {kind} accounts ({listed}): use the id.")
    return matches[0]


def revoke(url: str, account_id: uuid.UUID) -> bool:
    """Revoke an account: its credential is refused from now on. False if already revoked."""
    with psycopg.connect(url) as conn:
        prefix = _require_schema(conn)
        row = conn.execute(
            "UPDATE archive.account SET revoked_at = now() WHERE id = %s AND revoked_at IS NULL"
            " RETURNING db_role",
            (account_id,),
        ).fetchone()
        if row is None:
            return False
        # Belt and braces: the service cannot even switch to the role any more.
        conn.execute(
            sql.SQL("REVOKE {} FROM {}").format(
                sql.Identifier(row[0]), sql.Identifier(f"{prefix}_api")
            )
        )
        conn.commit()
        return True


def set_api_password(url: str, password: str) -> None:
    """Set the password the service logs in with (the ``<prefix>_api`` role)."""
    with psycopg.connect(url) as conn:
        prefix = _require_schema(conn)
        conn.execute(
            sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                sql.Identifier(f"{prefix}_api"), sql.Literal(password)
            )
        )
        conn.commit()
