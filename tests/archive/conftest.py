"""Fixtures for the archive sync tests: one real PostgreSQL per session, a database per test."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from studio_app.archive import admin
from tests.archive.postgres import PgDatabase, PostgresCluster, find_pg_bin
from tests.archive.service import ArchiveServer


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """A private PostgreSQL cluster for the whole session, stopped and deleted at its end.

    Skipped when PostgreSQL is not installed; under CI (``$CI`` set) that fails instead, since
    ``bash tests/run.sh`` installs Debian's ``postgresql`` package.
    """
    bin_dir = find_pg_bin()
    if bin_dir is None:
        message = (
            "archive tests need PostgreSQL's initdb and pg_ctl (set STUDIO_PG_BIN, or install "
            "Debian's postgresql package: bash tests/run.sh does, so CI must never skip these)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Not pytest's tmp_path: /tmp/pytest-of-root is closed to the postgres OS user.
    base_dir = Path(tempfile.mkdtemp(prefix="studio-pg-"))
    try:
        cluster = PostgresCluster.start(base_dir, bin_dir)
    except BaseException:
        shutil.rmtree(base_dir, ignore_errors=True)
        raise
    # Belt and braces: even if pytest dies before its teardown, no postmaster is left behind.
    atexit.register(cluster.stop)
    try:
        yield cluster
    finally:
        cluster.stop()
        atexit.unregister(cluster.stop)
        shutil.rmtree(base_dir, ignore_errors=True)


@pytest.fixture
def pg_database(pg_cluster: PostgresCluster) -> Iterator[PgDatabase]:
    """A fresh, empty UTF-8 database, dropped after the test with the test's roles.

    Roles are cluster-wide: name every role the test creates ``<role_prefix>_something``.
    """
    token = uuid.uuid4().hex[:8]
    name = f"t_{token}"
    database = PgDatabase(
        url=pg_cluster.create_database(name),
        name=name,
        role_prefix=f"a{token}",
        cluster=pg_cluster,
    )
    try:
        yield database
    finally:
        # Database first: then the roles own nothing any more and DROP ROLE succeeds.
        pg_cluster.drop_database(name)
        _drop_roles(pg_cluster, database.role_prefix)


def _drop_roles(cluster: PostgresCluster, prefix: str) -> None:
    with psycopg.connect(cluster.superuser_url(), autocommit=True, connect_timeout=10) as conn:
        roles = [
            row[0]
            for row in conn.execute(
                "SELECT rolname FROM pg_roles WHERE rolname = %s OR rolname LIKE %s",
                (prefix, prefix + r"\_%"),
            )
        ]
        for role in roles:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


# ---------------------------------------------------------------------- the archive service
@dataclass
class Archive:
    """A migrated archive database with the service running on loopback."""

    database: PgDatabase
    admin_url: str
    api_url: str
    servers: list[ArchiveServer]

    @property
    def base_url(self) -> str:
        return self.servers[0].base_url

    def start_server(self) -> ArchiveServer:
        server = ArchiveServer.start(self.api_url)
        self.servers.append(server)
        return server


@pytest.fixture
def archive(pg_database: PgDatabase) -> Iterator[Archive]:
    """The archive schema migrated into a fresh database, one service instance running."""
    admin.migrate(pg_database.url, pg_database.role_prefix)
    api_url = pg_database.url_as(f"{pg_database.role_prefix}_api")
    found = Archive(pg_database, pg_database.url, api_url, [])
    try:
        found.start_server()
        yield found
    finally:
        for server in found.servers:
            server.stop()
