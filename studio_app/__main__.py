"""Entry point: ``studio-app`` and ``python -m studio_app``."""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before the heavy imports: the start-up benchmark reads it


def main(argv: list[str] | None = None) -> int:
    """Parse the command line; open the window, or run a window-less sub-command."""
    from studio_app import cli

    options = cli.parse(argv)
    if options.command:
        return cli.run(options)
    from studio_app import app

    return app.run_gui(options, started=STARTED)


if __name__ == "__main__":
    raise SystemExit(main())
