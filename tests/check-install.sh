#!/bin/sh
# meson install into a DESTDIR, then start what was installed: the CLI,
# in Japanese from the installed catalogue, and the app under Xvfb.
set -eu

build="$1"
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --no-rebuild --destdir "$dest" --quiet >/dev/null

bin=$(find "$dest" -path '*/bin/dmlimits' -type f)
cli=$(find "$dest" -path '*/bin/dmlimits-cli' -type f)
share="$(dirname "$(dirname "$bin")")/share"

for f in applications/io.github.dmlimits.DmLimits.desktop \
         metainfo/io.github.dmlimits.DmLimits.metainfo.xml \
         glib-2.0/schemas/io.github.dmlimits.DmLimits.gschema.xml \
         icons/hicolor/scalable/apps/io.github.dmlimits.DmLimits.svg \
         icons/hicolor/symbolic/apps/io.github.dmlimits.DmLimits-symbolic.svg \
         locale/ja/LC_MESSAGES/dmlimits.mo; do
  if [ ! -f "$share/$f" ]; then
    echo "not installed: $f"
    exit 1
  fi
done

# The CLI runs and speaks Japanese from the installed catalogue.
out=$(LC_ALL=ja_JP.UTF-8 LANGUAGE=ja DMLIMITS_LOCALEDIR="$share/locale" "$cli" summary)
case "$out" in
  *"プラトーの利用率"*) ;;
  *) echo "the installed CLI is not in Japanese:"; echo "$out"; exit 1 ;;
esac

# The app starts from its installed files and is still running 3 s later.
glib-compile-schemas "$share/glib-2.0/schemas"
log="$dest/app.log"
GSETTINGS_SCHEMA_DIR="$share/glib-2.0/schemas" XDG_DATA_DIRS="$share:/usr/share" \
  GSETTINGS_BACKEND=memory GTK_A11Y=none "$bin" >"$log" 2>&1 &
pid=$!
sleep 3
if ! kill -0 "$pid" 2>/dev/null; then
  echo "the installed app exited:"
  cat "$log"
  exit 1
fi
kill "$pid"
wait "$pid" 2>/dev/null || true
if grep -E "CRITICAL|ERROR" "$log"; then
  exit 1
fi

echo "installed and started: $bin"
