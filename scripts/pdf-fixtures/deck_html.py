"""Render a whole follow-up deck as HTML from a gold reading, for Chromium's print-to-PDF.

The gold JSON (fixtures/gold/2025-06.json, format in /work/shared/corpus/gold/FORMAT.md)
gives every sheet's header, cells with spans and items, labels, 再掲 callouts and ※
footnotes. This script lays each sheet out as one landscape A4 page:

- the heading line 各施策のスケジュール・工程表N,
- the labels (theme and pillar boxes) above the table,
- a real <table>: one <tr> of <th> header cells, then the body rows with
  <td rowspan colspan> from the gold cells (empty <td> where the gold has no cell);
  items are <ul><li> when the gold cell has bullets, else one <p> per item,
- small bordered 再掲 callout boxes on cells (see CALLOUT_ANCHORS),
- the ※ footnotes at the bottom right.

A cover page with the gold cover lines comes first, as in the real deck. The text is exactly
the gold text (HTML-escaped; the gold has no runs of spaces, so HTML whitespace collapsing
keeps it). Latin words break only at spaces, or anywhere when one does not fit its cell
(`overflow-wrap: anywhere`); `word-break: break-all` would break them anywhere, and no reader
can tell such a break from a wrap at a space (Chromium draws no glyph for the space at a line
end). A small script in the page shrinks the font of a sheet (from 9 pt down, in
0.25 pt steps) until the sheet fits its page, so every sheet is one page.

Two styles vary the geometry:

  plain    border-collapse: collapse, one rule between cells, IPAexGothic, list markers are
           Chromium's default discs (drawn as shapes, not glyphs), 再掲 boxes inside the
           top-right corner of their cell.
  framed   border-collapse: separate with 2 px spacing (every cell has its own four rules),
           a 1.5 pt outer frame around the table, list markers "・" as text (hanging),
           再掲 boxes positioned absolutely across the top rule of their cell.

Both use IPAexGothic (Skia embeds it as a CID TrueType subset, Identity-H). The bold heading
has no bold face to use, so Skia draws it in synthetic bold as Type 3 fonts (glyph outlines
with a ToUnicode map). Noto Sans CJK (a CFF collection) was tried too: Skia writes every glyph
of it as Type 3, and the deck is 0.9 MB, too large for a fixture.

Usage:
    python3 deck_html.py GOLD.json OUT.html [--style plain|framed]
"""
import argparse
import json
from html import escape

# Where the 再掲 callouts sit: (sheet, body row, column) of the cell each one is anchored to.
# The gold gives only the callouts' texts; these anchors are the cells the callouts of the
# real 2025-06 deck (shared/corpus/pdf/2025-06.pdf) are attached to when kouteihyo reads it:
# all on measure cells (① r2 and r4, ③ r1 and r2, ④ r2).
CALLOUT_ANCHORS = {
    1: [(2, 0), (4, 0)],
    3: [(1, 0), (2, 0)],
    4: [(2, 0)],
}

# Column widths in percent of the table: measure, five phases, KPI, progress, programs.
WIDTHS_9 = [9, 8.6, 8.6, 8.6, 8.6, 8.6, 10, 23, 15]
WIDTHS_8 = [10, 10, 10, 10, 10, 11, 24, 15]

CSS_COMMON = """
@page { size: A4 landscape; margin: 8mm; }
html, body { margin: 0; padding: 0; }
body { font-family: %(font)s; color: #000; }
.sheet { position: relative; width: 281mm; height: 193mm; overflow: hidden;
         page-break-after: always; break-after: page; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
.cover { display: flex; flex-direction: column; justify-content: center; align-items: center;
         font-size: 24pt; line-height: 1.6; }
h1 { font-size: 1.9em; font-weight: bold; margin: 0 0 0.4em 0; }
.labels { margin: 0 0 0.5em 0; }
.label { display: inline-block; border: 1px solid #1f3864; background: #dae3f3;
         padding: 0.2em 0.8em; margin-right: 1em; font-size: 1.2em; }
table { width: 100%%; table-layout: fixed; }
th, td { vertical-align: top; padding: 0.25em 0.3em; line-height: 1.2; text-align: left;
         overflow-wrap: anywhere; }
th { background: #d9d9d9; font-weight: normal; text-align: center; vertical-align: middle; }
td p { margin: 0; }
td ul { margin: 0; padding-left: 1.1em; }
td li { margin: 0; }
td.span { background: #fce4d6; }
.callout { border: 1px solid #c00000; color: #c00000; background: #fff; padding: 0 0.3em;
           font-size: 0.95em; line-height: 1.3; white-space: nowrap; }
.foot { position: absolute; right: 0; bottom: 0; font-size: 1em; }
"""

CSS_STYLE = {
    "plain": """
table { border-collapse: collapse; }
th, td { border: 0.75px solid #000; }
td.anchor { position: relative; padding-top: 1.5em; }
td.anchor .callout { position: absolute; top: 0.15em; right: 0.15em; }
""",
    "framed": """
table { border-collapse: separate; border-spacing: 2px; border: 1.5pt solid #000; }
th, td { border: 0.5px solid #404040; }
td ul { list-style-type: "・"; padding-left: 1em; }
td.anchor { position: relative; }
td.anchor .callout { position: absolute; top: -0.75em; left: 0.5em; }
""",
}

FONTS = {
    "plain": '"IPAexGothic", sans-serif',
    "framed": '"IPAexGothic", sans-serif',
}

# Shrinks each sheet's font until its content fits the page box.
FIT_SCRIPT = """
<script>
for (const s of document.querySelectorAll('.sheet.table-sheet')) {
  let pt = 9.0;
  s.style.fontSize = pt + 'pt';
  while (pt > 4.0 && s.scrollHeight > s.clientHeight + 1) {
    pt -= 0.25;
    s.style.fontSize = pt + 'pt';
  }
}
</script>
"""


def cell_html(cell, anchored):
    attrs = []
    classes = []
    if cell["rs"] > 1:
        attrs.append(f'rowspan="{cell["rs"]}"')
    if cell["cs"] > 1:
        attrs.append(f'colspan="{cell["cs"]}"')
        classes.append("span")
    if anchored:
        classes.append("anchor")
    if classes:
        attrs.append(f'class="{" ".join(classes)}"')
    if cell["bullets"]:
        body = "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in cell["items"]) + "</ul>"
    else:
        body = "".join(f"<p>{escape(i)}</p>" for i in cell["items"])
    if anchored:
        body = '<span class="callout">再掲</span>' + body
    return f"<td{' ' + ' '.join(attrs) if attrs else ''}>{body}</td>"


def sheet_html(s):
    n_cols, n_rows = s["n_cols"], s["n_rows"]
    widths = WIDTHS_9 if n_cols == 9 else WIDTHS_8
    assert len(widths) == n_cols, (s["sheet"], n_cols)
    anchors = CALLOUT_ANCHORS.get(s["sheet"], [])
    assert len(anchors) == len(s["callouts"]), f"sheet {s['sheet']}: callout anchors"
    start = {(c["r"], c["c"]): c for c in s["cells"]}
    covered = set()
    for c in s["cells"]:
        for r in range(c["r"], c["r"] + c["rs"]):
            for k in range(c["c"], c["c"] + c["cs"]):
                assert (r, k) not in covered, (s["sheet"], r, k)
                covered.add((r, k))
    for a in anchors:
        assert a in start, f"sheet {s['sheet']}: no cell at {a} for a callout"
    out = ['<div class="sheet table-sheet">']
    out.append(f"<h1>{escape(s['heading'])}</h1>")
    if s["labels"]:
        out.append('<div class="labels">' +
                   "".join(f'<span class="label">{escape(l)}</span>' for l in s["labels"]) +
                   "</div>")
    out.append("<table><colgroup>" +
               "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>")
    out.append("<thead><tr>")
    for h in s["header"]:
        cs = f' colspan="{h["cs"]}"' if h["cs"] > 1 else ""
        out.append(f"<th{cs}>{escape(h['text'])}</th>")
    out.append("</tr></thead><tbody>")
    for r in range(n_rows):
        out.append("<tr>")
        for k in range(n_cols):
            if (r, k) in start:
                out.append(cell_html(start[(r, k)], (r, k) in anchors))
            elif (r, k) not in covered:
                out.append("<td></td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    if s["footnotes"]:
        out.append('<div class="foot">' +
                   "<br>".join(escape(f) for f in s["footnotes"]) + "</div>")
    out.append("</div>")
    return "\n".join(out)


def deck_html(gold, style):
    css = (CSS_COMMON % {"font": FONTS[style]}) + CSS_STYLE[style]
    out = ['<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8">',
           f"<title>{escape(gold['edition'])} follow-up ({style})</title>",
           f"<style>{css}</style></head><body>"]
    out.append('<div class="sheet cover">' +
               "".join(f"<div>{escape(l)}</div>" for l in gold["cover"]) + "</div>")
    for s in gold["sheets"]:
        out.append(sheet_html(s))
    out.append(FIT_SCRIPT)
    out.append("</body></html>\n")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--style", choices=sorted(CSS_STYLE), default="plain")
    a = ap.parse_args()
    with open(a.gold, encoding="utf-8") as f:
        gold = json.load(f)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(deck_html(gold, a.style))


if __name__ == "__main__":
    main()
