"""The operator's guide (docs/) stays honest: pictures, labels and shortcuts match the app.

The pictures themselves come from ``docs/screenshots.py`` (not run here: it takes a minute
and is checked by eye). These checks are cheap:

- every picture a guide shows exists, and both guides show the same pictures;
- every UI label the Chinese guide quotes in 「…」 is one of the app's Chinese texts, and every
  label the English guide sets in **bold** is one of its English texts (menu paths such as
  「场次 → 导出记录…」 are checked part by part; mnemonics and a trailing "…" are ignored);
- the keyboard shortcut tables (docs/shortcuts.<lang>.md and the copy inside each guide) are
  what Help → Keyboard shortcuts shows in a freshly started app.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from studio_app.ui.help_menu import collect_shortcuts
from tests.ui.helpers import RunningApp

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
TS_FILE = ROOT / "resources" / "i18n" / "village_studio_zh_CN.ts"
LANGUAGES = ("zh_CN", "en")
#: Each picture at most this big (pngquant keeps them far below); all of them together too.
MAX_IMAGE_BYTES = 150 * 1024
MAX_IMAGES_BYTES = 4 * 1024 * 1024

IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
#: How each guide marks the app's own labels.
LABEL = {"zh_CN": re.compile(r"「([^」]+)」"), "en": re.compile(r"\*\*([^*]+)\*\*")}
PLACEHOLDER = re.compile(r"(%\d|%n|\{\w*\})")
SHORTCUTS_BEGIN = "<!-- shortcuts:begin"
SHORTCUTS_END = "<!-- shortcuts:end -->"


def guide(language: str) -> str:
    return (DOCS / f"guide.{language}.md").read_text(encoding="utf-8")


def plain(text: str) -> str:
    """A label without its mnemonic (``&S``, ``(&S)``), trailing ellipsis or colon."""
    text = re.sub(r"[(（]&\w[)）]", "", text)
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = text.strip()
    for ending in ("…", "...", ":", "："):
        text = text.removesuffix(ending)
    return text.strip()


def app_texts(language: str) -> tuple[set[str], list[re.Pattern[str]]]:
    """The app's visible texts in ``language``: exact ones, and patterns for templates."""
    exact: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for message in ET.parse(TS_FILE).getroot().iter("message"):
        if language == "en":
            texts = [message.findtext("source") or ""]
        else:
            translation = message.find("translation")
            if translation is None:
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")]
            texts = forms or [translation.text or ""]
        for text in texts:
            for line in text.split("\n"):
                line = plain(line)
                if not line:
                    continue
                exact.add(line)
                # A template with a placeholder matches filled-in text; "%1" or "%1 / %2"
                # alone would match anything, so a template needs some words of its own.
                literal = "".join(PLACEHOLDER.sub("", line).split())
                if PLACEHOLDER.search(line) and len(literal) >= 2:
                    parts = PLACEHOLDER.split(line)
                    patterns.append(
                        re.compile(
                            "".join(
                                ".+?" if PLACEHOLDER.fullmatch(p) else re.escape(p) for p in parts
                            )
                        )
                    )
    return exact, patterns


def known(label: str, exact: set[str], patterns: list[re.Pattern[str]]) -> bool:
    label = plain(label)
    return label in exact or any(p.fullmatch(label) for p in patterns)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_picture_of_the_guide_exists(language: str) -> None:
    links = IMAGE_LINK.findall(guide(language))
    assert len(links) >= 10
    missing = [link for link in links if not (DOCS / link).is_file()]
    assert not missing, f"run docs/screenshots.py: {missing}"
    assert all(link.startswith(f"images/{language}/") for link in links), links
    sizes = {link: (DOCS / link).stat().st_size for link in links}
    assert max(sizes.values()) <= MAX_IMAGE_BYTES, sizes


def test_both_guides_show_the_same_pictures_in_the_same_order() -> None:
    names = {
        lang: [Path(link).name for link in IMAGE_LINK.findall(guide(lang))] for lang in LANGUAGES
    }
    assert names["zh_CN"] == names["en"]
    total = sum(path.stat().st_size for path in (DOCS / "images").rglob("*.png"))
    assert total <= MAX_IMAGES_BYTES


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_labels_the_guide_quotes_are_the_apps(language: str) -> None:
    exact, patterns = app_texts(language)
    # A label may wrap onto the next line of the Markdown source: rendered, that is a space.
    rendered = re.sub(r"<!--.*?-->", "", guide(language), flags=re.DOTALL)  # not shown
    labels = [" ".join(label.split()) for label in LABEL[language].findall(rendered)]
    assert len(labels) >= 30
    unknown = [
        label
        for label in labels
        if not known(label, exact, patterns)
        and not all(known(part, exact, patterns) for part in label.split(" → "))
    ]
    assert not unknown, f"not among the app's {language} texts: {unknown}"


def test_the_label_check_catches_an_invented_label() -> None:
    exact, patterns = app_texts("zh_CN")
    assert known("场次(&S)", exact, patterns) and known("导出记录…", exact, patterns)
    assert known("档案库：17:45 已同步", exact, patterns)  # a template with {time}
    assert not known("一键直播", exact, patterns)


def table_rows(markdown: str) -> list[tuple[str, ...]]:
    """The body rows of the first Markdown table in ``markdown``, code marks removed."""
    rows = []
    for line in markdown.splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows.append(tuple(c.replace("`", "") for c in cells))
    assert len(rows) > 2, "no shortcut table: run docs/screenshots.py"
    return rows[2:]  # after the header and the |---| line


def test_the_shortcut_tables_are_the_live_windows(
    language: str, qapp: QApplication, qloop: Any, tmp_path: Path
) -> None:
    async def main() -> list[tuple[str, str, str]]:
        running = RunningApp(qapp, tmp_path)
        window = await running.start()
        try:
            return collect_shortcuts(window)
        finally:
            assert await running.stop() == 0

    anywhere = QCoreApplication.translate("ShortcutSheet", "Anywhere in the window")
    live = [
        (where or anywhere, what, keys) for where, what, keys in qloop.run_until_complete(main())
    ]
    sheet = table_rows((DOCS / f"shortcuts.{language}.md").read_text(encoding="utf-8"))
    text = guide(language)
    assert SHORTCUTS_BEGIN in text and SHORTCUTS_END in text
    inside = table_rows(text.split(SHORTCUTS_BEGIN, 1)[1].split(SHORTCUTS_END, 1)[0])
    hint = "the app's shortcuts changed: run docs/screenshots.py"
    assert sheet == live, hint
    assert inside == live, hint
