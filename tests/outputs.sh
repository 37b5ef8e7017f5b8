#!/usr/bin/env bash
# Every file export, report and backup write, through the real binary: the
# database (and its -wal, -shm, -journal, .lock) is never replaced however its name
# is spelt; only a new name or a regular file is replaced, and of databases
# only a backup, by a backup; the temporary file
# is private to each writer; a name too long is refused, never cut short;
# standard output streams; CSV is safe in a spreadsheet and JSON always
# parses; a sound database in a read-only folder can be exported.
#   outputs.sh MAKE_HISTORY GMI_TRAINER WORKDIR
set -u
make_history=$1 bin=$2 work=$3
src=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$work" && mkdir -p "$work"
work=$(cd "$work" && pwd)
cd "$work" || exit 1
fail=0
say() { echo "FAIL: $*"; fail=1; }
db=$work/history.db
"$make_history" "$db" 2026-11-21 || { echo "FAIL: make_history"; exit 1; }
sum() { sha256sum "$1" | cut -d' ' -f1; }
before=$(sum "$db")
cp "$db" "$work/pristine.db"
# Puts the database back after a failure, so the checks after it still count.
restore() { [ "$(sum "$db")" = "$before" ] || cp "$work/pristine.db" "$db"; }

# The database under every spelling: exit 1, a clear message, nothing changed.
refused_db() { # what, --out value, other options...
    local what=$1 out=$2
    shift 2
    (cd "$work" && "$bin" --db "$db" "$@" --out "$out") >"$work/stdout" 2>"$work/err"
    local rc=$?
    [ "$rc" -eq 1 ] || say "$what: exit $rc, want 1"
    grep -q "is the trainer's database" "$work/err" || { say "$what: message"; cat "$work/err"; }
    [ "$(sum "$db")" = "$before" ] || { say "$what: the database changed"; restore; }
    [ ! -e "$db-wal" ] || say "$what: left a -wal file"
    [ ! -e "$db-shm" ] || say "$what: left a -shm file"
    [ ! -e "$db-journal" ] || say "$what: wrote a -journal file"
    # So that each check starts alike after a failure.
    rm -f "$db-wal" "$db-shm" "$db-journal"
}
mkdir -p "$work/sub"
ln -s "$work" "$work/folder-link"
ln -s history.db "$work/db-link"
ln "$db" "$work/hard-link.db"
for args in "report" "export" "export --format json" "backup"; do
    # shellcheck disable=SC2086
    {
        refused_db "$args: same name" history.db $args
        refused_db "$args: ./" ./history.db $args
        refused_db "$args: .." sub/../history.db $args
        refused_db "$args: absolute" "$db" $args
        refused_db "$args: folder link" folder-link/history.db $args
        refused_db "$args: link to it" db-link $args
        refused_db "$args: hard link" hard-link.db $args
        refused_db "$args: -wal" history.db-wal $args
        refused_db "$args: -shm" ./history.db-shm $args
        refused_db "$args: -journal" sub/../history.db-journal $args
        refused_db "$args: .lock" history.db.lock $args
    }
done
# A copy the trainer kept (a damaged or replaced database) or a backup is not
# replaced by a text either.
kept=$db.damaged-20261129-120000
cp "$work/pristine.db" "$kept"
for args in "export" "export --format json" "report"; do
    # shellcheck disable=SC2086
    "$bin" --db "$db" $args --out "$kept" >/dev/null 2>"$work/err"
    [ $? -eq 1 ] && grep -q "is a database" "$work/err" || say "$args over a kept database"
    cmp -s "$kept" "$work/pristine.db" || { say "$args replaced a kept database"; cp "$work/pristine.db" "$kept"; }
done
# A backup replaces a backup and no other database: not a copy the trainer
# kept, not another trainer's working database, not another program's.
"$bin" --db "$db" backup --out "$work/old-backup.db" || say "backup to a new name"
"$bin" --db "$db" backup --out "$work/old-backup.db" || say "backup over a backup"
cp "$work/pristine.db" "$work/other-trainer.db"
{ printf 'SQLite format 3\0'; head -c 4080 /dev/zero; } >"$work/other-program.db"
for target in "$kept" "$work/other-trainer.db" "$work/other-program.db"; do
    cp "$target" "$work/before-backup"
    "$bin" --db "$db" backup --out "$target" >/dev/null 2>"$work/err"
    [ $? -eq 1 ] && grep -q "not a backup" "$work/err" || say "backup over ${target##*/}: not refused"
    cmp -s "$target" "$work/before-backup" || say "backup replaced ${target##*/}"
done
rm -f "$kept" "$work/old-backup.db" "$work/other-trainer.db" "$work/other-program.db"
# (A backup notes its time in the database.)
restore
# The database opened through a link: its real name is protected too.
(cd "$work" && "$bin" --db db-link export --out history.db) 2>"$work/err"
[ $? -eq 1 ] && [ "$(sum "$db")" = "$before" ] || { say "--db a link: the real file replaced"; restore; }
# Appended to through standard output.
"$bin" --db "$db" export >>"$db" 2>"$work/err"
[ $? -eq 1 ] && [ "$(sum "$db")" = "$before" ] || { say "standard output onto the database"; restore; }
rm "$work/hard-link.db"

# Standard output streams: without --out, or with --out -.
"$bin" --db "$db" export >"$work/stream.csv" || say "export to standard output"
"$bin" --db "$db" export --out - >"$work/dash.csv" || say "export --out -"
cmp -s "$work/stream.csv" "$work/dash.csv" || say "--out - differs from no --out"
[ ! -e "$work/-" ] || say "--out - made a file called -"
"$bin" --db "$db" report --out - >"$work/stream.html" || say "report --out -"
grep -q '</html>' "$work/stream.html" || say "report to standard output is whole"
# Reading leaves nothing beside the database (SQLite's -wal and -shm go again).
[ ! -e "$db-wal" ] && [ ! -e "$db-shm" ] || say "export or report left a -wal or -shm file"
[ "$(sum "$db")" = "$before" ] || { say "export or report changed the database"; restore; }

# Only a regular file or a new name is replaced.
mkfifo "$work/fifo"
ln -s "$work/stream.csv" "$work/link.csv"
# A device: as root a null device of the test's own (a trainer that
# replaced it must not take the system's /dev/null with it); others cannot
# replace /dev/null anyway.
device=/dev/null
[ "$(id -u)" -ne 0 ] || { mknod -m 666 "$work/null" c 1 3 && device=$work/null; }
for out in "$work/fifo" "$work/sub" "$work/sub/" "$work/link.csv" "$device"; do
    for command in export report backup; do
        "$bin" --db "$db" $command --out "$out" 2>"$work/err"
        [ $? -eq 1 ] || say "$command $out: not refused"
        [ -s "$work/err" ] || say "$command $out: no message"
    done
done
[ -p "$work/fifo" ] || say "the pipe was replaced"
[ -c "$device" ] || say "the device $device was replaced"
[ -L "$work/link.csv" ] && cmp -s "$work/stream.csv" "$work/link.csv" || say "the link changed"
"$bin" --db "$db" export --out "$work/new.csv" || say "export to a new name"
cmp -s "$work/new.csv" "$work/stream.csv" || say "the file differs from standard output"
[ "$(stat -c %a "$work/new.csv")" = 600 ] || say "the export is not 0600"
echo old >"$work/new.csv"
chmod 644 "$work/new.csv"
"$bin" --db "$db" export --out "$work/new.csv" || say "export over a regular file"
cmp -s "$work/new.csv" "$work/stream.csv" || say "the regular file was not replaced"
[ "$(stat -c %a "$work/new.csv")" = 600 ] || say "the replaced export is not 0600"

# A link planted at the old temporary name is not followed.
echo "someone else's file" >"$work/victim"
chmod 644 "$work/victim"
ln -s "$work/victim" "$work/planted.csv.part"
"$bin" --db "$db" export --out "$work/planted.csv" || say "export beside a planted link"
[ "$(cat "$work/victim")" = "someone else's file" ] || say "the planted link was followed"
[ "$(stat -c %a "$work/victim")" = 644 ] || say "the victim's mode changed"
[ -L "$work/planted.csv.part" ] || say "the planted link was removed"
cmp -s "$work/planted.csv" "$work/stream.csv" || say "the export beside the link"
leftover=$(find "$work" -name '*.part-*' | head -n 1)
[ -z "$leftover" ] || say "a temporary file was left: $leftover"

# Each file is made exclusively, never through a link, readable by the user
# only, flushed to disk before it is renamed into place, and its folder is
# flushed after: as the system calls show.
if command -v strace >/dev/null && command -v python3 >/dev/null; then
    for command in export report backup; do
        # LeakSanitizer (in the sanitizer build) cannot run under a tracer.
        ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
            strace -f -o "$work/trace" -e trace=openat,fsync,fdatasync,rename,renameat,renameat2 \
            "$bin" --db "$db" $command --out "$work/traced" >/dev/null 2>"$work/err" ||
            say "$command under strace: $(cat "$work/err")"
        python3 - "$work/trace" "$work/traced" "$work" <<'EOF' || say "$command: how the file was written"
import re, sys
lines = open(sys.argv[1]).read().splitlines()
target, folder = sys.argv[2], sys.argv[3]
opens = [(i, m) for i, l in enumerate(lines)
         for m in [re.search(r'openat\(AT_FDCWD, "([^"]*)", ([A-Z_|]+)(?:, (\d+))?\) = (\d+)', l)] if m]
made = [(i, m) for i, m in opens if re.fullmatch(re.escape(target) + r'\.part-\w{6}', m.group(1))]
assert made, 'no temporary file'
i, m = made[0]
temp, flags, fd = m.group(1), set(m.group(2).split('|')), m.group(4)
assert {'O_CREAT', 'O_EXCL', 'O_NOFOLLOW'} <= flags and m.group(3) == '0600', m.group(0)
renamed = [k for k, l in enumerate(lines) if 'rename' in l and f'"{temp}", "{target}") = 0' in l]
assert len(renamed) == 1 and renamed[0] > i, 'not renamed into place'
r = renamed[0]
reused = [k for k, n in opens if i < k < r and n.group(4) == fd]
end = reused[0] if reused else r
assert any(re.search(rf'(fsync|fdatasync)\({fd}\) += 0', l) for l in lines[i:end]), 'not flushed before the rename'
dirs = [(k, n.group(4)) for k, n in opens if k > r and n.group(1) == folder and 'O_DIRECTORY' in n.group(2)]
assert dirs, 'the folder was not opened after the rename'
assert any(re.search(rf'fsync\({dirs[0][1]}\) += 0', l) for l in lines[dirs[0][0]:]), 'folder not flushed'
EOF
        rm -f "$work/traced"
    done
else
    echo "strace or python3 is missing: how the files are written was not traced"
fi

# Two exports to one name at once: each exits 0, the file is one of them, whole.
"$bin" --db "$db" export --format json >"$work/stream.json"
for i in 1 2 3 4 5 6 7 8; do
    "$bin" --db "$db" export --out "$work/both" &
    a=$!
    "$bin" --db "$db" export --format json --out "$work/both" &
    b=$!
    wait $a || say "concurrent CSV export $i failed"
    wait $b || say "concurrent JSON export $i failed"
    cmp -s "$work/both" "$work/stream.csv" || cmp -s "$work/both" "$work/stream.json" ||
        { say "concurrent exports $i: the file is neither whole export"; break; }
done

# A name too long for the temporary suffix is refused; nothing else touched.
long=$work
while [ ${#long} -lt 4070 ]; do long=$long/.; done
long=$long/$(printf 'x%.0s' $(seq $((4091 - ${#long} - 1))))
echo "keep me" >"$long.par"
echo "keep me too" >"$long"
"$bin" --db "$db" export --out "$long" 2>"$work/err"
[ $? -eq 1 ] || say "a 4091-byte --out was not refused"
[ "$(cat "$long.par")" = "keep me" ] || say "a file beside the long name was changed"
[ "$(cat "$long")" = "keep me too" ] || say "the long name was replaced"
name=$(printf 'n%.0s' $(seq 250))
(cd "$work" && "$bin" --db "$db" export --out "$name") 2>"$work/err"
[ $? -eq 1 ] && grep -q 'too long' "$work/err" || say "a 250-byte file name was not refused"

# A resource folder whose file names would not fit is refused, not cut short.
res=$work
while [ ${#res} -lt 4088 ]; do res=$res/.; done
GMI_RESOURCE_DIR=$res "$bin" --db "$db" report --out "$work/r.html" 2>"$work/err"
[ $? -eq 1 ] && grep -q 'too long' "$work/err" || say "a resource folder too long"

# Hostile names in a database from an older version (invalid UTF-8 could be
# stored before it was refused at entry): JSON parses, CSV is spreadsheet-safe.
hostile=$work/hostile.db
cp "$db" "$hostile"
if command -v python3 >/dev/null; then
    python3 - "$hostile" <<'EOF' || say "could not write the hostile names"
import sqlite3, sys, uuid
db = sqlite3.connect(sys.argv[1])
names = [b'=HYPERLINK("http://x","y")', b'+1', b'-2+3', b'@SUM(A1)', b'\tTab', b'\rCR',
         b'Bad \xff\xfe UTF-8', b'Cut \xe2\x82', b'Quote " and\nnewline, comma']
sessions = db.execute("SELECT id FROM sessions ORDER BY id LIMIT ?", (len(names),)).fetchall()
for i, (name, (sid,)) in enumerate(zip(names, sessions)):
    cur = db.execute("INSERT INTO profiles (name, created_at, notes, uuid) VALUES (CAST(? AS TEXT), "
                     "'2026-01-01T00:00:00+00:00', CAST(? AS TEXT), ?)", (name, name, str(uuid.uuid4())))
    db.execute("UPDATE sessions SET profile_id = ? WHERE id = ?", (cur.lastrowid, sid))
db.commit()
EOF
    for what in trials sessions; do
        "$bin" --db "$hostile" export --what $what --format json --out "$work/$what.json" ||
            say "hostile JSON export of $what"
        python3 -m json.tool "$work/$what.json" >/dev/null || say "the $what JSON does not parse"
        "$bin" --db "$hostile" export --what $what --out "$work/$what.csv" ||
            say "hostile CSV export of $what"
        python3 - "$work/$what.csv" <<'EOF' || say "the $what CSV is not spreadsheet-safe"
import csv, io, sys
text = open(sys.argv[1], 'rb').read().decode('utf-8')   # fails on invalid UTF-8
rows = list(csv.reader(io.StringIO(text, newline='')))
names = {r[0] for r in rows[1:]}
assert "'=HYPERLINK(\"http://x\",\"y\")" in names, names
assert "'@SUM(A1)" in names and "'+1" in names and "'-2+3" in names, names
assert "'\tTab" in names and "'\rCR" in names, names
assert 'Bad \ufffd\ufffd UTF-8' in names, names
assert any(n.startswith('Cut \ufffd') and set(n[4:]) == {'\ufffd'} for n in names), names
assert 'Quote " and\nnewline, comma' in names, names
for r in rows:
    assert len(r) == len(rows[0]), r
    for field in r:
        assert field[:1] not in ('=', '+', '-', '@', '\t', '\r') or field.lstrip('-')[:1].isdigit(), field
EOF
    done
else
    echo "python3 is not installed: the hostile exports were not parsed"
fi

# A sound database in a folder that cannot be written: export and report
# work and write nothing there. As root, permission bits do not stop writes:
# the folder is bind-mounted read-only in a private mount namespace, or else
# the commands run as the user nobody in a folder without write permission
# (GMI_TEST_READ_ONLY=chmod, mount or nobody picks one by hand).
ro=$work/readonly out=$work/readonly-out
mkdir -p "$ro" "$out"
"$make_history" "$ro/h.db" 2026-11-21 || say "make_history in the read-only folder"
ro_before=$(sum "$ro/h.db")
resources=${GMI_RESOURCE_DIR:-$src}
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
how=${GMI_TEST_READ_ONLY:-}
if [ -n "$how" ]; then
    :
elif [ "$(id -u)" -ne 0 ]; then
    how=chmod
elif unshare -m sh -c 'mount --bind -o ro "$0" "$0" && ! touch "$0/probe"' "$ro" 2>/dev/null; then
    how=mount
elif command -v setpriv >/dev/null && as_nobody "$bin" --version >/dev/null 2>&1 &&
    as_nobody test -r "$resources/data/norms.csv"; then
    how=nobody
fi
[ "$how" != nobody ] || { chown -R 65534:65534 "$ro" "$out" && chmod 555 "$ro"; }
read_only() { # command...: runs it with $ro unwritable
    case $how in
    chmod)
        chmod a-w "$ro" && "$@"
        local rc=$?
        chmod u+w "$ro"
        return $rc
        ;;
    mount) unshare -m sh -c 'mount --bind -o ro "$0" "$0" && exec "$@"' "$ro" "$@" ;;
    nobody) as_nobody "$@" ;;
    esac
}
if [ -n "$how" ]; then
    echo "read-only folder: $how"
    read_only "$bin" --db "$ro/h.db" export --out "$out/ro.csv" 2>"$work/err" ||
        { say "export from a read-only folder"; cat "$work/err"; }
    read_only "$bin" --db "$ro/h.db" report --from 2026-10-01 --to 2026-11-21 \
        --out "$out/ro.html" 2>"$work/err" || { say "report from a read-only folder"; cat "$work/err"; }
    grep -q 'Alex Morgan' "$out/ro.html" 2>/dev/null || say "the read-only report"
    [ "$(sum "$ro/h.db")" = "$ro_before" ] || say "the read-only database changed"
    [ "$(ls "$ro")" = h.db ] || say "files were made in the read-only folder: $(ls "$ro")"
    # Changes waiting in a -wal file cannot be read there: a clear message.
    echo "not empty" >"$ro/h.db-wal"
    read_only "$bin" --db "$ro/h.db" export --out "$out/ro2.csv" 2>"$work/err"
    [ $? -eq 1 ] && grep -q 'folder cannot be written' "$work/err" || say "pending -wal message"
    rm "$ro/h.db-wal"
    # A database that needs an update is not updated when only read.
    if command -v python3 >/dev/null; then
        python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 1"); c.commit()' "$ro/h.db"
        read_only "$bin" --db "$ro/h.db" export --out "$out/ro3.csv" 2>"$work/err"
        [ $? -eq 1 ] && grep -q 'needs an update' "$work/err" || say "older database message"
    fi
else
    echo "cannot make a read-only folder here (root without mount namespaces, and the user" \
        "nobody cannot run the trainer): the read-only export was not checked"
fi
exit $fail
