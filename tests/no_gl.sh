#!/usr/bin/env bash
# Without a GPU the trainer draws in software and never loads OpenGL: a short
# drill in a real X window (Xvfb) must not map libGL, libEGL, a Mesa driver
# or LLVM. As a control, the same drill with GMI_RENDERER=gpu must map libGL,
# which shows the check can see it.
#   no_gl.sh APP WORK_DIR
set -u
app=$1 work=$2
command -v Xvfb >/dev/null || { echo "SKIP: Xvfb is not installed"; exit 77; }
rm -rf "$work"
mkdir -p "$work"

Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp -noreset 3>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "FAIL: Xvfb did not start"; cat "$work/xvfb.log"; exit 1; }
export DISPLAY=:$(cat "$work/display")
unset SDL_VIDEODRIVER SDL_RENDER_DRIVER

gl='/(libGL|libEGL|libLLVM)[^/]*\.so|_dri\.so'

# Runs a two-picture drill with GMI_RENDERER=$1 (empty: the trainer's own
# choice) and leaves the libraries it had mapped once both pictures were
# answered (timed out) in $work/maps-$2.
drill_maps() {
    local renderer=$1 name=$2 db=$work/$2.db
    GMI_RENDERER=$renderer "$app" --db "$db" --windowed drill --count 2 --time-limit 0.2 \
        --feedback off --seed 1 2>"$work/$name.log" &
    local pid=$! rows=0
    for _ in $(seq 300); do
        rows=$("$app" --db "$db" export 2>/dev/null | wc -l)
        [ "$rows" -ge 3 ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.1
    done
    grep -oE '/[^ ]+\.so[^ ]*' "/proc/$pid/maps" 2>/dev/null | sort -u >"$work/maps-$name"
    kill $pid 2>/dev/null
    wait $pid
    if [ "$rows" -lt 3 ]; then
        echo "FAIL: the drill with GMI_RENDERER='$renderer' did not finish"
        cat "$work/$name.log"
        exit 1
    fi
}

status=0
if ls /dev/dri/renderD* >/dev/null 2>&1; then
    echo "this machine has a GPU render node: checking GMI_RENDERER=software"
    drill_maps software software
else
    echo "no GPU render node: checking the trainer's own choice"
    drill_maps "" software
fi
if grep -E "$gl" "$work/maps-software"; then
    echo "FAIL: drawing in software, the trainer mapped the libraries above"
    status=1
else
    echo "software: $(wc -l <"$work/maps-software") libraries mapped, no GL among them"
fi

if /sbin/ldconfig -p | grep -q 'libGL\.so\.1'; then
    drill_maps gpu gpu
    if grep -qE "$gl" "$work/maps-gpu"; then
        echo "control: with GMI_RENDERER=gpu libGL was mapped, as it should be"
    else
        echo "FAIL: with GMI_RENDERER=gpu no GL library was mapped, so the check sees nothing"
        status=1
    fi
else
    echo "control skipped: libGL is not installed"
fi
exit $status
