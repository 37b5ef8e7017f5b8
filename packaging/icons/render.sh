#!/usr/bin/env bash
# Renders the icon's PNG sizes from gmi-trainer.svg (needs rsvg-convert,
# Debian package librsvg2-bin). The PNGs are kept in the repository so the
# build needs no SVG renderer.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" gmi-trainer.svg -o "gmi-trainer-$size.png"
done
