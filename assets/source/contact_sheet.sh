#!/bin/sh
# Contact sheet of the whole picture library: every picture with its id and
# level, on a light neutral background.  Usage: contact_sheet.sh [repo-root]
set -eu
root=${1:-$(dirname "$0")/../..}
cat="$root/data/catalogue.csv"
out="$root/docs/contact-sheet.jpg"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# one labelled tile per catalogue row, in catalogue order
# (rows whose picture is missing, e.g. in a partial preview, are skipped)
tail -n +2 "$cat" | while IFS=, read -r id file limb view posture object skin shape level rotations; do
    [ -f "$root/assets/$file" ] || continue
    printf '%s\n' "$root/assets/$file" >>"$tmp/files"
    printf '%s  L%s\n' "$id" "$level" >>"$tmp/labels"
done
n=0
while read -r f && read -r label <&3; do
    n=$((n + 1))
    convert "$f" -resize 220x220 -background "#e8e6e1" -gravity center -extent 230x220 \
        -gravity south -background '#e8e6e1' -fill '#333333' -font DejaVu-Sans -pointsize 9 \
        -splice 0x16 -annotate +0+2 "$label" "$tmp/$(printf '%04d' $n).png"
done <"$tmp/files" 3<"$tmp/labels"
montage "$tmp"/0*.png -tile 11x -geometry +4+4 -background '#e8e6e1' -quality 85 "$out"
rm -f "$root/docs/contact-sheet.png"
echo "contact sheet: $out"
