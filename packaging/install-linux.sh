#!/usr/bin/env bash
# Install the unpacked Linux build for the current user (no root): the program in
# ~/.local/opt/finsam-desktop, `finsam-desktop` in ~/.local/bin, the menu entry, the
# icons and the .finsam file type. Run it from the unpacked folder:
#   tar xzf finsam-desktop-*.tar.gz && finsam-desktop/share/install-linux.sh
# Uninstall: remove those files; books are never touched.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/finsam-desktop

mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$data/applications"
if [ "$here" != "$target" ]; then
  rm -rf "$target"
  cp -r "$here" "$target"
fi
ln -sf "$target/finsam-desktop" "$HOME/.local/bin/finsam-desktop"
sed "s|^Exec=.*|Exec=$target/finsam-desktop %f|" "$target/share/finsam-desktop.desktop" \
    > "$data/applications/finsam-desktop.desktop"
for size in 16 32 48 64 128 256; do
  dir="$data/icons/hicolor/${size}x${size}"
  mkdir -p "$dir/apps" "$dir/mimetypes"
  cp "$target/share/icons/finsam-$size.png" "$dir/apps/finsam-desktop.png"
  cp "$target/share/icons/finsam-$size.png" "$dir/mimetypes/application-x-finsam-book.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$target/share/icons/finsam.svg" "$data/icons/hicolor/scalable/apps/finsam-desktop.svg"
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime install --novendor "$target/share/finsam-desktop.xml"
  xdg-mime default finsam-desktop.desktop application/x-finsam-book
else
  mkdir -p "$data/mime/packages"
  cp "$target/share/finsam-desktop.xml" "$data/mime/packages/"
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" || true
fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
echo "Finsam Bokföring är installerat: $target (starta med finsam-desktop eller från programmenyn)."
