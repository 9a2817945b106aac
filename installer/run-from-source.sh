#!/usr/bin/env bash
# Sets up and starts Village Studio from this source tree, in one command.
#
#   installer/run-from-source.sh [studio-app arguments...]
#
# Works from any directory, on a Debian/Ubuntu machine that has only Python 3.11 (3.12 and
# 3.13 work too). It is safe to run every time: each step is skipped when already done.
#   1. installs the Debian packages Qt needs to open a window, plus Chinese fonts
#      (only the missing ones; via sudo when not root; skipped where there is no apt-get)
#   2. creates or reuses the virtualenv <repo>/.venv
#   3. runs `pip install -e <repo>` when pyproject.toml changed since the last install
#   4. replaces itself with <repo>/.venv/bin/studio-app, passing all arguments on
# Set STUDIO_PYTHON=/path/to/python3.x to choose the interpreter for a new .venv.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/setup-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup-env.sh"

# Qt's libraries and the xcb (X11/XWayland) platform plugin, CJK fonts for the Chinese UI and
# the PDF reports, FFmpeg for cutting a clip per question out of the recording.
studio_apt_ensure "${QT_APT_PACKAGES[@]}" fonts-noto-cjk ffmpeg

studio_venv_ensure "" # no extras: just the app

if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]]; then
    studio_warn "no DISPLAY or WAYLAND_DISPLAY: the window may fail to open (run from a desktop session)."
fi

exec "$STUDIO_VENV/bin/studio-app" "$@"
