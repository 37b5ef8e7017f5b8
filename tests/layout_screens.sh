#!/usr/bin/env bash
# Every screen at the sizes of the tablets and screens the trainer is made
# for: 1920x1200 and 1280x800 landscape, 1200x1920 and 800x1280 portrait,
# and 1280x800 with the largest text size. For each, one Xvfb of that size and
# test_screens walking the trainer through its screens fullscreen with the
# layout check on.
#   layout_screens.sh TEST_SCREENS MAKE_HISTORY WORK_DIR
set -u
test_screens=$1 make_history=$2 work=$3
command -v Xvfb >/dev/null || { echo "SKIP: Xvfb is not installed"; exit 77; }
status=0
for run in 1920x1200 1280x800 1200x1920 800x1280 1280x800:150; do
    size=${run%%:*} text=
    [ "$run" != "$size" ] && text=${run#*:}
    dir=$work/$run
    rm -rf "$dir"
    mkdir -p "$dir"
    Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$dir/display" 2>"$dir/xvfb.log" &
    xvfb=$!
    for _ in $(seq 100); do [ -s "$dir/display" ] && break; sleep 0.1; done
    if [ ! -s "$dir/display" ]; then
        echo "FAIL: Xvfb did not start"; cat "$dir/xvfb.log"; kill $xvfb; exit 1
    fi
    echo "== $size"
    DISPLAY=:$(cat "$dir/display") SDL_VIDEODRIVER=x11 HOME=$dir XDG_DATA_HOME=$dir \
        "$test_screens" "$make_history" "$dir" $text || status=1
    kill $xvfb
    wait $xvfb 2>/dev/null
done
exit $status
