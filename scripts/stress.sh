#!/usr/bin/env bash
# Runs the release binary over the reliability fixtures (fixtures/reliability/: inputs that once
# took super-linear time or unbounded memory) and over scaled copies made on the fly (2× and 4×
# the rows, columns, items or glyphs), and prints a Markdown table: file, exit code, seconds and
# peak resident memory, as measured by `/usr/bin/time -f '%e s %M KB'`. The scaled rows show
# whether time and memory grow linearly. Not a test; CI does not run it.
#
# Usage: bash scripts/stress.sh [FILE...]
#   FILE   inputs to run (default: fixtures/reliability/* plus the scaled variants)
# Environment:
#   KOUTEIHYO       binary to run (default: build and use $CARGO_TARGET_DIR/release/kouteihyo)
#   STRESS_TIMEOUT  seconds before a run is stopped and shown as "timeout" (default 60)
#   STRESS_VMEM_KB  address-space limit per run in KB (default 2097152, i.e. 2 GB; 0 = none)
#   STRESS_SCALES   factors of the scaled variants (default "1 2 4")
# Needs: /usr/bin/time (apt-get install time), python3 (to write the scaled PDFs), timeout.
set -Eeuo pipefail
trap 'echo "stress.sh: failed (line $LINENO): $BASH_COMMAND" >&2' ERR

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TIMEOUT="${STRESS_TIMEOUT:-60}"
VMEM="${STRESS_VMEM_KB:-2097152}"
SCALES="${STRESS_SCALES:-1 2 4}"
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 1; }

if [[ -z "${KOUTEIHYO:-}" ]]; then
  TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
  echo "building the release binary ..." >&2
  cargo build --release --locked --quiet --manifest-path "$ROOT/Cargo.toml" --bin kouteihyo
  KOUTEIHYO="$TARGET/release/kouteihyo"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

HEAD=$'各施策のスケジュール・工程表①\n\n\t2024年度\t2025年度\tKPI\t進捗状況※'

# Scaled variants: the same shapes as the fixtures, with `base × factor` rows/columns/items/glyphs
# (bases chosen so that 4× stays under MAX_ITEMS_PER_SHEET; the fixture past it shows the bound).
scaled() {
  local k="$1"
  python3 - "$WORK" "$k" "$HEAD" <<'EOF'
import sys, zlib
work, k, head = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def dump(name, body):
    with open(f"{work}/{name}", "w", encoding="utf-8") as f:
        f.write(head + "\n" + body + "\n")
n = 4000 * k
dump(f"scaled-identical-rows-{n}.txt", "\n".join(["同じ施策\t検討\t実施\t指標\t進捗"] * n))
n = 4000 * k
dump(f"scaled-distinct-rows-{n}.txt",
     "\n".join(f"施策{i}\t検討{i}\t実施{i}\t指標{i}\t進捗{i}" for i in range(n)))
n = 150000 * k
with open(f"{work}/scaled-header-{n}-columns.txt", "w", encoding="utf-8") as f:
    f.write("各施策のスケジュール・工程表①\n\n\t2024年度\t2025年度" + "\t" * n + "\n施策\t検討\t実施\n")
n = 20000 * k
dump(f"scaled-items-{n}-p.txt", "施策\t" + "<p>a" * n + "\t実施\t指標\t進捗")
# One text line: n ideographic spaces (CID 05A4 → U+3000) and then 施 (08AA).
n = 150000 * k
content = b"BT /F1 1 Tf 20 700 Td <" + b"05A4" * n + b"08AA> Tj ET\n"
stream = zlib.compress(content)
cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Repro-UCS def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"2 beginbfchar <05A4> <3000> <08AA> <65BD> endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5-Identity-H /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 /W [1 632 500] >>",
    b"<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 /FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 737 /StemV 93 >>",
    b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream",
]
out = bytearray(b"%PDF-1.7\n")
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
with open(f"{work}/scaled-leading-blank-glyphs-{n}.pdf", "wb") as f:
    f.write(out)
EOF
}

if [[ $# -gt 0 ]]; then
  files=("$@")
else
  files=("$ROOT"/fixtures/reliability/*)
  for k in $SCALES; do scaled "$k"; done
  files+=("$WORK"/scaled-*)
fi

echo "| file | exit | seconds | peak KB |"
echo "|---|---:|---:|---:|"
for f in "${files[@]}"; do
  rc=0
  (
    [[ "$VMEM" == 0 ]] || ulimit -v "$VMEM"
    exec /usr/bin/time -o "$WORK/time" -f '%e s %M KB' \
      timeout "$TIMEOUT" "$KOUTEIHYO" extract "$f" -o - --format json -q
  ) >/dev/null 2>"$WORK/err" || rc=$?
  read -r secs _ kb _ < <(tail -n 1 "$WORK/time") || { secs="?"; kb="?"; }
  case "$rc" in
    124) exit_label="timeout (${TIMEOUT} s)" ;;
    134) exit_label="134 (abort)" ;;
    *) exit_label="$rc" ;;
  esac
  echo "| $(basename "$f") | $exit_label | $secs | $kb |"
done
