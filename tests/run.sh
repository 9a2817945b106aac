#!/usr/bin/env bash
# Sets up and runs the whole test suite, in one command (CI runs exactly this).
#
#   tests/run.sh [pytest arguments...]      e.g. tests/run.sh -k questions -x
#
# Installs what is missing (Debian packages, <repo>/.venv with `pip install -e .[test]` when
# pyproject.toml changed), then runs the gates in order and stops at the first failure:
#   ruff check, ruff format --check, mypy, lint-imports, pytest (QT_QPA_PLATFORM=offscreen).
# The exit code is that of the failing step, so pytest's own code (e.g. 5 = no tests
# collected) comes out unchanged.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source-path=SCRIPTDIR source=../installer/lib/setup-env.sh
source installer/lib/setup-env.sh

# ---------------------------------------------------------------- system packages
TEST_APT_PACKAGES=(
    "${QT_APT_PACKAGES[@]}" # Qt's libraries (offscreen, minimal and xcb platforms)
    xvfb                    # a real X server for tests that need the xcb platform
    xauth                   # xvfb-run needs it
    fonts-noto-cjk          # Chinese glyphs, so text metrics in UI tests are real
    obs-studio              # a real OBS (29 on bookworm) for tests/integration
    chromium                # headless browser for the browser-source overlay and LAN page
    ffmpeg                  # recording clips and chapters (the app uses it too), ffprobe
    poppler-utils           # pdftoppm/pdftotext: exported PDFs rendered and read back
    postgresql              # the county archive's database, for the archive sync tests
    # >>> Extend here: packages later issues need for their tests.
    binutils                # PyInstaller reads and strips libraries (installer/build-linux.sh)
    nsis                    # makensis compile-checks the Windows installer script
    shellcheck              # the shell scripts are linted in tests/installer
    desktop-file-utils      # desktop-file-validate checks the Linux menu entry
    # <<<
)
studio_apt_ensure "${TEST_APT_PACKAGES[@]}"

# ---------------------------------------------------------------- Python environment
studio_venv_ensure test
export PATH="$STUDIO_VENV/bin:$PATH"
export QT_QPA_PLATFORM=offscreen

# ---------------------------------------------------------------- gates
# step NAME COMMAND...: prints a header, runs COMMAND, exits with its code if it fails.
step() {
    local name="$1" rc=0
    shift
    printf '\n======== %s ========\n' "$name"
    "$@" || rc=$?
    if ((rc != 0)); then
        printf '\n======== FAILED: %s (exit %d) ========\n' "$name" "$rc" >&2
        if ((rc == 124)) && [[ -n "${CI:-}" ]]; then
            echo "(124: stopped after STUDIO_PYTEST_TIMEOUT=${STUDIO_PYTEST_TIMEOUT:-2400}s; a test hangs?)" >&2
        fi
        exit "$rc"
    fi
}

step "ruff check" ruff check .
step "ruff format --check" ruff format --check .
step "mypy" mypy
step "lint-imports" lint-imports

# In CI a hung test would otherwise use up the whole CI time: cap the pytest run there
# (exit 124 when the cap is hit). Locally pytest runs in the foreground, so --pdb works.
pytest_cmd=(pytest)
if [[ -n "${CI:-}" ]]; then
    pytest_cmd=(timeout --kill-after=30 "${STUDIO_PYTEST_TIMEOUT:-2400}" pytest)
fi
step "pytest" "${pytest_cmd[@]}" "$@"
