#!/usr/bin/env bash
# Screenshots of the report for the README: docs/report-1280.png and docs/report-390.png, the
# top 2000 px of the report of the bundled PDF editions at a desktop and a phone width. Run by
# hand after a change to the report's templates or CSS (tests never write into the tree).
# Needs Chromium (chromium, chromium-browser or google-chrome) and CJK fonts (fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
browser=""
for b in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$b" >/dev/null; then browser="$b"; break; fi
done
[ -n "$browser" ] || { echo "no Chromium on PATH" >&2; exit 1; }
cargo build --release --locked --quiet
bin="${CARGO_TARGET_DIR:-target}/release/kouteihyo"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$bin" report fixtures/editions/*/followup.pdf -o "$tmp/report.html"
mkdir -p docs
for w in 1280 390; do
  "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$tmp/profile-$w" --window-size="$w,2000" \
    --screenshot="$PWD/docs/report-$w.png" "file://$tmp/report.html" 2>/dev/null
  echo "wrote docs/report-$w.png"
done
