#!/usr/bin/env bash
# Builds the Linux bundle and its tarball, in one command, from this source tree.
#
#   installer/build-linux.sh [--no-archive]
#
# Works from any directory on Debian 12 / Ubuntu with Python 3.11 (like run-from-source.sh):
#   1. installs the Debian packages the build needs: binutils (PyInstaller reads and strips
#      the libraries with objdump/strip) and Qt's libraries, which PyInstaller copies into
#      the bundle (so the target machine needs none of them, libxcb-cursor0 included)
#   2. creates or reuses the build virtualenv <repo>/build/venv with `pip install -e .[build]`
#      (only when pyproject.toml changed; kept apart from .venv, which has the test tools)
#   3. runs PyInstaller with installer/village_studio.spec into dist/VillageStudio/
#   4. packs dist/VillageStudio-<version>-linux-x86_64.tar.gz: the folder, install.sh
#      (installs into ~/.local/opt with a menu entry; --uninstall keeps the data) and the icon
#      (skipped with --no-archive)
# Prints the bundle's path, size and the time taken. The bundle runs on the glibc of the
# build machine or newer: build on the oldest distribution you want to support.
set -euo pipefail

archive=1
for arg in "$@"; do
    case "$arg" in
    --no-archive) archive=0 ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "unknown option: $arg (see --help)" >&2
        exit 2
        ;;
    esac
done

# shellcheck source-path=SCRIPTDIR source=lib/setup-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup-env.sh"
cd "$STUDIO_REPO"
started=$SECONDS

studio_apt_ensure binutils "${QT_APT_PACKAGES[@]}"

# The build venv: studio_venv_ensure works on $STUDIO_VENV, so point it at build/venv.
BUILD_VENV="$STUDIO_REPO/build/venv"
mkdir -p "$STUDIO_REPO/build"
STUDIO_VENV="$BUILD_VENV" studio_venv_ensure build
# PyInstaller bundles the interpreter's shared library; Debian's own python3.X keeps it in a
# package of its own (pyenv's and python.org builds with --enable-shared have it already).
if [[ "$(readlink -f "$BUILD_VENV/bin/python")" == /usr/bin/* ]]; then
    studio_apt_ensure "libpython$("$BUILD_VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
fi

version="$("$BUILD_VENV/bin/python" -c 'import studio_app; print(studio_app.__version__)')"
machine="$(uname -m)"
studio_log "Building Village Studio $version for linux-$machine with PyInstaller"
# A fresh work folder: no stale analysis from an earlier build. (Not --clean, which would
# also empty PyInstaller's cache of stripped libraries in ~/.cache/pyinstaller.)
rm -rf "$STUDIO_REPO/build/pyinstaller"
QT_QPA_PLATFORM=offscreen "$BUILD_VENV/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$STUDIO_REPO/dist" --workpath "$STUDIO_REPO/build/pyinstaller" \
    "$STUDIO_REPO/installer/village_studio.spec"
bundle="$STUDIO_REPO/dist/VillageStudio"
[[ -x "$bundle/VillageStudio" ]] || studio_die "PyInstaller made no $bundle/VillageStudio"
studio_log "Bundle: $bundle ($(du -sh "$bundle" | cut -f1)) after $((SECONDS - started)) s"

if ((archive)); then
    name="VillageStudio-$version-linux-$machine"
    stage="$STUDIO_REPO/build/$name"
    tarball="$STUDIO_REPO/dist/$name.tar.gz"
    rm -rf "$stage"
    mkdir -p "$stage"
    # Hard links, not a copy: the stage is only read by tar.
    cp -al "$bundle" "$stage/VillageStudio" 2>/dev/null || {
        rm -rf "$stage/VillageStudio"
        cp -a "$bundle" "$stage/VillageStudio"
    }
    install -m 755 "$STUDIO_REPO/installer/linux/install.sh" "$stage/install.sh"
    install -m 644 "$STUDIO_REPO/installer/icons/village-studio.png" "$stage/village-studio.png"
    install -m 644 "$STUDIO_REPO/installer/linux/README.txt" "$stage/README.txt"
    # gzip -1: 3.5 s instead of 8 s (the default -6) for 7 % more bytes (74 MiB instead of 69).
    tar -C "$STUDIO_REPO/build" --sort=name --owner=0 --group=0 --numeric-owner -cf - "$name" |
        gzip -1 >"$tarball.part"
    mv "$tarball.part" "$tarball"
    rm -rf "$stage"
    studio_log "Archive: $tarball ($(du -sh "$tarball" | cut -f1))"
fi
studio_log "Done in $((SECONDS - started)) s"
