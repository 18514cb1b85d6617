"""A sheet whose schedule entries are drawn as shapes across phase columns (reportlab).

The table is fully ruled (every column rule runs through every row), and the schedule
entries sit on top of it the way slides draw them: a chevron arrow over 2025年度 and
2026-2028年度 with its text centred on it, and a shaded box over 2024年末…2025年度. A
reader that only follows the rules would cut each entry in two or three; the shapes say the
entry is one cell spanning those phases.

Usage:
    python3 rl_arrows.py OUT.pdf
"""
import sys

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "HeiseiKakuGo-W5"
SIZE = 8.0

HEADER = ["", "2024年夏", "2024年末", "2024年度末", "2025年度", "2026-2028年度",
          "KPI (成果指標)", "進捗状況※", "該当事業"]
WIDTHS = [110, 70, 70, 70, 70, 90, 90, 130, 80]
ROW_H = [24, 60, 60]
MARGIN = 28.0


def main():
    out = sys.argv[1]
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pw, ph = landscape(A4)
    c = canvas.Canvas(out, pagesize=(pw, ph), invariant=1)
    c.setFont(FONT, 16)
    c.drawString(MARGIN, ph - 40, "各施策のスケジュール・工程表①")
    c.setFont(FONT, SIZE)
    c.drawString(MARGIN, 30, "※2025年6月末時点")

    xs = [MARGIN]
    for w in WIDTHS:
        xs.append(xs[-1] + w)
    top = ph - 70
    ys = [top]
    for h in ROW_H:
        ys.append(ys[-1] - h)

    # Full grid: every rule crosses the whole table.
    c.setLineWidth(0.75)
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])

    def text_in(col, row, lines, dx=3):
        y = ys[row] - 11
        for line in lines:
            c.drawString(xs[col] + dx, y, line)
            y -= 10

    for i, label in enumerate(HEADER):
        text_in(i, 0, [label])

    # Row 1: a chevron arrow over 2025年度 and 2026-2028年度, text centred on it.
    text_in(0, 1, ["国際共同治験の", "相談窓口の整備"])
    x0, x1 = xs[4] + 4, xs[6] - 4
    yb, yt = ys[2] + 18, ys[1] - 18
    tip = 10
    c.setFillColorRGB(0.75, 0.85, 0.95)
    p = c.beginPath()
    p.moveTo(x0, yb)
    p.lineTo(x1 - tip, yb)
    p.lineTo(x1, (yb + yt) / 2)
    p.lineTo(x1 - tip, yt)
    p.lineTo(x0, yt)
    p.lineTo(x0 + tip, (yb + yt) / 2)
    p.close()
    c.drawPath(p, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    label = "窓口の運用と海外企業への周知"
    w = pdfmetrics.stringWidth(label, FONT, SIZE)
    c.drawString((x0 + x1) / 2 - w / 2, (yb + yt) / 2 - 3, label)
    text_in(6, 1, ["相談件数", "年間15件 (R10)"])
    text_in(7, 1, ["・令和7年度より事業を開始【厚】"])

    # Row 2: a shaded box over 2024年末, 2024年度末 and 2025年度.
    text_in(0, 2, ["治験DB の改修"])
    bx0, bx1 = xs[2] + 4, xs[5] - 4
    by0, by1 = ys[3] + 16, ys[2] - 16
    c.setFillColorRGB(0.95, 0.9, 0.75)
    c.rect(bx0, by0, bx1 - bx0, by1 - by0, fill=1, stroke=1)
    c.setFillColorRGB(0, 0, 0)
    label = "大規模改修事業の実施"
    w = pdfmetrics.stringWidth(label, FONT, SIZE)
    c.drawString((bx0 + bx1) / 2 - w / 2, (by0 + by1) / 2 - 3, label)
    text_in(6, 2, ["アクセス数", "120万件 (R10)"])

    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
