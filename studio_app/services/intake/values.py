"""Understanding what offices type: column names, channel words and times, Chinese or English."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from studio_app.domain.questions import Channel
from studio_app.services.intake.reading import Cell


class Field(StrEnum):
    """What a column holds: one field of :class:`~studio_app.domain.questions.QuestionDraft`."""

    RECEIVED_AT = "received_at"
    ASKER = "asker"
    PHONE = "phone"
    CHANNEL = "channel"
    CATEGORY = "category"
    TEXT = "text"


#: Column names as offices write them, normalised by :func:`normalise_header`. An exact
#: match wins; then a name ending in an alias ("来电时间" → 时间: Chinese puts the head
#: noun last); then one containing an alias. Longer aliases beat shorter ones.
HEADER_ALIASES: dict[Field, tuple[str, ...]] = {
    Field.RECEIVED_AT: (
        "时间", "日期", "日期时间", "时间日期", "来电时间", "来电日期", "提交时间", "提交日期",
        "提问时间", "留言时间", "登记时间", "登记日期", "接收时间", "收到时间", "受理时间",
        "反映时间", "评论时间", "发布时间", "创建时间", "时刻",
        "time", "date", "datetime", "timestamp", "received", "receivedat", "receivedtime",
        "submitted", "submittedat", "created", "createdat", "when",
    ),
    Field.ASKER: (
        "提问人", "姓名", "群众姓名", "来电人", "来电人姓名", "提问者", "提问群众", "留言人",
        "反映人", "诉求人", "来访人", "来访群众", "名字", "称呼", "网名", "昵称", "用户名",
        "用户", "群众", "居民", "联系人", "提问人姓名",
        "name", "asker", "askername", "caller", "resident", "nickname", "author", "user",
        "username", "fullname", "from", "askedby",
    ),
    Field.PHONE: (
        "电话", "联系电话", "手机", "手机号", "手机号码", "电话号码", "联系方式", "来电号码",
        "号码", "联系号码", "固话", "座机",
        "phone", "phonenumber", "phoneno", "mobile", "mobilephone", "tel", "telephone",
        "contact", "contactnumber", "cell", "cellphone",
    ),
    Field.CHANNEL: (
        "渠道", "来源", "方式", "提问渠道", "来源渠道", "反映渠道", "问题来源", "提问方式",
        "反映方式", "途径", "平台", "来电渠道",
        "channel", "source", "via", "medium", "platform",
    ),
    Field.CATEGORY: (
        "类别", "分类", "类型", "问题类型", "问题分类", "问题类别", "领域", "所属领域",
        "事项类型", "业务类型", "业务类别", "主题", "标签", "板块",
        "category", "topic", "type", "questiontype", "tag", "area", "theme",
    ),
    Field.TEXT: (
        "问题", "问题内容", "诉求", "诉求内容", "内容", "留言", "留言内容", "提问",
        "提问内容", "问题描述", "具体问题", "反映问题", "反映内容", "来电内容", "评论",
        "评论内容", "详情", "描述", "诉求描述",
        "question", "questions", "questiontext", "text", "content", "message", "comment",
        "body", "description", "details",
    ),
}  # fmt: skip

#: Header endings of the date part of a separate date column (a time column may follow).
_DATE_ONLY_ENDINGS = ("日期", "date")
_TIME_ONLY_ENDINGS = ("时间", "时刻", "time")

_ALIAS_FIELD: dict[str, Field] = {
    alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases
}
# Remarks in brackets ("联系电话（选填）"), required markers and punctuation are not the name.
_BRACKETED = re.compile(r"[(\[{（【〔［《<].*?[)\]}）】〕］》>]")
_NOT_NAME = re.compile(r"[\s_\-.:/\\*#?!'\"`~|。，、；：？！“”‘’·…]+")


def normalise_header(name: str) -> str:
    """A column name reduced for matching: half-width, lower case, no spaces or remarks."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = _BRACKETED.sub("", text) or text
    return _NOT_NAME.sub("", text)


class MappingGuess(NamedTuple):
    """The columns recognised (column index → field) and the names of the others."""

    mapping: dict[int, Field]
    unknown: list[str]


def _match(name: str) -> tuple[int, int, Field] | None:
    """(quality, alias length, field) of the best alias for a normalised name.

    Among aliases found inside the name, the longer one wins, then the one nearer the end
    ("群众诉求摘录": 诉求, not 群众).
    """
    if not name:
        return None
    exact = _ALIAS_FIELD.get(name)
    if exact is not None:
        return (3, len(name), exact)
    best: tuple[int, int, Field] | None = None
    best_end = -1
    for alias, field in _ALIAS_FIELD.items():
        ascii_alias = alias.isascii()
        if len(alias) < (4 if ascii_alias else 2):
            continue  # "tel", "via" inside longer words mean nothing
        if name.endswith(alias):
            quality = 2
        elif alias in name:
            quality = 1
        else:
            continue
        candidate = (quality, len(alias), field)
        end = name.rfind(alias) + len(alias)
        if best is None or (candidate[:2], end) > (best[:2], best_end):
            best, best_end = candidate, end
    return best


def guess_mapping(headers: Sequence[str]) -> MappingGuess:
    """Recognise the columns from their names.

    Each field goes to the column that matches it best (the leftmost on a tie). The time may
    take two columns when one is a date and the other a time ("日期" and "时间"); their
    values are joined. Columns with an empty name or no match are left out; the non-empty
    names among them are returned as ``unknown``.
    """
    candidates: dict[Field, list[tuple[int, int, int]]] = {}
    for index, header in enumerate(headers):
        found = _match(normalise_header(header))
        if found is not None:
            quality, length, field = found
            candidates.setdefault(field, []).append((quality, length, -index))
    mapping: dict[int, Field] = {}
    for field, found_columns in candidates.items():
        found_columns.sort(reverse=True)
        mapping[-found_columns[0][2]] = field
        if field is Field.RECEIVED_AT and len(found_columns) > 1:
            second = _time_partner(headers, -found_columns[0][2], [-c[2] for c in found_columns])
            if second is not None:
                mapping[second] = field
    mapping = dict(sorted(mapping.items()))
    unknown = [h for i, h in enumerate(headers) if i not in mapping and h.strip()]
    return MappingGuess(mapping, unknown)


def _time_partner(headers: Sequence[str], first: int, columns: list[int]) -> int | None:
    """A separate time column to go with a date column (or the other way round)."""
    names = {i: normalise_header(headers[i]) for i in columns}
    first_is_date = names[first].endswith(_DATE_ONLY_ENDINGS)
    first_is_time = names[first].endswith(_TIME_ONLY_ENDINGS) and "日期" not in names[first]
    for index in columns:
        if index == first:
            continue
        if first_is_date and names[index].endswith(_TIME_ONLY_ENDINGS):
            return index
        if first_is_time and names[index].endswith(_DATE_ONLY_ENDINGS):
            return index
    return None


# ---------------------------------------------------------------- channel
#: Words that name a channel, checked in this order (live comments before other comments,
#: short-video platforms before the WeChat that also runs 视频号).
CHANNEL_WORDS: tuple[tuple[Channel, tuple[str, ...]], ...] = (
    (Channel.LIVE_COMMENT, ("弹幕", "直播评论", "直播间", "直播留言", "直播", "live", "danmaku")),
    (
        Channel.SOCIAL,
        (
            "抖音", "快手", "微博", "视频号", "短视频", "头条", "小红书", "b站", "哔哩",
            "social", "douyin", "kuaishou", "weibo", "tiktok", "video",
        ),
    ),
    (
        Channel.HOTLINE,
        ("热线", "电话", "12345", "来电", "座机", "hotline", "phone", "call", "tel"),
    ),
    (
        Channel.ONLINE,
        (
            "网络", "网上", "网站", "网页", "微信", "公众号", "小程序", "app", "留言板", "邮件",
            "邮箱", "信箱", "政务服务网", "online", "web", "wechat", "email", "mail", "internet",
        ),
    ),
    (Channel.IN_ROOM, ("现场", "来访", "到场", "演播室", "线下", "当面", "in_room", "onsite")),
)  # fmt: skip


def parse_channel(value: str) -> Channel | None:
    """The channel a word names; ``None`` when it names none (the caller keeps it as OTHER)."""
    text = unicodedata.normalize("NFKC", value).strip().lower()
    try:
        return Channel(text)
    except ValueError:
        pass
    for channel, words in CHANNEL_WORDS:
        if any(word in text for word in words):
            return channel
    if text in ("other", "其他", "其它"):
        return Channel.OTHER
    return None


# ---------------------------------------------------------------- time
_AMPM = r"(?P<ampm>上午|早上|早晨|凌晨|中午|下午|傍晚|晚上|夜里|am|pm|a\.m\.|p\.m\.)?"
#: 9:30, 9:30:15, 9点, 9时30分, 上午9点半, 9:30 pm
_CLOCK_CORE = (
    _AMPM + r"\s*(?P<hour>\d{1,2})\s*(?:[:时点]\s*(?P<minute>\d{1,2})?\s*分?"
    r"\s*(?::\s*(?P<second>\d{1,2})(?:\.\d+)?\s*秒?)?)?\s*(?P<ampm2>am|pm)?(?P<half>半)?"
)
_CLOCK = r"(?:[\st]*" + _CLOCK_CORE + r")?"
#: 2024-05-06 09:30, 2024/5/6 9:30, 2024.5.6, 2024年5月6日 9时30分, 5月6日 上午9点半 …
_YMD = re.compile(
    r"^(?:(?P<year>\d{4})\s*[-/.年]\s*)?(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})"
    r"\s*[日号]?" + _CLOCK + r"$"
)
#: 5/6/2024 9:30 (month first, as English Excel writes it).
_MDY = re.compile(r"^(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})" + _CLOCK + r"$")
#: 20240506, 20240506 0930
_COMPACT = re.compile(
    r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:\s*(?P<hour>\d{2}):?(?P<minute>\d{2}))?$"
)
#: 09:30 alone (the date comes from the default date); needs a ":" or 时/点.
_TIME_ONLY = re.compile(r"^" + _CLOCK_CORE + r"$")
_EXCEL_EPOCH = datetime(1899, 12, 30)
_PM = ("下午", "傍晚", "晚上", "夜里", "pm", "p.m.")


def parse_time(
    value: Cell, default_date: date, tz: tzinfo | None = None
) -> datetime | None:  # fmt: skip
    """An aware UTC time from a cell; ``None`` for an empty cell.

    Naive times are local wall-clock times: in ``tz`` if given, else in this computer's
    time zone (where the office's spreadsheet was typed). A date without a year takes the
    year of ``default_date``; a time without a date takes its day.

    Raises:
        ValueError: The cell holds something that is not a time.
    """
    naive: datetime
    if value is None:
        return None
    if isinstance(value, datetime):
        naive = value
    elif isinstance(value, date):
        naive = datetime.combine(value, time())
    elif isinstance(value, time):
        naive = datetime.combine(default_date, value)
    elif isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    elif isinstance(value, int | float):
        naive = _excel_serial(float(value))
    elif isinstance(value, timedelta):
        naive = datetime.combine(default_date, time()) + value
    else:
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            return None
        naive = _parse_text(text, default_date)
    if naive.tzinfo is not None and naive.utcoffset() is not None:
        return naive.astimezone(UTC)
    if tz is not None:
        return naive.replace(tzinfo=tz).astimezone(UTC)
    return naive.astimezone(UTC)  # a naive datetime's astimezone() assumes local time


def _excel_serial(serial: float) -> datetime:
    """An Excel serial day number (a date typed into a cell formatted as a number)."""
    if not 20_000 <= serial < 80_000:  # 1954 … 2119: anything else is not a date
        raise ValueError(f"not a date serial: {serial}")
    return _EXCEL_EPOCH + timedelta(days=serial)


def _parse_text(text: str, default_date: date) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    text = text.lower()
    for pattern in (_YMD, _MDY, _COMPACT):
        match = pattern.match(text)
        if match:
            parts = match.groupdict()
            year = int(parts["year"]) if parts.get("year") else default_date.year
            day = date(year, int(parts["month"]), int(parts["day"]))
            return datetime.combine(day, _clock(parts))
    match = _TIME_ONLY.match(text)
    if match and re.search("[:时点]", text):
        return datetime.combine(default_date, _clock(match.groupdict()))
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _excel_serial(float(text))
    raise ValueError(f"not a time: {text!r}")


def _clock(parts: dict[str, str | None]) -> time:
    if not parts.get("hour"):
        return time()
    hour = int(parts["hour"] or 0)
    minute = 30 if parts.get("half") else int(parts.get("minute") or 0)
    second = int(parts.get("second") or 0)
    ampm = parts.get("ampm") or parts.get("ampm2") or ""
    if ampm in _PM and hour < 12:
        hour += 12
    elif ampm in ("中午",) and hour < 11:
        hour += 12  # 中午1点 is 13:00; 中午11点/12点 stay
    elif ampm in ("凌晨", "am", "a.m.") and hour == 12:
        hour = 0
    return time(hour, minute, second)
