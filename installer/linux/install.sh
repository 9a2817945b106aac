#!/usr/bin/env bash
# Installs Village Studio for the current user, from the unpacked Linux tarball.
#
#   ./install.sh                 install (or upgrade) into ~/.local/opt/VillageStudio, with a
#                                menu entry, an icon and the command ~/.local/bin/studio-app
#   ./install.sh --uninstall     remove the program, the menu entry, the icon and the command
#   ./install.sh --prefix DIR    install into DIR/VillageStudio instead of ~/.local/opt
#
# No root needed; nothing outside your home folder is touched. Neither an upgrade nor
# --uninstall removes your records: not the data folder
# ${XDG_DATA_HOME:-~/.local/share}/VillageStudio (studio.db, backups/, logs/), and not
# data/ and portable.txt beside the app (portable mode).
set -euo pipefail

APP=VillageStudio
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
prefix="$HOME/.local/opt"
bin_dir="$HOME/.local/bin"
action=install

while (($#)); do
    case "$1" in
    --uninstall) action=uninstall ;;
    --prefix)
        [[ $# -ge 2 ]] || {
            echo "--prefix needs a folder" >&2
            exit 2
        }
        prefix="$2"
        shift
        ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "unknown option: $1 (see --help)" >&2
        exit 2
        ;;
    esac
    shift
done

# An absolute, physical path: it goes into the menu entry and the command link.
if [[ "$action" == install ]]; then
    mkdir -p "$prefix"
fi
if [[ -d "$prefix" ]]; then
    prefix="$(cd "$prefix" && pwd -P)"
fi
target="$prefix/$APP"
# Named after the executable: on Wayland, Qt gives the window the app id "VillageStudio"
# (the program's file name), which the desktop uses to find this entry and its icon.
desktop_file="$DATA_HOME/applications/VillageStudio.desktop"
icon_file="$DATA_HOME/icons/hicolor/256x256/apps/village-studio.png"
command_link="$bin_dir/studio-app"

# What stays of an installed program folder: a portable-mode data folder and its marker.
KEPT=(data portable.txt)

# remove_program DIR: deletes the program in DIR but keeps the entries of KEPT; DIR itself
# stays only when something was kept.
remove_program() {
    local dir="$1" entry keep name
    [[ -d "$dir" ]] || return 0
    for entry in "$dir"/* "$dir"/.[!.]*; do
        [[ -e "$entry" || -L "$entry" ]] || continue
        name="${entry##*/}"
        keep=0
        for k in "${KEPT[@]}"; do
            if [[ "$name" == "$k" ]]; then keep=1; fi
        done
        if ((keep == 0)); then rm -rf -- "$entry"; fi
    done
    rmdir -- "$dir" 2>/dev/null || true
}

refresh_menus() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA_HOME/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" 2>/dev/null || true
    fi
}

if [[ "$action" == uninstall ]]; then
    remove_program "$target"
    rm -f -- "$desktop_file" "$icon_file"
    # The command link only if it is ours (points into the program folder).
    if [[ -L "$command_link" && "$(readlink -- "$command_link")" == "$target/"* ]]; then
        rm -f -- "$command_link"
    fi
    refresh_menus
    echo "Village Studio is removed."
    echo "Your records are kept in $DATA_HOME/$APP."
    echo "(Delete that folder yourself only if you really want them gone.)"
    if [[ -d "$target" ]]; then
        echo "Portable-mode data is kept in $target."
    fi
    exit 0
fi

[[ -x "$HERE/$APP/$APP" ]] || {
    echo "$HERE/$APP/$APP is missing: run install.sh from the unpacked archive." >&2
    exit 1
}
if [[ "$HERE/$APP" -ef "$target" ]]; then
    echo "This copy is already the installed one ($target)." >&2
    exit 1
fi

# Copy the new version beside the old one, then swap, so a failed copy changes nothing.
staging="$(mktemp -d "$prefix/.$APP.new.XXXXXX")"
trap 'rm -rf -- "$staging"' EXIT
cp -a "$HERE/$APP/." "$staging/"
if [[ -d "$target" ]]; then
    for k in "${KEPT[@]}"; do
        if [[ -e "$target/$k" ]]; then mv -- "$target/$k" "$staging/$k"; fi
    done
    remove_program "$target"
    rm -rf -- "$target" # empty now: everything kept was moved into the new version
fi
mv -- "$staging" "$target"
chmod 755 "$target"
trap - EXIT

mkdir -p "$(dirname "$desktop_file")" "$(dirname "$icon_file")" "$bin_dir"
install -m 644 "$HERE/village-studio.png" "$icon_file"
ln -sfn "$target/$APP" "$command_link"
cat >"$desktop_file" <<EOF
[Desktop Entry]
Type=Application
Version=1.4
Name=Village Studio
Name[zh_CN]=村镇直播间
GenericName=Live Q&A broadcasts
GenericName[zh_CN]=政务直播
Comment=Live question-and-answer broadcasts of township and village studios
Comment[zh_CN]=乡镇、村政务直播：OBS 控制、问题审核、场次记录、承诺跟踪
Exec="$target/$APP"
TryExec=$target/$APP
Icon=village-studio
Terminal=false
Categories=AudioVideo;Video;
Keywords=OBS;broadcast;live;直播;问政;
StartupNotify=true
StartupWMClass=$APP
EOF
refresh_menus

echo "Village Studio is installed in $target."
echo "Start it from the applications menu, or run: $command_link"
if [[ ":$PATH:" != *":$bin_dir:"* ]]; then
    echo "($bin_dir is not on your PATH: add it to run 'studio-app' by name.)"
fi
echo "Your records are kept in $DATA_HOME/$APP; uninstalling keeps them."
