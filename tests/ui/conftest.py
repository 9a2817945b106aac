"""UI tests: garbage is collected on the GUI thread only, as the app does."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from studio_app import i18n


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    # Like studio_app.ui.gc in the app: a cyclic GC run on the database thread would destroy
    # Qt objects of earlier tests off the GUI thread and crash the process.
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()


def _speaking(qapp: QApplication, language: str) -> Iterator[str]:
    """The app speaks ``language`` for one test; the old locale comes back after."""
    previous_locale = QLocale()
    translators = i18n.install_translators(qapp, language)
    try:
        yield language
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous_locale)


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[str]:
    """The UI in Simplified Chinese for one test."""
    yield from _speaking(qapp, "zh_CN")


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The test once in each UI language."""
    yield from _speaking(qapp, request.param)
