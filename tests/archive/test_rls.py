"""Row-level security of the archive, by hand-written SQL under each database role."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from psycopg import errors, sql

from studio_app.archive import admin
from studio_app.domain.ids import uuid7
from studio_app.domain.sync import COUNTY_STUDIO_ID, TABLES_BY_NAME, WIRE_TABLES
from tests.archive.postgres import PgDatabase
from tests.archive.test_api import wire_row

SYNCED = [wire.name for wire in WIRE_TABLES]
APPEND_ONLY = [wire.name for wire in WIRE_TABLES if wire.append_only]
UPDATABLE = [wire.name for wire in WIRE_TABLES if not wire.append_only]


def table(name: str) -> sql.Identifier:
    return sql.Identifier("archive", name)


def insert(conn: psycopg.Connection, name: str, rows: list[dict[str, Any]]) -> int:
    """Insert wire rows as the connection's current role (as the service does); return count."""
    columns = sql.SQL(", ").join(sql.Identifier(c) for c in TABLES_BY_NAME[name].column_names)
    statement = sql.SQL(
        "INSERT INTO {t} ({c}) SELECT {c} FROM jsonb_populate_recordset(NULL::{t}, %s::jsonb)"
    ).format(t=table(name), c=columns)
    return conn.execute(statement, (json.dumps(rows),)).rowcount


def set_role(conn: psycopg.Connection, role: str) -> None:
    conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))


@contextmanager
def connect(url: str, role: str | None = None) -> Iterator[psycopg.Connection]:
    """An autocommit connection (each statement its own transaction), as ``role`` if given."""
    with psycopg.connect(url, autocommit=True) as conn:
        if role is not None:
            set_role(conn, role)
        yield conn


def ids(conn: psycopg.Connection, name: str) -> set[str]:
    return {r[0] for r in conn.execute(sql.SQL("SELECT id::text FROM {}").format(table(name)))}


def fails(
    conn: psycopg.Connection, statement: sql.SQL | sql.Composed | str, params: Any = None
) -> psycopg.Error:
    """Run ``statement``, expecting a database error; return it."""
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(statement, params)
    return caught.value


@dataclass
class Studio:
    studio_id: uuid.UUID
    role: str
    rows: dict[str, dict[str, Any]]  # one row per synced table


@dataclass
class World:
    """Two studios with a row in every table, and a county department with an account."""

    database: PgDatabase
    admin_url: str
    api_url: str
    prefix: str
    a: Studio
    b: Studio
    department_id: uuid.UUID
    department_role: str
    #: A's follow-ups the department leads, supports, and has nothing to do with; B's it leads.
    lead: dict[str, Any]
    support: dict[str, Any]
    other: dict[str, Any]
    b_lead: dict[str, Any]

    def snapshot(self) -> dict[str, list[Any]]:
        with connect(self.admin_url) as conn:
            return {
                name: conn.execute(
                    sql.SQL("SELECT to_jsonb(t) FROM {} t ORDER BY id").format(table(name))
                ).fetchall()
                for name in SYNCED
            }


def _role_of(url: str, credential: admin.Credential) -> str:
    with connect(url) as conn:
        row = conn.execute(
            "SELECT db_role FROM archive.account WHERE id = %s", (credential.account_id,)
        ).fetchone()
    assert row is not None
    return str(row[0])


@pytest.fixture
def world(pg_database: PgDatabase) -> World:
    url, prefix = pg_database.url, pg_database.role_prefix
    admin.migrate(url, prefix)
    api_url = pg_database.url_as(f"{prefix}_api")
    department_id, department_credential = admin.add_department(url, "县交通运输局", "JT")
    studios = []
    for name in ("青山镇", "绿水村"):
        studio_id = uuid7()
        role = _role_of(url, admin.add_studio(url, name, studio_id))
        rows = {t: wire_row(t, studio_id, **_texts(t, name)) for t in SYNCED}
        with connect(api_url, role) as conn:  # the studio writes its own rows itself
            for name_, row in rows.items():
                assert insert(conn, name_, [row]) == 1
        studios.append(Studio(studio_id, role, rows))
    a, b = studios
    dept = str(department_id)
    lead = wire_row("follow_up", a.studio_id, lead_department_id=dept, promise="修路")
    support = wire_row("follow_up", a.studio_id, supporting_department_ids=[dept, str(uuid7())])
    other = a.rows["follow_up"]
    b_lead = wire_row("follow_up", b.studio_id, lead_department_id=dept, promise="修桥")
    with connect(api_url, a.role) as conn:
        assert insert(conn, "follow_up", [lead, support]) == 2
        events = [
            wire_row("follow_up_event", a.studio_id, follow_up_id=f["id"], origin="studio")
            for f in (lead, support)
        ]
        assert insert(conn, "follow_up_event", events) == 2
    with connect(api_url, b.role) as conn:
        assert insert(conn, "follow_up", [b_lead]) == 1
    return World(
        pg_database,
        url,
        api_url,
        prefix,
        a,
        b,
        department_id,
        _role_of(url, department_credential),
        lead,
        support,
        other,
        b_lead,
    )


def _texts(name: str, text: str) -> dict[str, str]:
    return {c.name: text for c in TABLES_BY_NAME[name].columns if c.type.value == "text"}


# ---------------------------------------------------------------------- the catalogue
def test_every_synced_table_enables_and_forces_row_level_security(world: World) -> None:
    with connect(world.admin_url) as conn:
        flags = dict(
            (name, (enabled, forced))
            for name, enabled, forced in conn.execute(
                "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = 'archive' AND c.relkind = 'r'"
            )
        )
        views = conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'archive' AND c.relkind IN ('v', 'm')"
            " AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)"
        ).fetchall()
        roles = conn.execute(
            "SELECT rolname, rolsuper, rolbypassrls, rolinherit, rolcanlogin FROM pg_roles"
            " WHERE rolname LIKE %s",
            (world.prefix + r"\_%",),
        ).fetchall()
        owners = {
            r[0]
            for r in conn.execute(
                "SELECT tableowner FROM pg_tables WHERE schemaname = 'archive'"
            ).fetchall()
        }
    for name in [*SYNCED, "account", "account_department"]:
        assert flags[name] == (True, True), name
    assert views == []  # a definer view would bypass the policies
    assert owners == {f"{world.prefix}_owner"}
    assert all(not r[1] and not r[2] for r in roles), roles  # no superuser, no BYPASSRLS
    by_name = {r[0]: r for r in roles}
    api = by_name[f"{world.prefix}_api"]
    assert api[3] is False and api[4] is True  # NOINHERIT, LOGIN
    assert [r[0] for r in roles if r[4]] == [api[0]]  # nothing else may log in


# ---------------------------------------------------------------------- a studio's role
def test_studio_sees_only_its_rows_and_the_county_departments(world: World) -> None:
    a, b = world.a, world.b
    with connect(world.api_url, a.role) as conn:
        assert conn.execute("SELECT current_user, session_user").fetchone() == (
            a.role,
            f"{world.prefix}_api",
        )
        for name in SYNCED:
            owners = {
                r[0]
                for r in conn.execute(
                    sql.SQL("SELECT DISTINCT studio_id FROM {}").format(table(name))
                )
            }
            expected = {a.studio_id}
            if name == "department":
                expected.add(COUNTY_STUDIO_ID)
            assert owners == expected, name
            assert a.rows[name]["id"] in ids(conn, name)
            assert b.rows[name]["id"] not in ids(conn, name)
        # Asking for B's rows by id or by studio finds nothing either.
        found = conn.execute(
            "SELECT count(*) FROM archive.question WHERE id = %s OR studio_id = %s",
            (b.rows["question"]["id"], b.studio_id),
        ).fetchone()
        assert found == (0,)
        assert conn.execute("SELECT archive.my_studio()").fetchone() == (a.studio_id,)


def test_studio_cannot_update_another_studios_rows(world: World) -> None:
    before = world.snapshot()
    with connect(world.api_url, world.a.role) as conn:
        for name in UPDATABLE:
            cursor = conn.execute(
                sql.SQL("UPDATE {} SET hlc = hlc + 1, deleted = true WHERE id = %s").format(
                    table(name)
                ),
                (world.b.rows[name]["id"],),
            )
            assert cursor.rowcount == 0, name
            cursor = conn.execute(
                sql.SQL("UPDATE {} SET deleted = true WHERE studio_id = %s").format(table(name)),
                (world.b.studio_id,),
            )
            assert cursor.rowcount == 0, name
        # Not the county's departments either (they are only readable).
        cursor = conn.execute(
            "UPDATE archive.department SET active = false WHERE id = %s", (world.department_id,)
        )
        assert cursor.rowcount == 0
    assert world.snapshot() == before


def test_studio_cannot_insert_rows_for_another_studio(world: World) -> None:
    before = world.snapshot()
    with connect(world.api_url, world.a.role) as conn:
        for name in SYNCED:
            for owner in (world.b.studio_id, COUNTY_STUDIO_ID):
                row = wire_row(name, owner)
                error = fails(conn, *_insert_statement(name, row))
                assert isinstance(error, errors.InsufficientPrivilege), (name, error)
                assert "row-level security" in str(error)
    assert world.snapshot() == before


def _insert_statement(name: str, row: dict[str, Any]) -> tuple[sql.Composed, tuple[str]]:
    columns = sql.SQL(", ").join(sql.Identifier(c) for c in TABLES_BY_NAME[name].column_names)
    statement = sql.SQL(
        "INSERT INTO {t} ({c}) SELECT {c} FROM jsonb_populate_recordset(NULL::{t}, %s::jsonb)"
    ).format(t=table(name), c=columns)
    return statement, (json.dumps([row]),)


def test_studio_cannot_move_its_row_to_another_studio(world: World) -> None:
    before = world.snapshot()
    with connect(world.api_url, world.a.role) as conn:
        for name in UPDATABLE:
            error = fails(
                conn,
                sql.SQL("UPDATE {} SET studio_id = %s WHERE id = %s").format(table(name)),
                (world.b.studio_id, world.a.rows[name]["id"]),
            )
            assert isinstance(error, errors.InsufficientPrivilege), (name, error)
        # Taking over B's row through an upsert on its id is refused too (not silently done).
        row = wire_row("question", world.a.studio_id, id=world.b.rows["question"]["id"])
        statement, params = _insert_statement("question", {**row, "hlc": 2**62})
        upsert = sql.Composed([statement, sql.SQL(" ON CONFLICT (id) DO UPDATE SET text = 'x'")])
        error = fails(conn, upsert, params)
        assert isinstance(error, errors.InsufficientPrivilege)
        plain = fails(conn, statement, params)  # the plain insert: a duplicate key
        assert isinstance(plain, errors.UniqueViolation)
    assert world.snapshot() == before


@pytest.mark.parametrize("who", ["studio", "department", "api", "owner"])
def test_delete_is_denied_on_every_table(world: World, who: str) -> None:
    before = world.snapshot()
    url = world.admin_url if who == "owner" else world.api_url
    role = {
        "studio": world.a.role,
        "department": world.department_role,
        "api": None,
        "owner": f"{world.prefix}_owner",
    }[who]
    with connect(url, role) as conn:
        for name in SYNCED:
            statement = sql.SQL("DELETE FROM {} WHERE id = %s").format(table(name))
            if who == "owner":
                # The owner holds every right, but FORCE applies its (absent) policies: nothing.
                assert conn.execute(statement, (world.a.rows[name]["id"],)).rowcount == 0
                continue
            error = fails(conn, statement, (world.a.rows[name]["id"],))
            assert isinstance(error, errors.InsufficientPrivilege), (name, error)
        if who != "owner":
            for name in ("account", "account_department", "sync_client", "meta"):
                error = fails(conn, sql.SQL("DELETE FROM {}").format(table(name)))
                assert isinstance(error, errors.InsufficientPrivilege), (name, error)
    assert world.snapshot() == before


def test_append_only_tables_cannot_be_updated(world: World) -> None:
    before = world.snapshot()
    for role in (world.a.role, world.department_role):
        with connect(world.api_url, role) as conn:
            for name in APPEND_ONLY:
                error = fails(
                    conn,
                    sql.SQL("UPDATE {} SET deleted = true WHERE id = %s").format(table(name)),
                    (world.a.rows[name]["id"],),
                )
                assert isinstance(error, errors.InsufficientPrivilege), (name, error)
            # Replaying an event with another text does not change the stored one.
            event = {**world.a.rows["follow_up_event"], "text": "改写"}
            statement, params = _insert_statement("follow_up_event", event)
            if role == world.a.role:
                ignore = sql.Composed([statement, sql.SQL(" ON CONFLICT (id) DO NOTHING")])
                assert conn.execute(ignore, params).rowcount == 0
    assert world.snapshot() == before


def test_studio_reads_only_its_own_account_without_the_secret(world: World) -> None:
    with connect(world.api_url, world.a.role) as conn:
        rows = conn.execute(
            "SELECT id, kind, db_role, studio_id, revoked_at FROM archive.account"
        ).fetchall()
        assert [(r[2], r[3]) for r in rows] == [(world.a.role, world.a.studio_id)]
        for column in ("secret_hash", "*", "name"):
            error = fails(conn, f"SELECT {column} FROM archive.account")
            assert isinstance(error, errors.InsufficientPrivilege), column
        error = fails(conn, "UPDATE archive.account SET studio_id = %s", (world.b.studio_id,))
        assert isinstance(error, errors.InsufficientPrivilege)
        for name in ("sync_client", "meta", "account_department"):
            error = fails(conn, sql.SQL("SELECT * FROM {}").format(table(name)))
            assert isinstance(error, errors.InsufficientPrivilege), name
    with connect(world.api_url, world.department_role) as conn:
        rows = conn.execute("SELECT db_role FROM archive.account").fetchall()
        assert rows == [(world.department_role,)]
        assert conn.execute("SELECT department_id FROM archive.account_department").fetchall() == [
            (world.department_id,)
        ]


def test_settings_cannot_spoof_the_studio(world: World) -> None:
    before = world.snapshot()
    b = world.b
    with connect(world.api_url, world.a.role) as conn:
        for setting in ("app.studio_id", "app.studio"):
            conn.execute("SELECT set_config(%s, %s, false)", (setting, str(b.studio_id)))
        conn.execute("SELECT set_config('app.role', %s, false)", (b.role,))
        conn.execute("SET search_path = public, archive")
        for name in SYNCED:
            assert b.rows[name]["id"] not in ids(conn, name), name
        assert conn.execute("SELECT archive.my_studio()").fetchone() == (world.a.studio_id,)
        error = fails(conn, *_insert_statement("question", wire_row("question", b.studio_id)))
        assert isinstance(error, errors.InsufficientPrivilege)
        # Nor can the studio's role shadow the function the policies call.
        error = fails(
            conn,
            "CREATE FUNCTION archive.my_studio2() RETURNS uuid LANGUAGE sql AS 'SELECT NULL'",
        )
        assert isinstance(error, errors.InsufficientPrivilege)
        error = fails(conn, "ALTER TABLE archive.question NO FORCE ROW LEVEL SECURITY")
        assert isinstance(error, errors.InsufficientPrivilege)
    assert world.snapshot() == before


def test_revoked_studio_role_sees_nothing(world: World) -> None:
    account = world.a.role
    with connect(world.admin_url) as conn:
        account_id = conn.execute(
            "SELECT id FROM archive.account WHERE db_role = %s", (account,)
        ).fetchone()
    assert account_id is not None
    assert admin.revoke(world.admin_url, account_id[0])
    with connect(world.api_url) as conn:  # the service cannot even switch to it any more
        error = fails(conn, sql.SQL("SET ROLE {}").format(sql.Identifier(account)))
        assert isinstance(error, errors.InsufficientPrivilege)
    with connect(world.admin_url, account) as conn:  # and the role itself sees nothing
        assert conn.execute("SELECT archive.my_studio()").fetchone() == (None,)
        for name in SYNCED:
            mine = ids(conn, name)
            assert mine <= ({str(world.department_id)} if name == "department" else set())
        row = wire_row("question", world.a.studio_id)
        error = fails(conn, *_insert_statement("question", row))
        assert isinstance(error, errors.InsufficientPrivilege)


# ---------------------------------------------------------------------- the service's roles
def test_api_role_cannot_read_synced_tables_without_set_role(world: World) -> None:
    with connect(world.api_url) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (f"{world.prefix}_api",)
        for name in SYNCED:
            error = fails(conn, sql.SQL("SELECT count(*) FROM {}").format(table(name)))
            assert isinstance(error, errors.InsufficientPrivilege), name
            error = fails(conn, *_insert_statement(name, wire_row(name, world.a.studio_id)))
            assert isinstance(error, errors.InsufficientPrivilege), name
        # It may not become the owner either.
        error = fails(conn, sql.SQL("SET ROLE {}").format(sql.Identifier(f"{world.prefix}_owner")))
        assert isinstance(error, errors.InsufficientPrivilege)


def test_owner_is_subject_to_row_level_security(world: World) -> None:
    with connect(world.admin_url) as conn:
        # The superuser bypasses RLS (why nothing but migrations may use it) and sees all.
        for name in SYNCED:
            assert {world.a.rows[name]["id"], world.b.rows[name]["id"]} <= ids(conn, name)
        set_role(conn, f"{world.prefix}_owner")
        for name in SYNCED:
            count = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(table(name)))
            assert count.fetchone() == (0,), name
        error = fails(conn, *_insert_statement("question", wire_row("question", world.a.studio_id)))
        assert isinstance(error, errors.InsufficientPrivilege)
        assert (
            conn.execute("UPDATE archive.question SET text = 'owner'").rowcount == 0
        )  # sees none, changes none


# ---------------------------------------------------------------------- a department's role
def test_department_reads_only_its_follow_ups(world: World) -> None:
    with connect(world.api_url, world.department_role) as conn:
        assert ids(conn, "follow_up") == {
            world.lead["id"],
            world.support["id"],
            world.b_lead["id"],
        }
        events = conn.execute("SELECT follow_up_id::text FROM archive.follow_up_event").fetchall()
        assert sorted(r[0] for r in events) == sorted([world.lead["id"], world.support["id"]])
        assert ids(conn, "department") == {str(world.department_id)}
        for name in SYNCED:
            if name not in ("follow_up", "follow_up_event", "department"):
                error = fails(conn, sql.SQL("SELECT count(*) FROM {}").format(table(name)))
                assert isinstance(error, errors.InsufficientPrivilege), name


def test_department_appends_only_its_own_events(world: World) -> None:
    dept = world.department_role
    a = world.a.studio_id

    def event(follow_up: dict[str, Any], **values: Any) -> dict[str, Any]:
        values = {"follow_up_id": follow_up["id"], "origin": "department", **values}
        return wire_row("follow_up_event", follow_up["studio_id"], kind="reply", **values)

    with connect(world.api_url, dept) as conn:
        for follow_up in (world.lead, world.support, world.b_lead):
            assert insert(conn, "follow_up_event", [event(follow_up)]) == 1
        before = world.snapshot()
        refused = [
            event(world.lead, origin="studio"),  # pretending to be the studio
            event(world.lead, origin="county"),
            event(world.other),  # a follow-up it has nothing to do with
            event(world.b.rows["follow_up"]),
            event({"id": str(uuid7()), "studio_id": str(a)}),  # no such follow-up
            {**event(world.lead), "studio_id": str(world.b.studio_id)},  # under another studio
        ]
        for row in refused:
            error = fails(conn, *_insert_statement("follow_up_event", row))
            assert isinstance(error, errors.InsufficientPrivilege), row
        error = fails(conn, "UPDATE archive.follow_up_event SET text = 'x'")
        assert isinstance(error, errors.InsufficientPrivilege)
        for name in ("follow_up", "question", "department", "audit_entry"):
            error = fails(conn, *_insert_statement(name, wire_row(name, a)))
            assert isinstance(error, errors.InsufficientPrivilege), name
        error = fails(conn, "UPDATE archive.follow_up SET promise = 'x'")
        assert isinstance(error, errors.InsufficientPrivilege)
    assert world.snapshot() == before
    # The studios see the department's events on their own follow-ups only.
    with connect(world.api_url, world.b.role) as conn:
        rows = conn.execute(
            "SELECT follow_up_id::text, origin FROM archive.follow_up_event WHERE origin = %s",
            ("department",),
        ).fetchall()
        assert rows == [(world.b_lead["id"], "department")]


def test_another_studios_event_on_a_follow_up_is_hidden_from_the_department(
    world: World,
) -> None:
    # A may write events under its own studio id naming any follow-up id (here B's): the
    # department must not take them for part of B's follow-up's history.
    forged = wire_row(
        "follow_up_event",
        world.a.studio_id,
        follow_up_id=world.b_lead["id"],
        kind="status",
        status="resolved",
        origin="department",
    )
    with connect(world.api_url, world.a.role) as conn:
        assert insert(conn, "follow_up_event", [forged]) == 1
    with connect(world.api_url, world.department_role) as conn:
        assert forged["id"] not in ids(conn, "follow_up_event")
        shown = conn.execute(
            "SELECT count(*) FROM archive.follow_up_event WHERE follow_up_id = %s",
            (world.b_lead["id"],),
        ).fetchone()
        assert shown == (0,)
    with connect(world.api_url, world.b.role) as conn:
        assert forged["id"] not in ids(conn, "follow_up_event")
