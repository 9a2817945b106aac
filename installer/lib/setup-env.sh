# shellcheck shell=bash
# Shared setup for installer/run-from-source.sh and tests/run.sh.
#
# Source it (do not execute it). It defines, and runs nothing on its own:
#   STUDIO_REPO              absolute path of the repository root
#   STUDIO_VENV              $STUDIO_REPO/.venv
#   QT_APT_PACKAGES          Debian packages Qt (PySide6-Essentials 6.11) needs to start with
#                            the xcb (desktop), offscreen and minimal platform plugins
#   studio_find_python       sets STUDIO_PYTHON to a Python 3.11-3.13 interpreter, or dies
#   studio_apt_ensure PKG..  installs the Debian packages that are not installed yet
#   studio_venv_ensure [EXTRA]
#                            creates/reuses .venv and runs `pip install -e <repo>[EXTRA]`
#                            only when pyproject.toml changed since the last such install
#
# Everything is idempotent: on a machine that is already set up, these cost one dpkg-query,
# one python start-up and one sha256sum.

# ---------------------------------------------------------------------------- paths

# Physical path (pwd -P), so the venv check below sees one path however the repo is reached.
STUDIO_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
STUDIO_VENV="$STUDIO_REPO/.venv"

# ---------------------------------------------------------------------------- logging

studio_log() { printf '==> %s\n' "$*" >&2; }
studio_warn() { printf 'WARNING: %s\n' "$*" >&2; }
studio_die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

# ---------------------------------------------------------------------------- Debian packages

# What the PySide6-Essentials 6.11 wheel links against outside its own bundle (found with ldd
# on Qt/lib/*.so.6 and Qt/plugins/{platforms,xcbglintegrations}/*.so, mapped with dpkg -S).
# Only direct dependencies are listed: apt pulls in the rest (libxcb1, libxau6, libglvnd0 ...).
# Packages that every Debian/Ubuntu install has (libc6, libstdc++6, zlib1g, libzstd1) are left out.
# shellcheck disable=SC2034  # used by the scripts that source this file
QT_APT_PACKAGES=(
    # Needed by every platform, offscreen and minimal included (QtCore/QtGui/QtNetwork/QtDBus):
    libglib2.0-0      # QtCore's event dispatcher (libglib-2.0, libgthread-2.0)
    libgl1            # QtGui, QtWidgets, QtOpenGL and all platform plugins (libGL.so.1)
    libegl1           # QtGui (libEGL.so.1)
    libx11-6          # QtGui and the offscreen plugin (libX11.so.6)
    libxkbcommon0     # QtGui and every platform plugin: keyboard handling
    libfontconfig1    # QtGui: font discovery (pulls fontconfig-config)
    libfreetype6      # QtGui and the minimal plugin: font rendering
    libdbus-1-3       # QtDBus, which QtGui links (desktop theme, portals, accessibility)
    libgssapi-krb5-2  # QtNetwork (only when imported): Negotiate/Kerberos authentication
    libbrotli1        # QtNetwork (only when imported): brotli content decoding
    # Needed by the xcb platform plugin (a window on an X11 or XWayland desktop):
    libx11-xcb1
    libxkbcommon-x11-0
    libxcb1
    libxcb-cursor0
    libxcb-icccm4
    libxcb-image0
    libxcb-keysyms1
    libxcb-randr0
    libxcb-render0
    libxcb-render-util0
    libxcb-shape0
    libxcb-shm0
    libxcb-sync1
    libxcb-util1
    libxcb-xfixes0
    libxcb-xkb1
    libxcb-glx0       # xcb GLX integration (OpenGL in a window)
)

# Runs a command as root: directly when we are root, through sudo when it exists.
# Returns 127 when neither is possible.
studio_as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        return 127
    fi
}

# studio_apt_ensure PKG...: installs whichever of PKG is not installed yet.
# Fast path: one dpkg-query, no apt-get, when everything is already there.
studio_apt_ensure() {
    local -a wanted=("$@") missing=()
    local pkg status
    ((${#wanted[@]})) || return 0

    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        studio_warn "apt-get not found: not a Debian/Ubuntu system, skipping system packages."
        studio_warn "Make sure the equivalent of these is installed: ${wanted[*]}"
        return 0
    fi

    # dpkg-query prints one "name status" line per known package and complains (on stderr,
    # exit 1) about packages it has never heard of; those simply count as missing.
    declare -A installed=()
    while read -r pkg status; do
        [[ "$status" == "installed" ]] && installed["${pkg%%:*}"]=1
    done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${wanted[@]}" 2>/dev/null || true)
    for pkg in "${wanted[@]}"; do
        [[ -n "${installed[$pkg]:-}" ]] || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0

    studio_log "Installing Debian packages: ${missing[*]}"
    if [[ "$(id -u)" -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
        studio_warn "not root and no sudo: cannot install system packages. Run as root:"
        studio_warn "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
        return 0
    fi
    # A fresh machine may have empty package lists, so update before installing (once per run).
    if [[ -z "${STUDIO_APT_UPDATED:-}" ]]; then
        studio_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        STUDIO_APT_UPDATED=1
    fi
    studio_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ---------------------------------------------------------------------------- Python

# True when interpreter $1 runs and is CPython 3.11, 3.12 or 3.13 (pyproject: >=3.11,<3.14).
studio_python_ok() {
    "$1" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 13)))' \
        >/dev/null 2>&1
}

# Sets STUDIO_PYTHON: keeps it if the caller set it (checked), else python3.11, else python3.
# Each candidate is run, not just looked up: a pyenv shim may exist without a working Python.
studio_find_python() {
    local cand
    if [[ -n "${STUDIO_PYTHON:-}" ]]; then
        studio_python_ok "$STUDIO_PYTHON" ||
            studio_die "STUDIO_PYTHON=$STUDIO_PYTHON is not a working Python 3.11-3.13."
        return 0
    fi
    for cand in python3.11 python3; do
        if command -v "$cand" >/dev/null 2>&1 && studio_python_ok "$cand"; then
            STUDIO_PYTHON="$(command -v "$cand")"
            return 0
        fi
    done
    studio_die "Python 3.11, 3.12 or 3.13 is required, and neither python3.11 nor python3 is one
       (python3 is: $(python3 --version 2>&1 || echo 'not installed')).
       On Debian/Ubuntu: apt-get install python3.11 python3.11-venv
       Or point STUDIO_PYTHON at a suitable interpreter."
}

# Debian/Ubuntu ship the venv module's ensurepip separately (python3.X-venv): install it when
# the system interpreter lacks it, so `python -m venv` does not fail half-way.
studio_ensure_venv_module() {
    "$STUDIO_PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 && return 0
    local ver
    ver="$("$STUDIO_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    studio_apt_ensure "python$ver-venv"
    "$STUDIO_PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 ||
        studio_die "$STUDIO_PYTHON cannot create virtualenvs (install python$ver-venv)."
}

# ---------------------------------------------------------------------------- virtualenv

# studio_venv_ensure [EXTRA]: makes $STUDIO_VENV exist and hold `pip install -e <repo>[EXTRA]`.
# The install is skipped when the stamp file .venv/.studio-install-stamp[-EXTRA] holds the
# current sha256 of pyproject.toml. A broken venv (its Python was removed) or one moved from
# another folder is recreated.
studio_venv_ensure() {
    local extra="${1:-}"
    local stamp="$STUDIO_VENV/.studio-install-stamp${extra:+-$extra}"
    local want have="" shebang

    if [[ -x "$STUDIO_VENV/bin/python" ]] && ! studio_python_ok "$STUDIO_VENV/bin/python"; then
        studio_warn "$STUDIO_VENV is broken or has an unsupported Python: recreating it."
        rm -rf "$STUDIO_VENV"
    fi
    # A venv copied or moved from elsewhere keeps the old path in its scripts' #! lines.
    shebang="$(head -n 3 "$STUDIO_VENV/bin/pip" 2>/dev/null || true)"
    if [[ -x "$STUDIO_VENV/bin/python" && "$shebang" != *"$STUDIO_VENV/bin/python"* ]]; then
        studio_warn "$STUDIO_VENV was made for another location: recreating it."
        rm -rf "$STUDIO_VENV"
    fi
    if [[ ! -x "$STUDIO_VENV/bin/python" ]]; then
        studio_find_python
        studio_ensure_venv_module
        studio_log "Creating virtualenv $STUDIO_VENV with $STUDIO_PYTHON ($("$STUDIO_PYTHON" --version 2>&1))"
        "$STUDIO_PYTHON" -m venv "$STUDIO_VENV"
    fi

    want="$(sha256sum "$STUDIO_REPO/pyproject.toml" | cut -d' ' -f1)"
    [[ -f "$stamp" ]] && have="$(<"$stamp")"
    if [[ "$want" == "$have" ]]; then
        return 0
    fi

    studio_log "Installing village-studio${extra:+[$extra]} into $STUDIO_VENV (pyproject.toml changed)"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$STUDIO_VENV/bin/python" -m pip install --quiet \
        --progress-bar off -e "$STUDIO_REPO${extra:+[$extra]}"
    # Written only after a successful install, so a failed one is retried next time.
    echo "$want" >"$stamp"
    # An install with extras also covers the plain install.
    [[ -z "$extra" ]] || echo "$want" >"$STUDIO_VENV/.studio-install-stamp"
}
