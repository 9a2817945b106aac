"""``studio-archive``: run the county archive service and manage its studios and departments."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import uuid
from collections.abc import Sequence

from studio_app import __version__

#: Where the database URL comes from when --database is not given.
DATABASE_ENV = "STUDIO_ARCHIVE_DATABASE"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``studio-archive``."""
    parser = argparse.ArgumentParser(
        prog="studio-archive",
        description="The county archive of Village Studio: the sync service over PostgreSQL.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL",
        default=os.environ.get(DATABASE_ENV, ""),
        help=f"postgresql://… URL (default: ${DATABASE_ENV}). 'serve' logs in as the "
        "<prefix>_api role; the other commands need an administrator",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the sync service")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8470, help="port to listen on")
    serve.add_argument("--pool-size", type=int, default=10, help="database connections")
    serve.add_argument("--log-level", default="info", choices=("debug", "info", "warning"))

    migrate = commands.add_parser("migrate", help="create or upgrade the schema and roles")
    migrate.add_argument(
        "--role-prefix",
        default="archive",
        help="prefix of the database roles (roles are per cluster; default: archive)",
    )

    password = commands.add_parser("api-password", help="set the service's login password")
    password.add_argument("--stdin", action="store_true", help="read the password from stdin")

    commands.add_parser("openapi", help="print the API's OpenAPI description (JSON)")

    studio = commands.add_parser("studio", help="enrol, list and revoke studios")
    studio_commands = studio.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = studio_commands.add_parser("add", help="enrol a studio and print its credential once")
    add.add_argument("name", help="the studio's name, e.g. 青山镇演播室")
    add.add_argument(
        "--studio-id", type=uuid.UUID, help="bind to an enrolled studio (a second device)"
    )
    studio_commands.add_parser("list", help="list the studios")
    revoke = studio_commands.add_parser("revoke", help="revoke a studio's credential")
    revoke.add_argument("account", help="account id (or its first characters) or exact name")

    department = commands.add_parser("department", help="department accounts")
    dept_commands = department.add_subparsers(dest="action", required=True, metavar="ACTION")
    dept_add = dept_commands.add_parser(
        "add", help="create a county department with an account; print its credential once"
    )
    dept_add.add_argument("name", help="e.g. 县交通运输局")
    dept_add.add_argument("--code", default="", help="the department's code")
    dept_add.add_argument(
        "--department-id",
        type=uuid.UUID,
        action="append",
        default=[],
        help="answer for this existing department instead of creating one (repeatable)",
    )
    dept_commands.add_parser("list", help="list the department accounts")
    dept_revoke = dept_commands.add_parser("revoke", help="revoke a department's credential")
    dept_revoke.add_argument("account", help="account id (or its first characters) or exact name")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``studio-archive``."""
    options = build_parser().parse_args(argv)
    if options.command == "openapi":
        return _openapi()
    if not options.database:
        print(f"Give the database: --database postgresql://… or ${DATABASE_ENV}.", file=sys.stderr)
        return 2
    from studio_app.archive import admin

    try:
        return _run(options, admin)
    except admin.ArchiveAdminError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        import psycopg

        if isinstance(exc, psycopg.Error):
            print(f"database error: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        raise


def _run(options: argparse.Namespace, admin: object) -> int:
    from studio_app.archive import admin as a

    url: str = options.database
    if options.command == "serve":
        return _serve(options)
    if options.command == "migrate":
        start, end = a.migrate(url, a.check_prefix(options.role_prefix))
        if start == end:
            print(f"The archive schema is up to date (version {end}).")
        else:
            print(f"Archive schema migrated from version {start} to {end}.")
        return 0
    if options.command == "api-password":
        import getpass

        secret = sys.stdin.readline().rstrip("\n") if options.stdin else getpass.getpass()
        if not secret:
            print("error: the password is empty", file=sys.stderr)
            return 1
        a.set_api_password(url, secret)
        print("The service's password is set.")
        return 0
    if options.command == "studio":
        if options.action == "add":
            credential = a.add_studio(url, options.name, options.studio_id)
            print(f"Studio {options.name!r} enrolled. Its credential (shown only now):\n")
            print(f"    {credential}\n")
            print("Enter it in Village Studio under Archive → Archive settings.")
            return 0
        if options.action == "list":
            _print_accounts(a.list_accounts(url, "studio"))
            return 0
        account = a.find_account(url, options.account, "studio")
        done = a.revoke(url, account.id)
        print(f"{'Revoked' if done else 'Already revoked'}: {account.name} ({account.id.hex[:12]})")
        return 0
    if options.command == "department":
        if options.action == "add":
            department_id, credential = a.add_department(
                url, options.name, options.code, tuple(options.department_id)
            )
            print(f"Department {options.name!r} ({department_id}) has an account.")
            print("Its credential (shown only now):\n")
            print(f"    {credential}\n")
            return 0
        if options.action == "list":
            _print_accounts(a.list_accounts(url, "department"))
            return 0
        account = a.find_account(url, options.account, "department")
        done = a.revoke(url, account.id)
        print(f"{'Revoked' if done else 'Already revoked'}: {account.name} ({account.id.hex[:12]})")
        return 0
    raise AssertionError(options.command)  # pragma: no cover - argparse requires a command


def _print_accounts(accounts: Sequence[object]) -> None:
    if not accounts:
        print("(none)")
    for account in accounts:
        a = account  # Account
        state = "revoked" if getattr(a, "revoked_at", None) else "active"
        seen = getattr(a, "last_seen_at", None)
        studio = getattr(a, "studio_id", None)
        extra = f" studio {studio}" if studio else ""
        departments = getattr(a, "departments", ())
        if departments:
            extra += " departments " + ",".join(str(d) for d in departments)
        last = seen.isoformat(timespec="seconds") if seen else "never"
        print(
            f"{a.id.hex[:12]}  {a.name}  [{state}]  last seen {last}{extra}"  # type: ignore[attr-defined]
        )


def _openapi() -> int:
    import json

    from studio_app.archive.server import create_app

    print(json.dumps(create_app("postgresql://unused").openapi(), ensure_ascii=False, indent=2))
    return 0


def _serve(options: argparse.Namespace) -> int:
    import uvicorn

    from studio_app.archive.server import create_app

    logging.basicConfig(
        level=getattr(logging, options.log_level.upper()),
        format="%(message)s",
        stream=sys.stderr,
    )
    app = create_app(options.database, pool_size=options.pool_size)
    uvicorn.run(
        app,
        host=options.host,
        port=options.port,
        log_level=options.log_level,
        access_log=False,  # our own structured request log has the request id
        timeout_graceful_shutdown=10,
        # Longer than a studio keeps an idle connection (2 s), so the server is
        # never the side that closes a connection a request is about to use.
        timeout_keep_alive=30,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
