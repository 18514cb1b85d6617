#!/usr/bin/env bash
# Regenerate the print-chain fixtures in fixtures/pdf-chains/ (issue 12, part 7).
#
# Whole 2025-06 decks, as other producers write them and as print chains re-write them:
#   - chromium-plain.pdf, chromium-framed.pdf: the gold reading of 2025-06
#     (fixtures/gold/2025-06.json) laid out as HTML by deck_html.py and printed by Chromium
#     headless (tagged PDFs: Table/TR/TH/TD in the structure tree);
#   - <base>.<chain>.pdf: the LibreOffice deck (shared/corpus/pdf/2025-06.pdf, the same file
#     as fixtures/editions/2025-06/followup.pdf) and chromium-plain.pdf re-written by
#       gs         ghostscript pdfwrite (re-distill)
#       cairo      pdftocairo -pdf (poppler + cairo: a cairo print)
#       objstm     qpdf --object-streams=generate (pack into object streams)
#       qdf        qpdf --qdf --object-streams=disable (decompress everything)
#       mutool-gz  mutool clean -gggz (garbage-collect, compact, deflate)
#       mutool-d   mutool clean -d (decompress)
# Next to each X.pdf is X.pdftotext.txt, the output of `pdftotext -layout` (the oracle text).
# tests/pdf_chains.rs scores every deck here against the gold reading.
#
# Run by hand, not in CI:   bash scripts/pdf-fixtures/make-chains.sh
# Needs (Debian 12): apt-get install -y chromium fonts-ipaexfont fonts-noto-cjk ghostscript \
#                                       poppler-utils qpdf mupdf-tools
# Made with: Chromium 156.0.8078.114 (Skia/PDF m156), GPL Ghostscript 10.00.0,
#            poppler 22.12.0 (pdftocairo, pdftotext, pdffonts), qpdf 11.3.0, mutool 1.21.1.
# The script prints the versions it finds; outputs that are too large for the repository are
# left out (see SKIP below and fixtures/pdf-chains/README.md).
#
# Idempotent: every output is rewritten from its inputs. Chromium, ghostscript and cairo write
# dates and IDs, so a rerun does not give the same bytes (the reading is the same).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/fixtures/pdf-chains"
GOLD="$ROOT/fixtures/gold/2025-06.json"
LO_DECK="$ROOT/fixtures/editions/2025-06/followup.pdf"  # = shared/corpus/pdf/2025-06.pdf
PY="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1

missing=()
for tool in chromium gs pdftocairo pdftotext pdffonts pdfinfo qpdf mutool; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
fc-list | grep -c IPAexGothic >/dev/null || missing+=("font:IPAexGothic (fonts-ipaexfont)")
if ((${#missing[@]})); then
  echo "missing: ${missing[*]}" >&2
  exit 1
fi

echo "tools:"
echo "  $(chromium --version 2>/dev/null | head -n1)"
echo "  ghostscript $(gs --version)"
echo "  $(pdftocairo -v 2>&1 | head -n1)"
echo "  $(qpdf --version | head -n1)"
echo "  $(mutool -v 2>&1 | head -n1)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/*.pdf "$OUT"/*.pdftotext.txt

# 1. The Chromium decks, from the gold reading.
chromium_print() { # html pdf
  local profile
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" \
    --no-pdf-header-footer --print-to-pdf="$2" "file://$1" >"$WORK/chromium.log" 2>&1
  rm -rf "$profile"
}
for style in plain framed; do
  "$PY" "$HERE/deck_html.py" "$GOLD" "$WORK/$style.html" --style "$style"
  chromium_print "$WORK/$style.html" "$OUT/chromium-$style.pdf"
  pages=$(pdfinfo "$OUT/chromium-$style.pdf" | awk '/^Pages:/ {print $2}')
  [[ "$pages" == 13 ]] || { echo "chromium-$style.pdf has $pages pages, want 13 (cover + 12 sheets)" >&2; exit 1; }
done

# 2. Print chains on the LibreOffice deck and on the plain Chromium deck.
#    SKIP lists base.chain pairs that are not committed (too large, or reading the same as
#    another file byte for byte); see fixtures/pdf-chains/README.md.
SKIP=" ${SKIP_CHAINS:-libreoffice.qdf chromium-plain.qdf chromium-plain.mutool-d chromium-plain.mutool-gz} "
chain() { # name in out
  case "$1" in
    gs) gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -o "$3" "$2" ;;
    cairo) pdftocairo -pdf "$2" "$3" ;;
    objstm) qpdf --object-streams=generate "$2" "$3" ;;
    qdf) qpdf --qdf --object-streams=disable "$2" "$3" ;;
    mutool-gz) mutool clean -gggz "$2" "$3" >/dev/null ;;
    mutool-d) mutool clean -d "$2" "$3" >/dev/null ;;
  esac
}
for base in libreoffice chromium-plain; do
  if [[ "$base" == libreoffice ]]; then in="$LO_DECK"; else in="$OUT/$base.pdf"; fi
  for c in gs cairo objstm qdf mutool-gz mutool-d; do
    out="$OUT/$base.$c.pdf"
    chain "$c" "$in" "$WORK/chain.pdf"
    if [[ "$SKIP" == *" $base.$c "* ]]; then
      echo "skipped $base.$c.pdf ($(stat -c %s "$WORK/chain.pdf") bytes)"
      continue
    fi
    mv "$WORK/chain.pdf" "$out"
  done
done

# 3. Oracle text.
for pdf in "$OUT"/*.pdf; do
  pdftotext -layout "$pdf" "${pdf%.pdf}.pdftotext.txt"
done

# 4. Summary for the README table: bytes, producer, tagged, fonts.
for pdf in "$OUT"/*.pdf; do
  name="$(basename "$pdf")"
  producer="$(pdfinfo "$pdf" | sed -n 's/^Producer: *//p')"
  tagged="$(pdfinfo "$pdf" | sed -n 's/^Tagged: *//p')"
  fonts="$(pdffonts "$pdf" | tail -n +3 | awk '{
      # type is the 2-3 words before the encoding; summarise by type and embedding
      n = NF; emb = $(n-4); uni = $(n-2); name = $1;
      t = ""; for (i = 2; i <= n - 6; i++) t = t (t ? " " : "") $i;
      k = t " emb " emb " uni " uni; c[k]++
    } END { for (k in c) printf "%d × %s; ", c[k], k }')"
  echo "| \`$name\` | $(stat -c %s "$pdf") | $producer | $tagged | $fonts |"
done
