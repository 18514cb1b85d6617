#!/usr/bin/env bash
# Regenerate the small PDF fixtures in fixtures/pdf-variants/.
#
# Each PDF is one landscape A4 page resembling one roadmap sheet
# (各施策のスケジュール・工程表①) written by a different PDF producer / font set-up,
# so that a PDF front-end can be tested against the ways real PDFs carry text.
# Next to each PDF, `pdftotext -layout` output is stored as <name>.pdftotext.txt
# (the oracle text).
#
# Run by hand, not in CI:   bash scripts/pdf-fixtures/make.sh
# Needs (Debian):  apt-get install -y libreoffice-writer-nogui fonts-ipaexfont chromium \
#                                     poppler-utils poppler-data qpdf
#                  pip install reportlab img2pdf pikepdf
# (poppler-data is needed for pdftotext/pdffonts to read the non-embedded
#  Adobe-Japan1 CID fonts of the reportlab variants.)
# Pass --install to run those install commands first.
#
# LibreOffice and Chromium write dates and IDs into their PDFs, so reruns are
# not byte-identical; the reportlab variants are (invariant mode).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/fixtures/pdf-variants"
PY="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1  # keep __pycache__ out of the script folder

if [[ "${1:-}" == "--install" ]]; then
  apt-get update
  apt-get install -y libreoffice-writer-nogui fonts-ipaexfont chromium poppler-utils poppler-data qpdf \
    || apt-get install -y libreoffice-writer fonts-ipaexfont chromium poppler-utils poppler-data qpdf
  "$PY" -m pip install reportlab img2pdf pikepdf
fi

missing=()
for tool in soffice chromium pdftotext pdffonts pdftoppm qpdf; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
"$PY" -c 'import reportlab, img2pdf, pikepdf' 2>/dev/null || missing+=("python:reportlab/img2pdf/pikepdf")
fc-list | grep -q IPAexGothic || missing+=("font:IPAexGothic (fonts-ipaexfont)")
[[ -d /usr/share/poppler/cMap/Adobe-Japan1 ]] || missing+=("poppler-data")
if ((${#missing[@]})); then
  echo "missing: ${missing[*]} -- rerun with --install (as root) or install them by hand" >&2
  exit 1
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# 1. LibreOffice Writer from a flat ODT -> subset TrueType fonts with ToUnicode.
"$PY" "$HERE/sheet.py" fodt "$WORK/sheet.fodt"
soffice --headless "-env:UserInstallation=file://$WORK/lo-profile" \
  --convert-to pdf --outdir "$WORK" "$WORK/sheet.fodt" >"$WORK/soffice.log" 2>&1
cp "$WORK/sheet.pdf" "$OUT/libreoffice-truetype.pdf"

# 1b. The same ODT exported as a tagged PDF: a structure tree with Table/TR/TH/TD and
#     RowSpan/ColSpan attributes (a second opinion on the ruled grid, see src/pdf/tagged.rs).
mkdir -p "$WORK/tagged"
soffice --headless "-env:UserInstallation=file://$WORK/lo-profile" \
  --convert-to 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}' \
  --outdir "$WORK/tagged" "$WORK/sheet.fodt" >"$WORK/soffice-tagged.log" 2>&1
cp "$WORK/tagged/sheet.pdf" "$OUT/libreoffice-tagged.pdf"

# 2. Chromium print-to-pdf from HTML -> Type0 / CIDFontType2, Identity-H.
"$PY" "$HERE/sheet.py" html "$WORK/sheet.html"
CHROME_PROFILE="$(mktemp -d)"
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$CHROME_PROFILE" \
  --no-pdf-header-footer --print-to-pdf="$OUT/chromium-identity-h.pdf" \
  "file://$WORK/sheet.html" >"$WORK/chromium.log" 2>&1
rm -rf "$CHROME_PROFILE"

# 3./4. reportlab with non-embedded CID fonts (UniJIS-UCS2-H, plus UniJIS-UCS2-V).
(cd "$HERE" && "$PY" rl_sheet.py "$OUT/reportlab-cid-unijis.pdf")
(cd "$HERE" && "$PY" rl_sheet.py --vertical "$OUT/reportlab-cid-vertical.pdf")
# 3b. The same sheet without any ruling line (header shading and text only).
(cd "$HERE" && "$PY" rl_sheet.py --no-rules "$OUT/reportlab-no-rules.pdf")

# 5. Image-only page: variant 1 rendered to a grey JPEG and wrapped back into a PDF.
pdftoppm -r 110 -gray -jpeg -jpegopt quality=60 -singlefile \
  "$OUT/libreoffice-truetype.pdf" "$WORK/scan"
"$PY" -m img2pdf --pagesize 'A4^T' -o "$OUT/no-text-layer.pdf" "$WORK/scan.jpg"

# 6. Encrypted copies of variant 1.
#    Empty user password (opens without asking), AES-128 (R4) as is common for
#    permission-restricted PDFs; owner password "owner".
qpdf --encrypt "" owner 128 --use-aes=y -- \
  "$OUT/libreoffice-truetype.pdf" "$OUT/encrypted-empty-user-password.pdf"
#    User password "secret", AES-256 (R6); owner password "owner".
qpdf --encrypt secret owner 256 -- \
  "$OUT/libreoffice-truetype.pdf" "$OUT/encrypted-password.pdf"

# 7. Truncated file: the first 60 % of variant 1's bytes.
size=$(stat -c %s "$OUT/libreoffice-truetype.pdf")
head -c $((size * 60 / 100)) "$OUT/libreoffice-truetype.pdf" >"$OUT/truncated.pdf"

# 8. Broken cross-reference table: variant 1 with every in-use offset of its xref table
#    moved 100 bytes on (same length, so startxref still finds the table). Every object is
#    intact; a reader has to rebuild the table by scanning for `N 0 obj`.
"$PY" - "$OUT/libreoffice-truetype.pdf" "$OUT/broken-xref.pdf" <<'EOF'
import re, sys
data = open(sys.argv[1], "rb").read()
at = data.rindex(b"\nxref")
def shift(m):
    return b"%010d %s n" % (int(m.group(1)) + 100, m.group(2))
tail, n = re.subn(rb"(\d{10}) (\d{5}) n", shift, data[at:])
assert n > 0 and len(tail) == len(data) - at
open(sys.argv[2], "wb").write(data[:at] + tail)
EOF

# 9. An image-only page among text pages: variant 1 (text) followed by the scan of step 5.
qpdf --deterministic-id --empty --pages "$OUT/libreoffice-truetype.pdf" "$OUT/no-text-layer.pdf" -- \
  "$OUT/image-only-page.pdf"

# 10. Schedule entries drawn as shapes over a fully ruled table: a chevron arrow over two
#     phase columns and a shaded box over three (reportlab, byte-stable).
(cd "$HERE" && "$PY" rl_arrows.py "$OUT/reportlab-arrows.pdf")

# 11. Hand-written PDFs (no producer: objects, content streams and xref written byte by byte),
#     one per font/encoding set-up: 90ms-RKSJ-H, UniJIS-UTF16-H, Identity-H and Identity-V over
#     non-embedded Adobe-Japan1 CID fonts without ToUnicode, and Helvetica with /Differences.
#     Byte-stable; the CIDs come from poppler-data's UniJIS-UCS2-H.
"$PY" "$HERE/handmade.py" "$OUT"

# Oracle text.  pdftotext may fail on the truncated file; keep what it gives.
for pdf in "$OUT"/*.pdf; do
  name="$(basename "$pdf" .pdf)"
  pw=()
  [[ "$name" == encrypted-password ]] && pw=(-upw secret)
  pdftotext -layout "${pw[@]}" "$pdf" "$OUT/$name.pdftotext.txt" 2>"$WORK/pdftotext.err" \
    || echo "note: pdftotext failed on $name.pdf: $(head -c 300 "$WORK/pdftotext.err")" >&2
  [[ -f "$OUT/$name.pdftotext.txt" ]] || : >"$OUT/$name.pdftotext.txt"
done

# Print chain: the 2025-06 deck re-drawn by cairo (poppler's pdftocairo), which strokes the
# outlines of fake-bold glyphs as paths; pages 9 and 12 (sheets 8 and 11) are kept.
pdftocairo -pdf "$ROOT/fixtures/editions/2025-06/followup.pdf" "$WORK/cairo.pdf"
pdfseparate -f 9 -l 9 "$WORK/cairo.pdf" "$WORK/cairo-9.pdf"
pdfseparate -f 12 -l 12 "$WORK/cairo.pdf" "$WORK/cairo-12.pdf"
pdfunite "$WORK/cairo-9.pdf" "$WORK/cairo-12.pdf" "$OUT/cairo-fake-bold-deck.pdf"
pdftotext -layout "$OUT/cairo-fake-bold-deck.pdf" "$OUT/cairo-fake-bold-deck.pdftotext.txt"

# Garbled text layers (issue 12, "text you can trust"): the ToUnicode maps of a CID TrueType
# subset that keeps its Unicode cmap (Chromium) and of simple TrueType subsets that keep only a
# cmap from their own codes (LibreOffice), rewritten as bad re-distills do: katakana moved into
# Latin-1, an identity map over the codes, or no map at all. Needs pikepdf. The -cid variants
# are recoverable from the font's cmap; the -subset ones are not and must fail.
for how in latin1-kana identity missing; do
  arg="$how"; [[ "$how" == missing ]] && arg=drop
  "$PY" "$HERE/text_layer.py" "$OUT/chromium-identity-h.pdf" "$OUT/tounicode-$how-cid.pdf" "$arg"
  "$PY" "$HERE/text_layer.py" "$OUT/libreoffice-truetype.pdf" "$OUT/tounicode-$how-subset.pdf" "$arg"
  for v in cid subset; do
    pdftotext -layout "$OUT/tounicode-$how-$v.pdf" "$OUT/tounicode-$how-$v.pdftotext.txt"
  done
done

# Summary: sizes and font set-up of each file.
for pdf in "$OUT"/*.pdf; do
  name="$(basename "$pdf")"
  pw=()
  [[ "$name" == encrypted-password.pdf ]] && pw=(-upw secret)
  echo "== $name ($(stat -c %s "$pdf") bytes)"
  pdffonts "${pw[@]}" "$pdf" 2>&1 | head -n 8 || true
done
