#!/usr/bin/env bash
# The Linux one-folder build: `bash packaging/build-linux.sh` from anywhere.
#
# Makes a build venv (build/linux-venv) with PyInstaller and the program's dependencies,
# builds dist/finsam-desktop/ from packaging/finsam-desktop.spec, checks the result
# (`--version` and `--self-test`, offscreen) and packs it with the menu entry, the icons
# and the .finsam file type as dist/finsam-desktop-VERSION-linux-ARCH.tar.gz, which
# packaging/install-linux.sh (inside the archive) installs for the current user.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

venv=build/linux-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q "pyinstaller>=6.10" .
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/finsam-desktop.spec

app=dist/finsam-desktop
# The menu entry, the icon set and the file type travel with the program.
mkdir -p "$app/share"
cp packaging/finsam-desktop.desktop packaging/finsam-desktop.xml packaging/install-linux.sh "$app/share/"
cp -r resources/icons "$app/share/icons"

echo "== $app/finsam-desktop --version"
"$app/finsam-desktop" --version
echo "== $app/finsam-desktop --self-test"
QT_QPA_PLATFORM=offscreen "$app/finsam-desktop" --self-test

version=$("$venv/bin/python" -c "import finsam_desktop; print(finsam_desktop.__version__)")
archive="dist/finsam-desktop-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" finsam-desktop
echo "== built $archive ($(du -sh "$app" | cut -f1) unpacked, $(du -h "$archive" | cut -f1) packed)" \
     "in $(( $(date +%s) - start )) s"
