"""Importing pre-collected questions from real CSV and XLSX files, as township offices make them."""

from __future__ import annotations

import csv
import io
import os
import random
import subprocess
import sys
import time
import uuid
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

from studio_app.domain.questions import MAX_QUESTION_LENGTH, Channel
from studio_app.domain.sessions import BroadcastSession
from studio_app.messages import import_error_text, import_warning_text, skip_reason_text
from studio_app.services.intake import reading
from studio_app.services.intake.importer import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    Field,
    ImportErrorCode,
    ImportFileError,
    SkipReason,
    WarningKind,
    column_label,
    find_column,
    group_numbers,
    guess_mapping,
    parse,
    preview,
    with_overrides,
)
from studio_app.services.intake.values import parse_channel, parse_time
from studio_app.storage.store import Store

REPO = Path(__file__).resolve().parents[2]
SAMPLES = Path("/work/shared/data")
SAMPLE_UTF8 = SAMPLES / "questions_sample.csv"
SAMPLE_GB = SAMPLES / "questions_sample_gbk.csv"
BEIJING = timezone(timedelta(hours=8))  # fixed offset: no tzdata needed on Windows
DAY = date(2026, 11, 1)

HEADER = ["时间", "提问人", "联系电话", "渠道", "类别", "问题"]
ROWS = [
    ["2026-11-10 09:12", "王先生", "13812345678", "热线", "户籍", "户口怎么迁到我们村？"],
    ["2026/11/10 10:05", "李阿姨", "0531-86123456", "APP留言", "养老", "养老金什么时候发？"],
    ["2026年11月11日 14:30", "网友“山里人”", "", "短视频评论", "交通", "路灯，什么时候装？"],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def error_code(path: Path, **kwargs: object) -> ImportErrorCode:
    with pytest.raises(ImportFileError) as caught:
        parse(path, **kwargs)  # type: ignore[arg-type]
    assert caught.value.path == path
    return caught.value.code


# ---------------------------------------------------------------- encodings
@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("utf-8-sig", "utf-8-sig"),
        ("utf-8", "utf-8"),
        ("utf-16", "utf-16"),  # Python writes the BOM, as Excel's "Unicode text" does
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),  # GBK is a subset: read as GB18030
        ("gb2312", "gb18030"),
    ],
)
def test_each_encoding_is_detected(tmp_path: Path, encoding: str, detected: str) -> None:
    path = write_csv(tmp_path / "questions.csv", [HEADER, *ROWS], encoding)
    result = parse(path, default_date=DAY, tz=BEIJING)
    assert result.encoding == detected
    assert [r.draft.text for r in result.rows] == [row[5] for row in ROWS]
    assert result.rows[2].draft.asker == "网友“山里人”"
    assert not result.skipped and not result.warnings


def test_utf16_without_bom_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "questions.txt"
    path.write_bytes("问题\tphone\r\n路灯坏了\t13800138000\r\n".encode("utf-16-le"))
    result = parse(path)
    assert result.encoding == "utf-16-le"
    assert result.rows[0].draft.phone == "13800138000"


@pytest.mark.parametrize(
    ("path", "encoding", "count"), [(SAMPLE_UTF8, "utf-8-sig", 20), (SAMPLE_GB, "gb18030", 19)]
)
def test_the_sample_files_import_completely(path: Path, encoding: str, count: int) -> None:
    shown = preview(path)
    assert shown.encoding == encoding
    assert shown.headers == tuple(HEADER)
    assert set(shown.mapping.values()) == set(Field) and not shown.unknown_headers
    assert not shown.needs_mapping and shown.total_rows == count

    result = parse(path, default_date=DAY, tz=BEIJING)
    assert len(result.rows) == count and not result.skipped and not result.warnings
    first = result.rows[0]
    assert first.row_number == 2
    assert first.draft.received_at == datetime(2026, 11, 10, 1, 12, tzinfo=UTC)
    assert first.draft.channel is Channel.HOTLINE and first.draft.phone == "13812345678"
    channels = {r.draft.channel for r in result.rows}
    assert channels == {
        Channel.HOTLINE,
        Channel.ONLINE,  # APP留言
        Channel.SOCIAL,  # 短视频评论
        Channel.LIVE_COMMENT,  # 直播评论
        Channel.IN_ROOM,  # 现场
    }
    assert all(r.draft.received_at and r.draft.received_at.tzinfo is UTC for r in result.rows)
    # Phones as typed: masking is the filing service's job, not the importer's.
    assert "139 0000 1111" in {r.draft.phone for r in result.rows}


def test_emoji_in_a_name_survives() -> None:
    askers = {r.draft.asker for r in parse(SAMPLE_UTF8).rows}
    assert "网友 ❤️小芳❤️" in askers


# ---------------------------------------------------------------- delimiters
@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiter_is_sniffed_and_full_width_commas_stay_in_the_text(
    tmp_path: Path, delimiter: str
) -> None:
    rows = [
        ["问题", "提问人"],
        ["路灯坏了，什么时候修，谁负责？", "张三"],
        ["低保怎么申请，要什么材料", "李四"],
    ]
    path = write_csv(tmp_path / "q.csv", rows, "utf-8", delimiter)
    result = parse(path)
    assert result.delimiter == delimiter
    assert [r.draft.text for r in result.rows] == [rows[1][0], rows[2][0]]


def test_ascii_commas_inside_quoted_cells_and_line_breaks(tmp_path: Path) -> None:
    rows = [["问题", "时间"], ["第一行,还有逗号\n第二行", "2026-11-10 09:00"], ["下一问", ""]]
    path = write_csv(tmp_path / "q.csv", rows, "utf-8")
    result = parse(path)
    assert result.rows[0].draft.text == "第一行,还有逗号\n第二行"
    assert [r.row_number for r in result.rows] == [2, 3]  # records, as a spreadsheet counts
    assert result.rows[1].draft.received_at is None  # empty: the service uses "now"


def test_excel_sep_hint_line(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text("sep=;\n问题;姓名\n路灯;张三\n", encoding="utf-8")
    result = parse(path)
    assert result.delimiter == ";" and result.rows[0].draft.asker == "张三"
    assert result.rows[0].row_number == 3


def test_leading_blank_rows_are_skipped_before_the_header(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text("\n,,\n  \n问题,姓名\n路灯,张三\n,,\n\n", encoding="utf-8")
    result = parse(path)
    assert [(r.row_number, r.draft.text) for r in result.rows] == [(5, "路灯")]
    assert not result.skipped  # trailing blank rows are not reported


# ---------------------------------------------------------------- header mapping
def test_english_headers(tmp_path: Path) -> None:
    rows = [
        ["Date", "Time", "Name", "Phone No.", "Source", "Topic", "Question"],
        ["2026-11-10", "09:30", "Wang", "13800138000", "WeChat", "Housing", "When?"],
    ]
    result = parse(write_csv(tmp_path / "q.csv", rows, "utf-8"), tz=BEIJING)
    draft = result.rows[0].draft
    assert result.mapping == {
        0: Field.RECEIVED_AT,
        1: Field.RECEIVED_AT,
        2: Field.ASKER,
        3: Field.PHONE,
        4: Field.CHANNEL,
        5: Field.CATEGORY,
        6: Field.TEXT,
    }
    assert draft.received_at == datetime(2026, 11, 10, 1, 30, tzinfo=UTC)  # date + time columns
    assert (draft.asker, draft.channel, draft.category) == ("Wang", Channel.ONLINE, "Housing")


@pytest.mark.parametrize(
    ("header", "field"),
    [
        (" 问 题 ", Field.TEXT),
        ("问题内容", Field.TEXT),
        ("诉求", Field.TEXT),
        ("留言内容", Field.TEXT),
        ("Ｑｕｅｓｔｉｏｎ", Field.TEXT),  # full-width letters
        ("question_text", Field.TEXT),
        ("来电时间", Field.RECEIVED_AT),
        ("提交时间：", Field.RECEIVED_AT),
        ("群众姓名", Field.ASKER),
        ("来电人", Field.ASKER),
        ("ＮＡＭＥ", Field.ASKER),
        ("联系电话（选填）", Field.PHONE),
        ("手机号码*", Field.PHONE),
        ("mobile", Field.PHONE),
        ("来源", Field.CHANNEL),
        ("反映渠道", Field.CHANNEL),
        ("问题类型", Field.CATEGORY),
        ("所属领域", Field.CATEGORY),
        ("category", Field.CATEGORY),
    ],
)
def test_header_variants(header: str, field: Field) -> None:
    assert guess_mapping(["序号", header]).mapping == {1: field}


def test_unknown_headers_need_a_mapping_and_an_override_fixes_it(tmp_path: Path) -> None:
    rows = [["编号", "来电记录摘要", "备注"], ["1", "路灯坏了", "急"], ["2", "垃圾没人收", ""]]
    path = write_csv(tmp_path / "q.csv", rows, "gb18030")
    shown = preview(path)
    assert shown.needs_mapping and not shown.header_looks_like_data
    assert shown.unknown_headers == ["编号", "来电记录摘要", "备注"]
    assert shown.rows == [("1", "路灯坏了", "急"), ("2", "垃圾没人收", "")]

    with pytest.raises(ImportFileError) as caught:
        parse(path)
    assert caught.value.code is ImportErrorCode.NO_QUESTION_COLUMN
    assert caught.value.names == ("编号", "来电记录摘要", "备注")

    column = find_column(shown.headers, " 来电记录摘要 ")
    assert column == 1 == find_column(shown.headers, "B") == find_column(shown.headers, "2")
    mapping = with_overrides(shown.mapping, {column: Field.TEXT})
    result = parse(path, mapping)
    assert [r.draft.text for r in result.rows] == ["路灯坏了", "垃圾没人收"]


def test_an_override_replaces_the_guess_for_that_field(tmp_path: Path) -> None:
    rows = [["问题", "详细描述", "电话"], ["路灯", "村口路灯坏了三天", "138"]]
    path = write_csv(tmp_path / "q.csv", rows, "utf-8")
    guess = guess_mapping(rows[0]).mapping
    assert guess == {0: Field.TEXT, 2: Field.PHONE}
    mapping = with_overrides(guess, {1: Field.TEXT, 2: None})
    assert mapping == {1: Field.TEXT}
    assert parse(path, mapping).rows[0].draft == parse(path, {1: Field.TEXT}).rows[0].draft
    assert parse(path, mapping).rows[0].draft.phone == ""


def test_header_missing_is_reported_as_such(tmp_path: Path) -> None:
    rows = [["2026-11-10 09:12", "王先生", "13812345678", "户口怎么迁？"]]
    path = write_csv(tmp_path / "q.csv", rows, "utf-8")
    assert preview(path).header_looks_like_data
    assert error_code(path) is ImportErrorCode.NO_HEADER


def test_column_helpers() -> None:
    assert [column_label(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert group_numbers([9, 3, 4, 5, 12, 11]) == [(3, 5), (9, 9), (11, 12)]
    assert find_column(["问题"], "nope") is None


# ---------------------------------------------------------------- values
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-06 09:30", datetime(2024, 5, 6, 9, 30)),
        ("2024/5/6 9:30", datetime(2024, 5, 6, 9, 30)),
        ("2024年5月6日 9:30", datetime(2024, 5, 6, 9, 30)),
        ("2024年5月6日9时30分", datetime(2024, 5, 6, 9, 30)),
        ("5月6日 09:30", datetime(2026, 5, 6, 9, 30)),  # year of the default date
        ("5月6日 下午3点半", datetime(2026, 5, 6, 15, 30)),
        ("2024.5.6", datetime(2024, 5, 6)),
        ("5/6/2024 9:30 PM", datetime(2024, 5, 6, 21, 30)),
        ("２０２４－０５－０６ ０９：３０", datetime(2024, 5, 6, 9, 30)),
        ("09:30", datetime(2026, 11, 1, 9, 30)),  # the default date's day
        ("45418.5", datetime(2024, 5, 6, 12, 0)),  # Excel serial typed as a number
        (datetime(2024, 5, 6, 9, 30), datetime(2024, 5, 6, 9, 30)),
        (date(2024, 5, 6), datetime(2024, 5, 6)),
        (45418.5, datetime(2024, 5, 6, 12, 0)),
    ],
)
def test_times_are_local_and_come_back_as_utc(value: object, expected: datetime) -> None:
    parsed = parse_time(value, DAY, BEIJING)  # type: ignore[arg-type]
    assert parsed == expected.replace(tzinfo=BEIJING)
    assert parsed is not None and parsed.tzinfo is UTC


def test_an_aware_time_keeps_its_offset() -> None:
    assert parse_time("2024-05-06T09:30:00+09:00", DAY, BEIJING) == datetime(
        2024, 5, 6, 0, 30, tzinfo=UTC
    )


def test_naive_times_default_to_this_computers_zone() -> None:
    parsed = parse_time("2024-05-06 09:30", DAY)
    assert parsed == datetime(2024, 5, 6, 9, 30).astimezone()


@pytest.mark.parametrize("value", ["昨天上午", "12", "2024-13-01", "下周", "TRUE"])
def test_unreadable_times_raise(value: str) -> None:
    with pytest.raises(ValueError):
        parse_time(value, DAY, BEIJING)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_time_is_none(value: str | None) -> None:
    assert parse_time(value, DAY, BEIJING) is None


@pytest.mark.parametrize(
    ("word", "channel"),
    [
        ("热线", Channel.HOTLINE),
        ("12345", Channel.HOTLINE),
        ("电话", Channel.HOTLINE),
        ("网络", Channel.ONLINE),
        ("网上留言", Channel.ONLINE),
        ("微信公众号", Channel.ONLINE),
        ("小程序", Channel.ONLINE),
        ("APP", Channel.ONLINE),
        ("抖音", Channel.SOCIAL),
        ("快手", Channel.SOCIAL),
        ("微信视频号", Channel.SOCIAL),
        ("Social", Channel.SOCIAL),
        ("弹幕", Channel.LIVE_COMMENT),
        ("直播评论", Channel.LIVE_COMMENT),
        ("现场", Channel.IN_ROOM),
        ("hotline", Channel.HOTLINE),
        ("其他", Channel.OTHER),
        ("街道转办", None),
    ],
)
def test_channel_words(word: str, channel: Channel | None) -> None:
    assert parse_channel(word) is channel


# ---------------------------------------------------------------- skipped rows and warnings
def test_rows_are_skipped_with_reasons_and_bad_values_only_warn(tmp_path: Path) -> None:
    rows = [
        ["序号", "时间", "姓名", "电话", "渠道", "问题"],
        ["1", "2026-11-10 09:00", "甲", "138", "热线", "路灯坏了"],  # 2
        ["", "", "", "", "", ""],  # 3 empty
        ["3", "2026-11-10 09:05", "乙", "", "热线", ""],  # 4 no text
        ["4", "", "", "", "", "长" * (MAX_QUESTION_LENGTH + 1)],  # 5 too long
        ["5", "2026-11-10 09:00", "甲", "138", "热线", "路灯坏了"],  # 6 same as 2 (serial differs)
        ["6", "昨天上午", "丙", "", "街道转办", "垃圾没人收"],  # 7 bad time, unknown channel
        ["7", "2026-11-10 09:10", "丁", "1.38001E+10", "", "低保怎么办"],  # 8 phone digits lost
        ["8", "2026-11-10 09:00", "甲", "138", "热线", "路灯坏了！"],  # 9 not the same
    ]
    result = parse(write_csv(tmp_path / "q.csv", rows, "utf-8"), tz=BEIJING)
    assert [r.row_number for r in result.rows] == [2, 7, 8, 9]
    assert [(s.row_number, s.reason, s.detail) for s in result.skipped] == [
        (3, SkipReason.EMPTY_ROW, ""),
        (4, SkipReason.TEXT_EMPTY, ""),
        (5, SkipReason.TEXT_TOO_LONG, str(MAX_QUESTION_LENGTH + 1)),
        (6, SkipReason.DUPLICATE, "2"),
    ]
    assert [(w.row_number, w.kind, w.detail) for w in result.warnings] == [
        (7, WarningKind.BAD_TIME, "昨天上午"),
        (7, WarningKind.UNKNOWN_CHANNEL, "街道转办"),
        (8, WarningKind.PHONE_DIGITS_LOST, "1.38001E+10"),
    ]
    kept = result.rows[1].draft
    assert kept.received_at is None and kept.channel is Channel.OTHER  # the row is not lost
    assert result.rows[2].draft.channel is Channel.OTHER  # empty channel: the default
    assert result.total_rows == len(result.rows) + len(result.skipped) == 8


def test_a_text_of_exactly_the_limit_is_kept(tmp_path: Path) -> None:
    rows = [["问题"], ["问" * MAX_QUESTION_LENGTH]]
    assert len(parse(write_csv(tmp_path / "q.csv", rows, "utf-8")).rows) == 1


def test_default_channel_for_a_file_without_a_channel_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", [["问题"], ["路灯"]], "utf-8")
    assert parse(path, default_channel=Channel.HOTLINE).rows[0].draft.channel is Channel.HOTLINE


# ---------------------------------------------------------------- XLSX
def test_xlsx_with_real_dates_and_numeric_phones(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "来电登记"
    sheet.append([])  # a blank first row, then a title-less header
    sheet.append(["来电时间", "群众姓名", "手机号", "来源", "问题类型", "诉求内容", "备注"])
    sheet.append(
        [datetime(2026, 11, 10, 9, 12), "王先生", 13800138000, "12345热线", "户籍", "户口怎么迁？"]
    )
    sheet.append([date(2026, 11, 10), "李阿姨", 13900139000.0, "现场", "养老", "何时发？", "回访"])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append(["2026年11月11日 8:30", "赵", "0531-86123456", "抖音", 3, 12345, None])
    sheet["A7"] = "not a date"
    sheet["F7"] = "时间写错了的问题"
    sheet["G20"] = "   "  # formatted, blank rows at the end
    path = tmp_path / "登记表.xlsx"
    book.save(path)

    shown = preview(path)
    assert shown.format == "xlsx" and shown.sheet == "来电登记" and shown.encoding == ""
    assert shown.unknown_headers == ["备注"]
    assert shown.rows[0][:3] == ("2026-11-10 09:12", "王先生", "13800138000")

    result = parse(path, tz=BEIJING)
    assert [r.row_number for r in result.rows] == [3, 4, 6, 7]
    first, second, third, fourth = (r.draft for r in result.rows)
    assert first.received_at == datetime(2026, 11, 10, 1, 12, tzinfo=UTC)
    assert first.phone == "13800138000"  # an int cell loses nothing
    assert first.channel is Channel.HOTLINE
    assert second.received_at == datetime(2026, 11, 9, 16, 0, tzinfo=UTC)  # date only: 00:00
    assert second.phone == "13900139000" and second.channel is Channel.IN_ROOM
    assert (third.category, third.text) == ("3", "12345")  # numbers as text
    assert third.channel is Channel.SOCIAL
    assert fourth.received_at is None
    assert [(s.row_number, s.reason) for s in result.skipped] == [(5, SkipReason.EMPTY_ROW)]
    assert [(w.row_number, w.kind) for w in result.warnings] == [(7, WarningKind.BAD_TIME)]


def test_xlsx_first_sheet_with_data_or_a_named_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "说明"  # empty
    hidden = book.create_sheet("代码表")
    hidden.append(["渠道"])
    hidden.append(["热线"])
    hidden.sheet_state = "hidden"
    data = book.create_sheet("问题")
    data.append(["问题"])
    data.append(["路灯"])
    other = book.create_sheet("十二月")
    other.append(["问题"])
    other.append(["供暖"])
    path = tmp_path / "q.xlsx"
    book.save(path)

    assert preview(path).sheet == "问题"
    assert preview(path).sheets == ("说明", "代码表", "问题", "十二月")
    assert parse(path, sheet="十二月").rows[0].draft.text == "供暖"
    with pytest.raises(ImportFileError) as caught:
        preview(path, sheet="一月")
    assert caught.value.code is ImportErrorCode.NO_SUCH_SHEET
    assert caught.value.names == ("说明", "代码表", "问题", "十二月")


def _excel_style_xlsx(path: Path) -> None:
    """A workbook as Excel writes it: shared strings, a dimension, style-based dates, gaps."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    strings = ["时间", "姓名", "问题", "热线", "王先生", "户口怎么迁？"]
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    sheet = (
        f'<worksheet {ns}><dimension ref="A1:E6"/><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
        '<row r="2"><c r="A2" s="1"><v>46336.3833333333</v></c><c r="B2" t="s"><v>4</v></c>'
        '<c r="C2" t="s"><v>5</v></c><c r="D2" t="b"><v>1</v></c><c r="E2"><v>13800138000</v></c>'
        "</row>"
        '<row r="5"><c r="A5" t="e"><v>#N/A</v></c><c r="C5" t="str"><f>A1</f><v>公式结果</v>'
        '</c><c r="D5" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r>'
        '<rPh sb="0" eb="1"><t>ふ</t></rPh></is></c></row>'
        '<row r="6"><c s="1"><v>0.5</v></c><c><v>1.5</v></c><c/><c t="d"><v>2026-11-10T09:00:00</v>'
        "</c></row>"
        "</sheetData></worksheet>"
    )
    styles = (
        f'<styleSheet {ns}><cellXfs count="2"><xf numFmtId="0"/>'
        '<xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>'
    )
    workbook = (
        f'<workbook {ns} xmlns:r="{rel}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    package = "http://schemas.openxmlformats.org/package/2006"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{main}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{main}.sharedStrings+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{main}.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{office}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{office}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{office}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": f'<sst {ns} count="6" uniqueCount="6">{shared}</sst>',
        "xl/styles.xml": styles,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


Rows = dict[int, tuple[object, ...]]


def _rows_both_ways(path: Path) -> tuple[Rows, Rows]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        fast = {n: v for n, v in reading._FastSheetReader(book, sheet).rows() if v}
        sheet.reset_dimensions()
        slow = {
            n: reading._trim(v)
            for n, v in enumerate(sheet.iter_rows(values_only=True), start=1)
            if reading._trim(v)
        }
    finally:
        book.close()
    return fast, slow


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_fast_sheet_reader_reads_what_openpyxl_reads(tmp_path: Path) -> None:
    excel = tmp_path / "excel.xlsx"
    _excel_style_xlsx(excel)
    fast, slow = _rows_both_ways(excel)
    assert fast == slow
    assert fast[2][0] == datetime(2026, 11, 10, 9, 12)
    assert fast[2][3:] == (True, 13800138000)
    assert fast[5] == ("#N/A", None, "公式结果", "富文本")

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["文本", 1, 2.5, True, datetime(2026, 1, 2, 3, 4, 5), date(2026, 1, 2)])
    sheet.append([None, None, "  ", None, timedelta(hours=36), "=A1"])
    sheet["H9"] = "远处的格子"
    written = tmp_path / "openpyxl.xlsx"
    book.save(written)
    fast, slow = _rows_both_ways(written)
    assert fast == slow and set(fast) == {1, 2, 9}

    result = parse(excel, tz=BEIJING)
    texts = [(r.row_number, r.draft.text) for r in result.rows]
    assert texts == [(2, "户口怎么迁？"), (5, "公式结果")]
    assert [(s.row_number, s.reason) for s in result.skipped] == [
        (3, SkipReason.EMPTY_ROW),  # rows left out of the XML are blank rows
        (4, SkipReason.EMPTY_ROW),
        (6, SkipReason.TEXT_EMPTY),
    ]


class _BookWithoutInternals:
    """An openpyxl workbook as a later openpyxl might look: no private attributes."""

    def __init__(self, book: object) -> None:
        self._book = book

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._book, name)


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_without_openpyxl_internals_its_own_reader_is_used(tmp_path: Path) -> None:
    path = tmp_path / "excel.xlsx"
    _excel_style_xlsx(path)
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        fast = list(reading._sheet_rows(book, sheet))
        slow = list(reading._sheet_rows(_BookWithoutInternals(book), sheet))
    finally:
        book.close()
    assert [row for row in slow if row[1]] == fast


def test_an_xlsx_renamed_csv_is_read_as_xlsx(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["问题"])
    book.active.append(["路灯"])
    path = tmp_path / "really-excel.csv"
    book.save(path)
    assert parse(path).rows[0].draft.text == "路灯"


def test_a_tab_separated_xls_export_is_read_as_text(tmp_path: Path) -> None:
    # Many web systems export "xls" files that are tab-separated text.
    path = tmp_path / "导出.xls"
    path.write_bytes("姓名\t问题\r\n张三\t路灯坏了\r\n".encode("gbk"))
    result = parse(path)
    assert result.delimiter == "\t" and result.rows[0].draft.text == "路灯坏了"


# ---------------------------------------------------------------- broken files
def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert error_code(tmp_path / "nope.csv") is ImportErrorCode.NOT_FOUND
    assert error_code(tmp_path) is ImportErrorCode.UNREADABLE


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b",,,\r\n,,\r\n", "\ufeff".encode()])
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert error_code(path) is ImportErrorCode.EMPTY_FILE


def test_header_only(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", [HEADER, ["", "", "", "", "", ""]], "utf-8-sig")
    shown = preview(path)  # the mapping step can still show the columns
    assert shown.total_rows == 0 and not shown.needs_mapping
    assert error_code(path) is ImportErrorCode.NO_ROWS


def test_wrong_columns(tmp_path: Path) -> None:
    rows = [["编号", "金额", "经办人"], ["1", "300", "张三"]]
    path = write_csv(tmp_path / "q.csv", rows, "utf-8")
    assert error_code(path) is ImportErrorCode.NO_QUESTION_COLUMN


def test_random_bytes_are_not_a_table(tmp_path: Path) -> None:
    generator = random.Random(20261110)
    for attempt in range(20):
        path = tmp_path / f"junk{attempt}.csv"
        path.write_bytes(bytes(generator.randrange(256) for _ in range(4096)))
        assert error_code(path) is ImportErrorCode.NOT_A_TABLE, attempt


def test_high_bytes_without_nul_are_not_a_table(tmp_path: Path) -> None:
    # Only bytes GB18030 can decode: the decoder succeeds, the text check refuses it.
    generator = random.Random(7)
    junk = bytes(generator.choice(range(0x81, 0xFF)) for _ in range(4096))
    path = tmp_path / "junk.txt"
    path.write_bytes(junk)
    assert error_code(path) is ImportErrorCode.NOT_A_TABLE


def test_a_png_renamed_csv(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert error_code(path) is ImportErrorCode.NOT_A_TABLE


def test_html_saved_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "page.csv"
    path.write_text("<html><body><table><tr><td>问题</td></tr></table></body></html>")
    assert error_code(path) is ImportErrorCode.NOT_A_TABLE


def test_a_zip_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff" + bytes(100))
    assert error_code(path) is ImportErrorCode.UNREADABLE_XLSX


def test_a_truncated_xlsx(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["问题"])
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert error_code(path) is ImportErrorCode.UNREADABLE_XLSX


def test_a_text_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "q.xlsx"
    path.write_text("问题\n路灯\n", encoding="utf-8")
    assert error_code(path) is ImportErrorCode.UNREADABLE_XLSX


@pytest.mark.parametrize("name", ["old.xls", "encrypted.xlsx", "wps.et"])
def test_ole2_workbooks_are_refused_with_save_as_xlsx(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    assert error_code(path) is ImportErrorCode.UNSUPPORTED_FORMAT
    with pytest.raises(ImportFileError) as caught:
        preview(path)
    assert ".xlsx" in import_error_text(caught.value)


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    assert error_code(path) is ImportErrorCode.TOO_LARGE


def test_too_many_rows_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("问题\n" + "".join(f"q{i}\n" for i in range(MAX_ROWS + 1)), encoding="utf-8")
    assert error_code(path) is ImportErrorCode.TOO_LARGE


def test_every_error_has_a_message_naming_the_file(tmp_path: Path) -> None:
    for code in ImportErrorCode:
        error = ImportFileError(code, tmp_path / "文件.csv", "Sheet9", ("A", "B"))
        text = import_error_text(error)
        assert str(tmp_path / "文件.csv") in text and "{" not in text, code
    for reason in SkipReason:
        assert skip_reason_text(reason) and "{" not in skip_reason_text(reason)
    for kind in WarningKind:
        assert import_warning_text(kind)


# ---------------------------------------------------------------- 100 000 rows
def _big_rows(count: int) -> list[list[object]]:
    start = datetime(2026, 11, 10, 8, 0)
    channels = ("热线", "APP留言", "直播评论", "现场")
    return [
        [
            start + timedelta(seconds=30 * i),
            f"居民{i}",
            13800000000 + i,
            channels[i % 4],
            "户籍",
            f"第{i}个问题：外地结婚的对象，户口怎么迁到我们村？需要带哪些材料？",
        ]
        for i in range(count)
    ]


@pytest.mark.slow
def test_100000_rows_csv(tmp_path: Path) -> None:
    rows = [[r[0].strftime("%Y/%m/%d %H:%M:%S"), *r[1:]] for r in _big_rows(100_000)]  # type: ignore[attr-defined]
    path = write_csv(tmp_path / "big.csv", [HEADER, *rows], "gb18030")
    started = time.perf_counter()
    result = parse(path, tz=BEIJING)
    elapsed = time.perf_counter() - started
    print(f"\n100 000-row CSV (GB18030) parsed in {elapsed:.2f} s")
    assert len(result.rows) == 100_000 and not result.skipped and not result.warnings
    assert result.rows[-1].row_number == 100_001
    assert elapsed < 20  # ~1 s on a developer laptop; generous for a loaded CI runner


@pytest.mark.slow
def test_100000_rows_xlsx(tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("问题")
    sheet.append(HEADER)
    for row in _big_rows(100_000):
        sheet.append(row)
    path = tmp_path / "big.xlsx"
    book.save(path)
    started = time.perf_counter()
    result = parse(path, tz=BEIJING)
    elapsed = time.perf_counter() - started
    print(f"\n100 000-row XLSX parsed in {elapsed:.2f} s")
    assert len(result.rows) == 100_000 and not result.skipped and not result.warnings
    assert result.rows[-1].draft.phone == str(13800000000 + 99_999)
    assert result.rows[-1].draft.received_at == datetime(
        2026, 11, 10, 8, 0, tzinfo=BEIJING
    ) + timedelta(seconds=30 * 99_999)
    assert elapsed < 40  # ~3 s on a developer laptop


# ---------------------------------------------------------------- the command line
def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env.pop("VILLAGE_STUDIO_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "studio_app", "--lang", "en", "questions", "import", *args,
         "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        cwd=REPO,
    )  # fmt: skip


@pytest.fixture
def data_dir_with_session(tmp_path: Path) -> tuple[Path, uuid.UUID]:
    data_dir = tmp_path / "data"
    store = Store.open(data_dir, default_studio_name="测试演播室")
    try:
        with store.write() as uow:
            session = uow.sessions.save(BroadcastSession.create(store.studio_id, "11月政务直播"))
    finally:
        store.close()
    return data_dir, session.id


def test_cli_unknown_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    result = _cli(tmp_path / "data", str(missing), "--session", str(uuid.uuid4()))
    assert result.returncode == 1
    assert f"The file {missing} does not exist" in result.stderr
    assert not (tmp_path / "data").exists()  # a bad file is refused before the store opens


def test_cli_unmapped_question_column_says_to_use_map(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", [["编号", "来电记录摘要"], ["1", "路灯坏了"]], "gbk")
    result = _cli(tmp_path / "data", str(path), "--session", str(uuid.uuid4()))
    assert result.returncode == 1
    assert "No column of" in result.stderr and "“来电记录摘要”" in result.stderr
    assert "--map COLUMN=text (e.g. --map 编号=text)" in result.stderr


def test_cli_bad_map_options(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", [["问题"], ["路灯"]], "utf-8")
    bad_syntax = _cli(tmp_path / "data", str(path), "--session", "x", "--map", "问题")
    assert bad_syntax.returncode == 1 and "--map wants COLUMN=FIELD" in bad_syntax.stderr
    bad_field = _cli(tmp_path / "data", str(path), "--session", "x", "--map", "问题=body")
    assert bad_field.returncode == 1 and "--map wants COLUMN=FIELD" in bad_field.stderr
    no_column = _cli(tmp_path / "data", str(path), "--session", "x", "--map", "内容=text")
    assert no_column.returncode == 1
    assert "The file has no column “内容”. Its columns: A “问题”." in no_column.stderr


def test_cli_unknown_session_lists_the_sessions(
    tmp_path: Path, data_dir_with_session: tuple[Path, uuid.UUID]
) -> None:
    data_dir, session_id = data_dir_with_session
    wanted = str(uuid.uuid4())
    result = _cli(data_dir, str(SAMPLE_UTF8), "--session", wanted)
    assert result.returncode == 1
    assert f"There is no session “{wanted}” in {data_dir}" in result.stderr
    assert f"{session_id}" in result.stderr and "11月政务直播" in result.stderr


def test_cli_dry_run_reports_and_saves_nothing(
    tmp_path: Path, data_dir_with_session: tuple[Path, uuid.UUID]
) -> None:
    data_dir, session_id = data_dir_with_session
    rows = [
        ["编号", "来电记录摘要", "时间"],
        ["1", "路灯坏了", "昨天"],
        ["2", "路灯坏了", "昨天"],
        ["3", "", ""],
    ]
    path = write_csv(tmp_path / "q.csv", rows, "gb18030")
    result = _cli(
        data_dir,
        str(path),
        "--session",
        str(session_id)[:13],  # the start of the id is enough when it is unique
        "--map",
        "来电记录摘要=text",
        "--map",
        "A=ignore",
        "--dry-run",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Encoding:     GB18030" in out
    assert f"Session:      11月政务直播 ({session_id})" in out
    assert "Columns:      来电记录摘要 → text, 时间 → received_at" in out
    assert "Rows read:    3" in out and "To import:    1" in out and "Skipped:      2" in out
    assert "  same as an earlier row: row 3 (= 2)" in out
    assert "  no question text: row 4" in out
    assert "  time not understood; imported without a time “昨天”: row 2" in out
    assert "Dry run: nothing was saved." in out
    store = Store.open(data_dir, default_studio_name="测试演播室")
    try:
        with store.read() as uow:
            assert uow.questions.count_for_session(session_id) == 0
    finally:
        store.close()


def test_cli_imports_every_row_in_one_go(
    data_dir_with_session: tuple[Path, uuid.UUID],
) -> None:
    data_dir, session_id = data_dir_with_session
    result = _cli(data_dir, str(SAMPLE_UTF8), "--session", str(session_id))
    assert result.returncode == 0, result.stderr
    assert "Importing:    20" in result.stdout and "Saved 20 questions." in result.stdout
    store = Store.open(data_dir, default_studio_name="测试演播室")
    try:
        with store.read() as uow:
            questions = uow.questions.list_for_session(session_id)
    finally:
        store.close()
    assert len(questions) == 20
    id_card = next(q for q in questions if "370102198001011234" in q.phone)
    assert id_card.asker == "何先生"
