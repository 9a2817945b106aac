"""The throwaway PostgreSQL fixture itself: connect, UTF-8, isolation, xid functions, restart."""

from __future__ import annotations

import os
import re
import socket
import tempfile
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from tests.archive import postgres
from tests.archive.postgres import PgDatabase, PostgresCluster

VILLAGE = "村镇直播间：张家村 ✓"

#: (database name, role prefix) of the previous run of test_databases_are_independent.
_previous: list[tuple[str, str]] = []


def test_superuser_creates_inserts_and_reads_back(pg_database: PgDatabase) -> None:
    with psycopg.connect(pg_database.url) as conn:
        assert conn.execute("SELECT current_database(), current_user").fetchone() == (
            pg_database.name,
            "postgres",
        )
        conn.execute("CREATE TABLE question (id int PRIMARY KEY, title text NOT NULL)")
        conn.execute("INSERT INTO question VALUES (1, 'water'), (2, 'roads')")
        conn.commit()
    with psycopg.connect(pg_database.url) as conn:
        rows = conn.execute("SELECT id, title FROM question ORDER BY id").fetchall()
    assert rows == [(1, "water"), (2, "roads")]


def test_database_is_utf8_and_chinese_round_trips(pg_database: PgDatabase) -> None:
    with psycopg.connect(pg_database.url) as conn:
        encoding = conn.execute(
            "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = %s",
            (pg_database.name,),
        ).fetchone()
        assert encoding == ("UTF8",)
        assert conn.execute("SHOW client_encoding").fetchone() == ("UTF8",)
        conn.execute("CREATE TABLE note (body text)")
        conn.execute("INSERT INTO note VALUES (%s)", (VILLAGE,))
        body, length = conn.execute("SELECT body, char_length(body) FROM note").fetchone() or ()
    assert body == VILLAGE
    assert length == len(VILLAGE)  # characters, not bytes: the server decoded UTF-8


@pytest.mark.parametrize("run", [1, 2])
def test_databases_are_independent(pg_database: PgDatabase, run: int) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9]*", pg_database.role_prefix)
    role = f"{pg_database.role_prefix}_studio"
    with psycopg.connect(pg_database.url, autocommit=True) as conn:
        # Fails if the other run's table leaked into this database.
        conn.execute("CREATE TABLE marker (run int)")
        conn.execute("INSERT INTO marker VALUES (%s)", (run,))
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        conn.execute(sql.SQL("GRANT SELECT ON marker TO {}").format(sql.Identifier(role)))
        if _previous:
            old_name, old_prefix = _previous[-1]
            assert (old_name, old_prefix) != (pg_database.name, pg_database.role_prefix)
            # The previous test's database and roles were dropped after it.
            assert not conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (old_name,)
            ).fetchall()
            assert not conn.execute(
                "SELECT 1 FROM pg_roles WHERE rolname LIKE %s", (old_prefix + "%",)
            ).fetchall()
    # Trust auth: the test's own roles log in without a password.
    with psycopg.connect(pg_database.url_as(role)) as conn:
        assert conn.execute("SELECT current_user, run FROM marker").fetchall() == [(role, run)]
    _previous.append((pg_database.name, pg_database.role_prefix))


def test_two_databases_do_not_share_tables(
    pg_cluster: PostgresCluster, pg_database: PgDatabase
) -> None:
    other = f"{pg_database.name}_other"
    other_url = pg_cluster.create_database(other)
    try:
        with psycopg.connect(pg_database.url, autocommit=True) as conn:
            conn.execute("CREATE TABLE only_here (x int)")
        with psycopg.connect(other_url) as conn:
            found = conn.execute("SELECT to_regclass('only_here')").fetchone()
        assert found == (None,)
    finally:
        # Still connected? FORCE drops it anyway.
        lingering = psycopg.connect(other_url)
        pg_cluster.drop_database(other)
        lingering.close()
    with psycopg.connect(pg_cluster.superuser_url()) as conn:
        assert not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (other,)).fetchall()


def test_transaction_ids_and_snapshots(pg_database: PgDatabase) -> None:
    with psycopg.connect(pg_database.url) as conn:
        assert conn.info.server_version >= 130000
        xid, xmin = (
            conn.execute(
                "SELECT pg_current_xact_id()::text::bigint,"
                " pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
            ).fetchone()
            or ()
        )
        assert xmin <= xid
        conn.commit()
        (later,) = conn.execute("SELECT pg_current_xact_id()::text::bigint").fetchone() or ()
        assert later > xid


def test_restart_keeps_data_and_stop_leaves_no_server() -> None:
    with tempfile.TemporaryDirectory(prefix="studio-pg-test-") as tmp:
        cluster = PostgresCluster.start(Path(tmp))
        try:
            url = cluster.create_database("kept")
            assert url == f"postgresql://postgres@127.0.0.1:{cluster.port}/kept"
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("CREATE TABLE t (body text)")
                conn.execute("INSERT INTO t VALUES (%s)", (VILLAGE,))
            port = cluster.port
            cluster.restart()
            assert cluster.port == port
            with psycopg.connect(url) as conn:
                assert conn.execute("SELECT body FROM t").fetchall() == [(VILLAGE,)]
            pid = cluster._postmaster_pid()
            assert pid is not None
        finally:
            cluster.stop()
        assert not _listening(port)
        assert not os.path.exists(f"/proc/{pid}") or _zombie(pid)
        cluster.stop()  # idempotent


def test_failed_start_raises_with_log_and_leaks_no_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as squatter, tempfile.TemporaryDirectory(prefix="studio-pg-test-") as tmp:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        monkeypatch.setattr(postgres, "_free_port", lambda: taken)
        with pytest.raises(RuntimeError, match="did not start") as failure:
            PostgresCluster.start(Path(tmp))
        assert "could not" in str(failure.value)  # the server log's own words
        assert not (Path(tmp) / "data" / "postmaster.pid").exists()


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] == "Z"
    except OSError:
        return True
