"""The command-line face: options of the GUI and the sub-commands that need no window."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from studio_app import APP_NAME, __version__
from studio_app.i18n import choose_language, install_translators
from studio_app.messages import storage_error_text
from studio_app.paths import resolve_data_dir
from studio_app.storage.errors import StorageError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_STORAGE = 2
EXIT_NO_OBS = 3
#: Scripts may pass the OBS password here instead of the keyring (never on the command line).
OBS_PASSWORD_ENV = "VILLAGE_STUDIO_OBS_PASSWORD"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``studio-app`` (no sub-command opens the window)."""
    parser = argparse.ArgumentParser(
        prog="studio-app",
        description=f"{APP_NAME}: live Q&A broadcasts for township and village studios.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the database, backups and logs (default: the user data folder)",
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        help="keep the data in 'data/' beside the app (for a USB stick)",
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="interface language: zh_CN or en (default: follow the system)",
    )
    parser.add_argument(
        "--exit-after-start",
        action="store_true",
        help=argparse.SUPPRESS,  # smoke tests and the start-up benchmark
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "info", help="print where the data is, its schema version and what it holds"
    )
    obs = commands.add_parser("obs", help="check or prepare OBS Studio")
    obs_commands = obs.add_subparsers(dest="obs_command", metavar="ACTION", required=True)
    for name, text in (
        ("check", "print OBS's version and scenes and what the app still needs (exit 1)"),
        ("prepare", "create the scenes and sources the app needs, touching nothing else"),
    ):
        action = obs_commands.add_parser(name, help=text)
        action.add_argument("--host", help="OBS address (default: from the settings)")
        action.add_argument("--port", type=int, help="obs-websocket port (default: 4455)")
        action.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the OBS password from standard input (default: the OS keyring, or "
            f"${OBS_PASSWORD_ENV})",
        )
        action.add_argument(
            "--timeout", type=float, default=5.0, help="seconds to wait for OBS (default 5)"
        )
    return parser


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse ``argv`` (default: the process's arguments)."""
    return build_parser().parse_args(argv)


def run(options: argparse.Namespace) -> int:
    """Run a window-less sub-command; return the exit code."""
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    translators = install_translators(app, choose_language(options.lang))
    try:
        if options.command == "info":
            return _info(options)
        if options.command == "obs":
            return asyncio.run(_obs(options))
        raise SystemExit(f"unknown command {options.command}")
    except StorageError as error:
        title, text = storage_error_text(error)
        print(f"{title}\n{text}", file=sys.stderr)
        return EXIT_STORAGE
    finally:
        del translators


def _info(options: argparse.Namespace) -> int:
    from studio_app.storage import migrate  # SQLAlchemy and Alembic only when needed
    from studio_app.storage.store import Store

    data_dir = resolve_data_dir(options.data_dir, options.portable)
    store = Store.open(
        data_dir, default_studio_name=QCoreApplication.translate("StudioApp", "My studio")
    )
    try:
        with store.read() as uow:
            sessions = uow.sessions.list()
            studio = uow.studios.get(store.studio_id)
        revision = migrate.current_revision(store.path)
    finally:
        store.close()
    print(QCoreApplication.translate("cli", "Data folder:     {0}").format(data_dir))
    print(QCoreApplication.translate("cli", "Database:        {0}").format(store.path))
    print(
        QCoreApplication.translate("cli", "Schema revision: {0} (this version: {1})").format(
            revision, migrate.head_revision()
        )
    )
    print(
        QCoreApplication.translate("cli", "Studio:          {0} ({1})").format(
            studio.name, studio.id
        )
    )
    print(QCoreApplication.translate("cli", "Sessions:        {0}").format(len(sessions)))
    return EXIT_OK


async def _obs(options: argparse.Namespace) -> int:
    from studio_app.messages import obs_status_text
    from studio_app.services.credentials import CredentialStore, obs_password_key
    from studio_app.services.obs.gateway import WebSocketObsGateway
    from studio_app.services.obs.model import ObsSettings
    from studio_app.services.obs.prepare import check_obs, prepare_obs
    from studio_app.services.obs.probe import wait_for_verdict
    from studio_app.settings import load_settings

    translate = QCoreApplication.translate
    settings = load_settings(resolve_data_dir(options.data_dir, options.portable))
    host = options.host or settings.obs_host
    port = options.port or settings.obs_port
    if options.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = os.environ.get(OBS_PASSWORD_ENV) or (
            CredentialStore().get(obs_password_key(host, port)) or ""
        )
    gateway = WebSocketObsGateway(
        ObsSettings(host=host, port=port, password=password, request_timeout=options.timeout)
    )
    await gateway.start()
    try:
        await wait_for_verdict(gateway, options.timeout)
        if not gateway.status.connected:
            label, advice = obs_status_text(gateway.status)
            print(f"{label} ({host}:{port})\n{advice}".rstrip(), file=sys.stderr)
            return EXIT_NO_OBS
        if options.obs_command == "prepare":
            prepared = await prepare_obs(gateway)
            for name in prepared.created:
                print(translate("cli", "created:  {0}").format(name))
            for name in prepared.existing:
                print(translate("cli", "existing: {0}").format(name))
            return EXIT_OK
        report = await check_obs(gateway)
        print(
            translate("cli", "OBS {0}, obs-websocket {1}").format(
                report.obs_version, report.websocket_version
            )
        )
        print(translate("cli", "Scenes: {0}").format(", ".join(report.scenes)))
        print(translate("cli", "Program: {0}").format(report.program_scene))
        for name in report.missing:
            print(translate("cli", "missing:  {0}").format(name))
        for problem in report.problems:
            print(translate("cli", "problem:  {0}").format(problem))
        if not report.ok:
            print(translate("cli", "Run 'studio-app obs prepare' to create what is missing."))
            return EXIT_FAILURE
        print(translate("cli", "Everything the app needs is there."))
        return EXIT_OK
    finally:
        await gateway.stop()
