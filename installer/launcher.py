"""Entry script of the frozen app (PyInstaller): a few fixes for the bundle, then ``main()``."""

from __future__ import annotations

import os
import sys


def _prepare_frozen_process() -> None:
    # The Windows GUI executable has no console: sys.stdout/stderr are None there, and a
    # print() (argparse's --help, a sub-command) would raise. Write such output nowhere.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    if not sys.platform.startswith("linux"):
        return
    # Programs this process starts (FFmpeg for the clips; xdg-open and the file manager it
    # opens after an export) must see the system's libraries and Qt plugins, not the bundle's:
    # a system Qt app that loaded this Qt's plugins would crash. The bootloader put the
    # bundle's library folder on LD_LIBRARY_PATH (this process already loaded what it needs
    # from there: the loader reads the variable at start only), and PyInstaller's PySide6
    # hook set the plugin paths, which Qt does not need here: PySide6's embedded qt.conf
    # points Qt at the bundle's plugins.
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)
    bundle = getattr(sys, "_MEIPASS", None)
    for name in ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH"):
        if bundle and os.environ.get(name, "").startswith(bundle):
            del os.environ[name]


if __name__ == "__main__":
    _prepare_frozen_process()
    from studio_app.__main__ import main

    raise SystemExit(main())
