#!/usr/bin/env bash
# Takes the screenshots shown in the README: the trainer runs under Xvfb
# (a virtual X display) and is driven with key presses from xdotool.
# Needs the Debian packages xvfb, xdotool and imagemagick, and a build in
# build/ (./quickstart run builds one).
#
#   docs/screenshots.sh            writes docs/screen-*.png
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in Xvfb xdotool import; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install xvfb xdotool imagemagick)" >&2; exit 1; }
done
bin=build/gmi-trainer
work=$(mktemp -d)
display=:57
cleanup() { kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

start_display() { # width height
    kill "${xvfb:-}" 2>/dev/null || true
    sleep 0.3
    Xvfb "$display" -screen 0 "$1x$2x24" -dpi 96 -nolisten tcp &
    xvfb=$!
    sleep 1
}
shot() { DISPLAY=$display import -window root "docs/$1"; echo "docs/$1"; }
keys() { for k in "$@"; do DISPLAY=$display xdotool key "$k"; sleep "${pause:-0.9}"; done; }
trainer() { DISPLAY=$display "$bin" --db "$work/shots.db" --profile "Alex" "$@" & app=$!; sleep 2; }
finish() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }

start_display 1280 800
# An earlier session, so the results compare with "last time".
trainer drill --count 6 --time-limit 0 --seed 11
pause=2.8 keys Left Right Left Right Right Left
finish

trainer
shot screen-home.png
finish

# The drill: a picture waiting for an answer, then feedback after a wrong one.
trainer drill --count 6 --time-limit 0 --seed 21 --level 2
shot screen-drill.png
pause=0.3 keys Right
shot screen-feedback.png
sleep 2
# Each answer waits out the feedback (up to 1.8 s) and the next inter-trial screen.
pause=2.8 keys Left Right Left Right Left
shot screen-results.png
finish

# Portrait, as on a tablet held upright.
start_display 800 1280
trainer drill --count 2 --time-limit 0 --seed 5
shot screen-drill-portrait.png
finish
