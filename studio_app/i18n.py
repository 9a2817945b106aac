"""Translators: the app's own ``.qm`` and Qt's ``qtbase`` for the chosen language."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from studio_app.paths import translations_dir
from studio_app.settings import load_settings

log = logging.getLogger(__name__)

#: Languages the UI speaks; the first is used when the system language is Chinese.
SUPPORTED = ("zh_CN", "en")


def choose_language(requested: str | None) -> str:
    """``requested`` if supported, else Chinese on a Chinese system, else English."""
    if requested:
        normalised = requested.replace("-", "_")
        if normalised in SUPPORTED:
            return normalised
        if normalised.lower().startswith("zh"):
            return "zh_CN"
        return "en"
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def startup_language(requested: str | None, data_dir: Path) -> str:
    """``--lang`` for this run, else the one chosen in Help → Language, else the system's."""
    return choose_language(requested or load_settings(data_dir).language)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load and install the translators for ``language``; return them (keep a reference).

    English is the source language and needs no translator. For Chinese, Qt's own
    ``qtbase_zh_CN.qm`` (standard buttons, dialogs) is loaded besides the app's file.
    """
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return installed
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"village_studio_{language}", "")):
        translator = QTranslator(app)
        where = folder or str(translations_dir())
        if translator.load(name, where):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, where)
    return installed
