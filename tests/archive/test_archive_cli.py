"""The ``studio-archive`` command line (``python -m studio_app.archive``) on a real database."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys

import psycopg

from studio_app.archive import admin
from tests.archive.postgres import PgDatabase
from tests.archive.service import ROOT

CREDENTIAL = re.compile(r"vsa1\.[0-9a-f]{32}\.[A-Za-z0-9_-]+")


def cli(*args: str, database: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line with a clean environment (no database from the shell)."""
    env = {k: v for k, v in os.environ.items() if k != "STUDIO_ARCHIVE_DATABASE"}
    command = [sys.executable, "-m", "studio_app.archive"]
    if database is not None:
        command += ["--database", database]
    return subprocess.run(
        [*command, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_migrate_enrol_list_and_revoke(pg_database: PgDatabase) -> None:
    url, prefix = pg_database.url, pg_database.role_prefix
    first = ok(cli("migrate", "--role-prefix", prefix, database=url))
    assert "migrated from version 0 to 1" in first
    second = ok(cli("migrate", "--role-prefix", prefix, database=url))
    assert "up to date (version 1)" in second

    added = ok(cli("studio", "add", "青山镇演播室", database=url))
    credentials = CREDENTIAL.findall(added)
    assert len(credentials) == 1
    assert added.count(credentials[0]) == 1  # shown once
    credential = admin.Credential.parse(credentials[0])
    with psycopg.connect(url) as conn:
        stored = conn.execute(
            "SELECT name, kind, secret_hash, studio_id, revoked_at FROM archive.account"
        ).fetchall()
        dump = json.dumps(
            [
                r[0]
                for r in conn.execute("SELECT to_jsonb(a)::text FROM archive.account a").fetchall()
            ]
        )
    assert len(stored) == 1
    name, kind, secret_hash, studio_id, revoked_at = stored[0]
    assert (name, kind, studio_id, revoked_at) == ("青山镇演播室", "studio", None, None)
    assert bytes(secret_hash) == hashlib.sha256(credential.secret.encode()).digest()
    assert credential.secret not in dump  # only its hash is kept

    listed = ok(cli("studio", "list", database=url))
    assert "青山镇演播室" in listed and "[active]" in listed and "never" in listed
    assert credential.account_id.hex[:12] in listed
    assert credential.secret not in listed

    revoked = ok(cli("studio", "revoke", "青山镇演播室", database=url))
    assert revoked.startswith("Revoked: 青山镇演播室")
    again = ok(cli("studio", "revoke", credential.account_id.hex[:8], database=url))
    assert again.startswith("Already revoked")
    assert "[revoked]" in ok(cli("studio", "list", database=url))
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT revoked_at FROM archive.account").fetchone()
    assert row is not None and row[0] is not None


def test_departments(pg_database: PgDatabase) -> None:
    url = pg_database.url
    ok(cli("migrate", "--role-prefix", pg_database.role_prefix, database=url))
    assert ok(cli("department", "list", database=url)).strip() == "(none)"
    added = ok(cli("department", "add", "县交通运输局", "--code", "JT", database=url))
    assert len(CREDENTIAL.findall(added)) == 1
    department_id = re.search(r"\(([0-9a-f-]{36})\)", added)
    assert department_id is not None
    listed = ok(cli("department", "list", database=url))
    assert "县交通运输局" in listed and department_id.group(1) in listed
    assert CREDENTIAL.search(listed) is None
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT id::text, name, code FROM archive.department").fetchall()
    assert rows == [(department_id.group(1), "县交通运输局", "JT")]
    # A studio list does not show departments, nor a department list studios.
    assert ok(cli("studio", "list", database=url)).strip() == "(none)"
    assert ok(cli("department", "revoke", "县交通运输局", database=url)).startswith("Revoked")


def test_openapi_prints_the_api_description() -> None:
    document = json.loads(ok(cli("openapi")))
    assert document["openapi"].startswith("3.")
    assert {
        "/health",
        "/metrics",
        "/v1/sync/hello",
        "/v1/sync/push",
        "/v1/sync/pull",
        "/v1/department/follow-ups",
        "/v1/department/follow-ups/{follow_up_id}/events",
    } <= set(document["paths"])


def test_errors_exit_non_zero_with_a_message(pg_database: PgDatabase) -> None:
    url = pg_database.url
    result = cli("studio", "list")
    assert result.returncode == 2
    assert "Give the database" in result.stderr

    result = cli("studio", "add", "青山镇", database=url)  # not migrated yet
    assert result.returncode == 1
    assert "migrate" in result.stderr and "Traceback" not in result.stderr

    result = cli("migrate", "--role-prefix", "Bad-Prefix", database=url)
    assert result.returncode == 1
    assert "Role prefix 'Bad-Prefix' is not valid" in result.stderr

    ok(cli("migrate", "--role-prefix", pg_database.role_prefix, database=url))
    result = cli("studio", "revoke", "没有这个", database=url)
    assert result.returncode == 1
    assert "No studio account is called or numbered '没有这个'" in result.stderr
    result = cli("department", "revoke", "nobody", database=url)
    assert result.returncode == 1
    assert "No department account" in result.stderr

    result = cli("studio", "add", "   ", database=url)
    assert result.returncode == 1
    assert "name" in result.stderr

    result = cli("studio", "list", database=pg_database.url_as("nobody_at_all"))
    assert result.returncode == 1
    assert result.stderr.startswith("database error")
    assert "Traceback" not in result.stderr

    result = cli("studio", "frobnicate", database=url)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
