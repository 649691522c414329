#!/usr/bin/env bash
# Makes docs/editor/completion.png and docs/editor/diagnostics.png: a real editor (Neovim, in an xterm on a virtual X
# display) with yaml-language-server — the server behind VS Code's YAML extension — reading viewpair.schema.json
# through the recipe's `# yaml-language-server: $schema=…` line. Keys are typed with xdotool.
#   docs/editor/screenshots.sh
# Needs (Debian): apt-get install neovim xvfb xterm xdotool imagemagick fonts-dejavu-core; npm install -g yaml-language-server
set -euo pipefail
cd "$(dirname "$0")"
init="$PWD/nvim-init.lua"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/recipes"
cp ../../viewpair.schema.json "$work/"
cp demo.yaml "$work/recipes/demo.yaml"
export DISPLAY=:77
Xvfb "$DISPLAY" -screen 0 1000x560x24 >/dev/null 2>&1 &
sleep 2
(cd "$work" && xterm -geometry 100x26+0+0 -fa 'DejaVu Sans Mono' -fs 11 -bg '#1e1e1e' -fg '#d4d4d4' \
    -e nvim -u "$init" +16 recipes/demo.yaml) &
sleep 15   # the language server starts and reads the schema (node, a few seconds on a busy machine)
xdotool windowfocus --sync "$(xdotool search --class xterm | head -1)" 2>/dev/null
keys() { xdotool type --delay 60 "$1" 2>/dev/null; }
press() { xdotool key "$@" 2>/dev/null; }

# a new line under train: and the editor's completion (omni completion, from the language server)
keys o; sleep 1; press ctrl+x ctrl+o; sleep 5
import -window root completion.png
press Escape Escape u

# three values the schema refuses: an unknown stem, a width at or below 0, epochs that is no integer
for edit in ':10|$ciwcifra' ':11|0f:lC -0.5' ':16|0f:lC ten'; do
    keys "${edit%%|*}"; press Return; keys "${edit#*|}"; press Escape
done
sleep 8
import -window root diagnostics.png
echo "wrote docs/editor/completion.png and docs/editor/diagnostics.png"
