#!/usr/bin/env bash
# The trainer opens no network connection: a whole scripted drill and an
# export run under strace, and no Internet or packet socket may be created.
# (SDL's netlink socket for device hot-plug events talks to the kernel only.)
set -u
e2e=$1 app=$2 work=$3
mkdir -p "$work"
strace -f -qq -e trace=socket -o "$work/trace" "$e2e" keys "$work/e2e" || exit 1
strace -f -qq -e trace=socket -o "$work/trace-export" \
    "$app" --db "$work/e2e/keys/keys.db" export --out "$work/export.csv" || exit 1
if grep -hE 'AF_INET|AF_INET6|AF_PACKET' "$work/trace" "$work/trace-export"; then
    echo "FAIL: the trainer created a network socket"
    exit 1
fi
echo "no network sockets: $(grep -c . "$work/trace") traced lines checked"
