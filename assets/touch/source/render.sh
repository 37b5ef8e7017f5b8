#!/usr/bin/env bash
# Renders the pictures of touch practice's textures: each SVG here becomes a
# 640 x 640 RGBA PNG of the same name in assets/touch/ (needs rsvg-convert,
# Debian package librsvg2-bin). The PNGs are kept in the repository so the
# build needs no SVG renderer. Run it after changing or adding an SVG.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v rsvg-convert >/dev/null ||
    { echo "missing rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 1; }
for svg in *.svg; do
    rsvg-convert -w 640 -h 640 -f png "$svg" -o "../${svg%.svg}.png"
    echo "assets/touch/${svg%.svg}.png"
done
