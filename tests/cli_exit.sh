#!/usr/bin/env bash
# The program's exit statuses: --help and --version exit 0; a usage error
# exits 2 with one line and the usage on stderr, and writes no database.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
expect() { # status, description, command...
    local want=$1 what=$2
    shift 2
    "$@" >"$work/out" 2>"$work/err"
    local got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL: $what: exit $got, want $want"; cat "$work/err"; fail=1
    fi
}
expect 0 "--help" "$bin" --help
grep -q '^Usage: gmi-trainer' "$work/out" || { echo "FAIL: --help prints the usage"; fail=1; }
expect 0 "--version" "$bin" --version
grep -Eq '^gmi-trainer [0-9]+\.[0-9]+\.[0-9]+$' "$work/out" || { echo "FAIL: --version"; fail=1; }
for args in "--bogus" "drill --count 0" "drill --limb arms" "drill --level 9" \
            "drill --time-limit soon" "export --format xml" "--count 5" "walk" \
            "imagery --hold 2" "mirror --minutes 45" "report" "report --from 2026-13-01 --out r" \
            "export --what days"; do
    # shellcheck disable=SC2086
    expect 2 "$args" "$bin" --db "$work/t.db" $args
    [ "$(head -n 1 "$work/err" | grep -c '^gmi-trainer: ')" -eq 1 ] ||
        { echo "FAIL: $args: first line of stderr"; fail=1; }
    grep -q '^Usage: gmi-trainer' "$work/err" || { echo "FAIL: $args: usage on stderr"; fail=1; }
    [ ! -s "$work/out" ] || { echo "FAIL: $args: wrote to stdout"; fail=1; }
    [ ! -e "$work/t.db" ] || { echo "FAIL: $args: created the database"; fail=1; }
done
# Export of a database that does not exist: a clear failure, nothing created.
expect 1 "export without data" "$bin" --db "$work/none.db" export
grep -q 'none.db' "$work/err" || { echo "FAIL: export names the missing file"; fail=1; }
[ ! -e "$work/none.db" ] || { echo "FAIL: export created a database"; fail=1; }
# A data file that cannot be created: one clear line naming it, no crash.
SDL_VIDEODRIVER=dummy expect 1 "unusable --db" "$bin" --db "$work/no/such/folder/t.db" --windowed
grep -q 'no/such/folder/t.db' "$work/err" || { echo "FAIL: the message names the file"; fail=1; }
# A file refused by import leaves no trace: no database where there was none.
echo "not a database" >"$work/junk.db"
expect 1 "import of a foreign file" "$bin" --db "$work/fresh.db" import "$work/junk.db"
grep -q 'nothing was imported' "$work/err" || { echo "FAIL: import: the message"; fail=1; }
ls "$work"/fresh.db* >/dev/null 2>&1 && { echo "FAIL: a refused import left $(ls "$work"/fresh.db*)"; fail=1; }
# Started where there is no screen (no DISPLAY or WAYLAND_DISPLAY, no video
# driver asked for): exit 1 saying so, before the database is touched.
expect 1 "no screen" env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER \
    timeout 20 "$bin" --db "$work/screen.db"
grep -q '^gmi-trainer: No screen found' "$work/err" ||
    { echo "FAIL: no screen: the message"; cat "$work/err"; fail=1; }
[ ! -e "$work/screen.db" ] || { echo "FAIL: no screen: created the database"; fail=1; }
# Imagery or mirror therapy while the profile's affected side is not set:
# exit 1 saying to give --side; nothing is practised on a guessed side.
for mode in imagery mirror; do
    SDL_VIDEODRIVER=dummy expect 1 "$mode without a side" "$bin" --db "$work/s.db" --windowed "$mode"
    grep -q 'affected side is not set.*--side left|right' "$work/err" ||
        { echo "FAIL: $mode: the message asks for --side"; cat "$work/err"; fail=1; }
done
[ "$("$bin" --db "$work/s.db" export --what sessions | wc -l)" -eq 1 ] ||
    { echo "FAIL: a session was stored without a side"; fail=1; }
# Bad resource files: exit 1 with a message naming the file (and line).
res=$work/resources
mkdir -p "$res/assets" "$res/data"
src=$(cd "$(dirname "$0")/.." && pwd)
ln -s "$src/assets/pictures" "$res/assets/pictures"
cp "$src/data/norms.csv" "$res/data/"
bad_resource() { # description, what the message must contain
    SDL_VIDEODRIVER=dummy GMI_RESOURCE_DIR=$res expect 1 "$1" "$bin" --db "$work/r.db" --windowed
    grep -q "$2" "$work/err" || { echo "FAIL: $1: message lacks '$2'"; cat "$work/err"; fail=1; }
}
bad_resource "missing catalogue" "data/catalogue.csv"
{ head -n 3 "$src/data/catalogue.csv"; echo "hand-x,pictures/x.png,hand,back,flat,,light,female,9,0,other,left"; } \
    >"$res/data/catalogue.csv"
bad_resource "bad catalogue row" "catalogue.csv:4: level must be"
cp "$src/data/catalogue.csv" "$res/data/"
bad_resource "missing exercise list" "data/exercises.csv"
{ head -n 2 "$src/data/exercises.csv"; echo "hand-x,hand,X,5,4000,Too few frames"; } \
    >"$res/data/exercises.csv"
bad_resource "bad exercise row" "exercises.csv:3: "
cp "$src/data/exercises.csv" "$res/data/"
bad_resource "missing touch ladder" "data/touch-ladder.csv"
{ head -n 2 "$src/data/touch-ladder.csv"; echo "2,x,both,silk,rub,1,silk.png"; } >"$res/data/touch-ladder.csv"
bad_resource "bad touch ladder row" "touch-ladder.csv:3: how must be"
{ head -n 2 "$src/data/touch-ladder.csv"; echo "2,x,both,silk,touch,1,../silk.png"; } >"$res/data/touch-ladder.csv"
bad_resource "touch picture outside assets/touch" "touch-ladder.csv:3: icon must be"
cp "$src/data/touch-ladder.csv" "$res/data/"
bad_resource "missing font" "assets/fonts/DejaVuSans.ttf"
mkdir -p "$res/assets/fonts"
echo "not a font" >"$res/assets/fonts/DejaVuSans.ttf"
cp "$src/assets/fonts/DejaVuSans-Bold.ttf" "$res/assets/fonts/"
bad_resource "damaged font" "cannot use the font .*DejaVuSans.ttf"
cp "$src/assets/fonts/DejaVuSans.ttf" "$res/assets/fonts/"
# A drill of a body part the picture library has no pictures of (a
# catalogue without the backs): exit 1 naming the part and what the library
# has; no session is stored. (With a time limit: a drill that did start
# would wait for answers.)
grep -v '^back-' "$src/data/catalogue.csv" >"$res/data/catalogue.csv"
SDL_VIDEODRIVER=dummy GMI_RESOURCE_DIR=$res expect 1 "drill of a part without pictures" \
    timeout 20 "$bin" --db "$work/p.db" --windowed drill --parts hand,back
grep -q 'drill cannot start: the picture library has no pictures of back (it has ' "$work/err" ||
    { echo "FAIL: drill of a part without pictures: the message"; cat "$work/err"; fail=1; }
[ "$("$bin" --db "$work/p.db" export --what sessions | wc -l)" -eq 1 ] ||
    { echo "FAIL: a drill of a part without pictures was stored"; fail=1; }
exit $fail
