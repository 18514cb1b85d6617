"""Draw the fixture sheet with reportlab and its non-embedded CID fonts.

Text uses UnicodeCIDFont('HeiseiKakuGo-W5'): a Type0 font with the predefined
CMap UniJIS-UCS2-H, no embedded font program and no ToUnicode CMap (a reader
must map codes to Unicode through the predefined CMap / Adobe-Japan1).
All table rules are drawn with canvas.line / canvas.rect, cell by cell, so
merged cells simply have no interior rule.

Usage:
    python3 rl_sheet.py OUT.pdf              # horizontal text only
    python3 rl_sheet.py --vertical OUT.pdf   # plus a vertical side label set in
                                             # HeiseiMin-W3 with CMap UniJIS-UCS2-V
    python3 rl_sheet.py --no-rules OUT.pdf   # no ruling lines at all: only the header
                                             # shading and the text show the columns
"""
import sys

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import sheet

GOTHIC = "HeiseiKakuGo-W5"
MINCHO = "HeiseiMin-W3"
SIZE = 7.0
LEADING = 9.0
PAD = 2.5
MARGIN = 28.0
SIDE_W = 24.0  # width of the vertical side label column (vertical variant only)


def wrap(lines, width, font=GOTHIC, size=SIZE):
    """Greedy character wrap (Japanese text may break between any two characters)."""
    out = []
    for line in lines:
        cur = ""
        for ch in line:
            if cur and pdfmetrics.stringWidth(cur + ch, font, size) > width:
                out.append(cur)
                cur = ch
            else:
                cur += ch
        out.append(cur)
    return out


def draw_rules(c, x0, xs, ys, table_top, head_h, total_w, table_bottom, nrows, grid):
    """The table's rules: outer frame with rect, inner rules with line (none inside merged cells)."""
    c.rect(x0, table_bottom, total_w, table_top - table_bottom, stroke=1, fill=0)
    c.line(x0, table_top - head_h, x0 + total_w, table_top - head_h)
    for col in range(1, sheet.NCOLS):
        c.line(xs[col], table_top, xs[col], table_top - head_h)
    for r in range(nrows):
        for col in range(sheet.NCOLS):
            cl, origin = grid[r][col]
            if not origin:
                continue
            right = xs[col + cl["cs"]]
            bottom = ys[r + cl["rs"]]
            if col + cl["cs"] < sheet.NCOLS:
                c.line(right, ys[r], right, bottom)
            if r + cl["rs"] < nrows:
                c.line(xs[col], bottom, right, bottom)


def main():
    args = sys.argv[1:]
    vertical = "--vertical" in args
    rules = "--no-rules" not in args
    out = [a for a in args if not a.startswith("--")][0]

    pdfmetrics.registerFont(UnicodeCIDFont(GOTHIC))
    if vertical:
        # isVertical=True selects the CMap UniJIS-UCS2-V.
        pdfmetrics.registerFont(UnicodeCIDFont(MINCHO, isVertical=True))

    pw, ph = landscape(A4)
    c = canvas.Canvas(out, pagesize=(pw, ph), invariant=1)
    c.setTitle("各施策のスケジュール・工程表① (reportlab fixture)")

    # Heading, theme label, 再掲 callout.
    top = ph - MARGIN
    c.setFont(GOTHIC, 14)
    c.drawString(MARGIN, top - 14, sheet.HEADING)
    c.setFont(GOTHIC, 9)
    tw = pdfmetrics.stringWidth(sheet.THEME, GOTHIC, 9)
    c.setFillColorRGB(0.87, 0.91, 0.96)
    c.rect(MARGIN, top - 36, tw + 12, 15, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(MARGIN + 6, top - 32, sheet.THEME)
    c.setStrokeColorRGB(0.8, 0, 0)
    c.setLineWidth(1.5)
    c.rect(pw - MARGIN - 44, top - 18, 44, 18, stroke=1, fill=0)
    c.setFillColorRGB(0.8, 0, 0)
    c.setFont(GOTHIC, 10)
    c.drawCentredString(pw - MARGIN - 22, top - 13, sheet.CALLOUT)
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColorRGB(0, 0, 0)

    # Column geometry.
    x0 = MARGIN + (SIDE_W if vertical else 0.0)
    total_w = pw - MARGIN - x0
    widths = [total_w * w / 100.0 for w in sheet.COL_WIDTHS]
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)

    grid = sheet.grid()
    nrows = len(grid)

    # Row heights: single-row cells first, then stretch the last row of a
    # rowspan if the spanning cell needs more room.
    def cell_w(r, col, cl):
        return xs[col + cl["cs"]] - xs[col] - 2 * PAD

    def need(r, col, cl):
        return len(wrap(cl["lines"], cell_w(r, col, cl))) * LEADING + 2 * PAD

    heights = [24.0] * nrows
    for r in range(nrows):
        for col in range(sheet.NCOLS):
            cl, origin = grid[r][col]
            if origin and cl["rs"] == 1:
                heights[r] = max(heights[r], need(r, col, cl))
    for r in range(nrows):
        for col in range(sheet.NCOLS):
            cl, origin = grid[r][col]
            if origin and cl["rs"] > 1:
                have = sum(heights[r:r + cl["rs"]])
                n = need(r, col, cl)
                if n > have:
                    heights[r + cl["rs"] - 1] += n - have
    head_h = 14.0
    table_top = top - 46
    ys = [table_top - head_h]  # ys[r] = top of body row r
    for h in heights:
        ys.append(ys[-1] - h)
    table_bottom = ys[-1]

    # Header background and spanned-cell background (fills, no stroke).
    c.setFillColorRGB(0.85, 0.85, 0.85)
    c.rect(x0, table_top - head_h, total_w, head_h, stroke=0, fill=1)
    for r in range(nrows):
        for col in range(sheet.NCOLS):
            cl, origin = grid[r][col]
            if origin and cl["cs"] > 1:
                c.setFillColorRGB(0.99, 0.89, 0.84)
                c.rect(xs[col], ys[r + cl["rs"]], xs[col + cl["cs"]] - xs[col],
                       ys[r] - ys[r + cl["rs"]], stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)

    # Rules: outer frame with rect, inner rules with line.
    c.setLineWidth(0.6)
    if rules:
        draw_rules(c, x0, xs, ys, table_top, head_h, total_w, table_bottom, nrows, grid)

    # Header text.
    c.setFont(GOTHIC, SIZE)
    for col, h in enumerate(sheet.HEADER):
        if h:
            c.drawCentredString((xs[col] + xs[col + 1]) / 2, table_top - head_h + 4.5, h)

    # Body text.
    for r in range(nrows):
        for col in range(sheet.NCOLS):
            cl, origin = grid[r][col]
            if not origin:
                continue
            for i, line in enumerate(wrap(cl["lines"], cell_w(r, col, cl))):
                c.drawString(xs[col] + PAD, ys[r] - PAD - SIZE * 0.9 - i * LEADING, line)

    # Vertical side label: its own column left of the table, spanning the body rows.
    if vertical:
        c.setLineWidth(0.6)
        c.setFillColorRGB(0.87, 0.91, 0.96)
        c.rect(MARGIN, table_bottom, SIDE_W, table_top - head_h - table_bottom, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        vsize = 11.0
        c.setFont(MINCHO, vsize)
        # With a vertical CMap the text origin is the top centre of the first glyph
        # and glyphs advance downwards.
        label_h = len(sheet.SIDE_LABEL) * vsize
        mid = (table_top - head_h + table_bottom) / 2
        c.drawString(MARGIN + SIDE_W / 2, mid + label_h / 2, sheet.SIDE_LABEL)

    # Footnote.
    c.setFont(GOTHIC, 8)
    c.drawRightString(pw - MARGIN, table_bottom - 12, sheet.FOOTNOTE)

    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
