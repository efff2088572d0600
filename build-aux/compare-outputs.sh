#!/bin/sh
# The regression check of a change that should not change behaviour
# (issue 18): every shipped design's sweep, summary, compare and
# render SVG, and the measured-runs report, from two builds of
# dmlimits-cli, byte for byte.
#   build-aux/compare-outputs.sh OLD/dmlimits-cli NEW/dmlimits-cli
# Prints each output that differs; exits 1 if any does.
set -u
old="$1"
new="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
status=0

check () {
  label="$1"
  shift
  "$old" "$@" > "$scratch/old" 2>&1
  "$new" "$@" > "$scratch/new" 2>&1
  if ! cmp -s "$scratch/old" "$scratch/new"; then
    echo "differs: $label"
    status=1
  fi
}

check_render () {
  label="$1"
  design="$2"
  "$old" render "$design" -o "$scratch/old.svg" --size 800x450 > "$scratch/old" 2>&1
  "$new" render "$design" -o "$scratch/new.svg" --size 800x450 > "$scratch/new" 2>&1
  if ! cmp -s "$scratch/old" "$scratch/new" || ! cmp -s "$scratch/old.svg" "$scratch/new.svg"; then
    echo "differs: $label"
    status=1
  fi
}

for design in "$root"/data/designs/*.json; do
  id="$(basename "$design" .json)"
  check "sweep csv $id" sweep "$design" --format csv
  check "sweep json $id" sweep "$design" --format json
  check "summary $id" summary "$design" --format json
  check "compare $id" compare paper-baseline "$design" --format csv
  check_render "render svg $id" "$design"
done
check "runs csv" runs "$root/data/runs/measured-runs.csv" --format csv
check "runs json" runs "$root/data/runs/measured-runs.csv" --format json

[ "$status" -eq 0 ] && echo "every output byte-identical"
exit "$status"
