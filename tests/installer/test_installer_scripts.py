"""The installer scripts that cannot run here in full: NSIS script, Windows workflow, shell.

makensis (Debian's ``nsis``) compiles the Windows installer script against a small stand-in
for the PyInstaller folder: that proves the script is valid NSIS for both languages and all
pages, and that it installs what is in the folder, not that the Windows build works (see
installer/WINDOWS_BUILD.md).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from studio_app import __version__

REPO = Path(__file__).resolve().parents[2]
NSIS_SCRIPT = REPO / "installer" / "windows" / "village_studio.nsi"
SHELL_SCRIPTS = (
    "installer/build-linux.sh",
    "installer/linux/install.sh",
    "installer/run-from-source.sh",
    "installer/lib/setup-env.sh",
    "tests/run.sh",
    ".ci/run",
)


def _tool(name: str) -> str:
    """The path of ``name``; skipped where it is missing, except in CI, which installs it."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing in CI: tests/run.sh installs it (TEST_APT_PACKAGES)")
        pytest.skip(f"{name} is not installed (apt-get install {name}; tests/run.sh does)")
    return found


def _makensis(bundle: Path, out: Path | None, *defines: str) -> subprocess.CompletedProcess[str]:
    if out is not None:
        defines = (f"-DOUTFILE={out}", *defines)
    return subprocess.run(
        [_tool("makensis"), "-V2", f"-DBUNDLE_DIR={bundle}", *defines, str(NSIS_SCRIPT)],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """A stand-in for dist/VillageStudio with the files the script names."""
    bundle = tmp_path / "VillageStudio"
    (bundle / "_internal" / "studio_app" / "i18n").mkdir(parents=True)
    (bundle / "VillageStudio.exe").write_bytes(b"MZ stand-in")
    (bundle / "studio-app.exe").write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "studio_app" / "i18n" / "village_studio_zh_CN.qm").write_bytes(b"qm")
    return bundle


def test_the_nsis_script_compiles_into_an_installer(fake_bundle: Path, tmp_path: Path) -> None:
    done = _makensis(fake_bundle, None, f"-DVERSION={__version__}")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "warning" not in output.lower(), output
    # Named as WINDOWS_BUILD.md says, beside the bundle folder.
    setup = tmp_path / f"VillageStudio-{__version__}-windows-x64-setup.exe"
    assert setup.read_bytes()[:2] == b"MZ"
    # A named output file, and a version that is not three numbers.
    other = tmp_path / "VillageStudio-test.exe"
    named = _makensis(fake_bundle, other, "-DVERSION=1.2.0rc1", "-DVERSION_QUAD=1.2.0.1")
    assert named.returncode == 0, named.stdout + named.stderr
    assert other.is_file()


def test_the_nsis_script_refuses_to_build_without_a_bundle_or_version(
    fake_bundle: Path, tmp_path: Path
) -> None:
    missing = _makensis(tmp_path / "nothing", tmp_path / "a.exe", "-DVERSION=1.0.0")
    assert missing.returncode != 0
    assert "build the bundle with PyInstaller first" in missing.stdout + missing.stderr
    no_version = _makensis(fake_bundle, tmp_path / "b.exe")
    assert no_version.returncode != 0
    assert "Pass the app version" in no_version.stdout + no_version.stderr


def test_the_uninstaller_removes_program_files_only_and_says_the_data_stays() -> None:
    script = NSIS_SCRIPT.read_text(encoding="utf-8")
    uninstall = script[script.index('Section "Uninstall"') :]
    uninstall = uninstall[: uninstall.index("SectionEnd")]
    for line in uninstall.splitlines():
        command = line.split(";")[0].strip()
        if command.startswith(("Delete", "RMDir")):
            assert "APPDATA" not in command and "LOCALAPPDATA" not in command, command
            assert "\\data" not in command, command
            # Only a named program file or folder, never the whole $INSTDIR recursively.
            assert not re.fullmatch(r'RMDir\s+/r\s+"\$INSTDIR"', command), command
    # The confirmation page tells, in both languages, that the records are kept.
    texts = re.findall(r"LangString UninstallKeepsData \$\{LANG_(\w+)\} \"(.+)\"", script)
    assert {lang for lang, _ in texts} == {"SIMPCHINESE", "ENGLISH"}
    for _, text in texts:
        assert "%APPDATA%\\${APP_ID}" in text
    assert "会保留" in script and "are kept" in script
    assert '!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(UninstallKeepsData)"' in script


def test_the_windows_workflow_example_runs_the_documented_build() -> None:
    workflow = yaml.safe_load((REPO / "installer" / "windows" / "build.yml").read_text("utf-8"))
    steps = workflow["jobs"]["windows"]["steps"]
    commands = "\n".join(str(step.get("run", "")) for step in steps)
    python = next(s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert python["with"] == {"python-version": "3.11", "architecture": "x64"}
    assert 'pip install ".[build]"' in commands
    assert "installer\\village_studio.spec" in commands
    assert "installer\\windows\\village_studio.nsi" in commands
    assert "--exit-after-start" in commands
    guide = (REPO / "installer" / "WINDOWS_BUILD.md").read_text(encoding="utf-8")
    assert "installer\\village_studio.spec" in guide and "village_studio.nsi" in guide


@pytest.mark.parametrize("script", SHELL_SCRIPTS)
def test_shell_scripts_pass_shellcheck(script: str) -> None:
    assert subprocess.run(["bash", "-n", str(REPO / script)]).returncode == 0
    done = subprocess.run(
        [_tool("shellcheck"), "-x", "--source-path=SCRIPTDIR", str(REPO / script)],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
