"""Masking of residents' personal data in the text shown on air.

What is found and how it is masked (the kept parts in brackets):

* ``MOBILE``: 11-digit mobile numbers ``1[3-9]…`` with any spaces, dashes or dots and an
  optional ``+86``/``86``/``0086`` prefix → ``[138]****[8000]``; the prefix and separators go.
* ``LANDLINE``: ``[0571-]****[6666]`` — area code (010, 02x or 0xxx; ``(010)``/``（010）``
  accepted), a 7–8 digit local number whose last 4 (of 8) or 3 (of 7) digits stay, an
  extension (``转123``, ``分机123``, ``ext 123``) fully masked. A local number without area
  code is masked only right after 电话/座机/固话/tel.
* ``ID_NUMBER``: 18-character resident ID numbers and 15-digit old ones →
  ``[110]***********[1234]``. The date part must be a real date (1900–2099, or 19xx for old
  IDs). An 18-character string with a valid check character is an ID; one whose check
  fails is still an ID if it starts with a real province code (11–65, 71, 81–83, 91): a
  mistyped or made-up ID is still someone's ID, and a random 18-digit number with a valid
  date and region is rare. Otherwise it may still be masked as a bank card.
* ``BANK_CARD``: 16–19 digits, contiguous or in groups of four. Masked if the Luhn check
  passes and the first digit is that of a card issuer (3, 4, 5, 6, 9), or if 卡号/银行卡/
  账号/卡 comes just before. Each masked digit becomes ``*``, separators and the last 4
  digits stay: ``**** **** **** [5678]``. Other long numbers (order numbers, meter numbers)
  are left alone.
* ``PLATE``: vehicle plates, province + letter + 5 (6 for new-energy) letters/digits with at
  least 3 digits, optionally after ``·``/``-``/space → ``[浙A·]*****``.
* ``ADDRESS``: a number chain with 号/栋/幢/座/单元/室/号楼/号院 that directly follows a
  place word ending in 村/庄/屯/寨/湾/路/街/巷/道/弄/镇/乡/区/苑/园/院/城/厦/坊. The place
  stays, every numeral of the chain becomes ``*`` and the units stay:
  ``[人民路]**[号]*[栋]*[单元]***[室]``, ``[幸福村]*[组]**[号]``. A house number alone
  (``12号楼``, ``3号``) is not masked: without a place it identifies no one, and ``12号``
  is far more often a date. ``号`` followed by a date word (前/后/上午/开会/停 …) or by
  文件/线/窗口 is not an address either.
* ``NAME``: the asker's names passed as ``names`` wherever they occur (Latin names case-
  insensitively, as whole words), plus names introduced by context: strong (我叫, 名叫,
  姓名, 联系人, 申请人 …) or weak (我是, 本人, 村民, 居民, 户主, 业主 …; the name must then
  be followed by punctuation, the end, or a typical next word like 的/今年/家住/想/反映).
  The surname (compound ones too: 欧阳, 司马, 诸葛 …) stays: ``[张]*``, ``[王]**``.
  Surname + title (王先生, 李阿姨) and 老/小 + surname are not full names and stay. Names
  of one character or holding ``*`` (already masked) are not searched for. A second name
  joined by 和/与 (我是张三和李四) is not recognised unless passed in ``names``.

Overlapping detections resolve to one: the longest span wins, then the more specific kind
(ID, card, mobile, landline, plate, address, name). Full-width digits and letters count
as their ASCII forms (kept parts are shown half-width: ``１３８…`` → ``138****…``), and a
full-width ``＊`` counts as a mask. Masking repeats until nothing is found any more, so the
masked text never contains anything :func:`find_personal_data` would report (and masking
is idempotent); findings always refer to the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class PersonalDataKind(StrEnum):
    """What kind of personal data a finding is."""

    MOBILE = "mobile"
    LANDLINE = "landline"
    ID_NUMBER = "id_number"
    BANK_CARD = "bank_card"
    PLATE = "plate"
    ADDRESS = "address"
    NAME = "name"


K = PersonalDataKind

#: Tie-break between detections of equal length: the more specific kind wins.
_PRIORITY = {
    K.ID_NUMBER: 0,
    K.BANK_CARD: 1,
    K.MOBILE: 2,
    K.LANDLINE: 3,
    K.PLATE: 4,
    K.ADDRESS: 5,
    K.NAME: 6,
}

MASK = "*"


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: its span in the original text and what replaces it."""

    kind: PersonalDataKind
    start: int
    end: int
    original: str
    replacement: str


@dataclass(frozen=True, slots=True)
class MaskResult:
    """A masked text and what was masked; the findings' spans refer to the original text."""

    text: str
    findings: tuple[Finding, ...]


# ---------------------------------------------------------------- text folding

#: Full-width ASCII forms (digits, letters, ＋－（）＊) and the ideographic space, one to one,
#: so that offsets in the folded text are offsets in the original.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _fold_width(text: str) -> str:
    return text.translate(_WIDTH)


# ---------------------------------------------------------------- names


def _words(text: str) -> tuple[str, ...]:
    """Split a space-separated word list (keeps long lists of words compact)."""
    return tuple(text.split())


#: Compound surnames, tried before single ones.
COMPOUND_SURNAMES = frozenset(
    _words(
        "欧阳 司马 诸葛 上官 司徒 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 夏侯 "
        "令狐 端木 独孤 南宫 西门 轩辕 申屠 太史 司空 呼延 钟离 澹台 公冶 "
        "闻人 万俟 濮阳 单于 赫连 第五 东郭 百里"
    )
)

#: Common single-character surnames used to recognise names in context. Characters that
#: are mostly ordinary words (和, 都, 时, 国, 全, 来 …) are left out on purpose.
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧"
    "耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍"
    "华喻祁蒲房滕屈饶解牟艾尤阳穆农卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂佟臧闵苟邬边卞姬师仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封谈匡鞠惠荆乐冀郁胥"
    "班储栗燕楚鄢劳谌奚皮粟冼蔺楼满闻厉伊仝郜阚权帅屠朴盖练廉禹井祖漆巴丰支卿狄计索宣晋初"
    "容敬扈晁芮阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危亢嵇哈湛宾戎勾茅"
)

#: Words after a surname that make it a form of address, not a full name.
_TITLES = _words(
    "先生 女士 小姐 阿姨 大爷 大妈 大娘 大姐 大哥 大叔 大伯 大婶 老师 "
    "师傅 同志 奶奶 爷爷 叔叔 阿婆 婆婆 伯伯 婶婶 老板 书记 主任 村长 "
    "镇长 组长 经理 医生 老汉 老太 姐 哥 叔 婶 伯 某 家"
)

#: Asker labels that are not names at all.
_NOT_NAMES = frozenset(
    ["匿名", "网友", "游客", "市民", "村民", "居民", "群众", "热心群众", "热心市民", "观众"]
)
_NICKNAME_PREFIXES = ("网友", "观众", "用户")

_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_NAME_TOKEN = re.compile(rf"[{_HAN_RANGES}]+|[^\W_{_HAN_RANGES}]+|.", re.DOTALL)
_HAN_RUN = re.compile(rf"[{_HAN_RANGES}]+")


def _is_han(char: str) -> bool:
    return _HAN_RUN.fullmatch(char) is not None


def _surname_length(name: str) -> int:
    """Length of the surname ``name`` starts with: 2 for a compound one, else 1."""
    return 2 if name[:2] in COMPOUND_SURNAMES else 1


def _is_form_of_address(name: str) -> bool:
    """Surname + title (王先生) or 老/小 + surname (老李): no full name to hide."""
    if len(name) == 2 and name[0] in "老小" and name[1] in SINGLE_SURNAMES:
        return True
    return name[_surname_length(name) :] in _TITLES


def mask_name(name: str) -> str:
    """Mask a person's name for showing on air, keeping the surname.

    ``张三`` → ``张*``, ``王小明`` → ``王**``, ``欧阳娜娜`` → ``欧阳**``,
    ``阿依古丽·买买提`` → ``阿***·***``, ``Li Wei`` → ``L** W**`` (each Latin word keeps its
    initial; the ``**`` hides its length). Emoji, spaces and punctuation stay. Forms of
    address (``王先生``, ``李阿姨``, ``老李``), labels (``匿名``) and online nicknames
    (``网友 小麦``: a chosen handle, not a name) are returned unchanged, stripped.
    The result is stable: ``mask_name(mask_name(x)) == mask_name(x)``.
    """
    name = name.strip()
    if not name or name in _NOT_NAMES or name.startswith(_NICKNAME_PREFIXES):
        return name
    if _HAN_RUN.fullmatch(name) and _is_form_of_address(name):
        return name
    parts: list[str] = []
    surname_done = False
    for match in _NAME_TOKEN.finditer(name):
        token = match.group()
        if _HAN_RUN.fullmatch(token):
            if surname_done:
                parts.append(MASK * len(token))
            else:
                keep = _surname_length(token)
                parts.append(token[:keep] + MASK * (len(token) - keep))
                surname_done = True
        elif token.isalnum():
            parts.append(token[0] + (MASK * 2 if len(token) > 1 else ""))
        else:
            parts.append(token)
    return "".join(parts)


# ---------------------------------------------------------------- detection


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: PersonalDataKind
    start: int
    end: int
    replacement: str


_NOT_DIGIT_BEFORE = r"(?<![0-9*])"
_NOT_DIGIT_AFTER = r"(?![0-9*])"

_MOBILE = re.compile(
    _NOT_DIGIT_BEFORE
    + r"(?:(?:\+|00)?86[ \-]{0,2}|\(\+?86\)[ \-]{0,2})?"
    + r"(?P<number>1[3-9](?:[ \-.]{0,2}[0-9]){9})"
    + _NOT_DIGIT_AFTER
)


def _mobiles(text: str) -> Iterator[_Candidate]:
    for match in _MOBILE.finditer(text):
        digits = re.sub(r"[^0-9]", "", match.group("number"))
        yield _Candidate(K.MOBILE, match.start(), match.end(), digits[:3] + "****" + digits[-4:])


_AREA_CODE = r"(?:010|02[0-9]|0[3-9][0-9]{2})"
_LOCAL = r"[0-9]{3,4}[ \-]?[0-9]{4}"
_EXTENSION = r"(?:[ ]?(?P<ext_word>转|分机|ext\.?|x|#)[ ]?(?P<ext>[0-9]{1,5}))?"
_LANDLINE = re.compile(
    _NOT_DIGIT_BEFORE
    + rf"(?:\((?P<area1>{_AREA_CODE})\)|(?P<area2>{_AREA_CODE}))[ \-]{{0,2}}"
    + rf"(?P<local>{_LOCAL}){_EXTENSION}"
    + _NOT_DIGIT_AFTER,
    re.IGNORECASE,
)
_LANDLINE_IN_CONTEXT = re.compile(
    r"(?:电话|座机|固话|tel)(?:号码|号)?[:： ]{0,2}(?:是|为)?[:： ]{0,2}"
    + rf"(?P<local>[2-9][0-9]{{2,3}}[ \-]?[0-9]{{4}}){_EXTENSION}"
    + _NOT_DIGIT_AFTER,
    re.IGNORECASE,
)


def _masked_local(local: str) -> str:
    digits = re.sub(r"[^0-9]", "", local)
    return MASK * 4 + digits[4:]


def _masked_extension(match: re.Match[str]) -> str:
    if match.group("ext") is None:
        return ""
    return match.group("ext_word") + MASK * len(match.group("ext"))


def _landlines(text: str) -> Iterator[_Candidate]:
    for match in _LANDLINE.finditer(text):
        area = match.group("area1") or match.group("area2")
        replacement = f"{area}-{_masked_local(match.group('local'))}{_masked_extension(match)}"
        yield _Candidate(K.LANDLINE, match.start(), match.end(), replacement)
    for match in _LANDLINE_IN_CONTEXT.finditer(text):
        replacement = _masked_local(match.group("local")) + _masked_extension(match)
        yield _Candidate(K.LANDLINE, match.start("local"), match.end(), replacement)


_ID_18 = re.compile(
    _NOT_DIGIT_BEFORE
    + r"(?P<id>[1-9][0-9]{5} ?(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
    + r" ?[0-9]{3}[0-9Xx])"
    + _NOT_DIGIT_AFTER
)
_ID_15 = re.compile(
    _NOT_DIGIT_BEFORE
    + r"[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}"
    + _NOT_DIGIT_AFTER
)
#: First two digits of a resident ID: the province-level region.
_PROVINCE_CODES = frozenset(
    _words(
        "11 12 13 14 15 21 22 23 31 32 33 34 35 "
        "36 37 41 42 43 44 45 46 50 51 52 53 54 "
        "61 62 63 64 65 71 81 82 83 91"
    )
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CODES = "10X98765432"


def id_checksum_ok(number: str) -> bool:
    """Whether an 18-character resident ID number has a valid check character."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CODES[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    """Whether a digit string passes the Luhn check used by bank card numbers."""
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _masked_id(number: str) -> str:
    return number[:3] + MASK * (len(number) - 7) + number[-4:].upper()


def _ids(text: str) -> Iterator[_Candidate]:
    for match in _ID_18.finditer(text):
        number = match.group("id").replace(" ", "")
        if not _valid_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
            continue
        # A failed checksum is still an ID (mistyped, or made up but still identifying) if
        # the region code is a real province; otherwise it may be a card number.
        if id_checksum_ok(number) or number[:2] in _PROVINCE_CODES:
            yield _Candidate(K.ID_NUMBER, match.start(), match.end(), _masked_id(number))
    for match in _ID_15.finditer(text):
        number = match.group()
        if _valid_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])):
            yield _Candidate(K.ID_NUMBER, match.start(), match.end(), _masked_id(number))


_CARD = re.compile(
    _NOT_DIGIT_BEFORE
    + r"(?:[0-9]{16,19}|[0-9]{4}(?:[ \-][0-9]{4}){3}(?:[ \-]?[0-9]{1,3})?)"
    + _NOT_DIGIT_AFTER
)
_CARD_CONTEXT = re.compile(r"(?:卡号|银行卡|账号|帐号|卡)[^0-9]{0,6}$")


def _card_like(digits: str) -> bool:
    return digits[0] in "34569" and luhn_ok(digits)


def _masked_card(number: str) -> str:
    digit_count = sum(char.isdigit() for char in number)
    seen = 0
    parts: list[str] = []
    for char in number:
        if char.isdigit():
            seen += 1
            parts.append(char if seen > digit_count - 4 else MASK)
        else:
            parts.append(char)
    return "".join(parts)


def _cards(text: str) -> Iterator[_Candidate]:
    for match in _CARD.finditer(text):
        digits = re.sub(r"[^0-9]", "", match.group())
        if _card_like(digits) or _CARD_CONTEXT.search(
            text, max(0, match.start() - 9), match.start()
        ):
            yield _Candidate(K.BANK_CARD, match.start(), match.end(), _masked_card(match.group()))


_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"(?P<head>[{_PROVINCES}][A-Za-z])(?P<sep>[·•・.\- ]?)"
    + r"(?P<tail>[A-Za-z0-9]{5,6}|[A-Za-z0-9]{4}[挂学警港澳领])"
    + r"(?![A-Za-z0-9*])"
)


def _plates(text: str) -> Iterator[_Candidate]:
    for match in _PLATE.finditer(text):
        tail = match.group("tail")
        if sum(char.isdigit() for char in tail) < 3:
            continue
        replacement = match.group("head") + match.group("sep") + MASK * len(tail)
        yield _Candidate(K.PLATE, match.start(), match.end(), replacement)


_PLACE_ENDINGS = "村庄屯寨湾路街巷道弄镇乡区苑园院城厦坊"
_NUMERAL = r"(?:[0-9]{1,5}|[零〇一二两三四五六七八九十百]{1,4})"
_ADDRESS_UNIT = r"(?:号楼|号院|单元|号|栋|幢|座|组|队|层|楼|室|户|排)"
_ADDRESS = re.compile(
    rf"(?<=[{_PLACE_ENDINGS}])"
    + rf"(?P<chain>(?:第?{_NUMERAL}(?:[\-—][0-9]{{1,5}})*{_ADDRESS_UNIT})+"
    + r"(?:[0-9]{1,5}(?![0-9*]))?)"
)
_STRONG_UNITS = re.compile(r"号|栋|幢|座|单元|室")
#: After a single "N号": a date or a document/line number, not a house number.
_NOT_HOUSE_NUMBER = re.compile(
    r"前|后|之前|之后|以前|以后|左右|那天|当天|上午|下午|晚上|早上|中午|凌晨|起|至|到|开始|"
    r"截止|停|开|发|通知|文件|文|线|窗口|令|公告|台|机|位|码|字|会"
)
_NUMERAL_CHAR = re.compile(r"[0-9零〇一二两三四五六七八九十百]")


def _addresses(text: str) -> Iterator[_Candidate]:
    for match in _ADDRESS.finditer(text):
        chain = match.group("chain")
        if not _STRONG_UNITS.search(chain):
            continue
        single_number = len(re.findall(_ADDRESS_UNIT, chain)) == 1 and chain.endswith("号")
        if single_number and _NOT_HOUSE_NUMBER.match(text, match.end()):
            continue
        replacement = _NUMERAL_CHAR.sub(MASK, chain)
        yield _Candidate(K.ADDRESS, match.start(), match.end(), replacement)


_STRONG_NAME_CONTEXT = _words(
    "我叫 名叫 叫做 名字叫 名字是 姓名 联系人 本人叫 申请人 当事人 举报人 户主姓名 老人叫 孩子叫"
)
_WEAK_NAME_CONTEXT = _words("我是 本人是 本人 村民 居民 户主 业主 患者 家属 老人")
_NAME_CONTEXT = re.compile(
    "(?P<context>"
    + "|".join(sorted(_STRONG_NAME_CONTEXT + _WEAK_NAME_CONTEXT, key=len, reverse=True))
    + r")[:：\s]*(?:是|为|叫)?[:：\s]*"
)
#: Characters that practically never occur in a given name: the name ends before them.
_NOT_IN_GIVEN_NAME = frozenset(
    "的了是在今住我你他她它们吗呢啊吧呀哦嘛也都就还又要想说问请因从到给被把对向这那哪么"
    "村镇乡县市省区组队路街号人员户某"
)
#: What may follow a name introduced by a weak context (我是李四…, 村民王五…).
_AFTER_NAME = re.compile(
    r"$|[^\u3400-\u9fff]|的|今年|家住|住在|住|电话|手机|联系|身份证|想|要|请问|问|在|从|来自|"
    r"反映|说|和|与|家|是|现在|目前|去年|前几天|之前|一直|也|已经|因为|于|向|找|打|今天|昨天|"
    r"给|被|把|对|等|老人|本人|户口"
)
#: Surname + next character that are ordinary words after 我是/村民 (党员, 农民 …).
_NOT_A_NAME = frozenset(
    _words("党员 农民 房东 房主 车主 高中 单亲 包工 高龄 万元 于是 向你 向您 江苏 安徽")
)


def _context_names(text: str) -> Iterator[_Candidate]:
    for match in _NAME_CONTEXT.finditer(text):
        start = match.end()
        if start >= len(text):
            continue
        surname_length = 2 if text[start : start + 2] in COMPOUND_SURNAMES else 1
        if surname_length == 1 and text[start] not in SINGLE_SURNAMES:
            continue
        given_start = start + surname_length
        if any(text.startswith(title, given_start) for title in _TITLES):
            continue
        strong = match.group("context") in _STRONG_NAME_CONTEXT
        given = _given_name_length(text, given_start, strong)
        if not given:
            continue
        end = given_start + given
        if text[start : start + 2] in _NOT_A_NAME and not strong:
            continue
        replacement = text[start:given_start] + MASK * given
        yield _Candidate(K.NAME, start, end, replacement)


def _given_name_length(text: str, start: int, strong: bool) -> int:
    """How many characters of given name follow a surname at ``start`` (0: not a name)."""
    usable = 0
    while (
        usable < 2
        and start + usable < len(text)
        and _is_han(text[start + usable])
        and text[start + usable] not in _NOT_IN_GIVEN_NAME
    ):
        usable += 1
    for length in range(usable, 0, -1):
        if _AFTER_NAME.match(text, start + length):
            return length
    return usable if strong else 0


def _usable_names(names: Iterable[str]) -> list[str]:
    """Names worth searching for: those that masking changes, longest first."""
    usable = {
        name.strip()
        for name in names
        if len(name.strip()) >= 2 and MASK not in name and mask_name(name) != name.strip()
    }
    return sorted(usable, key=len, reverse=True)


def _given_names(text: str, names: list[str]) -> Iterator[_Candidate]:
    for name in names:
        if re.search(r"[A-Za-z0-9]", name):
            pattern = re.compile(
                r"(?<![A-Za-z0-9])" + re.escape(name) + r"(?![A-Za-z0-9])", re.IGNORECASE
            )
            for match in pattern.finditer(text):
                yield _Candidate(K.NAME, match.start(), match.end(), mask_name(match.group()))
            continue
        replacement = mask_name(name)
        position = text.find(name)
        while position >= 0:
            yield _Candidate(K.NAME, position, position + len(name), replacement)
            position = text.find(name, position + 1)


_DETECTORS: tuple[Callable[[str], Iterator[_Candidate]], ...] = (
    _mobiles,
    _landlines,
    _ids,
    _cards,
    _plates,
    _addresses,
    _context_names,
)


def _detect(text: str, names: list[str]) -> list[_Candidate]:
    """All detections in ``text``, overlaps resolved, in text order."""
    folded = _fold_width(text)
    candidates = [c for detector in _DETECTORS for c in detector(folded)]
    candidates += _given_names(text, names)
    chosen: list[_Candidate] = []
    ordered = sorted(candidates, key=lambda c: (c.start - c.end, _PRIORITY[c.kind], c.start))
    for candidate in ordered:
        if text[candidate.start : candidate.end] == candidate.replacement:
            continue
        if all(candidate.end <= c.start or c.end <= candidate.start for c in chosen):
            chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return chosen


def find_personal_data(text: str, *, names: Iterable[str] = ()) -> tuple[Finding, ...]:
    """Find the personal data still visible in ``text``, in text order, never overlapping.

    Already-masked forms (``138****8000``, ``张*``) are not reported. ``names`` are the
    asker's names, searched for wherever they occur.
    """
    return tuple(
        Finding(c.kind, c.start, c.end, text[c.start : c.end], c.replacement)
        for c in _detect(text, _usable_names(names))
    )


def _apply(text: str, findings: list[Finding]) -> str:
    parts: list[str] = []
    position = 0
    for finding in findings:
        parts.append(text[position : finding.start])
        parts.append(finding.replacement)
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def mask_personal_data(text: str, *, names: Iterable[str] = ()) -> MaskResult:
    """Mask the personal data in ``text`` (see the module docstring for what and how).

    The result's text contains nothing :func:`find_personal_data` would report with the
    same ``names``; its findings say what was replaced, with spans in ``text``.
    """
    usable = _usable_names(names)
    findings = [
        Finding(c.kind, c.start, c.end, text[c.start : c.end], c.replacement)
        for c in _detect(text, usable)
    ]
    masked = _apply(text, findings)
    # A replacement can bring characters together that were apart (the mobile form drops
    # separators), so look again until nothing is found. Each round leaves fewer
    # unmasked characters, so this ends; in practice the first check finds nothing.
    while True:
        again = _detect(masked, usable)
        if not again:
            return MaskResult(masked, tuple(findings))
        findings = _merge_round(text, findings, masked, again)
        masked = _apply(text, findings)


def _merge_round(
    text: str, findings: list[Finding], masked: str, again: list[_Candidate]
) -> list[Finding]:
    """Fold detections made in the masked text into findings on the original text."""
    # For each character of the masked text: the span of the original text it stands for,
    # and the span of the masked text that is one unit with it (a replacement is a unit).
    origin: list[tuple[int, int]] = []
    unit: list[tuple[int, int]] = []
    position = 0
    for finding in [*findings, None]:
        stop = len(text) if finding is None else finding.start
        for index in range(position, stop):
            origin.append((index, index + 1))
            unit.append((len(unit), len(unit) + 1))
        if finding is None:
            break
        first = len(unit)
        for _ in finding.replacement:
            origin.append((finding.start, finding.end))
            unit.append((first, first + len(finding.replacement)))
        position = finding.end
    # Group the new detections whose units overlap; each group becomes one finding.
    groups: list[tuple[int, int, list[_Candidate]]] = []
    for candidate in again:
        low, high = unit[candidate.start][0], unit[candidate.end - 1][1]
        if groups and low < groups[-1][1]:
            last_low, last_high, members = groups[-1]
            groups[-1] = (last_low, max(last_high, high), [*members, candidate])
        else:
            groups.append((low, high, [candidate]))
    merged: list[Finding] = []
    for low, high, members in groups:
        parts: list[str] = []
        cursor = low
        for member in members:
            parts.append(masked[cursor : member.start])
            parts.append(member.replacement)
            cursor = member.end
        parts.append(masked[cursor:high])
        start, end = origin[low][0], origin[high - 1][1]
        # A finding that grew keeps the kind it was first found as.
        absorbed = [f for f in findings if start <= f.start and f.end <= end]
        kind = (
            max(absorbed, key=lambda f: f.end - f.start).kind
            if absorbed
            else max(members, key=lambda c: c.end - c.start).kind
        )
        merged.append(Finding(kind, start, end, text[start:end], "".join(parts)))
    kept = [f for f in findings if all(f.end <= m.start or m.end <= f.start for m in merged)]
    return sorted([*kept, *merged], key=lambda f: f.start)
