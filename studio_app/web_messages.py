"""The LAN question form's texts, translated into the language each browser asks for (QtCore only).

The form is read on another computer whose language may differ from the app's, so the texts
are not looked up through the app's installed translator (``QCoreApplication.translate``
answers in the app's language) but through a translator per form language, loaded from the
same ``.qm`` file. The strings are marked for ``lupdate`` with ``QT_TRANSLATE_NOOP``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTranslator

from studio_app.paths import translations_dir

log = logging.getLogger(__name__)

CONTEXT = "WebIntake"

#: The form's texts in English, by the keys of ``services.web.submission.DEFAULT_LABELS``.
_SOURCES: dict[str, str] = {
    "title": str(QT_TRANSLATE_NOOP("WebIntake", "Send a question to the studio")),
    "intro": str(
        QT_TRANSLATE_NOOP(
            "WebIntake",
            "Questions sent here go to the moderator's list. Nothing is shown on air before "
            "the moderator approves it.",
        )
    ),
    "asker": str(QT_TRANSLATE_NOOP("WebIntake", "Resident's name")),
    "phone": str(QT_TRANSLATE_NOOP("WebIntake", "Phone number")),
    "phone_note": str(
        QT_TRANSLATE_NOOP("WebIntake", "Kept for follow-up only; never shown on air.")
    ),
    "channel": str(QT_TRANSLATE_NOOP("WebIntake", "Received via")),
    "category": str(QT_TRANSLATE_NOOP("WebIntake", "Topic")),
    "text": str(QT_TRANSLATE_NOOP("WebIntake", "Question")),
    "submit": str(QT_TRANSLATE_NOOP("WebIntake", "Send to the moderator")),
    "sent": str(QT_TRANSLATE_NOOP("WebIntake", "Sent. The question is in the moderator's list.")),
    "error_required": str(QT_TRANSLATE_NOOP("WebIntake", "Enter the question.")),
    "error_too_long": str(
        QT_TRANSLATE_NOOP("WebIntake", "The question is too long (at most {max} characters).")
    ),
    "error_invalid": str(
        QT_TRANSLATE_NOOP(
            "WebIntake", "Some fields are too long or not valid. Check them and send again."
        )
    ),
    "error_phone": str(QT_TRANSLATE_NOOP("WebIntake", "Enter the phone number with digits only.")),
    "error_token": str(
        QT_TRANSLATE_NOOP(
            "WebIntake",
            "This link is no longer valid. Ask the studio for the new link or scan the new "
            "QR code.",
        )
    ),
    "error_rate": str(
        QT_TRANSLATE_NOOP(
            "WebIntake", "Too many requests in a short time. Wait a minute and try again."
        )
    ),
    "error_too_large": str(QT_TRANSLATE_NOOP("WebIntake", "The question is too long to send.")),
    "error_failed": str(
        QT_TRANSLATE_NOOP(
            "WebIntake",
            "The studio could not save the question. Tell the moderator; your text is still "
            "in the form.",
        )
    ),
    "error_bad_request": str(
        QT_TRANSLATE_NOOP(
            "WebIntake", "The request could not be read. Reload the page and try again."
        )
    ),
    "channel_hotline": str(QT_TRANSLATE_NOOP("WebIntake", "Hotline")),
    "channel_online": str(QT_TRANSLATE_NOOP("WebIntake", "Online (app, website, public account)")),
    "channel_social": str(QT_TRANSLATE_NOOP("WebIntake", "Social media")),
    "channel_live_comment": str(QT_TRANSLATE_NOOP("WebIntake", "Live comment")),
    "channel_in_room": str(QT_TRANSLATE_NOOP("WebIntake", "In the studio")),
    "channel_other": str(QT_TRANSLATE_NOOP("WebIntake", "Other")),
}

_translators: dict[str, QTranslator | None] = {}


def _translator(language: str) -> QTranslator | None:
    if language not in _translators:
        translator = QTranslator()
        folder = str(translations_dir())
        if translator.load(f"village_studio_{language}", folder):
            _translators[language] = translator
        else:
            log.warning("translation %s for the web form not found in %s", language, folder)
            _translators[language] = None
    return _translators[language]


def submit_page_labels(language: str) -> dict[str, str]:
    """The form's texts for ``language`` (``"zh_CN"``, ``"en"``); untranslated ones in English.

    Pass this as ``labels`` to :class:`studio_app.services.web.WebServer`.
    """
    if language == "en":
        return dict(_SOURCES)
    translator = _translator(language)
    if translator is None:
        return dict(_SOURCES)
    return {
        key: translator.translate(CONTEXT, source) or source for key, source in _SOURCES.items()
    }
