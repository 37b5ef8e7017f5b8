#!/usr/bin/env bash
# A trainer asked to stop (SIGTERM) while it loads a catalogue of a million
# rows ends at once with status 0, before a window opens or a session
# starts. The signal is sent once the whole file has been read, so it comes
# while the rows are parsed (or just after).
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$(cd "$(dirname "$0")/.." && pwd)
res=$work/resources
mkdir -p "$res/assets" "$res/data"
for dir in pictures fonts loops; do ln -s "$src/assets/$dir" "$res/assets/$dir"; done
cp "$src/data/norms.csv" "$src/data/exercises.csv" "$src/data/touch-ladder.csv" "$res/data/"
picture=$(awk -F, 'NR == 2 { print $2 }' "$src/data/catalogue.csv")
awk -v file="$picture" 'BEGIN {
    print "id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light"
    for (i = 0; i < 1000000; i++)
        printf "hand-%d,%s,hand,back,flat,,light,female,1,0,other,left\n", i, file
}' >"$res/data/catalogue.csv"
size=$(stat -c %s "$res/data/catalogue.csv")

SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy GMI_RESOURCE_DIR=$res \
    "$bin" --db "$work/t.db" --windowed drill --limb hands --count 4 2>"$work/err" &
pid=$!
read_bytes() { awk '/^rchar:/ { print $2 }' "/proc/$pid/io" 2>/dev/null || echo 0; }
while kill -0 "$pid" 2>/dev/null && [ "$(read_bytes)" -lt "$size" ]; do sleep 0.02; done
kill -TERM "$pid"
# Bounded, so that a trainer that does not stop is not left running.
for _ in $(seq 900); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fail=0
if kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: still loading 90 s after SIGTERM"
    kill -KILL "$pid"
    fail=1
fi
wait "$pid"
status=$?
[ "$status" -eq 0 ] || { echo "FAIL: exit $status after SIGTERM, want 0"; cat "$work/err"; fail=1; }
if [ -e "$work/t.db" ]; then
    sessions=$("$bin" --db "$work/t.db" export --what sessions | tail -n +2 | wc -l)
    [ "$sessions" -eq 0 ] || { echo "FAIL: $sessions session(s) started after SIGTERM"; fail=1; }
fi
exit $fail
