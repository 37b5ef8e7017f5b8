#!/usr/bin/env bash
# One trainer per database, backup and restore, through the real binary:
# a second start while a drill runs exits 1 and changes nothing; export,
# report and backup work alongside; a running or killed session is never
# reported as finished; restore is refused while the trainer runs, and
# afterwards keeps the database it replaces; a FIFO or a device given as
# --db is refused unchanged.
#   one_trainer.sh GMI_TRAINER
set -u
bin=$1
work=$(mktemp -d)
first=
trap '[ -n "$first" ] && kill -9 "$first" 2>/dev/null; rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy HOME=$work/home
mkdir -p "$HOME/Documents"
fail=0
failed() { echo "FAIL: $*"; fail=1; }
db=$work/patient.db
digest() { cat "$db" "$db-wal" 2>/dev/null | sha256sum; }
# The session's ended_at|stopped_early|interrupted from the session export.
session_state() {
    "$bin" --db "$db" export --what sessions --out "$work/s.csv" 2>/dev/null &&
        awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
                 NR == 2 { print $col["ended_at"] "|" $col["stopped_early"] "|" $col["interrupted"] }' \
            "$work/s.csv"
}

# The first trainer: an untimed drill waiting on its first picture.
"$bin" --db "$db" --windowed drill --count 5 --time-limit 0 >"$work/first.out" 2>&1 &
first=$!
for _ in $(seq 150); do
    [ "$(session_state)" = "|0|0" ] && break
    sleep 0.1
done
[ "$(session_state)" = "|0|0" ] || failed "the first trainer began its drill: $(cat "$work/first.out")"

# A second trainer, home screen or drill: refused, nothing touched.
before=$(digest)
for args in "" "drill --count 3"; do
    # shellcheck disable=SC2086
    timeout 20 "$bin" --db "$db" --windowed $args >"$work/out" 2>"$work/err"
    rc=$?
    [ "$rc" -eq 1 ] || failed "second start '$args': exit $rc, want 1"
    grep -q "already open" "$work/err" || failed "second start '$args' says so: $(cat "$work/err")"
done
[ "$(digest)" = "$before" ] || failed "a second start changed the database"
[ "$(session_state)" = "|0|0" ] || failed "a second start marked the running session"

# Alongside: export (above), report and backup.
"$bin" --db "$db" report --out "$work/running.html" 2>"$work/err" || failed "report: $(cat "$work/err")"
grep -q "<td>not ended (running, or cut off)</td>" "$work/running.html" ||
    failed "the report shows the running session as not ended"
! grep -q "<td>finished</td>" "$work/running.html" || failed "the report calls it finished"
"$bin" --db "$db" backup >"$work/out" 2>"$work/err" || failed "backup: $(cat "$work/err")"
default=$(ls "$HOME"/Documents/gmi-trainer-backup-*.db 2>/dev/null | head -n 1)
[ -n "$default" ] && grep -q "$default" "$work/out" || failed "backup to the Documents folder"
[ -n "$default" ] && [ "$(stat -c %a "$default")" = 600 ] || failed "the backup is private"
"$bin" --db "$db" backup --out "$work/b.db" >/dev/null 2>"$work/err" || failed "backup --out"
[ "$(stat -c %a "$work/b.db" 2>/dev/null)" = 600 ] || failed "backup --out is private"
"$bin" --db "$db" backup --out "$db" 2>"$work/err"
[ $? -eq 1 ] && grep -q "is the trainer's database" "$work/err" || failed "backup over the database"

# Restore while the trainer runs: refused.
before=$(digest)
"$bin" --db "$db" restore "$work/b.db" >/dev/null 2>"$work/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "already open" "$work/err" || failed "restore while open: exit $rc"
[ "$(digest)" = "$before" ] || failed "a refused restore changed the database"

# Killed: its lock goes with it, and the session still is not finished.
kill -9 "$first"
wait "$first" 2>/dev/null
first=
[ "$(session_state)" = "|0|0" ] || failed "the killed session's row"
"$bin" --db "$db" report --out "$work/killed.html" 2>/dev/null
grep -q "<td>not ended (running, or cut off)</td>" "$work/killed.html" ||
    failed "the report shows the killed session as not ended"

# Restore: the current file kept under a new name, the backup in place.
"$bin" --db "$db" restore "$work/b.db" >"$work/out" 2>"$work/err" || failed "restore: $(cat "$work/err")"
kept=$(ls "$db".replaced-* 2>/dev/null | grep -v -- '-wal$\|-shm$' | head -n 1)
[ -n "$kept" ] && grep -q "$kept" "$work/out" || failed "restore names the file it kept"
[ "$(stat -c %a "$db")" = 600 ] || failed "the restored database is private"
[ ! -e "$db-wal" ] || failed "a -wal beside the restored database"
[ "$(session_state)" = "|0|0" ] || failed "the restored database holds the backed-up session"
"$bin" --db "$db" restore "$work/none.db" 2>/dev/null && failed "restore of a missing file"

# A FIFO and a device node: refused, left as they were, no lock file beside them.
mkfifo -m 644 "$work/fifo.db"
timeout 20 "$bin" --db "$work/fifo.db" --windowed 2>"$work/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "not a regular file" "$work/err" || failed "a FIFO as --db: exit $rc"
[ -p "$work/fifo.db" ] && [ "$(stat -c %a "$work/fifo.db")" = 644 ] || failed "the FIFO changed"
[ ! -e "$work/fifo.db.lock" ] || failed "a lock file beside the FIFO"
null_mode=$(stat -c %a /dev/null)
for args in "--windowed" "export" "backup --out $work/null-backup.db"; do
    # shellcheck disable=SC2086
    timeout 20 "$bin" --db /dev/null $args >/dev/null 2>"$work/err"
    rc=$?
    [ "$rc" -eq 1 ] || failed "/dev/null as --db ($args): exit $rc"
done
[ "$(stat -c %a /dev/null)" = "$null_mode" ] && [ -c /dev/null ] || failed "/dev/null changed"
[ ! -e /dev/null.lock ] && [ ! -e /dev/null-wal ] || failed "files made beside /dev/null"
exit $fail
