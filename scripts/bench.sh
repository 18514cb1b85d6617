#!/usr/bin/env bash
# Times kouteihyo's PDF → validated JSON against `pdftotext -layout` (poppler-utils) and
# lopdf's load alone, on one edition PDF and on a batch of 32 copies, and prints a Markdown
# table (median of N runs) with the ratios the goals are about:
#   - kouteihyo's whole PDF → JSON under pdftotext's time for the same file;
#   - the 32-file batch at least 1.8× faster with -j 2 than with -j 1 (on 2 cores).
#
# Usage: bash scripts/bench.sh [-n RUNS] [PDF]
#   RUNS  timed runs per row after one warm-up run (default 10; or BENCH_RUNS=…)
#   PDF   the file to time (default fixtures/editions/2025-06/followup.pdf)
# Needs: cargo, pdftotext (apt-get install poppler-utils). Uses hyperfine when installed,
# else a loop timed with `date +%s%N`. Not a test; CI does not run it.
#
# lopdf is not a dependency of kouteihyo: scripts/bench/lopdf-load is a crate of its own
# (own Cargo.lock, own target folder) that loads each PDF given and prints its page count.
set -Eeuo pipefail
trap 'echo "bench.sh: failed (line $LINENO): $BASH_COMMAND" >&2' ERR

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${BENCH_RUNS:-10}"
while getopts "n:h" opt; do
  case "$opt" in
    n) RUNS="$OPTARG" ;;
    *) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
PDF="$(realpath "${1:-$ROOT/fixtures/editions/2025-06/followup.pdf}")"
BATCH=32
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number: $RUNS" >&2; exit 2; }
command -v pdftotext >/dev/null || { echo "pdftotext is missing (apt-get install poppler-utils)" >&2; exit 1; }
[[ -f "$PDF" ]] || { echo "no such file: $PDF" >&2; exit 1; }

TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
LOPDF_TARGET="${LOPDF_TARGET_DIR:-$TARGET/lopdf-load}"
echo "building release binaries ..." >&2
cargo build --release --locked --quiet --manifest-path "$ROOT/Cargo.toml" --bin kouteihyo
cargo build --release --locked --quiet --manifest-path "$ROOT/scripts/bench/lopdf-load/Cargo.toml" \
  --target-dir "$LOPDF_TARGET"
KOUTEIHYO="$TARGET/release/kouteihyo"
LOPDF="$LOPDF_TARGET/release/lopdf-load"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/batch" "$WORK/out1" "$WORK/outb" "$WORK/txt"
for i in $(seq -w 1 "$BATCH"); do cp "$PDF" "$WORK/batch/copy$i.pdf"; done

# Fail early (and visibly) if a command does not work at all.
"$KOUTEIHYO" extract "$PDF" -o "$WORK/out1" -q
pdftotext -layout "$PDF" "$WORK/one.txt"
pages="$("$LOPDF" "$PDF" | cut -f2)"

# median_ms CMD: prints the median, min and max wall time of CMD in milliseconds (one warm-up
# run first).
if command -v hyperfine >/dev/null; then
  TIMER="hyperfine ($(hyperfine --version | cut -d' ' -f2))"
  median_ms() {
    # Its calibration warnings (short commands, slow first run) go to a log, shown on failure.
    hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/h.json" "$1" \
      >/dev/null 2>"$WORK/h.err" || { cat "$WORK/h.err" >&2; return 1; }
    # "median", "min", "max": seconds
    local k v out=()
    for k in median min max; do
      v=$(sed -n "s/.*\"$k\": *\([0-9.eE+-]*\).*/\1/p" "$WORK/h.json" | awk 'NR == 1')
      out+=("$(awk -v s="$v" 'BEGIN { printf "%.1f", s * 1000 }')")
    done
    echo "${out[*]}"
  }
else
  TIMER="bash loop with date +%s%N"
  median_ms() {
    local times=() t0 t1 i
    eval "$1" >/dev/null
    for ((i = 0; i < RUNS; i++)); do
      t0=$(date +%s%N)
      eval "$1" >/dev/null
      t1=$(date +%s%N)
      times+=($((t1 - t0)))
    done
    printf '%s\n' "${times[@]}" | sort -n |
      awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
             printf "%.1f %.1f %.1f", m / 1e6, v[1] / 1e6, v[NR] / 1e6 }'
  }
fi

# pair_ratio CMD_A CMD_B: runs A and B alternately RUNS times (after one warm-up each) and
# prints the median of the per-pair ratios time(A) / time(B). Load from other processes that
# comes and goes hits both commands of a pair alike, so this ratio is steadier than the ratio
# of two medians taken one command after the other.
pair_ratio() {
  local ratios=() a0 a1 b1 i
  eval "$1" >/dev/null
  eval "$2" >/dev/null
  for ((i = 0; i < RUNS; i++)); do
    a0=$(date +%s%N)
    eval "$1" >/dev/null
    a1=$(date +%s%N)
    eval "$2" >/dev/null
    b1=$(date +%s%N)
    ratios+=("$(awk -v a=$((a1 - a0)) -v b=$((b1 - a1)) 'BEGIN { printf "%.6f", a / b }')")
  done
  printf '%s\n' "${ratios[@]}" | sort -g |
    awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

q() { printf '%q' "$1"; }
echo "timing ($RUNS runs per row, $TIMER) ..." >&2
cmd_one_k="$(q "$KOUTEIHYO") extract $(q "$PDF") -o $(q "$WORK/out1") -q"
cmd_one_p="pdftotext -layout $(q "$PDF") $(q "$WORK/one.txt")"
cmd_b_j1="$(q "$KOUTEIHYO") extract $(q "$WORK/batch") -o $(q "$WORK/outb") -q -j 1"
cmd_b_j2="$(q "$KOUTEIHYO") extract $(q "$WORK/batch") -o $(q "$WORK/outb") -q -j 2"
read -r one_k one_k_min one_k_max <<<"$(median_ms "$cmd_one_k")"
read -r one_p one_p_min one_p_max <<<"$(median_ms "$cmd_one_p")"
read -r one_l one_l_min one_l_max <<<"$(median_ms "$(q "$LOPDF") $(q "$PDF")")"
read -r b_j1 b_j1_min b_j1_max <<<"$(median_ms "$cmd_b_j1")"
read -r b_j2 b_j2_min b_j2_max <<<"$(median_ms "$cmd_b_j2")"
read -r b_p b_p_min b_p_max <<<"$(median_ms "for f in $(q "$WORK/batch")/*.pdf; do pdftotext -layout \"\$f\" $(q "$WORK/txt")/\"\${f##*/}\".txt; done")"
read -r b_l b_l_min b_l_max <<<"$(median_ms "$(q "$LOPDF") $(q "$WORK/batch")/*.pdf")"

echo "timing the two goal ratios again, interleaved ($RUNS pairs each) ..." >&2
paired_vs_pdftotext=$(pair_ratio "$cmd_one_k" "$cmd_one_p")
paired_speedup=$(pair_ratio "$cmd_b_j1" "$cmd_b_j2")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
name="${PDF#"$ROOT"/}"
size=$(stat -c %s "$PDF")
speedup=$(ratio "$b_j1" "$b_j2")
vs_pdftotext=$(ratio "$one_k" "$one_p")
# holds A OP B: yes or no (OP is < or >=).
holds() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { r = (op == "<") ? (a + 0 < b + 0) : (a + 0 >= b + 0); print r ? "yes" : "no" }'; }

# range NAME: "min–max" of a row, for the note.
range() { local lo="${1}_min" hi="${1}_max"; echo "${!lo}–${!hi}"; }
poppler=$(pdftotext -v 2>&1 | awk 'NR == 1 { print $3 }')
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')

cat <<EOF

Machine: $(nproc) cores ($(uname -m), ${cpu:-cpu unknown}), load average $(cut -d' ' -f1-3 /proc/loadavg); timer: $TIMER; median of $RUNS runs after one warm-up.
Input: \`$name\` ($size bytes, $pages pages); batch: $BATCH copies of it in one folder.

| what | file/batch | median ms | note |
| --- | --- | ---: | --- |
| kouteihyo extract (PDF → validated JSON) | 1 file | $one_k | \`extract FILE -o DIR -q\`, default threads; range $(range one_k) ms |
| pdftotext -layout | 1 file | $one_p | poppler $poppler; range $(range one_p) ms |
| lopdf load | 1 file | $one_l | \`Document::load\` + page count; range $(range one_l) ms |
| kouteihyo extract -j 1 | $BATCH files | $b_j1 | one process; range $(range b_j1) ms |
| kouteihyo extract -j 2 | $BATCH files | $b_j2 | one process; range $(range b_j2) ms |
| pdftotext -layout | $BATCH files | $b_p | one process per file, one after another; range $(range b_p) ms |
| lopdf load | $BATCH files | $b_l | all files in one process; range $(range b_l) ms |

- kouteihyo / pdftotext on one file: ${vs_pdftotext}× from the medians, ${paired_vs_pdftotext}× interleaved (goal: < 1, met: $(holds "$paired_vs_pdftotext" "<" 1))
- batch speed-up, -j 1 / -j 2: ${speedup}× from the medians, ${paired_speedup}× interleaved (goal: ≥ 1.8 on 2 cores, met: $(holds "$paired_speedup" ">=" 1.8))

"Interleaved" is the median of per-pair ratios, the two commands run alternately; the goals
are judged on it. The machine's other load shows in the ranges; rerun when they are wide.
EOF
