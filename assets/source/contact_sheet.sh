#!/bin/sh
# Contact sheets on a light neutral background.
#   contact_sheet.sh [repo-root]        every hand and foot picture with its id,
#                                       level and view kind (own / other)
#   contact_sheet.sh [repo-root] pictures LIMB
#                                       the pictures of one catalogue limb (knee,
#                                       neck, ...) in docs/contact-sheet-LIMB.jpg
#   contact_sheet.sh [repo-root] loops  every movement loop: one row per exercise
#                                       with every 2nd to 4th frame
set -eu
root=${1:-$(dirname "$0")/../..}
mode=${2:-pictures}
only=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bg='#e8e6e1'

if [ "$mode" = loops ]; then
    out="$root/docs/contact-sheet-loops.jpg"
    # one row per catalogue row; exercises whose frames are missing are skipped
    tail -n +2 "$root/data/exercises.csv" | while IFS=, read -r id limb title frames cycle_ms instruction; do
        [ -f "$root/assets/loops/$id/00.png" ] || continue
        # about a dozen frames a row: every 2nd, 3rd or 4th
        step=$(((frames + 11) / 12))
        [ "$step" -lt 2 ] && step=2
        [ "$step" -gt 4 ] && step=4
        k=0
        while [ "$k" -lt "$frames" ]; do
            f=$(printf '%02d' "$k")
            convert "$root/assets/loops/$id/$f.png" -resize 110x110 -background "$bg" \
                -gravity center -extent 114x110 -gravity south -fill '#555555' \
                -font DejaVu-Sans -pointsize 9 -splice 0x12 -annotate +0+1 "$f" \
                "$tmp/$id-$f.png"
            k=$((k + step))
        done
        convert -size 190x122 xc:"$bg" -fill '#333333' -font DejaVu-Sans -pointsize 12 \
            -gravity west -annotate +6-10 "$id" -pointsize 10 -fill '#555555' \
            -annotate +6+8 "$frames frames, $cycle_ms ms" "$tmp/$id-label.png"
        convert "$tmp/$id-label.png" "$tmp/$id"-[0-9]*.png +append -background "$bg" \
            "$tmp/row-$id.png"
        printf '%s\n' "$tmp/row-$id.png" >>"$tmp/rows"
    done
    # shellcheck disable=SC2046
    convert $(cat "$tmp/rows") -background "$bg" -gravity northwest -splice 0x4 -append \
        -quality 80 "$out"
    echo "contact sheet: $out"
    exit 0
fi

cat="$root/data/catalogue.csv"
out="$root/docs/contact-sheet${only:+-$only}.jpg"
# one labelled tile per catalogue row of the limbs asked for, in catalogue order
# (rows whose picture is missing, e.g. in a partial preview, are skipped)
tail -n +2 "$cat" | while IFS=, read -r id file limb view posture object skin shape level rotations kind light; do
    [ -f "$root/assets/$file" ] || continue
    case "${only:-hand foot}" in
    *"$limb"*) ;;
    *) continue ;;
    esac
    printf '%s\n' "$root/assets/$file" >>"$tmp/files"
    printf '%s  L%s %s\n' "$id" "$level" "$kind" >>"$tmp/labels"
done
n=0
while read -r f && read -r label <&3; do
    n=$((n + 1))
    convert "$f" -resize 220x220 -background "$bg" -gravity center -extent 230x220 \
        -gravity south -background "$bg" -fill '#333333' -font DejaVu-Sans -pointsize 9 \
        -splice 0x16 -annotate +0+2 "$label" "$tmp/$(printf '%04d' $n).png"
done <"$tmp/files" 3<"$tmp/labels"
montage "$tmp"/0*.png -tile 11x -geometry +4+4 -background "$bg" -quality 85 "$out"
rm -f "$root/docs/contact-sheet.png"
echo "contact sheet: $out"
