#!/usr/bin/env bash
# A full data folder: runs the e2e "full" scenario on a 512 KiB tmpfs of its
# own. Mounting needs root; elsewhere the test says so and is skipped.
set -u
e2e=$1 mnt=$2
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=512k,mode=0700 gmi-full "$mnt" 2>/dev/null; then
    echo "cannot mount a small file system here (needs root): skipped"
    exit 77
fi
"$e2e" full "$mnt"
status=$?
umount "$mnt"
exit $status
