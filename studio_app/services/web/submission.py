"""The LAN question form: labels, validation into a ``QuestionDraft``, the page and its answers."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from string import Template
from urllib.parse import parse_qs

from studio_app.domain.ids import utc_now
from studio_app.domain.questions import MAX_QUESTION_LENGTH, Channel, QuestionDraft

#: Longest asker name, phone number and category the form accepts (characters).
MAX_ASKER_LENGTH = 50
MAX_PHONE_LENGTH = 30
MAX_CATEGORY_LENGTH = 50

#: Languages the form speaks: the app's translation language and the English source.
FORM_LANGUAGES = ("zh_CN", "en")

#: The form's texts in English (the source language). The app passes translated ones through
#: ``labels``; a key missing there falls back to these.
DEFAULT_LABELS: Mapping[str, str] = {
    "title": "Send a question to the studio",
    "intro": (
        "Questions sent here go to the moderator's list. Nothing is shown on air before "
        "the moderator approves it."
    ),
    "asker": "Resident's name",
    "phone": "Phone number",
    "phone_note": "Kept for follow-up only; never shown on air.",
    "channel": "Received via",
    "category": "Topic",
    "text": "Question",
    "submit": "Send to the moderator",
    "sent": "Sent. The question is in the moderator's list.",
    "error_required": "Enter the question.",
    "error_too_long": "The question is too long (at most {max} characters).",
    "error_invalid": "Some fields are too long or not valid. Check them and send again.",
    "error_phone": "Enter the phone number with digits only.",
    "error_token": (
        "This link is no longer valid. Ask the studio for the new link or scan the new QR code."
    ),
    "error_rate": "Too many requests in a short time. Wait a minute and try again.",
    "error_too_large": "The question is too long to send.",
    "error_failed": (
        "The studio could not save the question. Tell the moderator; your text is still "
        "in the form."
    ),
    "error_bad_request": "The request could not be read. Reload the page and try again.",
    "channel_hotline": "Hotline",
    "channel_online": "Online (app, website, public account)",
    "channel_social": "Social media",
    "channel_live_comment": "Live comment",
    "channel_in_room": "In the studio",
    "channel_other": "Other",
}

#: Translated labels for a language (``"zh_CN"`` or ``"en"``); see :data:`DEFAULT_LABELS`.
LabelSource = Callable[[str], Mapping[str, str]]

_FIELDS = ("asker", "phone", "channel", "category", "text")
_PHONE = re.compile(r"[0-9+\-() #*转]*")
#: C0/C1 controls other than tab and newline: never part of a typed question.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def choose_form_language(accept_language: str) -> str:
    """The form language for an ``Accept-Language`` header: the best-weighted one we speak.

    Chinese (any variant) → ``"zh_CN"``, English → ``"en"``; nothing usable → ``"zh_CN"``,
    since the studios and their hotline desks are Chinese.
    """
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate(accept_language.split(",")):
        tag, _, params = item.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0 and tag:
            ranked.append((-weight, index, tag.strip().lower()))
    for _weight, _index, tag in sorted(ranked):
        if tag.startswith("zh"):
            return "zh_CN"
        if tag.startswith("en"):
            return "en"
    return "zh_CN"


def merged_labels(source: LabelSource | None, language: str) -> dict[str, str]:
    """The defaults overlaid with what ``source`` gives for ``language`` (non-empty texts)."""
    labels = dict(DEFAULT_LABELS)
    if source is not None:
        labels.update({k: v for k, v in source(language).items() if k in labels and v})
    return labels


class SubmissionError(Exception):
    """A submission that is refused; ``code`` names the label key of the message."""

    def __init__(self, code: str, status: int = 400) -> None:
        super().__init__(code)
        self.code = code
        self.status = status


@dataclass(frozen=True, slots=True)
class SubmittedForm:
    """The raw fields of a submission (strings as sent), the token included."""

    token: str
    values: Mapping[str, str]


def _clean(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).strip()


def parse_submission(media_type: str, body: bytes) -> SubmittedForm:
    """Read a form (``application/x-www-form-urlencoded``) or JSON submission body.

    Raises:
        SubmissionError: ``error_bad_request`` (status 400/415) when it cannot be read.
    """
    values: dict[str, str] = {}
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SubmissionError("error_bad_request") from error
    if media_type == "application/json":
        try:
            data = json.loads(text) if text.strip() else {}
        except ValueError as error:
            raise SubmissionError("error_bad_request") from error
        if not isinstance(data, dict):
            raise SubmissionError("error_bad_request")
        for key in ("token", *_FIELDS):
            value = data.get(key, "")
            if value is None:
                value = ""
            if not isinstance(value, str):
                raise SubmissionError("error_bad_request")
            values[key] = value
    elif media_type in ("application/x-www-form-urlencoded", ""):
        try:
            fields = parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=32)
        except (UnicodeDecodeError, ValueError) as error:
            raise SubmissionError("error_bad_request") from error
        values = {key: fields[key][0] for key in ("token", *_FIELDS) if key in fields}
    else:
        raise SubmissionError("error_bad_request", 415)
    token = values.pop("token", "")
    return SubmittedForm(token=token, values=values)


def draft_from_values(values: Mapping[str, str]) -> QuestionDraft:
    """Check the fields and build the draft (received now).

    Raises:
        SubmissionError: with the label key of what is wrong (status 422).
    """
    text = _clean(values.get("text", ""))
    asker = _clean(values.get("asker", ""))
    category = _clean(values.get("category", ""))
    # Full-width digits (１３８…) are common from Chinese input methods.
    phone = unicodedata.normalize("NFKC", _clean(values.get("phone", ""))).replace(" ", "")
    if not text:
        raise SubmissionError("error_required", 422)
    if len(text) > MAX_QUESTION_LENGTH:
        raise SubmissionError("error_too_long", 422)
    if len(asker) > MAX_ASKER_LENGTH or len(category) > MAX_CATEGORY_LENGTH:
        raise SubmissionError("error_invalid", 422)
    if len(phone) > MAX_PHONE_LENGTH or not _PHONE.fullmatch(phone):
        raise SubmissionError("error_phone", 422)
    raw_channel = values.get("channel", "") or Channel.HOTLINE.value
    try:
        channel = Channel(raw_channel)
    except ValueError as error:
        raise SubmissionError("error_invalid", 422) from error
    return QuestionDraft(
        text=text,
        asker=asker,
        phone=phone,
        channel=channel,
        category=category,
        received_at=utc_now(),
    )


def message_text(labels: Mapping[str, str], code: str) -> str:
    """The message for a label key, with its placeholder filled in."""
    return labels.get(code, DEFAULT_LABELS.get(code, code)).replace(
        "{max}", str(MAX_QUESTION_LENGTH)
    )


@dataclass(frozen=True, slots=True)
class FormPage:
    """What one rendering of the form shows."""

    token: str
    language: str
    labels: Mapping[str, str]
    values: Mapping[str, str]
    notice: str = ""
    notice_kind: str = ""  # "ok" or "error"


def render_form(template: str, page: FormPage) -> str:
    """Fill the form template; every inserted value is HTML-escaped."""

    def esc(value: str) -> str:
        return html.escape(value, quote=True)

    labels = page.labels
    chosen = page.values.get("channel") or Channel.HOTLINE.value
    options = "\n".join(
        f'<option value="{esc(channel.value)}"{" selected" if channel.value == chosen else ""}>'
        f"{esc(labels.get('channel_' + channel.value, channel.value))}</option>"
        for channel in Channel
    )
    notice = (
        f'<p class="notice {esc(page.notice_kind)}" role="status">{esc(page.notice)}</p>'
        if page.notice
        else ""
    )
    fields = {
        f"label_{key}": esc(labels[key])
        for key in ("title", "intro", "asker", "phone", "phone_note", "channel", "category")
    }
    return Template(template).substitute(
        fields,
        lang="zh-CN" if page.language == "zh_CN" else "en",
        label_text=esc(labels["text"]),
        label_submit=esc(labels["submit"]),
        token=esc(page.token),
        notice=notice,
        channel_options=options,
        asker=esc(page.values.get("asker", "")),
        phone=esc(page.values.get("phone", "")),
        category=esc(page.values.get("category", "")),
        text=esc(page.values.get("text", "")),
        max_text=MAX_QUESTION_LENGTH,
        max_asker=MAX_ASKER_LENGTH,
        max_phone=MAX_PHONE_LENGTH,
        max_category=MAX_CATEGORY_LENGTH,
    )


def render_message(template: str, language: str, title: str, message: str) -> str:
    """Fill the message-only page (a refused link, too many requests); texts are escaped."""
    return Template(template).substitute(
        lang="zh-CN" if language == "zh_CN" else "en",
        title=html.escape(title, quote=True),
        message=html.escape(message, quote=True),
    )
