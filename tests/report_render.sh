#!/usr/bin/env bash
# The therapist's report end to end: a generated six-week history, the
# report command (read-only: the database is left byte for byte), a file
# readable by the user only that is well-formed XHTML, names the patient and
# escapes nothing wrongly, and renders in headless Chromium to a picture.
#   report_render.sh MAKE_HISTORY GMI_TRAINER WORKDIR
set -u
make_history=$1 bin=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail=0
check() { "$@" || { echo "FAIL: $*"; fail=1; }; }
db=$work/history.db
check "$make_history" "$db" 2026-11-21
sum=$(sha256sum "$db" | cut -d' ' -f1)
check "$bin" --db "$db" report --from 2026-10-01 --to 2026-11-21 --out "$work/report.html"
check test "$(sha256sum "$db" | cut -d' ' -f1)" = "$sum"
check test "$(stat -c %a "$work/report.html")" = 600
check test ! -e "$work/report.html.part"
check xmllint --noout "$work/report.html"
check grep -q 'Alex Morgan' "$work/report.html"
check grep -q 'Flare-up in week 3' "$work/report.html"
check grep -q '<svg' "$work/report.html"
if grep -Eq '<script|src=|href=|url\(|@import' "$work/report.html"; then
    echo "FAIL: the report loads something or runs a script"; fail=1
fi
# A report of someone who does not exist: exit 1, no file.
"$bin" --db "$db" --profile Nobody report --out "$work/none.html" 2>/dev/null
check test $? -eq 1
check test ! -e "$work/none.html"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "chromium is not installed: the rendering was not checked"
    exit $((fail ? 1 : 77))
fi
HOME=$work timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=900,1200 --screenshot="$work/report.png" "file://$work/report.html" \
    >/dev/null 2>&1
check test -s "$work/report.png"
size=$(stat -c %s "$work/report.png" 2>/dev/null || echo 0)
# A blank page compresses to a few kB; the charts and tables do not.
check test "$size" -gt 30000
exit $fail
