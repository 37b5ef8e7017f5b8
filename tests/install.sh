#!/usr/bin/env bash
# The installed trainer, away from the source and build folders.
#
#   install.sh tree BUILD_DIR SOURCE_DIR VERSION APP_ID
#       cmake --install into a temporary prefix, then moves the whole prefix
#       elsewhere and checks it there (a relocated installation).
#   install.sh deb BUILD_DIR SOURCE_DIR VERSION APP_ID
#       cpack -G DEB, apt-get install of the package, the same checks on
#       /usr, then apt-get purge: no file of the package may be left. Needs
#       root and apt; skipped (exit 77) otherwise, or when the package or any
#       of its files is already on the machine.
#
# The checks: --version; a headless three-picture drill run from a temporary
# folder under strace, which must read the pictures from the installation and
# touch nothing in the source or build folder; the desktop entry
# (desktop-file-validate), the AppStream metainfo (appstreamcli validate
# --no-net) and its release; the icon sizes; a manual page naming every
# command and option of --help.
set -u
mode=$1 build=$2 src=$3 version=$4 app_id=$5
fail=0
failed() { echo "FAIL: $*"; fail=1; }
skip() { echo "skipped: $*"; exit 77; }

for tool in strace desktop-file-validate appstreamcli groff file; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done

work=$(mktemp -d /tmp/gmi-install.XXXXXX)
installed_by_us=0
cleanup() {
    if [ "$installed_by_us" -eq 1 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 purge -y -q \
            gmi-trainer >/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The values of the CSV column named $1 on standard input (no quoted commas).
column_of() {
    awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
                          c { print $c }'
}

# A drill of three pictures that all time out, then SIGTERM (as when the
# tablet shuts down) once the session has ended; what it stored is read back
# with the installed binary's export.
check_drill() { # prefix
    local bin=$1/bin/gmi-trainer run=$work/run
    mkdir -p "$run/home"
    (
        cd "$run" || exit 1
        unset GMI_RESOURCE_DIR
        export HOME=$run/home XDG_DATA_HOME=$run/home/.local/share SDL_VIDEODRIVER=dummy \
            SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
        # -ff: one file per thread, so no call is split over two lines.
        strace -ff -qq -s 4096 -e trace=%file -o "$run/trace" \
            sh -c 'echo $$ >"$0"; exec "$@"' "$run/pid" \
            "$bin" --db "$run/drill.db" --windowed drill --count 3 --time-limit 0.2 \
            --feedback off --seed 5 &
        tracer=$!
        ended=
        for _ in $(seq 1 300); do
            ended=$("$bin" --db "$run/drill.db" export --what sessions 2>/dev/null |
                column_of ended_at)
            [ -n "$ended" ] && break
            sleep 0.2
        done
        [ -s "$run/pid" ] && kill -TERM "$(cat "$run/pid")"
        wait "$tracer"
        status=$?
        cat "$run"/trace.* >"$run/trace"
        [ -n "$ended" ] || { echo "FAIL: the drill did not end within a minute"; exit 1; }
        [ "$status" -eq 0 ] || { echo "FAIL: the drill exited with $status"; exit 1; }
    ) || fail=1
    "$bin" --db "$run/drill.db" export --what sessions >"$run/sessions.csv" ||
        failed "export of sessions"
    local session
    session=$(for c in mode planned_count pictures stopped_early; do
        column_of "$c" <"$run/sessions.csv"; done | paste -sd' ')
    [ "$session" = "drill 3 3 0" ] ||
        { failed "the stored session: $session"; cat "$run/sessions.csv"; }
    "$bin" --db "$run/drill.db" export >"$run/trials.csv" || failed "export of trials"
    local ids
    ids=$(cut -d, -f1 "$1/share/gmi-trainer/data/catalogue.csv")
    [ "$(tail -n +2 "$run/trials.csv" | wc -l)" -eq 3 ] || failed "3 trials stored"
    for image in $(column_of image <"$run/trials.csv"); do
        grep -qx "$image" <<<"$ids" || failed "trial picture $image is not in the catalogue"
    done
    # The pictures, catalogue and fonts came from the installation...
    local real
    real=$(cd "$1" && pwd -P)
    for file in 'assets/pictures/[^"]*\.png' data/catalogue.csv assets/fonts/DejaVuSans.ttf; do
        grep -Eq "\"$real/bin/\.\./share/gmi-trainer/$file\", O_RDONLY[^)]*\) = [0-9]" \
            "$run/trace" || failed "the installed $file was not read"
    done
    # ...and nothing in the source or build folder was looked at.
    if grep -F -e "$src" -e "$build" "$run/trace"; then
        failed "the installed trainer touched the source or build folder"
    fi
}

check_files() { # prefix
    local prefix=$1 out
    out=$("$prefix/bin/gmi-trainer" --version) || failed "--version"
    [ "$out" = "gmi-trainer $version" ] || failed "--version says '$out'"
    desktop-file-validate "$prefix/share/applications/$app_id.desktop" || failed "desktop entry"
    local metainfo=$prefix/share/metainfo/$app_id.metainfo.xml
    appstreamcli validate --no-net "$metainfo" >"$work/appstream" ||
        { failed "metainfo"; cat "$work/appstream"; }
    grep -q "<release version=\"$version\"" "$metainfo" ||
        failed "the metainfo has no release $version"
    for size in 16 24 32 48 64 128 256 512; do
        file "$prefix/share/icons/hicolor/${size}x$size/apps/gmi-trainer.png" |
            grep -q "PNG image data, $size x $size," || failed "icon ${size}x$size"
    done
    [ -s "$prefix/share/icons/hicolor/scalable/apps/gmi-trainer.svg" ] || failed "scalable icon"
    for doc in fonts/LICENSE pictures/CREDITS.md touch/CREDITS.md; do
        [ -s "$prefix/share/doc/gmi-trainer/$doc" ] || failed "credits: $doc"
    done
    # Every picture the installed touch ladder names, and no SVG source.
    local share=$prefix/share/gmi-trainer icon
    for icon in $(tail -n +2 "$share/data/touch-ladder.csv" | cut -d, -f7 | sort -u); do
        [ -s "$share/assets/touch/$icon" ] || failed "touch picture $icon"
    done
    if [ -e "$share/assets/touch/source" ]; then failed "the SVG sources were installed"; fi
    # The manual: every command and option of --help.
    local man
    man=$(LC_ALL=C groff -man -Tascii -P-cbou -ww "$prefix/share/man/man1/gmi-trainer.1" 2>&1)
    "$prefix/bin/gmi-trainer" --help >"$work/help"
    for word in $(grep -oE -- '--[a-z-]+' "$work/help") \
                $(awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 }
                       on && /^  [a-z]/ { print $1 }' "$work/help"); do
        grep -qF -- "$word" <<<"$man" || failed "the manual lacks $word"
    done
    grep -qi warning <<<"$man" && failed "the manual: $(grep -i warning <<<"$man")"
}

case $mode in
tree)
    cmake --install "$build" --prefix "$work/first" >/dev/null || failed "cmake --install"
    mv "$work/first" "$work/moved"
    check_files "$work/moved"
    check_drill "$work/moved"
    ;;
deb)
    [ "$(id -u)" -eq 0 ] || skip "installing a package needs root"
    command -v apt-get >/dev/null && command -v dpkg-query >/dev/null || skip "no apt here"
    command -v dpkg-shlibdeps >/dev/null || skip "dpkg-shlibdeps (dpkg-dev) is not installed"
    # One package test on the machine at a time.
    exec 9>/tmp/gmi-trainer-package-test.lock
    flock -w 600 9 || skip "another package test holds the lock"
    dpkg-query -W -f='${db:Status-Status}' gmi-trainer 2>/dev/null | grep -q '^installed$' &&
        skip "gmi-trainer is installed on this machine; not touching it"
    cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/package" >"$work/cpack.log" 2>&1 ||
        { cat "$work/cpack.log"; failed "cpack"; exit 1; }
    deb=("$work"/package/gmi-trainer_"$version"_*.deb)
    [ -f "${deb[0]}" ] || { failed "no package file"; exit 1; }
    # Dependencies computed from the libraries the binary links.
    depends=$(dpkg-deb -f "${deb[0]}" Depends)
    echo "Depends: $depends"
    for lib in libsdl2-2.0-0 libsdl2-image libsdl2-ttf libsqlite3 libsodium libc6; do
        grep -q "$lib" <<<"$depends" || failed "Depends lacks $lib"
    done
    # What the package holds, and which of those paths exist before it.
    dpkg-deb --fsys-tarfile "${deb[0]}" | tar -t | sed 's|^\./|/|; s|/$||' | grep . |
        sort >"$work/paths"
    exists() { while read -r p; do [ -e "$p" ] && echo "$p"; done <"$work/paths"; }
    exists >"$work/before"
    while read -r p; do
        [ -d "$p" ] || skip "$p is already on this machine; not touching it"
    done <"$work/before"
    # Nothing but the package itself may be installed (its dependencies are
    # the build's, already here).
    others=$(apt-get install -s "${deb[0]}" 2>/dev/null | awk '/^Inst / && $2 != "gmi-trainer"')
    [ -z "$others" ] || { failed "installing would add other packages: $others"; exit 1; }
    installed_by_us=1
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
        "${deb[0]}" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; failed "apt-get install"; exit 1; }
    [ "$(command -v gmi-trainer)" = /usr/bin/gmi-trainer ] || failed "gmi-trainer not on PATH"
    echo "installed: $(dpkg-query -W -f='${Package} ${Version} ${Installed-Size} KiB' gmi-trainer)"
    check_files /usr
    check_drill /usr
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 purge -y -q gmi-trainer \
        >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; failed "apt-get purge"; }
    installed_by_us=0
    dpkg-query -W -f='${db:Status-Status}' gmi-trainer 2>/dev/null | grep -q '^installed$' &&
        failed "still installed after purge"
    exists >"$work/after"
    diff "$work/before" "$work/after" >"$work/left" ||
        { failed "files left after purge:"; grep '^>' "$work/left"; }
    echo "$(wc -l <"$work/paths") paths installed and removed"
    ;;
*)
    echo "usage: install.sh tree|deb BUILD_DIR SOURCE_DIR VERSION APP_ID" >&2
    exit 2
    ;;
esac
exit $fail
