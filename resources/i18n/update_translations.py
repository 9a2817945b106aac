"""Extract the UI strings into the .ts file and compile it into the shipped .qm.

Usage (from anywhere)::

    python resources/i18n/update_translations.py           # update .ts, compile .qm
    python resources/i18n/update_translations.py --check   # write nothing; exit 1 if stale

``pyside6-lupdate`` scans every ``.py`` file under ``studio_app/`` (without source locations,
so moving a line does not churn the .ts) into ``resources/i18n/village_studio_zh_CN.ts``;
``pyside6-lrelease`` compiles that into ``studio_app/i18n/village_studio_zh_CN.qm``, which
:mod:`studio_app.i18n` loads. Translate new strings by filling their ``<translation>``
(Qt Linguist does this too), then run the script again to compile.

``--check`` (CI) runs lupdate into a temporary copy and fails when a source string is missing
from the committed .ts, is unfinished (``type="unfinished"`` or empty), has placeholders that
differ from its source, when the .ts still holds strings the source no longer has, or when the
committed .qm is not what lrelease makes of the committed .ts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = ROOT / "studio_app"
LANGUAGE = "zh_CN"
TS_FILE = ROOT / "resources" / "i18n" / f"village_studio_{LANGUAGE}.ts"
QM_FILE = ROOT / "studio_app" / "i18n" / f"village_studio_{LANGUAGE}.qm"

#: Qt (%1, %L2, %n) and str.format ({path}, {0}) placeholders: a translation keeps them all.
PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[A-Za-z_0-9]*\}")


@dataclass(frozen=True)
class Message:
    """One message of a .ts file."""

    context: str
    source: str
    comment: str
    numerus: bool
    translations: tuple[str, ...]  # one per numerus form (one for a plain message)
    unfinished: bool

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies a message: context, source text and disambiguation."""
        return (self.context, self.source, self.comment)

    def describe(self) -> str:
        """``context: "source"`` (with the disambiguation, if any) for reports."""
        text = f"{self.context or '<no context>'}: {self.source!r}"
        return f"{text} [{self.comment!r}]" if self.comment else text

    def is_finished(self) -> bool:
        """Translated: not marked unfinished and no empty text (or numerus form)."""
        return not self.unfinished and bool(self.translations) and all(self.translations)


def find_tool(name: str) -> str:
    """A Qt tool next to the running interpreter (the venv's bin/Scripts), else on PATH."""
    folder = Path(sys.executable).parent  # not resolved: a venv's python is a symlink
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found next to {sys.executable} or on PATH")
    return found


def source_files() -> list[str]:
    """Every .py file of the package, sorted, relative to the repository root."""
    return sorted(path.relative_to(ROOT).as_posix() for path in SOURCE_DIR.rglob("*.py"))


def run(command: Sequence[str]) -> None:
    """Run a tool from the repository root; stop with its output if it fails."""
    result = subprocess.run(
        list(command), cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"{Path(command[0]).name} failed with exit code {result.returncode}")


def lupdate(ts_file: Path) -> None:
    """Merge the package's current strings into ``ts_file`` (created if missing)."""
    # -ts takes every following argument as a .ts file: it must come last.
    run(
        [
            find_tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            LANGUAGE,
            *source_files(),
            "-ts",
            str(ts_file),
        ]
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile ``ts_file`` into ``qm_file`` (unfinished translations are left out)."""
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    run(
        [
            find_tool("pyside6-lrelease"),
            "-silent",
            "-nounfinished",
            str(ts_file),
            "-qm",
            str(qm_file),
        ]
    )


def read_messages(ts_file: Path) -> list[Message]:
    """The messages of a .ts file."""
    return list(_iter_messages(ET.parse(ts_file).getroot()))


def _iter_messages(root: ET.Element) -> Iterator[Message]:
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                texts: tuple[str, ...] = ()
                kind = "unfinished"
            else:
                kind = translation.get("type", "")
                if numerus:
                    texts = tuple(form.text or "" for form in translation.iter("numerusform"))
                else:
                    texts = (translation.text or "",)
            yield Message(
                context=name,
                source=message.findtext("source") or "",
                comment=message.findtext("comment") or "",
                numerus=numerus,
                translations=texts,
                # vanished/obsolete entries do not reach the .qm: treat them as not done.
                unfinished=kind in ("unfinished", "vanished", "obsolete"),
            )


def placeholder_problems(message: Message) -> list[str]:
    """Placeholders of the source that a translation lost, changed or added."""
    expected = sorted(PLACEHOLDER.findall(message.source))
    problems = []
    for text in message.translations:
        found = sorted(PLACEHOLDER.findall(text))
        if text and found != expected:
            problems.append(f"placeholders {found} instead of {expected}: {message.describe()}")
    return problems


def check_ts(committed: list[Message], current: list[Message]) -> list[str]:
    """What is wrong with the committed .ts compared with the source's current strings."""
    problems = []
    committed_keys = {m.key for m in committed}
    current_keys = {m.key for m in current}
    for message in current:
        if message.key not in committed_keys:
            problems.append(f"missing from the .ts: {message.describe()}")
        elif not message.is_finished():
            problems.append(f"not translated: {message.describe()}")
        else:
            problems.extend(placeholder_problems(message))
    for message in committed:
        if message.key not in current_keys:
            problems.append(f"no longer in the source (stale): {message.describe()}")
    return problems


def context_warnings(messages: list[Message]) -> list[str]:
    """Messages filed under a context the app never looks them up in.

    PySide6's ``self.tr()`` uses the class name and ``QCoreApplication.translate()`` its first
    argument. lupdate files ``obj.tr()`` under the variable name (``window``) and a plain
    ``tr(...)`` alias under no context at all (its arguments read as source and comment), so a
    context that is neither a class nor a string literal in the source is never used at run
    time: the text stays English however it is translated. Fix the call in the source.
    """
    code = "\n".join((ROOT / name).read_text(encoding="utf-8") for name in source_files())
    warnings = []
    for context in sorted({m.context for m in messages}):
        known = re.search(rf"^\s*class {re.escape(context)}\b", code, re.MULTILINE) or re.search(
            rf"[\"']{re.escape(context)}[\"']", code
        )
        if not context or not known:
            warnings.extend(
                f"never looked up at run time, stays English: {m.describe()}"
                for m in messages
                if m.context == context
            )
    return warnings


def print_warnings(messages: list[Message]) -> None:
    """Report strings that lupdate extracted under a context the app does not use."""
    for warning in context_warnings(messages):
        print(f"warning: {warning}", file=sys.stderr)


def check_qm(messages: list[Message], built_qm: Path) -> list[str]:
    """Whether the committed .qm equals what lrelease builds from the committed .ts."""
    if not QM_FILE.is_file():
        return [f"{QM_FILE.relative_to(ROOT)} is missing"]
    if QM_FILE.read_bytes() == built_qm.read_bytes():
        return []
    # Different bytes (e.g. another lrelease build): compare what the two files translate.
    from PySide6.QtCore import QTranslator

    shipped, built = QTranslator(), QTranslator()
    if not shipped.load(str(QM_FILE)) or not built.load(str(built_qm)):
        return [f"{QM_FILE.relative_to(ROOT)} cannot be loaded"]
    problems = []
    for message in messages:
        for n in (1, 2, 5) if message.numerus else (-1,):
            args = (message.context, message.source, message.comment or None, n)
            if shipped.translate(*args) != built.translate(*args):
                problems.append(f"the .qm translates differently: {message.describe()}")
                break
    return problems


def check() -> int:
    """Write nothing; report what an update would change. Returns the exit code."""
    if not TS_FILE.is_file():
        print(f"{TS_FILE.relative_to(ROOT)} is missing", file=sys.stderr)
        return 1
    committed = read_messages(TS_FILE)
    with tempfile.TemporaryDirectory(prefix="village-i18n-") as tmp:
        scratch_ts = Path(tmp) / TS_FILE.name
        shutil.copyfile(TS_FILE, scratch_ts)
        lupdate(scratch_ts)
        current = read_messages(scratch_ts)
        built_qm = Path(tmp) / QM_FILE.name
        lrelease(TS_FILE, built_qm)
        problems = check_ts(committed, current) + check_qm(committed, built_qm)
    print_warnings(current)
    if problems:
        print(f"Translations are out of date ({len(problems)} problem(s)):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        print(
            "Run `python resources/i18n/update_translations.py`, translate the new strings in "
            f"{TS_FILE.relative_to(ROOT)}, then run it again to compile the .qm.",
            file=sys.stderr,
        )
        return 1
    print(f"{len(current)} messages, all translated; the .qm is up to date.")
    return 0


def update() -> int:
    """Refresh the .ts from the source and compile the .qm. Returns the exit code."""
    TS_FILE.parent.mkdir(parents=True, exist_ok=True)
    lupdate(TS_FILE)
    lrelease(TS_FILE, QM_FILE)
    messages = read_messages(TS_FILE)
    todo = [m for m in messages if not m.is_finished()]
    print(
        f"{TS_FILE.relative_to(ROOT)}: {len(messages)} messages, {len(todo)} to translate; "
        f"compiled {QM_FILE.relative_to(ROOT)}"
    )
    for message in todo:
        print(f"  to translate: {message.describe()}")
    print_warnings(messages)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options and update or check; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit non-zero if the .ts or .qm is out of date",
    )
    options = parser.parse_args(argv)
    return check() if options.check else update()


if __name__ == "__main__":
    raise SystemExit(main())
