"""``studio-app export``: the command line over a real seeded store, files opened afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from studio_app.storage.store import Store
from tests.export_seed import PRIVATE_STRINGS, SeededShow, seed_show

REPO = Path(__file__).resolve().parents[2]


def _cli(data_dir: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env.pop("VILLAGE_STUDIO_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "studio_app", "--lang", lang, "export", *args,
         "--data-dir", str(data_dir)],
        capture_output=True, text=True, encoding="utf-8", timeout=180, env=env, cwd=REPO,
    )  # fmt: skip


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SeededShow]]:
    data_dir = tmp_path_factory.mktemp("cli") / "data"
    store = Store.open(data_dir, default_studio_name="青山村演播室")
    try:
        first = seed_show(store, title="十一月 村民问答")
        second = seed_show(
            store,
            questions=6,
            title="十二月 村民问答",
            start=datetime(2026, 12, 4, 1, 0, tzinfo=UTC),
            departments=first.departments,
        )
    finally:
        store.close()
    return data_dir, [first, second]


def test_one_session_to_a_named_xlsx_file(
    seeded: tuple[Path, list[SeededShow]], tmp_path: Path
) -> None:
    data_dir, [show, _] = seeded
    target = tmp_path / "台账.xlsx"
    done = _cli(data_dir, str(show.session_id)[:13], "--format", "xlsx", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target)
    book = openpyxl.load_workbook(target)
    questions = book.worksheets[0]
    texts = {cell.value for row in questions.iter_rows() for cell in row}
    assert "村口的路灯坏了一个多月了，什么时候能修好？" in texts
    assert "Exported 1 sessions into 1 files." in done.stderr


def test_all_sessions_public_json_and_the_withheld_report(
    seeded: tuple[Path, list[SeededShow]], tmp_path: Path
) -> None:
    data_dir, shows = seeded
    out = tmp_path / "public"
    done = _cli(data_dir, "--all", "--format", "json,csv", "--public", "-o", str(out))
    assert done.returncode == 0, done.stderr
    written = [Path(line) for line in done.stdout.splitlines()]
    assert written and all(p.is_file() for p in written)
    [record] = [p for p in written if p.suffix == ".json"]
    data = json.loads(record.read_text(encoding="utf-8"))
    assert data["public"] is True and len(data["sessions"]) == 2
    for path in written:
        raw = path.read_bytes()
        for secret in PRIVATE_STRINGS:
            assert secret.encode() not in raw, (path.name, secret)
    assert "rejected questions" in done.stderr
    assert "#5" in done.stderr  # which rejected question, by number
    assert all(s.rejected_id.hex not in record.read_text(encoding="utf-8") for s in shows)


def test_date_range_picks_the_december_session(
    seeded: tuple[Path, list[SeededShow]], tmp_path: Path
) -> None:
    data_dir, [_, december] = seeded
    done = _cli(
        data_dir, "--from", "2026-12-01", "--to", "2026-12-31", "--format", "docx",
        "-o", str(tmp_path),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [path] = [Path(line) for line in done.stdout.splitlines()]
    assert path.suffix == ".docx" and december.title in path.name
    with zipfile.ZipFile(path) as archive:
        assert december.title in archive.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all", "--format", "xls"], "Unknown format “xls”"),
        (["--format", "xlsx"], "Name the sessions to export"),
        (["--all", "--from", "2026-13-01", "--format", "xlsx"], "one of these"),
        (["--from", "2026-13-01", "--format", "xlsx"], "YYYY-MM-DD"),
        (["ffff0000", "--format", "xlsx"], "There is no session “ffff0000”"),
        (["--from", "2030-01-01", "--format", "xlsx"], "nothing to export"),
    ],
)
def test_bad_input_is_a_clear_message_and_exit_1(
    seeded: tuple[Path, list[SeededShow]], tmp_path: Path, args: list[str], message: str
) -> None:
    data_dir, _ = seeded
    done = _cli(data_dir, *args, "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    assert message in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_unwritable_output_leaves_nothing_and_says_why(
    seeded: tuple[Path, list[SeededShow]], tmp_path: Path
) -> None:
    data_dir, [show, _] = seeded
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    done = _cli(data_dir, str(show.session_id), "--format", "pdf", "-o", str(blocker / "sub"))
    assert done.returncode == 1
    assert str(blocker) in done.stderr and "Choose another folder" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def test_messages_are_translated(seeded: tuple[Path, list[SeededShow]], tmp_path: Path) -> None:
    data_dir, _ = seeded
    done = _cli(
        data_dir, "--from", "2030-01-01", "--format", "xlsx", "-o", str(tmp_path), lang="zh_CN"
    )
    assert done.returncode == 1
    assert "导出" in done.stderr or "场次" in done.stderr


def test_json_record_imports_into_another_studio_and_twice_is_safe(
    seeded: tuple[Path, list[SeededShow]], tmp_path: Path
) -> None:
    data_dir, shows = seeded
    record = tmp_path / "record.json"
    done = _cli(data_dir, "--all", "--format", "json", "-o", str(record))
    assert done.returncode == 0, done.stderr
    other = tmp_path / "other-studio"

    def records(*args: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
        return subprocess.run(
            [sys.executable, "-m", "studio_app", "--lang", "en", "records", "import", *args,
             "--data-dir", str(other)],
            capture_output=True, text=True, encoding="utf-8", timeout=120, env=env, cwd=REPO,
        )  # fmt: skip

    dry = records(str(record), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "The record holds 2 sessions. Dry run: nothing was saved." in dry.stdout
    first = records(str(record))
    assert first.returncode == 0, first.stderr
    assert "Imported 2 sessions (18 questions" in first.stdout
    again = records(str(record))
    assert again.returncode == 0 and "Imported 0 sessions" in again.stdout
    assert "2 were here already" in again.stdout
    store = Store.open(other, default_studio_name="x")
    try:
        with store.read() as uow:
            titles = sorted(s.title for s in uow.sessions.list())
    finally:
        store.close()
    assert titles == sorted(s.title for s in shows)
    broken = tmp_path / "broken.json"
    broken.write_bytes(record.read_bytes()[:500])
    cut = records(str(broken))
    assert cut.returncode == 1 and "damaged or cut short" in cut.stderr
