#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for SECONDS each and prints a table of executions
# and findings. Seed corpora are built from fixtures/ each time (the corpus the fuzzer grows
# in fuzz/corpus/TARGET is kept between runs; neither is committed):
#   convert_pdf   every fixtures/**/*.pdf
#   convert_dump  fixtures/editions/*/followup.txt, and their first 40 and 120 lines
#   fragments     distinct HTML fields (<ul>, <li>, <p>, <br>) cut from those dumps
#   decode        the first 4 KiB of each dump as UTF-8, Shift_JIS, UTF-16LE/BE with a BOM, CRLF
# plus, for each target, the committed findings and seeds of fixtures/fuzz/TARGET/.
#
# Usage: bash scripts/fuzz.sh [SECONDS] [TARGET…]
#   SECONDS  time per target (default 60)
#   TARGET   only these targets (default: all of `cargo fuzz list`)
# Environment:
#   FUZZ_JOBS=2           targets run two at a time (default 1: one after another)
#   FUZZ_SANITIZER=none   build without AddressSanitizer (default address: its malloc limit
#                         stops a single huge allocation before it takes the machine's memory)
#   FUZZ_PDF_MAX_KB=128   leave larger PDFs out of convert_pdf's seeds (default: all; the edition
#                         PDFs take about a second each under AddressSanitizer)
#   FUZZ_FORK=0           stop a target at its first finding (default 1: libFuzzer's fork mode
#                         with -ignore_crashes/-ignore_ooms/-ignore_timeouts, so a known crash
#                         does not end a long campaign; every finding lands in artifacts/)
# Needs: the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`), iconv.
# Findings land in fuzz/artifacts/TARGET/; fixtures/fuzz/README.md says what to do with them.
# Not a test; CI does not run it (tests/fuzz_regressions.rs replays the findings on stable).
set -Eeuo pipefail
trap 'echo "fuzz.sh: failed (line $LINENO): $BASH_COMMAND" >&2' ERR

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-60}"
[[ "$SECONDS_EACH" =~ ^[1-9][0-9]*$ ]] || { sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
shift || true
JOBS="${FUZZ_JOBS:-1}"
SAN="${FUZZ_SANITIZER:-address}"
FORK="${FUZZ_FORK:-1}"
FUZZ="$ROOT/fuzz"
cd "$ROOT"

cargo +nightly fuzz --help >/dev/null 2>&1 || { echo "cargo-fuzz missing: cargo install cargo-fuzz" >&2; exit 1; }
if (($#)); then TARGETS=("$@"); else mapfile -t TARGETS < <(cargo +nightly fuzz list); fi

# ---- seed corpora ---------------------------------------------------------------------
# A seed is stored under the SHA-1 of its bytes, as libFuzzer names corpus files.
seed() { # seed DIR < bytes
  local tmp; tmp="$(mktemp)"; cat >"$tmp"
  if [[ -s "$tmp" ]]; then mv "$tmp" "$1/$(sha1sum "$tmp" | cut -c1-40)"; else rm -f "$tmp"; fi
}
for t in convert_pdf convert_dump fragments decode; do mkdir -p "$FUZZ/corpus/$t"; done
DUMPS=(fixtures/editions/*/followup.txt)
while IFS= read -r -d '' f; do seed "$FUZZ/corpus/convert_pdf" <"$f"; done \
  < <(find fixtures -name '*.pdf' -not -path 'fixtures/fuzz/*' ${FUZZ_PDF_MAX_KB:+-size "-$((FUZZ_PDF_MAX_KB + 1))k"} -print0)
for d in "${DUMPS[@]}"; do
  seed "$FUZZ/corpus/convert_dump" <"$d"
  head -n 40 "$d" | seed "$FUZZ/corpus/convert_dump"
  head -n 120 "$d" | seed "$FUZZ/corpus/convert_dump"
  # Fields with markup, the shortest distinct ones first (short seeds mutate faster).
  tr '\t' '\n' <"$d" | grep -E '<(ul|ol|li|p|br|div|span)\b' | awk '!seen[$0]++' \
    | awk '{ print length($0) "\t" $0 }' | sort -n | cut -f2- | awk 'NR <= 30' \
    | while IFS= read -r field; do printf '%s' "$field" | seed "$FUZZ/corpus/fragments"; done
  head -c 4096 "$d" | { iconv -c -f UTF-8 -t UTF-8 2>/dev/null || true; } >"$FUZZ/corpus/.head"
  seed "$FUZZ/corpus/decode" <"$FUZZ/corpus/.head"
  sed 's/$/\r/' "$FUZZ/corpus/.head" | seed "$FUZZ/corpus/decode"
  iconv -c -f UTF-8 -t SHIFT_JIS "$FUZZ/corpus/.head" 2>/dev/null | seed "$FUZZ/corpus/decode" || true
  { printf '\xff\xfe'; iconv -c -f UTF-8 -t UTF-16LE "$FUZZ/corpus/.head" 2>/dev/null; } | seed "$FUZZ/corpus/decode" || true
  { printf '\xfe\xff'; iconv -c -f UTF-8 -t UTF-16BE "$FUZZ/corpus/.head" 2>/dev/null; } | seed "$FUZZ/corpus/decode" || true
  rm -f "$FUZZ/corpus/.head"
done
for t in convert_pdf convert_dump fragments decode; do
  for f in fixtures/fuzz/"$t"/*; do [[ -f "$f" ]] && seed "$FUZZ/corpus/$t" <"$f"; done
done

# ---- build once, run each target ------------------------------------------------------
cargo +nightly fuzz build -s "$SAN"
mkdir -p "$FUZZ/logs"
ARGS=(-max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1)
((FORK)) && ARGS+=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)

run_one() { # run_one TARGET: fuzzes it, leaves its log and counts of artifacts
  local t="$1" extra=()
  [[ "$t" == convert_pdf ]] && extra=(-max_len=1048576)
  mkdir -p "$FUZZ/artifacts/$t"
  ls "$FUZZ/artifacts/$t" | wc -l >"$FUZZ/logs/$t.before"
  set +e
  cargo +nightly fuzz run -s "$SAN" "$t" "$FUZZ/corpus/$t" -- "${ARGS[@]}" "${extra[@]}" \
    >"$FUZZ/logs/$t.log" 2>&1
  echo $? >"$FUZZ/logs/$t.rc"
  set -e
}

running=0
for t in "${TARGETS[@]}"; do
  echo "fuzzing $t for ${SECONDS_EACH}s …" >&2
  run_one "$t" &
  running=$((running + 1))
  if ((running >= JOBS)); then wait -n || true; running=$((running - 1)); fi
done
wait || true

# ---- table ------------------------------------------------------------------------------
printf '\n| target | seconds | executions | exec/s | findings (new) | oom/timeout/crash | artifacts | exit |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
for t in "${TARGETS[@]}"; do
  log="$FUZZ/logs/$t.log"
  # Plain mode prints stat::number_of_executed_units; fork mode a last "#N: … exec/s: …" line.
  execs="$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
  rate="$(grep -o 'stat::average_exec_per_sec: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
  if [[ -z "$execs" ]]; then
    last="$(grep -E '^#[0-9]+: ' "$log" | tail -1 || true)"
    execs="$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")"
    rate="$(grep -oE 'exec/s: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)"
  fi
  kinds="$(grep -oE 'oom/timeout/crash: [0-9]+/[0-9]+/[0-9]+' "$log" | tail -1 | cut -d' ' -f2 || true)"
  if [[ -z "$kinds" ]]; then # plain mode: at most one finding, named by its kind
    kinds="$(grep -oE 'ERROR: libFuzzer: (out-of-memory|timeout|deadly signal)|panicked at' "$log" | head -1 || true)"
    kinds="${kinds:--}"
  fi
  if [[ -z "$rate" && -n "$execs" ]]; then rate=$((execs / SECONDS_EACH)); fi
  total="$(ls "$FUZZ/artifacts/$t" | wc -l)"
  new=$((total - $(cat "$FUZZ/logs/$t.before")))
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$t" "$SECONDS_EACH" "${execs:-?}" "${rate:-?}" \
    "$new" "$kinds" "$total" "$(cat "$FUZZ/logs/$t.rc")"
done
echo
echo "logs: fuzz/logs/TARGET.log; findings: fuzz/artifacts/TARGET/ (see fixtures/fuzz/README.md)"
