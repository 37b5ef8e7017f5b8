#!/usr/bin/env bash
# Takes the screenshots shown in the README: the trainer runs under Xvfb
# (a virtual X display) and is driven with key presses and taps from
# xdotool; the therapist's report is rendered by headless Chromium.
# Needs the Debian packages xvfb, xdotool, imagemagick and chromium, and a
# build in build/ (./quickstart test builds one, with tests/make_history).
#
#   docs/screenshots.sh            writes docs/screen-*.png and docs/report.png
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in Xvfb xdotool import chromium; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install xvfb xdotool imagemagick)" >&2; exit 1; }
done
bin=build/gmi-trainer
work=$(mktemp -d)
display_number=57
while [ -e "/tmp/.X$display_number-lock" ]; do display_number=$((display_number + 1)); done
display=:$display_number
cleanup() { kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

start_display() { # width height
    if [ -n "${xvfb:-}" ]; then
        kill "$xvfb" 2>/dev/null || true
        wait "$xvfb" 2>/dev/null || true
    fi
    width=$1 height=$2
    Xvfb "$display" -screen 0 "$1x$2x24" -dpi 96 -nolisten tcp -noreset &
    xvfb=$!
    sleep 1
}
# Captures docs/FILE once the window title names the expected screen ("GMI
# Trainer: Progress, By angle"); fails if it does not within 10 s.
shot() { # file screen
    local title=
    for _ in $(seq 1 50); do
        title=$(DISPLAY=$display xdotool search --name '^GMI Trainer' getwindowname 2>/dev/null |
            head -n 1)
        [ "$title" = "GMI Trainer: $2" ] && break
        sleep 0.2
    done
    [ "$title" = "GMI Trainer: $2" ] ||
        { echo "docs/$1: the trainer shows '$title', not '$2'" >&2; exit 1; }
    DISPLAY=$display import -window root "docs/$1"
    echo "docs/$1"
}
keys() { for k in "$@"; do DISPLAY=$display xdotool key "$k"; sleep "${pause:-0.9}"; done; }
# Taps a point given in the trainer's millimetres (a 150 x 140 mm design
# scaled to fill the screen), from the left or right edge and from the top.
tap() { # left|right X_MM Y_MM
    local x y
    read -r x y < <(awk -v w="$width" -v h="$height" -v from="$1" -v x="$2" -v y="$3" 'BEGIN {
        s = w / 150 < h / 140 ? w / 150 : h / 140
        printf "%d %d\n", from == "right" ? w - x * s : x * s, y * s }')
    DISPLAY=$display xdotool mousemove "$x" "$y" click 1
    sleep "${pause:-0.9}"
}
trainer() { DISPLAY=$display "$bin" --db "${db:-$work/shots.db}" --profile "Alex" "$@" & app=$!; sleep 2; }
finish() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }

# The main set at the full resolution of a 10-inch tablet (1920x1200).
start_display 1920 1200
# An earlier session, so the results compare with "last time".
trainer drill --count 10 --time-limit 0 --seed 11 --level 2
pause=2.8 keys Left Right Left Right Right Left Left Right Left Left
finish

# The drill: a picture waiting for an answer, then feedback after a wrong one.
trainer drill --count 10 --time-limit 0 --seed 21 --level 2
shot screen-drill.png "Left or right"
pause=0.3 keys Right
shot screen-feedback.png "Left or right"
sleep 2
# Each answer waits out the feedback (up to 1.8 s) and the next inter-trial screen.
pause=2.8 keys Left Right Left Right Left Right Right Left Right
shot screen-pain.png "Pain after"
keys Return
shot screen-results.png "Results"
finish

# Drills of knees, necks, shoulders and backs, as prescribed for one part
# (part:level).
for drill in knee:2 neck:1 shoulder:1 back:1; do
    trainer drill --parts "${drill%:*}" --count 4 --time-limit 0 --seed 7 --level "${drill#*:}"
    shot "screen-drill-${drill%:*}.png" "Left or right"
    finish
done

# Six weeks of practice (tests/make_history) for the home, therapist and
# progress screens, and the report.
db=$work/history.db
build/tests/make_history "$db" "$(date +%F)"
DISPLAY=$display "$bin" --db "$db" & app=$!
sleep 2
shot screen-home.png "Home"
tap right 58 8.5    # Therapist: "Set up by a therapist?" (Enter: yes), then a new PIN twice
keys Return          # (a new screen takes no keys for half a second)
pause=0.3 keys 2 4 6 8 Return 2 4 6 8 Return
sleep 2
shot screen-therapist.png "Therapist, Patient"
tap right 95 8.5    # Progress
shot screen-progress.png "Progress, By day"
tap left 60 25      # By angle
shot screen-progress-angles.png "Progress, By angle"
keys Right Right     # Touch
shot screen-progress-touch.png "Progress, Touch"
finish
"$bin" --db "$db" report --out "$work/report.html"
HOME=$work chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,2600 \
    --screenshot="$work/report.png" "file://$work/report.html" >/dev/null 2>&1
convert "$work/report.png" -resize 75% docs/report.png
echo docs/report.png
db=

# Imagined movements, and mirror therapy with its break screen.
trainer imagery --side left --seed 3
sleep 1
shot screen-imagery.png "Imagined movements"
finish
trainer mirror --side left
sleep 34            # past the still limb of the first phase
shot screen-mirror.png "Mirror therapy"
keys Escape
shot screen-mirror-pause.png "Mirror therapy"
finish
# Touch practice: a step with its picture and countdown, then the discomfort asked when its minute is up.
trainer touch --limb foot --side left
sleep 5
shot screen-touch.png "Touch practice"
sleep 57
shot screen-touch-rating.png "Touch practice"
finish

# Portrait, as on a tablet held upright.
start_display 1200 1920
trainer drill --count 2 --time-limit 0 --seed 5
shot screen-drill-portrait.png "Left or right"
finish
trainer drill --parts back --count 4 --time-limit 0 --seed 8 --level 4
shot screen-drill-back-portrait.png "Left or right"
finish
DISPLAY=$display "$bin" --db "$work/history.db" & app=$!
sleep 2
shot screen-home-portrait.png "Home"
tap right 58 8.5    # Therapist, with the PIN set above: the tabs in two rows
pause=0.3 keys 2 4 6 8 Return
sleep 2
shot screen-therapist-portrait.png "Therapist, Patient"
finish

# A smaller tablet (1280x800), landscape.
start_display 1280 800
trainer drill --count 2 --time-limit 0 --seed 5
shot screen-drill-1280.png "Left or right"
finish
DISPLAY=$display "$bin" --db "$work/history.db" & app=$!
sleep 2
shot screen-home-1280.png "Home"
finish
