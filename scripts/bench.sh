#!/usr/bin/env bash
# Builds the release binary and prints the benchmark tables of scripts/bench.py (kouteihyo vs
# `pdftotext -layout` per producer, ms/page on 13/130/260 pages, a 32-file batch at -j1/-j2).
# Usage: bash scripts/bench.sh [--runs N]   (needs poppler-utils and qpdf; not run by CI)
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cargo build --release --locked --quiet --manifest-path "$ROOT/Cargo.toml" --bin kouteihyo --example interpret_floor
exec python3 "$ROOT/scripts/bench.py" "$@"
