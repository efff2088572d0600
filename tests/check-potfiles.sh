#!/bin/sh
# Every source file with translatable strings is in po/POTFILES.in, and
# the list is sorted.
set -eu
top="$1"
cd "$top"
status=0

for f in $(find app widgets model data -name '*.c' -o -name '*.ui' -o -name '*.in' | sort); do
  if grep -qE '(^|[^A-Za-z0-9_])(_|N_|C_|g_dngettext|g_dgettext)[[:space:]]*\(|translatable="yes"' "$f"; then
    if ! grep -qxF "$f" po/POTFILES.in; then
      echo "not ok: $f has translatable strings but is not in po/POTFILES.in"
      status=1
    fi
  fi
done

if ! LC_ALL=C sort -c po/POTFILES.in 2>/dev/null; then
  echo "not ok: po/POTFILES.in is not sorted"
  status=1
fi

for f in $(cat po/POTFILES.in); do
  if [ ! -f "$f" ]; then
    echo "not ok: po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done

exit $status
