"""The command-line face: options of the GUI and the sub-commands that need no window."""

from __future__ import annotations

import argparse
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
