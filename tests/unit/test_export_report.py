"""The session report: Word and PDF read back against the seeded show, public mode, failures."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image

from studio_app.domain.export import (
    SessionDossier,
    agenda_lines,
    follow_up_lines,
    publish,
    question_lines,
    statistics,
)
from studio_app.domain.questions import QuestionState
from studio_app.services.export.base import CancelToken, ExportCancelledError, ExportContext
from studio_app.services.export.dossier import read_dossiers
from studio_app.services.export.files import ExportWriteError
from studio_app.services.export.fonts import CjkFont, FontNotFoundError, find_cjk_font
from studio_app.services.export.labels import ExportLabels
from studio_app.services.export.report import build_report
from studio_app.services.export.report_docx import DOCX_FONT, write_report_docx
from studio_app.services.export.report_pdf import (
    NO_LINE_END,
    NO_LINE_START,
    fit_widths,
    wrap,
    write_report_pdf,
)
from studio_app.storage.store import Store
from tests.export_seed import PRIVATE_STRINGS, REJECTED_TEXT, SeededShow, seed_show

TZ = timezone(timedelta(hours=8))
EXPORTED_AT = datetime(2026, 12, 20, 2, 30, tzinfo=UTC)
LABELS = ExportLabels(
    report_title="直播问答报告",
    question_heading=lambda n: f"问题 {n}",
    question_heading_with_state=lambda heading, state: f"{heading}（{state}）",
    page=lambda n, total: f"第 {n} 页，共 {total} 页",
    name_with_details=lambda name, details: f"{name}（{details}）",
    details_separator="，",
    promise_line=lambda promise, lead, deadline, status: (
        f"{promise}（{lead}；期限 {deadline}；{status}）"
    ),
)
NO_CJK_FONT = "no Chinese font on this computer (install fonts-noto-cjk)"
KINSOKU_TEXT = (
    "本期节目围绕村民最关心的道路、补贴、养老和医疗问题，逐一回应：路灯、排水沟、公交早班车。"
    "各部门承诺在两周内完成整改，并通过公众号（村务公开栏）向村民反馈办理结果。"
) * 6


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "data", default_studio_name="青山村演播室")
    yield store
    store.close()


@pytest.fixture
def show(store: Store) -> SeededShow:
    return seed_show(store)


@pytest.fixture
def dossier(store: Store, show: SeededShow) -> SessionDossier:
    [found] = read_dossiers(store, [show.session_id])
    return found


@pytest.fixture(scope="module")
def font() -> CjkFont:
    try:
        return find_cjk_font()
    except FontNotFoundError:
        pytest.skip(NO_CJK_FONT)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def context(show: SeededShow, **changes: Any) -> ExportContext:
    return ExportContext(
        labels=LABELS,
        exported_at=EXPORTED_AT,
        exported_by="记录员 小王",
        app_version="1.2.3",
        today=show.today,
        tz=TZ,
        **changes,
    )


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_text(path: Path) -> str:
    return run(tool("pdftotext"), "-enc", "UTF-8", str(path), "-")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def docx_text(path: Path) -> tuple[Any, list[str], list[list[list[str]]]]:
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return document, paragraphs, tables


def table_with(tables: list[list[list[str]]], first_header: str) -> list[list[str]]:
    [found] = [t for t in tables if t[0][0] == first_header]
    return found


# ---------------------------------------------------------------- Word


def test_docx_holds_the_whole_record(dossier: SessionDossier, show: SeededShow, out: Path) -> None:
    path = out / "report.docx"
    write_report_docx(dossier, path, context(show))

    document, paragraphs, tables = docx_text(path)
    everything = "\n".join(paragraphs + [c for t in tables for r in t for c in r])
    assert paragraphs[0] == show.title == "第五期 村民问答"
    assert document.paragraphs[0].style.name == "Title"
    assert paragraphs[1] == "直播问答报告"
    assert LABELS.internal_note in paragraphs
    assert f"{LABELS.location}\t青山镇政务直播间" in paragraphs
    assert f"{LABELS.went_live}\t2026-11-20 09:00" in paragraphs
    assert f"{LABELS.ended}\t2026-11-20 09:50" in paragraphs
    assert "本期围绕道路、补贴和养老服务答复村民关切。" in paragraphs

    guests = table_with(tables, LABELS.col_name)
    assert guests[0] == [LABELS.col_name, LABELS.col_title, LABELS.col_department]
    assert guests[1:] == [[g.name, g.title, g.department] for g in dossier.session.guests]
    assert ["李芳", "主任", "交通办"] in guests

    agenda = table_with(tables, LABELS.col_agenda_item)
    spans = agenda_lines(dossier)
    assert [row[0] for row in agenda[1:]] == [s.item.title for s in spans]
    assert agenda[1] == ["开场介绍", "王建国", "5", "09:00:00", "09:05:00", "5.0"]
    assert agenda[2] == ["村民提问与回应", "李芳", "40", "09:05:00", "09:45:00", "40.0"]
    assert agenda[3] == ["总结与承诺", "王建国", "5", "09:45:00", "09:50:00", "5.0"]

    lines = question_lines(dossier)
    assert len(lines) == 12
    for line in lines:
        heading = f"问题 {line.number}"
        if line.question.state is QuestionState.REJECTED:
            heading = f"问题 {line.number}（{LABELS.question_state(QuestionState.REJECTED)}）"
        position = paragraphs.index(heading)
        assert paragraphs[position + 1] == line.question.display_text
        block = paragraphs[position + 2 : position + 16]
        if line.asker_masked:
            assert f"{LABELS.col_asker}\t{line.asker_masked}" in block
        assert f"{LABELS.col_state}\t{LABELS.question_state(line.question.state)}" in block
        if line.answer is not None:
            assert f"{LABELS.answer}\t{line.answer.summary}" in block
            answered = next(p for p in block if p.startswith(LABELS.col_answered_by))
            assert line.answer.answered_by in answered
            assert answered.endswith(f"（{line.answer.role}，{line.answer.department}）")
            assert any(p.startswith(f"{LABELS.col_on_air_at}\t09:") for p in block)
        elif line.question.state is not QuestionState.REJECTED:
            assert LABELS.no_answer in block
    rejected = next(line for line in lines if line.question.state is QuestionState.REJECTED)
    assert rejected.question.display_text == REJECTED_TEXT  # internal: listed, marked

    promises = follow_up_lines(dossier, show.today, TZ)
    assert len(promises) == 2
    for promise in promises:
        assert any(
            p.startswith(f"{LABELS.promises}\t{promise.follow_up.promise}（") for p in paragraphs
        )
    follow_ups = table_with(tables, LABELS.col_question_number)
    assert [row[1] for row in follow_ups[1:]] == [p.follow_up.promise for p in promises]
    assert follow_ups[1][2:6] == ["交通办", "2026-12-04", "Resolved", LABELS.no]
    assert follow_ups[2][2:6] == ["农业农村办", "2026-12-04", "In progress", LABELS.yes]
    assert follow_ups[1][6] == "已派人现场查看，正在采购材料"

    figures = statistics([dossier], show.today, TZ)
    assert (figures.questions, figures.answered, figures.follow_ups.total) == (12, 4, 2)
    assert f"{LABELS.questions_count}\t12" in paragraphs
    assert f"{LABELS.aired_count}\t{figures.aired}" in paragraphs
    assert f"{LABELS.answered_count}\t4" in paragraphs
    assert f"{LABELS.completion_rate}\t50.0%" in paragraphs
    assert f"{LABELS.on_time_rate}\t50.0%" in paragraphs
    channels = table_with(tables, LABELS.col_channel)
    assert channels[1:] == [
        [LABELS.channel(c), str(n), f"{n / 12:.1%}"] for c, n in figures.by_channel.items()
    ]
    states = table_with(tables, LABELS.col_state)
    assert [LABELS.question_state(QuestionState.REJECTED), "1", "8.3%"] in states

    assert f"{LABELS.exported_by}\t记录员 小王" in paragraphs
    assert f"{LABELS.exported_at}\t2026-12-20 10:30" in paragraphs
    assert "村口的路灯坏了一个多月了，什么时候能修好？" in everything


def test_docx_typography(dossier: SessionDossier, show: SeededShow, out: Path) -> None:
    path = out / "report.docx"
    write_report_docx(dossier, path, context(show))
    document = docx.Document(str(path))

    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert 10.5 <= document.styles["Normal"].font.size.pt <= 11
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == DOCX_FONT, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name
    runs = document.element.body.findall(f".//{qn('w:r')}")
    assert len(runs) > 200
    for element in runs:
        assert element.rPr.rFonts.get(qn("w:eastAsia")) == DOCX_FONT
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith(show.title)
    instructions = [f.get(qn("w:instr")).strip() for f in footer._p.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "第 " in footer.text and "987654321" not in footer.text
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)


def test_docx_survives_control_characters(
    dossier: SessionDossier, show: SeededShow, out: Path
) -> None:
    session = replace(dossier.session, description="第一行\x0b第二行\r\n第三行\x00\t末尾")
    path = out / "odd.docx"
    write_report_docx(replace(dossier, session=session), path, context(show))
    _, paragraphs, _ = docx_text(path)
    assert "第一行第二行\n第三行 末尾" in paragraphs


# ---------------------------------------------------------------- PDF


def test_pdf_embeds_the_font_and_shows_chinese(
    dossier: SessionDossier, show: SeededShow, out: Path, font: CjkFont
) -> None:
    path = out / "report.pdf"
    write_report_pdf(dossier, path, context(show), font)

    fonts = run(tool("pdffonts"), str(path)).splitlines()[2:]
    assert fonts, "no font in the PDF"
    for line in fonts:
        columns = line.split()
        assert columns[-5:-3] == ["yes", "yes"], line  # embedded, subset
        assert "+" in columns[0]
    assert any("CID" in line for line in fonts)

    tool("pdftoppm")
    run("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(path), str(out / "page"))
    [png] = out.glob("page*.png")
    with Image.open(png) as image:
        grey = image.convert("L")
        dark = sum(grey.histogram()[:128])
        assert dark / (grey.width * grey.height) > 0.005

    text = pdf_text(path)
    assert "\ufffd" not in text
    assert show.title in text
    assert "村口的路灯坏了一个多月了，什么时候能修好？" in text
    whole = flat(text)
    for line in question_lines(dossier):
        assert flat(line.question.display_text) in whole
        if line.answer is not None:
            assert flat(line.answer.summary) in whole
    for promise in follow_up_lines(dossier, show.today, TZ):
        assert flat(promise.follow_up.promise) in whole
    for guest in dossier.session.guests:
        assert guest.name in text
    pages = int(re.search(r"Pages:\s+(\d+)", run(tool("pdfinfo"), str(path)))[1])  # type: ignore[index]
    assert f"第 1 页，共 {pages} 页" in text
    assert f"第 {pages} 页，共 {pages} 页" in text
    assert "{nb}" not in text
    assert f"{LABELS.completion_rate}\n" in text or f"{LABELS.completion_rate} " in text
    assert "50.0%" in text


def test_pdf_lines_never_start_with_closing_marks(
    dossier: SessionDossier, show: SeededShow, out: Path, font: CjkFont
) -> None:
    session = replace(dossier.session, description=KINSOKU_TEXT + "路灯😀修好了")
    path = out / "long.pdf"
    write_report_pdf(replace(dossier, session=session), path, context(show), font)
    text = pdf_text(path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    description = [line for line in lines if line[0] in KINSOKU_TEXT and len(line) > 20]
    assert len(description) >= 8  # the description did wrap over many lines
    for line in lines:
        assert line[0] not in NO_LINE_START, line
        assert line[-1] not in NO_LINE_END, line
    assert flat(KINSOKU_TEXT) in flat(text)
    assert "路灯修好了" in flat(text)  # the emoji (not in the font) left out, no box


def test_pdf_tables_break_across_pages_with_their_header(
    store: Store, out: Path, font: CjkFont
) -> None:
    show = seed_show(store, questions=240, title="第六期 大型问答")
    [dossier] = read_dossiers(store, [show.session_id])
    path = out / "big.pdf"
    write_report_pdf(dossier, path, context(show), font)
    pages = pdf_text(path).split("\f")
    with_table = [p for p in pages if LABELS.col_latest_reply in p]
    assert len(with_table) >= 2  # the follow-up table runs over a page break…
    promises = follow_up_lines(dossier, show.today, TZ)
    whole = flat("".join(pages))
    for promise in promises:  # …and loses no row
        assert flat(promise.follow_up.promise) in whole
    assert all(LABELS.col_promise in p for p in with_table)  # header repeated


# ---------------------------------------------------------------- public


def test_public_reports_hold_no_private_data(
    dossier: SessionDossier, show: SeededShow, out: Path, font: CjkFont
) -> None:
    public, withheld = publish(dossier)
    assert withheld.rejected
    public_context = context(show, public=True)
    word, pdf = out / "public.docx", out / "public.pdf"
    write_report_docx(public, word, public_context)
    write_report_pdf(public, pdf, public_context, font)

    with zipfile.ZipFile(word) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            for secret in (*PRIVATE_STRINGS, "低保为什么被取消了", "涉及个人隐私"):
                assert secret.encode() not in data, (name, secret)
    _, paragraphs, tables = docx_text(word)
    assert LABELS.public_note in paragraphs
    rejected = LABELS.question_state(QuestionState.REJECTED)
    assert not any(rejected in p for p in paragraphs)
    assert not any(rejected in c for t in tables for r in t for c in r)

    text = pdf_text(pdf)
    for secret in (*PRIVATE_STRINGS, "低保为什么被取消了", "涉及个人隐私"):
        assert secret not in text
        assert flat(secret) not in flat(text)
    assert rejected not in text
    assert "139****2233" in text  # the masked number is what the public sees
    assert show.title in text


def test_public_context_publishes_an_internal_dossier(
    dossier: SessionDossier, show: SeededShow, out: Path
) -> None:
    path = out / "public.docx"
    write_report_docx(dossier, path, context(show, public=True))
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml")
    assert "村口的路灯坏了".encode() in body
    for secret in (*PRIVATE_STRINGS, "低保为什么被取消了"):
        assert secret.encode() not in body


def test_internal_report_marks_the_rejected_question(
    dossier: SessionDossier, show: SeededShow, out: Path, font: CjkFont
) -> None:
    path = out / "internal.pdf"
    write_report_pdf(dossier, path, context(show), font)
    text = pdf_text(path)
    number = next(
        line.number for line in question_lines(dossier) if line.question.id == show.rejected_id
    )
    assert f"问题 {number}（{LABELS.question_state(QuestionState.REJECTED)}）" in text
    assert LABELS.rejection_reason(dossier.questions[number - 1].rejection_reason) in text


# ---------------------------------------------------------------- failures


def test_no_font_found_names_the_places_searched(tmp_path: Path) -> None:
    empty = tmp_path / "fonts"
    empty.mkdir()
    not_a_font = tmp_path / "fake.ttf"
    not_a_font.write_bytes(b"not a font at all")
    with pytest.raises(FontNotFoundError) as caught:
        find_cjk_font(not_a_font, search_dirs=[empty])
    assert caught.value.reason == "no_cjk_font"
    assert caught.value.searched[0] == str(not_a_font)
    assert str(empty / "NotoSansCJK-Regular.ttc") in caught.value.searched
    assert str(empty / "msyh.ttc") in caught.value.searched
    with pytest.raises(FontNotFoundError):
        find_cjk_font(search_dirs=[])


def test_font_found_in_a_search_folder(tmp_path: Path) -> None:
    noto = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if not noto.exists():
        pytest.skip(NO_CJK_FONT)
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "wqy-microhei.ttc").write_bytes(b"broken")  # a damaged file is passed over
    os.symlink(noto, folder / "NotoSerifCJK-Regular.ttc")  # Sans under another known name
    found = find_cjk_font(search_dirs=[folder])
    assert found == CjkFont(folder / "NotoSerifCJK-Regular.ttc", 2)
    assert not found.has_bold
    assert find_cjk_font(noto).regular_index == 2  # the SC face of the collection


def test_unreadable_font_is_reported(
    dossier: SessionDossier, show: SeededShow, out: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"\0" * 64)
    with pytest.raises(FontNotFoundError) as caught:
        write_report_pdf(dossier, out / "r.pdf", context(show), CjkFont(bad))
    assert caught.value.reason == "cjk_font_unreadable"
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_parent_that_is_a_file_fails_cleanly(
    dossier: SessionDossier, show: SeededShow, out: Path, kind: str, font: CjkFont
) -> None:
    blocker = out / "blocker"
    blocker.write_text("x")
    target = blocker / f"report.{kind}"
    with pytest.raises(ExportWriteError):
        if kind == "docx":
            write_report_docx(dossier, target, context(show))
        else:
            write_report_pdf(dossier, target, context(show), font)
    assert sorted(p.name for p in out.iterdir()) == ["blocker"]
    assert blocker.read_text() == "x"


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_cancel_midway_leaves_no_file(
    dossier: SessionDossier, show: SeededShow, out: Path, kind: str, font: CjkFont
) -> None:
    target = out / f"report.{kind}"
    target.write_bytes(b"earlier export")
    token = CancelToken()
    seen: list[float] = []

    def progress(fraction: float, text: str) -> None:
        seen.append(fraction)
        if fraction >= 0.5:
            token.cancel()

    cancelling = context(show, cancel=token, progress=progress)
    with pytest.raises(ExportCancelledError):
        if kind == "docx":
            write_report_docx(dossier, target, cancelling)
        else:
            write_report_pdf(dossier, target, cancelling, font)
    assert 0.5 <= max(seen) < 0.9  # stopped among the blocks, before saving
    assert sorted(p.name for p in out.iterdir()) == [target.name]
    assert target.read_bytes() == b"earlier export"


# ---------------------------------------------------------------- pieces


def test_wrap_keeps_closing_marks_off_line_starts() -> None:
    def measure(text: str) -> float:
        return float(len(text))

    assert wrap("一二三四五，六七", measure, 5) == ["一二三四", "五，六七"]
    assert wrap("一二三四（五六）", measure, 5) == ["一二三四", "（五六）"]
    assert wrap("一二三四五。」六", measure, 5) == ["一二三四", "五。」六"]
    assert wrap("一二三四」。", measure, 4) == ["一二三", "四」。"]
    assert wrap("电话 13812345678 联系", measure, 12) == ["电话", "13812345678", "联系"]
    assert wrap("第一行\n\n第三行", measure, 10) == ["第一行", "", "第三行"]
    assert wrap("x" * 12, measure, 5) == ["xxxxx", "xxxxx", "xx"]


def test_fit_widths_gives_each_column_its_longest_word() -> None:
    widths = fit_widths([1, 5, 1], [20, 10, 5], 100)
    assert abs(sum(widths) - 100) < 1e-9
    assert widths[0] >= 20 and widths[2] >= 5
    assert widths[1] > widths[0]


def test_report_model_is_the_same_for_both_writers(
    dossier: SessionDossier, show: SeededShow
) -> None:
    report = build_report(dossier, context(show))
    assert report.title == show.title
    assert "村" in report.characters and "\x00" not in report.characters
    public, _ = publish(dossier)
    public_report = build_report(public, context(show, public=True))
    assert len(public_report.blocks) < len(report.blocks)
